"""Is the order of the page-date finders (index/extract/html_dates.py FINDERS) general, or fitted
to the open pages? Leave-one-site-out figures on the open part of trafilatura_eval_html.

For every open dated page, each finder's answer is computed once (the page as the HTML reader
gives it to ``page_date``, htmldate's answer included). Then:
- per finder: how often it answers, and how often that answer is the page's date;
- per pair of finders: when both answer and disagree, how often each one is right;
- selection procedures learned on all sites but one and scored on the site left out (so no
  page's own answer chooses the order it is judged by): the order by precision, a pairwise
  (Copeland) order, a vote weighted by each finder's log-odds, beside the fixed order of FINDERS
  (that one has no learned part: its figure is the open figure of clean_bench.py).

Never reads the lockbox part (bench/lockbox.py). Run:
    .venv/bin/python bench/date_order_cv.py [--limit N] [--pairs]
"""
from __future__ import annotations

import argparse
import collections
import itertools
import json
import math
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.clean_bench import _html_bytes, _iso  # noqa: E402
from bench.corpora import CORPORA  # noqa: E402
from bench.lockbox import hashed_lockbox, keep  # noqa: E402
from index.errors import ReadError  # noqa: E402
from index.extract import html_dates  # noqa: E402
from index.ingest.readers import webpage  # noqa: E402


def finder_answers(folder: Path, limit: int | None) -> list[tuple[str, object, dict]]:
    """(page URL, gold date, {finder name: its date or None}) for the open dated pages."""
    data = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    seen: dict = {}
    real = webpage.page_date

    def spy(markup, url, lang, htmldate=None):
        seen["args"] = (markup, url, lang, htmldate)
        return real(markup, url, lang, htmldate=htmldate)

    rows = []
    webpage.page_date = spy
    try:
        for key, entry in sorted(data.items())[:limit]:
            path = folder / (entry.get("html_file") or "")
            gold = _iso(entry.get("date"))
            if not gold or not path.is_file() or not keep(hashed_lockbox(key), "open"):
                continue
            seen.clear()
            try:
                webpage.read(_html_bytes(path), path.name.removesuffix(".gz"))
            except ReadError:
                pass
            if "args" not in seen:
                rows.append((key, gold, {}))
                continue
            markup, url, lang, hd = seen["args"]
            tree = html_dates.parse_html(markup)
            answers = {}
            if tree is not None:
                page = html_dates._Page(tree, markup, url, (lang or "")[:2].lower() or None, hd)
                answers = {f.__name__.lstrip("_"): f(page) for f, _ in html_dates.FINDERS}
            rows.append((key, gold, answers))
    finally:
        webpage.page_date = real
    return rows


NAMES = [f.__name__.lstrip("_") for f, _ in html_dates.FINDERS]


def first_in(order, answers):
    return next((answers[n] for n in order if answers.get(n)), None)


def precision(rows) -> dict[str, float]:
    out = {}
    for n in NAMES:
        fired = [(g, a) for _, g, a in rows if a.get(n)]
        out[n] = (sum(a[n] == g for g, a in fired) + 1) / (len(fired) + 2)
    return out


def wins(rows) -> collections.Counter:
    won = collections.Counter()
    for _, g, a in rows:
        for x, y in itertools.permutations(NAMES, 2):
            if a.get(x) and a.get(y) and a[x] != a[y] and a[x] == g:
                won[(x, y)] += 1
    return won


def by_precision(rows):
    p = precision(rows)
    return ("order", sorted(NAMES, key=lambda n: -p[n]))


def copeland(rows):
    p, won = precision(rows), wins(rows)

    def beats(x, y):
        return (won[(x, y)] - won[(y, x)]) or (p[x] - p[y])
    score = {x: sum(beats(x, y) > 0 for y in NAMES if y != x) for x in NAMES}
    return ("order", sorted(NAMES, key=lambda n: (-score[n], -p[n])))


def log_odds_vote(rows):
    p = precision(rows)
    return ("vote", ({n: math.log(v / (1 - v)) for n, v in p.items()}, NAMES))


def fixed(rows):
    return ("order", NAMES)


def choose(model, answers):
    kind, m = model
    if kind == "order":
        return first_in(m, answers)
    weights, order = m
    score, rank = collections.defaultdict(float), {}
    for i, n in enumerate(order):
        if answers.get(n):
            score[answers[n]] += weights[n]
            rank.setdefault(answers[n], i)
    return max(score, key=lambda d: (score[d], -rank[d])) if score else None


def site(url: str) -> str:
    return ".".join((urlsplit(url).hostname or url).split(".")[-2:])


def leave_one_site_out(rows, learn) -> float:
    by_site = collections.defaultdict(list)
    for r in rows:
        by_site[site(r[0])].append(r)
    right = 0
    for s, held in by_site.items():
        model = learn([r for r in rows if site(r[0]) != s])
        right += sum(choose(model, a) == g for _, g, a in held)
    return right / max(1, len(rows))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--pairs", action="store_true", help="print the pairwise disagreements")
    args = ap.parse_args(argv)
    folder = args.corpora / "trafilatura_eval_html"
    if not folder.is_dir():
        print(f"trafilatura_eval_html: not found under {args.corpora}")
        return 1
    rows = finder_answers(folder, args.limit)
    n = len(rows)
    print(f"open dated pages {n}, sites {len({site(r[0]) for r in rows})}")
    print(f"  {'finder':18s} answers right  share")
    for name in NAMES:
        fired = [(g, a) for _, g, a in rows if a.get(name)]
        right = sum(a[name] == g for g, a in fired)
        print(f"  {name:18s} {len(fired):7d} {right:5d}  {right / max(1, len(fired)):.3f}")
    print(f"  any finder right (ceiling) {sum(any(v == g for v in a.values()) for _, g, a in rows) / max(1, n):.3f}")
    if args.pairs:
        won = wins(rows)
        print("  disagreements (A right, B right):")
        for x, y in itertools.combinations(NAMES, 2):
            if won[(x, y)] or won[(y, x)]:
                print(f"    {x:18s} {y:18s} {won[(x, y)]:3d} {won[(y, x)]:3d}")
    print("selection, leave one site out (in-sample in brackets):")
    for label, learn in (("fixed FINDERS order", fixed), ("order by precision", by_precision),
                         ("pairwise (Copeland) order", copeland), ("log-odds vote", log_odds_vote)):
        ins = sum(choose(learn(rows), a) == g for _, g, a in rows) / max(1, n)
        print(f"  {label:26s} {leave_one_site_out(rows, learn):.3f} ({ins:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
