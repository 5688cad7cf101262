"""How long hostile queries take to be answered or refused (the goal: under 1 s each).

    python bench/hostile_query_bench.py --library DIR     # a library you have (bigger is better)
    python bench/hostile_query_bench.py                    # builds the sample library in a tmp dir

Prints, per query, the slowest of --repeat runs and what came back (a result count or the
message). Run by hand; state the load (`uptime`) with any figure.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERIES = {
    "100 KB of words": "putin trump " * 9000,
    "100 KB in one word": "a" * 100_000,
    "100 KB of quotes": '"' * 100_000,
    "2,000 characters of ORs": ("putin OR trump " * 200)[:1990].rsplit(" OR", 1)[0],
    "2,000 characters of words": ("ceasefire talks istanbul " * 100)[:1995],
    "unbalanced quote": '"putin trump',
    "lone star": "*",
    "leading wildcard": "*tin",
    "two-letter prefix": "pu*",
    "bad range": "published:[2025-13-45 TO 2025-12-01]",
    "open range": "published:[* TO 2025-12-31]",
    "lone surrogate": "putin \ud800",
    "right-to-left marks": "\u202eputin\u202c",
    "combining accents": "pu" + "\u0301" * 50 + "tin",
    "fuzzy distance 2": "putin~2",
    "fuzzy distance 9": "putin~9",
    "phrase with huge slop": '"putin trump"~100000',
    "deep parentheses": "(" * 40 + "putin" + ")" * 40,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--library", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from index.library import open_library
    from index.model import QueryError, SearchRequest
    with tempfile.TemporaryDirectory() as tmp:
        if args.library is None:
            from index import samples
            lib = open_library(Path(tmp) / "lib")
            lib.import_all(samples.paths(), workers=0)
        else:
            lib = open_library(args.library, create=False)
        print(f"library {lib.path}: {lib.count():,} articles; load {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores")
        worst = 0.0
        for name, text in QUERIES.items():
            slowest, said = 0.0, ""
            for _ in range(args.repeat):
                start = time.perf_counter()
                try:
                    said = f"{lib.search(SearchRequest(query=text)).total:,} hits"
                except QueryError as e:
                    said = f"refused: {e}"
                slowest = max(slowest, time.perf_counter() - start)
            worst = max(worst, slowest)
            print(f"{name:28} {slowest * 1000:8.1f} ms  {said[:90]}")
        print(f"slowest: {worst * 1000:.1f} ms")
        lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
