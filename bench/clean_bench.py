"""Main-text quality of HTML pages: the HTML reader alone vs the reader + body cleaning.

Corpora (see their READMEs; never copied into the repo):
- ../shared/corpora/scrapinghub_article_extraction: token precision/recall/F1 of the body
  against the ground-truth article body (bag of tokens, as the upstream benchmark scores it);
- ../shared/corpora/trafilatura_eval_html: snippets that must appear ("with") and must not
  ("without"): precision = with-found / (with-found + without-found), recall = with-found / with.

Dates (``--only dates``): the dated pages of trafilatura_eval_html, trafilatura's own date beside
the date our reader and pipeline give the imported page.

``--part`` (bench/lockbox.py): pages whose stable key hash falls in the lockbox third are only
reported (``--part lockbox``), never tuned on or printed.

Also prints the cleaning time per article. Run:
    .venv/bin/python bench/clean_bench.py [--part open|lockbox] [--only text,dates] [--limit N]
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

sys.path.insert(0, str(ROOT))

from bench.corpora import CORPORA  # noqa: E402  (found from a worktree too)
from bench.lockbox import hashed_lockbox, keep  # noqa: E402
from index.errors import ReadError  # noqa: E402
from index.extract.text.clean import clean_text  # noqa: E402
from index.ingest.readers import webpage  # noqa: E402

_TOKEN = re.compile(r"\w+", re.U)


def tokens(text: str) -> Counter:
    return Counter(t.casefold() for t in _TOKEN.findall(text))


def prf(pred: Counter, gold: Counter) -> tuple[float, float]:
    common = sum((pred & gold).values())
    p = common / max(1, sum(pred.values()))
    r = common / max(1, sum(gold.values()))
    return p, r


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


class Timer:
    def __init__(self):
        self.read = self.clean = 0.0
        self.n = 0


def read_and_clean(data: bytes, name: str, timer: Timer) -> tuple[str, str] | None:
    t0 = time.perf_counter()
    try:
        raw = webpage.read(data, name)[0]
    except ReadError:
        return None
    t1 = time.perf_counter()
    cleaned = clean_text(raw.text, title=raw.title, format="html")
    t2 = time.perf_counter()
    timer.read += t1 - t0
    timer.clean += t2 - t1
    timer.n += 1
    return raw.text, cleaned.body


def scrapinghub(folder: Path, limit: int | None, timer: Timer, part: str = "open") -> None:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    sums = {"reader": [0.0, 0.0], "clean": [0.0, 0.0]}
    n = failed = 0
    for key, entry in sorted(truth.items())[:limit]:
        path = folder / "html" / f"{key}.html.gz"
        if not path.exists() or not keep(hashed_lockbox(key), part):
            continue
        got = read_and_clean(gzip.decompress(path.read_bytes()), f"{key}.html", timer)
        gold = tokens(entry.get("articleBody") or "")
        n += 1
        if got is None:
            failed += 1
            continue
        for label, text in zip(("reader", "clean"), got):
            p, r = prf(tokens(text), gold)
            sums[label][0] += p
            sums[label][1] += r
    print(f"scrapinghub_article_extraction ({part}): {n} pages ({failed} unreadable count as empty)")
    for label, (p, r) in sums.items():
        p, r = p / max(1, n), r / max(1, n)
        print(f"  {label:7s} token precision {p:.3f}  recall {r:.3f}  F1 {f1(p, r):.3f}")


def trafilatura_eval(folder: Path, limit: int | None, timer: Timer, part: str = "open") -> None:
    data = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    counts = {"reader": Counter(), "clean": Counter()}
    n = failed = 0
    for url, entry in sorted(data.items())[:limit]:
        path = folder / (entry.get("html_file") or "")
        if not path.is_file() or not keep(hashed_lockbox(url), part):
            continue
        raw_bytes = _html_bytes(path)
        got = read_and_clean(raw_bytes, path.name.removesuffix(".gz"), timer)
        n += 1
        texts = got or ("", "")
        failed += got is None
        for label, text in zip(("reader", "clean"), texts):
            t = _norm(text)
            c = counts[label]
            for snip in entry.get("with") or []:
                c["with"] += 1
                c["tp"] += _norm(snip) in t
            for snip in entry.get("without") or []:
                c["without"] += 1
                c["fp"] += _norm(snip) in t
    print(f"trafilatura_eval_html ({part}): {n} pages ({failed} unreadable count as empty)")
    for label, c in counts.items():
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["with"])
        print(f"  {label:7s} precision {p:.3f}  recall {r:.3f}  F1 {f1(p, r):.3f}  "
              f"(with found {c['tp']}/{c['with']}, without found {c['fp']}/{c['without']})")


def _html_bytes(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()


def trafilatura_date(html: str) -> dt.date | None:
    """trafilatura's own date (htmldate with its default settings), for the side-by-side figure."""
    from trafilatura import bare_extraction
    try:
        doc = bare_extraction(html, with_metadata=True)
    except Exception:   # noqa: BLE001 - a page it cannot parse has no date from it
        return None
    return _iso(getattr(doc, "date", None) if doc is not None else None)


