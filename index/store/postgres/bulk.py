"""Bulk loading of a team library: many articles at once, the way PostgreSQL wants a big load.

``PgStore.add`` is the import path: it keeps every index up to date row by row, which is right
for an analyst's import and far too slow for a million articles (five GIN indexes updated per
row). A bulk load writes the same rows into the same schema (the migrations are applied as on
any open; ``tsv``, ``exact``, ``pairs`` and ``lead`` stay generated columns the server computes)
in three steps:

1. ``begin``: the secondary indexes of ``mw_articles`` and ``mw_values`` are dropped; their
   definitions are kept in ``mw_meta`` (``bulk:index:NAME``), with the first article number
   of the load (``bulk:from_seq``), so a killed load resumes and still gets them back.
2. ``load`` (any number of connections at once, one transaction per batch): the batch is
   COPYed into a temporary staging table and moved into ``mw_articles`` by one set-based
   ``INSERT ... SELECT ... ON CONFLICT (id) DO NOTHING`` (the text vectors are computed there,
   for the whole batch in one statement); the new articles' facet values go in by COPY. The
   primary keys and the unique id stay, so rows stay one per article whatever is loaded twice.
3. ``finish``: the vocabulary of everything loaded in one ``ts_stat`` pass (per batch, two
   loaders would take the words' locks against each other), every dropped index built once
   from the full tables (two at a time: two builds keep two cores busy), then
   ``VACUUM (ANALYZE)`` for the planner's statistics and the visibility map.

Between ``begin`` and ``finish`` the library is searchable but slow (no text indexes).
"""
from __future__ import annotations

import threading
import time
from typing import Callable, Iterable

from index.model import Article

BIG_TABLES = ("mw_articles", "mw_values")
_INDEX_KEY = "bulk:index:"
_FROM_KEY = "bulk:from_seq"

_STAGE = ("CREATE TEMP TABLE IF NOT EXISTS mw_bulk_stage (ord int, id text, sha256 text, "
          "title text, body text, language text, config text, published date, "
          "imported timestamp, doc jsonb) ON COMMIT DELETE ROWS")
_MOVE = ("INSERT INTO mw_articles (id, sha256, title, body, language, config, published, "
         "imported, doc) SELECT id, sha256, title, body, language, config::regconfig, published, "
         "imported, doc FROM mw_bulk_stage ORDER BY ord ON CONFLICT (id) DO NOTHING "
         "RETURNING seq, id")


def secondary_indexes(conn) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of the big tables' indexes that are not constraints."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary AND NOT i.indisunique "
        "ORDER BY 1", (list(BIG_TABLES),))]


def pending(conn) -> bool:
    """Whether a bulk load was begun and not finished (its indexes are still missing)."""
    return conn.execute("SELECT EXISTS (SELECT 1 FROM mw_meta WHERE key = %s)",
                        (_FROM_KEY,)).fetchone()[0]


def begin(conn) -> None:
    """Drop the secondary indexes, remembering them; ``conn`` in autocommit mode. Idempotent:
    a second ``begin`` (a resumed load) keeps the first one's record."""
    with conn.transaction():
        conn.execute("INSERT INTO mw_meta (key, value) SELECT %s, "
                     "(coalesce(max(seq), 0) + 1)::text FROM mw_articles ON CONFLICT DO NOTHING",
                     (_FROM_KEY,))
        for name, stmt in secondary_indexes(conn):
            conn.execute("INSERT INTO mw_meta (key, value) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                         (_INDEX_KEY + name, stmt))
            conn.execute(f"DROP INDEX IF EXISTS {name}")


def load(conn, articles: Iterable[Article]) -> int:
    """One batch in one transaction; returns how many articles were new. ``conn`` in autocommit
    mode (each batch commits at once, so a loader holds its locks only while writing)."""
    from index.store.postgres.store import _row, _values
    # the ids sorted, as PgStore.add writes them: the same batches give the same index order
    by_id = {a.id: a for a in sorted(articles, key=lambda a: a.id)}
    if not by_id:
        return 0
    with conn.transaction():
        conn.execute(_STAGE)
        with conn.cursor().copy("COPY mw_bulk_stage FROM STDIN") as cp:
            for k, a in enumerate(by_id.values()):
                cp.write_row((k, *_row(a)))
        written = conn.execute(_MOVE).fetchall()
        with conn.cursor().copy("COPY mw_values (seq, facet, key, value) FROM STDIN") as cp:
            for seq, id_ in written:
                for row in _values(by_id[id_]):
                    cp.write_row((seq, *row))
    return len(written)


def finish(url: str, *, builders: int = 2, say: Callable[[str], None] = lambda m: None) -> None:
    """The vocabulary, the dropped indexes and the statistics; does nothing when no load is
    pending. A killed ``finish`` is run again: what it already built is kept."""
    import psycopg
    with psycopg.connect(url, autocommit=True) as c:
        meta = dict(c.execute("SELECT key, value FROM mw_meta WHERE key LIKE 'bulk:%'").fetchall())
        if _FROM_KEY not in meta:
            return
        t0 = time.perf_counter()
        # ts_stat: every distinct lexeme of the loaded articles' ``exact`` vectors in one pass
        c.execute("INSERT INTO mw_words (word) SELECT word COLLATE \"C\" FROM ts_stat("
                  "format('SELECT exact FROM mw_articles WHERE seq >= %%s', %s::bigint)) "
                  "ORDER BY 1 ON CONFLICT DO NOTHING", (int(meta[_FROM_KEY]),))
        say(f"bulk: vocabulary in {time.perf_counter() - t0:.0f} s")
    todo = [(k[len(_INDEX_KEY):], v) for k, v in sorted(meta.items()) if k.startswith(_INDEX_KEY)]
    # the GIN indexes first: they take longest, and two builders then finish together
    todo.sort(key=lambda nv: (" gin " not in nv[1].lower(), nv[0]))
    errors: list[BaseException] = []
    lock = threading.Lock()

    def build() -> None:
        try:
            with psycopg.connect(url, autocommit=True) as c:
                c.execute("SET maintenance_work_mem = '1GB'")
                while True:
                    with lock:
                        if not todo or errors:
                            return
                        name, stmt = todo.pop(0)
                    t = time.perf_counter()
                    c.execute(stmt.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))
                    c.execute("DELETE FROM mw_meta WHERE key = %s", (_INDEX_KEY + name,))
                    say(f"bulk: index {name} in {time.perf_counter() - t:.0f} s")
        except BaseException as e:             # reported by the caller's thread below
            errors.append(e)

    threads = [threading.Thread(target=build) for _ in range(max(1, builders))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    with psycopg.connect(url, autocommit=True) as c:
        t = time.perf_counter()
        for table in ("mw_articles", "mw_values", "mw_words"):
            c.execute(f"VACUUM (ANALYZE) {table}")
        c.execute("DELETE FROM mw_meta WHERE key = %s", (_FROM_KEY,))
        say(f"bulk: statistics in {time.perf_counter() - t:.0f} s")
