"""Flat with size (issue 14 point 4, issue 13 point 5): the same articles imported into an empty
library and into one that already holds 100,000, side by side in one run.

    .venv/bin/python bench/flat_bench.py [--limit 3000] [--base 100000] [--rounds 1] [--profile]

The imported articles: ``--limit`` Reuters-21578 articles taken evenly over the corpus (one JSONL
export, as bench/import_bench.py writes it). The base library, built once and cached under
bench/out/ (a killed build resumes; ``--rebuild`` starts again): the other Reuters articles,
imported with `mediawatch import` (so they share the imported articles' weeks and vocabulary),
then synthetic articles of bench/search_bench.py up to ``--base``, each batch of 1,000 committed
through ``Store.add`` and given to the library's after-commit steps (stories, alerts) exactly as
an import does; only their extraction is skipped (the generator sets persons, countries, ...).

Each round imports the JSONL into a fresh empty library and into a copy of the base, each in a
process of its own (start-up, opening the library and the import's own worker choice included,
as `mediawatch import` does). Printed: articles/s of both, the ratio (goal >= 0.90), and the
story grouping ms/article of both (CPU time of the ``group_new`` after-commit step, the stage
import_profile.py calls "after commit: stories"; goal <= 3 ms at 100,000). ``--profile`` times
every stage of the importing process (import_profile.instrument: the stages that run in the
import's own process; extraction runs in workers) and prints the two columns side by side, the
stages that grow first. Keep --limit small on the shared machine (3,000; 10,000 for the record).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpora import CORPORA, reuters  # noqa: E402

OUT = ROOT / "bench" / "out"
STORIES = "after commit: stories"


def split(limit: int) -> tuple[list[dict], list[dict]]:
    """(imported, base): ``limit`` Reuters articles spread evenly over the corpus, and the rest."""
    docs = reuters()
    limit = min(limit, len(docs))
    picked = {i * len(docs) // limit for i in range(limit)}
    return ([d for i, d in enumerate(docs) if i in picked],
            [d for i, d in enumerate(docs) if i not in picked])


# ------------------------------------------------------------------ the base library
def build_base(folder: Path, base_docs: list[dict], n: int, batch: int = 1000) -> int:
    """Reuters part through `mediawatch import`, then synthetic articles up to ``n`` (resumable)."""
    import import_bench
    from index.library import open_library
    marker = folder / "flat-reuters-done"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        src = import_bench.write_jsonl(base_docs, folder.parent / (folder.name + "-input.jsonl"))
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "index", "--library", str(folder / "lib"),
                        "import", "-q", str(src)], check=True)
        src.unlink()
        print(f"  base: {len(base_docs)} Reuters articles imported in "
              f"{time.perf_counter() - t0:.0f} s", flush=True)
        with open_library(folder / "lib", create=False) as library:
            marker.write_text(str(library.count()))     # (the corpus repeats a few articles)
    reuters_n = int(marker.read_text())
    library = open_library(folder / "lib", create=False)
    done = library.count() - reuters_n
    todo = n - reuters_n
    if done < todo:
        _add_synthetic(library, done, todo, batch)
    from index.stories.service import backfill
    with library.writing():
        left = backfill(library)           # a build killed between a commit and its stories
    if left:
        print(f"  base: {left} articles grouped after a stopped build", flush=True)
    held = library.count()
    print(f"  base library: {held} articles", flush=True)
    library.close()
    return held


def _add_synthetic(library, done: int, todo: int, batch: int) -> None:
    """search_bench's generator, prepared in a worker process (as search_bench.build), committed
    in batches through the store and the library's after-commit steps (as an import commits)."""
    from concurrent.futures import ProcessPoolExecutor
    from search_bench import _prepared_batch
    t0 = time.perf_counter()
    chunks = [(i, min(todo, i + batch), todo) for i in range(done, todo, batch)]
    with ProcessPoolExecutor(1) as pool, library.writing():
        ahead = [pool.submit(_prepared_batch, c) for c in chunks[:2]]
        for k in range(len(chunks)):
            arts = ahead.pop(0).result()
            if k + 2 < len(chunks):
                ahead.append(pool.submit(_prepared_batch, chunks[k + 2]))
            library.store.add(arts)
            for step in library.after_commit:
                step(library, arts)
            done = chunks[k][1]
            if k % 5 == 4 or k == len(chunks) - 1:
                print(f"  base: synthetic {done}/{todo} "
                      f"({(done - chunks[0][0]) / (time.perf_counter() - t0):.0f} articles/s)",
                      flush=True)


def copy_library(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst)


# ------------------------------------------------------------------ one import, in a process
def child(lib: Path, src: Path, profile: bool) -> None:
    """Runs in its own process: the import as `mediawatch import` runs it, stage times kept."""
    import import_profile as ip
    from index.ingest import pipeline as pipeline_mod
    t_start = time.perf_counter()
    from index.library import open_library
    library = open_library(lib)
    if profile:
        ip.instrument()
    else:                               # only the stories step timed (one wrapper per batch)
        listed = pipeline_mod.after_commit_steps

        def timed_steps(library):
            return [ip._timed(fn, STORIES) if getattr(fn, "__name__", "") == "group_new" else fn
                    for fn in listed(library)]
        pipeline_mod.after_commit_steps = timed_steps
    t0 = time.perf_counter()
    report = library.import_all([src], origin="cli")
    t_import = time.perf_counter() - t0
    n = library.count()
    library.close()
    print(json.dumps({"articles": len(report.ids), "library": n, "import_seconds": t_import,
                      "open_seconds": t0 - t_start, "failed": len(report.failed),
                      "stages": dict(ip.SELF), "calls": dict(ip.CALLS)}))


