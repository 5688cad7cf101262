"""Re-importing what a library already holds: the time of the second import of the same files.

    .venv/bin/python bench/reimport_bench.py [--articles 2000] [--workers 0] [--rounds 1]

Input: the sample texts (seeds/, every format) and ``--articles`` synthetic articles (the crash
harness's corpus: a fifth .txt files, the rest .jsonl exports). Each round imports them into a
fresh library, then imports the same paths again (every article a duplicate) and prints both
times and the ratio second/first. Before the duplicate check moved in front of the extraction,
the second import redid all of the extraction to find nothing new.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from killtest import make_corpus  # noqa: E402


def one_round(work: Path, inputs: list[str], workers: int | None) -> tuple[float, float, int, int]:
    from index.library import open_library
    lib_dir = work / "library"
    shutil.rmtree(lib_dir, ignore_errors=True)
    with open_library(lib_dir) as lib:
        t0 = time.perf_counter()
        first = lib.import_all(inputs, workers=workers)
        t1 = time.perf_counter()
        second = lib.import_all(inputs, workers=workers)
        t2 = time.perf_counter()
    if second.imported or second.duplicates != first.imported + first.duplicates:
        raise SystemExit(f"the re-import was not all duplicates: {second.imported} imported, "
                         f"{second.duplicates} duplicates of {first.imported}")
    return t1 - t0, t2 - t1, first.imported, second.duplicates


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--workers", default="0", help="extraction workers: a number or 'auto'")
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args(argv)
    workers = None if args.workers == "auto" else int(args.workers)
    with tempfile.TemporaryDirectory(prefix="reimport-") as tmp:
        work = Path(tmp)
        make_corpus(work / "corpus", args.articles, seed=1)
        inputs = [str(ROOT / "seeds"), str(work / "corpus")]
        firsts, seconds = [], []
        for k in range(args.rounds):
            a, b, n, d = one_round(work, inputs, workers)
            firsts.append(a)
            seconds.append(b)
            print(f"round {k + 1}: first import {a:.1f} s ({n} articles), re-import {b:.1f} s "
                  f"({d} duplicates), ratio {b / a:.2f}")
    a, b = statistics.median(firsts), statistics.median(seconds)
    print(f"median: first import {a:.1f} s, re-import {b:.1f} s, re-import/first {b / a:.2f} "
          f"(workers {args.workers})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