def _iso(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def dates(folder: Path, limit: int | None, part: str, errors: int) -> None:
    """Publication dates of the dated trafilatura eval pages: trafilatura alone vs our reader +
    pipeline (the date an imported page gets in the library), and where ours comes from."""
    from index.ingest.readers.webpage import decode_html
    from index.extract.pipeline import extract
    from index.errors import Rejected
    data = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    n = ok_t = ok_o = none_o = 0
    sources = Counter()
    for url, entry in sorted(data.items())[:limit]:
        path = folder / (entry.get("html_file") or "")
        gold = _iso(entry.get("date"))
        if not gold or not path.is_file() or not keep(hashed_lockbox(url), part):
            continue
        raw_bytes = _html_bytes(path)
        n += 1
        ok_t += trafilatura_date(decode_html(raw_bytes)) == gold
        try:
            raw = webpage.read(raw_bytes, path.name.removesuffix(".gz"))[0]
            art = extract(raw)
            got, source = art.published, art.published_source
        except (ReadError, Rejected):
            got, source = None, None
        sources[(source, got == gold)] += 1
        ok_o += got == gold
        none_o += got is None
        if got != gold and errors > 0:
            errors -= 1
            print(f"    {url}: gold {gold}, ours {got} ({source})")
    print(f"dates on trafilatura_eval_html ({part}): {n} dated pages")
    print(f"  trafilatura alone {ok_t / max(1, n):.3f}   ours {ok_o / max(1, n):.3f} ({none_o} undated)")
    print("  ours by source (source, right): " + ", ".join(f"{k}: {v}" for k, v in sorted(sources.items(), key=str)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    ap.add_argument("--limit", type=int, default=None, help="pages per corpus")
    ap.add_argument("--part", default="open", choices=("open", "lockbox", "all"),
                    help="corpus part (bench/lockbox.py): tune on open, report lockbox")
    ap.add_argument("--only", default="text,dates", help="text (main text F1), dates, or both")
    ap.add_argument("--errors", type=int, default=0, help="print this many wrong dates (open only)")
    args = ap.parse_args(argv)
    if args.errors and args.part != "open":
        ap.error("--errors shows documents: not with the lockbox (use --part open)")
    timer = Timer()
    ran = False
    for name, fn in (("scrapinghub_article_extraction", scrapinghub), ("trafilatura_eval_html", trafilatura_eval)):
        folder = args.corpora / name
        if "text" not in args.only:
            continue
        if folder.is_dir():
            fn(folder, args.limit, timer, args.part)
            ran = True
        else:
            print(f"{name}: not found under {args.corpora}, skipped")
    folder = args.corpora / "trafilatura_eval_html"
    if folder.is_dir() and "dates" in args.only:
        dates(folder, args.limit, args.part, args.errors)
        ran = True
    if timer.n:
        print(f"time per page: HTML reader {timer.read / timer.n * 1000:.1f} ms, "
              f"clean_text {timer.clean / timer.n * 1000:.2f} ms ({timer.n} pages)")
    return 0 if ran else 1


if __name__ == "__main__":
    raise SystemExit(main())
