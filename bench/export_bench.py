"""Export speed and memory at scale: the whole result set of a search written as CSV, JSON Lines
and XLSX from a synthetic library (built as bench/search_bench.py builds it).

    .venv/bin/python bench/export_bench.py --library /tmp/mw-bench-100k [--corpora DIR]
    (an existing --library with enough documents is reused, e.g. search_bench's)

Cases: every article (empty query, newest first: 100,000 rows with lead snippets) in each
format, and a relevance-ranked OR query (snippets around the matches). Prints per case: rows,
seconds, rows/s, file size, the time to the first progress item, and the peak allocated memory (RssAnon)
above the process's level before the export (sampled every 20 ms), wall and CPU seconds (the
machine may be shared: CPU time says what the export itself costs), plus a cancel at half way (the
partial file must be gone and no target written). The goal: 100,000 rows under 30 s.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import search_bench  # noqa: E402
from index.cancel import CancelToken  # noqa: E402
from index.export.results import export_results  # noqa: E402
from index.library import open_library  # noqa: E402
from index.model import SearchRequest  # noqa: E402


def anon_rss() -> int:
    """Resident memory the process allocated (Linux: RssAnon). Plain RSS would also count the
    index files' pages that reading every stored article maps in: page cache, not a cost of
    the export (~200 MB at 100,000 articles, given back under memory pressure)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return psutil.Process().memory_info().rss


class PeakRss:
    def __init__(self):
        self.base = self.peak = anon_rss()
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, anon_rss())

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, anon_rss())


def run_case(library, request: SearchRequest, path: Path, cancel_at: float | None = None):
    token = CancelToken()
    t0, c0 = time.perf_counter(), time.process_time()
    first = None
    with PeakRss() as mem:
        gen = export_results(library, request, path, cancel=token)
        while True:
            try:
                p = next(gen)
            except StopIteration as stop:
                report = stop.value
                break
            if first is None:
                first = time.perf_counter() - t0
            if cancel_at is not None and p.total and p.done >= cancel_at * p.total:
                token.cancel()
    return (report, time.perf_counter() - t0, time.process_time() - c0, first,
            (mem.peak - mem.base) / 2**20)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--library", default="/tmp/mw-bench-100k")
    ap.add_argument("--corpora", default=str(search_bench.CORPORA),
                    help="the shared corpora (sentences for a library that must be built)")
    ap.add_argument("--out", default=None, help="folder for the exported files (default: a temp folder)")
    ap.add_argument("--formats", default="csv,jsonl,xlsx")
    args = ap.parse_args()
    folder = Path(args.library)
    if not folder.exists():
        search_bench.CORPORA = Path(args.corpora)
        if not search_bench.CORPORA.exists():
            sys.exit(f"corpora not found at {search_bench.CORPORA} (needed to build {folder})")
        search_bench.build(folder, args.docs)
    # search_bench builds a bare store: open it as a library's index through a library folder
    lib_dir = Path(tempfile.mkdtemp(prefix="mw-export-bench-lib-")) / "library"
    open_library(lib_dir).close()
    shutil.rmtree(lib_dir / "index")
    (lib_dir / "index").symlink_to(folder.resolve(), target_is_directory=True)
    library = open_library(lib_dir)
    n = library.count()
    out = Path(args.out or tempfile.mkdtemp(prefix="mw-export-bench-"))
    print(f"library: {n:,} articles; load {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
          f"{os.getloadavg()[2]:.2f} on {os.cpu_count()} cores")
    t0 = time.perf_counter()
    library.search(SearchRequest(limit=0))
    print(f"first search (columns): {time.perf_counter() - t0:.1f} s")
    cases = [("all, newest", SearchRequest(sort="newest"))]
    cases.append(("OR query, relevance", SearchRequest(query="government OR minister OR president OR bank")))
    print(f"\n{'case':22} {'fmt':5} {'rows':>8} {'wall s':>7} {'cpu s':>6} {'rows/s':>8} {'MB':>6} "
          f"{'first':>6} {'+mem MB':>8}")
    for label, req in cases:
        for fmt in args.formats.split(","):
            path = out / f"{label.split(',')[0].replace(' ', '-')}.{fmt}"
            report, secs, cpu, first, rss = run_case(library, req, path)
            print(f"{label:22} {fmt:5} {report.rows:8,} {secs:7.1f} {cpu:6.1f} {report.rows / secs:8,.0f} "
                  f"{report.bytes / 2**20:6.1f} {first:6.2f} {rss:8.0f}", flush=True)
    path = out / "cancelled.xlsx"
    report, secs, _, _, _ = run_case(library, SearchRequest(sort="newest"), path, cancel_at=0.5)
    left = [p.name for p in out.iterdir() if p.name.startswith("cancelled")]
    print(f"\ncancel at half: cancelled={report.cancelled}, {report.rows:,} of {report.total:,} rows "
          f"in {secs:.1f} s; files left: {left or 'none'}")
    print(f"load after: {os.getloadavg()[0]:.2f}")
    library.close()


if __name__ == "__main__":
    main()
