"""Bulk build of a big team library for the benchmark, through index/store/postgres/bulk.py:
secondary indexes dropped, batches COPYed into a staging table and moved in by one set-based
INSERT ... SELECT each, then the vocabulary, every index and the statistics once at the end.

Adding a million articles through ``PgStore.add`` updates five GIN indexes row by row; on a
2-core machine that takes most of a day. Loaders are processes over disjoint article ranges,
each batch one transaction (a killed build keeps its committed batches and resumes: the ranges
are what is missing, and ``bulk.finish`` restores the indexes whenever it runs). The import
path itself is timed separately (team_bench.import_rate, through ``PgStore.add``).
"""
from __future__ import annotations

import multiprocessing as mp
import time


def _load_ranges(url: str, ranges: list[tuple[int, int]], batch: int, out) -> None:
    """One loader process: its ranges in turn, reporting (articles, seconds) after each."""
    for start, stop in ranges:
        out.put(_load_range(url, start, stop, batch))


def _load_range(url: str, start: int, stop: int, batch: int) -> tuple[int, float]:
    """Articles [start, stop) of the seeded generator, one bulk.load per batch."""
    import psycopg
    from index.store.postgres import bulk
    n, spent = 0, 0.0
    with psycopg.connect(url, autocommit=True) as c:
        c.execute("SET synchronous_commit = off")
        for buf in article_batches(start, stop, batch):
            t0 = time.perf_counter()
            n += bulk.load(c, buf)
            spent += time.perf_counter() - t0
    return n, spent


def article_batches(start: int, stop: int, batch: int):
    """Articles [start, stop) of the seeded generator in lists of ``batch``: seeded by ``start``
    and numbered from it, so ranges differ and no loader or importer makes another's."""
    import search_bench as sb
    buf = []
    for k, a in enumerate(sb.generate(stop - start, seed=7 + start)):
        a.id, a.sha256 = f"t{start + k:07d}", f"t{start + k}"
        buf.append(a)
        if len(buf) >= batch:
            yield buf
            buf = []
    if buf:
        yield buf


def _missing(url: str, start: int, stop: int) -> list[tuple[int, int]]:
    """The runs of article numbers in [start, stop) not in the library yet (a killed build, a
    top-up through PgStore.add: whatever is there is kept, COPY writes only the rest)."""
    import psycopg
    with psycopg.connect(url) as c:
        have = {int(r[0][1:]) for r in c.execute(
            "SELECT id FROM mw_articles WHERE id >= %s AND id < %s", (f"t{start:07d}", f"t{stop:07d}"))}
    runs, k = [], start
    while k < stop:
        if k in have:
            k += 1
            continue
        e = k
        while e < stop and e not in have:
            e += 1
        runs.append((k, e))
        k = e
    return runs


def bulk_load(url: str, start: int, stop: int, *, loaders: int = 2, batch: int = 2000,
              say=print) -> dict[str, float]:
    """Articles [start, stop) into the library at ``url``. Returns the figures: articles per
    second loaded, seconds to finish (vocabulary, indexes, statistics), articles per second
    overall. Chunks of 25,000 articles, each generated with its own seed (as team_bench's
    importers do), are spread over ``loaders`` processes."""
    import psycopg
    from index.store.postgres import bulk
    t0 = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as c:
        bulk.begin(c)
    chunk = 25_000
    # what is missing below ``stop``, chunk by chunk: the library's count says nothing about
    # where a killed build's loaders stopped
    ranges = [r for s in range(0, stop, chunk) for r in _missing(url, s, min(stop, s + chunk))]
    q = mp.Queue()
    procs = [mp.Process(target=_load_ranges, args=(url, ranges[k::loaders], batch, q))
             for k in range(loaders)]
    for p in procs:
        p.start()
    done = 0
    todo = sum(e - s for s, e in ranges)
    for _ in ranges:
        n, _ = q.get()
        done += n
        say(f"  bulk: {done:,} of {todo:,} articles loaded "
            f"({done / (time.perf_counter() - t0):.0f}/s)")
    for p in procs:
        p.join()
    t1 = time.perf_counter()
    say(f"  bulk: loaded {done:,} in {t1 - t0:.0f} s; vocabulary, indexes, statistics")
    bulk.finish(url, builders=loaders, say=lambda m: say("  " + m))
    t2 = time.perf_counter()
    say(f"  bulk: finished in {t2 - t1:.0f} s")
    return {"loaded/s": done / max(t1 - t0, 1e-9), "finish s": t2 - t1,
            "overall/s": done / max(t2 - t0, 1e-9)}
