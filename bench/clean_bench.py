"""Main-text quality of HTML pages: the HTML reader alone vs the reader + body cleaning.

Corpora (see their READMEs; never copied into the repo):
- ../shared/corpora/scrapinghub_article_extraction: token precision/recall/F1 of the body
  against the ground-truth article body (bag of tokens, as the upstream benchmark scores it);
- ../shared/corpora/trafilatura_eval_html: snippets that must appear ("with") and must not
  ("without"): precision = with-found / (with-found + without-found), recall = with-found / with.

Also prints the cleaning time per article. Run:
    .venv/bin/python bench/clean_bench.py [--corpora DIR] [--limit N]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def scrapinghub(folder: Path, limit: int | None, timer: Timer) -> None:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    sums = {"reader": [0.0, 0.0], "clean": [0.0, 0.0]}
    n = failed = 0
    for key, entry in sorted(truth.items())[:limit]:
        path = folder / "html" / f"{key}.html.gz"
        if not path.exists():
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
    print(f"scrapinghub_article_extraction: {n} pages ({failed} unreadable count as empty)")
    for label, (p, r) in sums.items():
        p, r = p / max(1, n), r / max(1, n)
        print(f"  {label:7s} token precision {p:.3f}  recall {r:.3f}  F1 {f1(p, r):.3f}")


def trafilatura_eval(folder: Path, limit: int | None, timer: Timer) -> None:
    data = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    counts = {"reader": Counter(), "clean": Counter()}
    n = failed = 0
    for url, entry in sorted(data.items())[:limit]:
        path = folder / (entry.get("html_file") or "")
        if not path.is_file():
            continue
        raw_bytes = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
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
    print(f"trafilatura_eval_html: {n} pages ({failed} unreadable count as empty)")
    for label, c in counts.items():
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["with"])
        print(f"  {label:7s} precision {p:.3f}  recall {r:.3f}  F1 {f1(p, r):.3f}  "
              f"(with found {c['tp']}/{c['with']}, without found {c['fp']}/{c['without']})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--limit", type=int, default=None, help="pages per corpus")
    args = ap.parse_args(argv)
    timer = Timer()
    ran = False
    for name, fn in (("scrapinghub_article_extraction", scrapinghub), ("trafilatura_eval_html", trafilatura_eval)):
        folder = args.corpora / name
        if folder.is_dir():
            fn(folder, args.limit, timer)
            ran = True
        else:
            print(f"{name}: not found under {args.corpora}, skipped")
    if timer.n:
        print(f"time per page: HTML reader {timer.read / timer.n * 1000:.1f} ms, "
              f"clean_text {timer.clean / timer.n * 1000:.2f} ms ({timer.n} pages)")
    return 0 if ran else 1


if __name__ == "__main__":
    raise SystemExit(main())
