"""Bulk build of a big team library for the benchmark: COPY in batches with the text indexes off,
then every index built once.

Adding a million articles through ``PgStore.add`` updates five GIN indexes row by row; on a
2-core machine that takes most of a day. A bulk build writes the same rows (the server still
computes every generated column: ``tsv``, ``exact``, ``pairs``, ``lead``, ``words``), but
drops the secondary indexes first and builds each one at the end from sorted runs, which is
how PostgreSQL wants a big load done. Loaders are processes over disjoint article ranges, each
batch one transaction (a killed build keeps its committed batches and resumes: ranges restart
after the highest article id present). The import path itself is timed separately
(team_bench.import_rate, through ``PgStore.add``).
"""
from __future__ import annotations

import multiprocessing as mp
import time

# The indexes a bulk load drops and rebuilds: every secondary index of the two big tables
# (primary keys and the unique id stay: they are what keep the rows one per article).
BIG_TABLES = ("mw_articles", "mw_values")


def secondary_indexes(conn) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of the big tables' non-constraint indexes."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary AND NOT i.indisunique",
        (list(BIG_TABLES),))]


def _load_ranges(url: str, ranges: list[tuple[int, int]], batch: int, out) -> None:
    """One loader process: its ranges in turn, reporting (articles, seconds) after each."""
    for start, stop in ranges:
        out.put(_load_range(url, start, stop, batch))


def _load_range(url: str, start: int, stop: int, batch: int) -> tuple[int, float]:
    """Articles [start, stop) of the seeded generator, COPY per batch."""
    import psycopg
    n, spent = 0, 0.0
    # autocommit: each batch is its own transaction (c.transaction()), committed at once, so
    # loaders hold a batch's locks only while writing it
    with psycopg.connect(url, autocommit=True) as c:
        c.execute("SET synchronous_commit = off")
        for buf in article_batches(start, stop, batch):
            t0 = time.perf_counter()
            for attempt in range(5):            # a deadlock victim is written again (store.py)
                try:
                    _copy_batch(c, buf)
                    break
                except psycopg.errors.DeadlockDetected:
                    if attempt == 4:
                        raise
            spent += time.perf_counter() - t0
            n += len(buf)
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


def _copy_batch(c, buf) -> None:
    """One batch in one transaction: the articles, their facet values, their new words."""
    from index.store.postgres.store import WORDS_SQL, _row, _values
    with c.transaction():
        with c.cursor().copy("COPY mw_articles (id, sha256, title, body, language, config, "
                             "published, imported, doc) FROM STDIN") as cp:
            for a in buf:
                cp.write_row(_row(a))
        seqs = dict((r[1], r[0]) for r in c.execute(
            "SELECT seq, id FROM mw_articles WHERE id = ANY(%s)", ([a.id for a in buf],)))
        with c.cursor().copy("COPY mw_values (seq, facet, key, value) FROM STDIN") as cp:
            for a in buf:
                for row in _values(a):
                    cp.write_row((seqs[a.id], *row))
        c.execute(WORDS_SQL, (list(seqs.values()),))


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


def _build_index(url: str, stmt: str) -> None:
    import psycopg
    with psycopg.connect(url, autocommit=True) as c:
        c.execute("SET maintenance_work_mem = '1GB'")
        c.execute(stmt.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))


def bulk_load(url: str, start: int, stop: int, *, loaders: int = 2, batch: int = 5000,
              say=print) -> float:
    """Articles [start, stop) into the library at ``url``; returns articles per second (load
    and index builds together). Chunks of 25,000 articles, each generated with its own seed
    (as team_bench's importers do), are spread over ``loaders`` processes."""
    import psycopg
    t0 = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as c:
        saved = secondary_indexes(c)
        for name, _ in saved:
            c.execute(f"DROP INDEX IF EXISTS {name}")
    # the definitions survive a killed build: kept in a table until the indexes are back
    with psycopg.connect(url, autocommit=True) as c:
        c.execute("CREATE TABLE IF NOT EXISTS bench_dropped_indexes (name text PRIMARY KEY, stmt text)")
        for name, stmt in saved:
            c.execute("INSERT INTO bench_dropped_indexes VALUES (%s, %s) ON CONFLICT DO NOTHING",
                      (name, stmt))
        saved = [tuple(r) for r in c.execute("SELECT name, stmt FROM bench_dropped_indexes")]
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
    say(f"  bulk: loaded in {t1 - t0:.0f} s; building {len(saved)} indexes")
    # two at a time: two cores
    procs = [mp.Process(target=_build_index, args=(url, stmt)) for _, stmt in saved]
    for k in range(0, len(procs), loaders):
        group = procs[k:k + loaders]
        for p in group:
            p.start()
        for p in group:
            p.join()
    with psycopg.connect(url, autocommit=True) as c:
        missing = [n for n, _ in saved if c.execute("SELECT to_regclass(%s)", (n,)).fetchone()[0] is None]
        if missing:
            raise RuntimeError(f"indexes not rebuilt: {missing}")
        c.execute("DROP TABLE bench_dropped_indexes")
    say(f"  bulk: indexes built in {time.perf_counter() - t1:.0f} s")
    return (stop - start) / (time.perf_counter() - t0)