def run_child(lib: Path, src: Path, profile: bool) -> dict:
    import import_bench
    cmd = [sys.executable, __file__, "--child", str(lib), str(src)] + (["--profile"] if profile else [])
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = import_bench._TreePeak(proc.pid)
    out, err = proc.communicate()
    secs = time.perf_counter() - t0
    peak.stop()
    if proc.returncode != 0:
        raise SystemExit(f"import into {lib} failed:\n{err[-3000:]}")
    res = json.loads(out.strip().splitlines()[-1])
    res["seconds"] = secs
    res["peak_rss_mb"] = peak.mb
    return res


# ------------------------------------------------------------------ main
def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=3000, help="Reuters articles imported")
    ap.add_argument("--base", type=int, default=100_000, help="articles in the base library")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--profile", action="store_true", help="time every stage of the import")
    ap.add_argument("--base-reuters", type=int, default=None,
                    help="at most this many Reuters articles in the base (default: all the rest)")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(Path(a.child[0]), Path(a.child[1]), a.profile)
        return
    if not (CORPORA / "reuters21578").exists():
        print(f"skipped: {CORPORA / 'reuters21578'} is absent")
        return
    import import_bench
    docs, base_docs = split(a.limit)
    base_docs = base_docs[:a.base_reuters] if a.base_reuters is not None else base_docs
    # One cache per split, topped up to --base: a smaller --base than it holds uses it as it is.
    cache = OUT / f"flat-base-n{len(docs)}-r{len(base_docs)}"
    if a.rebuild:
        shutil.rmtree(cache, ignore_errors=True)
    held = int((cache / "complete").read_text().split()[0]) if (cache / "complete").exists() else 0
    if held < a.base:
        print(f"building the base library in {cache} (once; a stopped build resumes)", flush=True)
        t0 = time.perf_counter()
        held = build_base(cache, base_docs, a.base)
        (cache / "complete").write_text(f"{held} articles, built in {time.perf_counter() - t0:.0f} s\n")
    tmp = Path(tempfile.mkdtemp(prefix="mw-flat-bench-"))
    src = import_bench.write_jsonl(docs, tmp / "reuters.jsonl")
    print(f"{len(docs)} Reuters articles into an empty library and into one of {held}; "
          f"{os.cpu_count()} cores; load {os.getloadavg()[0]:.1f}; rounds {a.rounds}", flush=True)
    rounds = []
    try:
        for k in range(a.rounds):
            empty = run_child(tmp / f"empty-{k}", src, a.profile)
            shutil.rmtree(tmp / f"empty-{k}", ignore_errors=True)
            copy_library(cache / "lib", tmp / f"full-{k}")
            full = run_child(tmp / f"full-{k}", src, a.profile)
            shutil.rmtree(tmp / f"full-{k}", ignore_errors=True)
            if full["articles"] != empty["articles"]:
                print(f"  warning: {empty['articles']} new into empty, {full['articles']} into full")
            rounds.append((empty, full))
            r = (full["articles"] / full["seconds"]) / (empty["articles"] / empty["seconds"])
            print(f"  round {k + 1}: empty {empty['articles'] / empty['seconds']:.0f} art/s, "
                  f"full {full['articles'] / full['seconds']:.0f} art/s, ratio {r:.2f}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report(rounds, held)


def report(rounds: list[tuple[dict, dict]], base: int) -> None:
    def rate(x, key="seconds"):
        return x["articles"] / x[key]
    ratios = [rate(f) / rate(e) for e, f in rounds]
    mid = sorted(range(len(ratios)), key=ratios.__getitem__)[len(ratios) // 2]
    e, f = rounds[mid]
    print(f"\n{'':28}{'empty':>10}{base:>10}")
    print(f"{'library after':28}{e['library']:>10}{f['library']:>10}")
    print(f"{'articles/s (whole process)':28}{rate(e):>10.0f}{rate(f):>10.0f}")
    print(f"{'articles/s (import only)':28}{rate(e, 'import_seconds'):>10.0f}"
          f"{rate(f, 'import_seconds'):>10.0f}")
    print(f"{'open library, s':28}{e['open_seconds']:>10.2f}{f['open_seconds']:>10.2f}")
    print(f"{'peak RSS, MB':28}{e['peak_rss_mb']:>10.0f}{f['peak_rss_mb']:>10.0f}")
    g = [x["stages"].get(STORIES, 0.0) * 1000 / x["articles"] for x in (e, f)]
    print(f"{'grouping CPU ms/article':28}{g[0]:>10.2f}{g[1]:>10.2f}")
    print(f"ratio (whole process) {statistics.median(ratios):.2f}"
          + (f"  (rounds: {' '.join(f'{r:.2f}' for r in ratios)})" if len(ratios) > 1 else "")
          + f"; import only {rate(f, 'import_seconds') / rate(e, 'import_seconds'):.2f}")
    stages = set(e["stages"]) | set(f["stages"])
    if len(stages) > 1:
        print(f"\n{'stage (CPU ms/article, importing process)':46}{'empty':>9}{base:>9}{'grows':>9}")
        rows = [(s, e["stages"].get(s, 0.0) * 1000 / e["articles"],
                 f["stages"].get(s, 0.0) * 1000 / f["articles"]) for s in stages]
        for s, x, y in sorted(rows, key=lambda r: -(r[2] - r[1])):
            print(f"{s:46}{x:>9.3f}{y:>9.3f}{y - x:>+9.3f}")


if __name__ == "__main__":
    main()
