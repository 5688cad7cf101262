"""``mediawatch library copy SRC DST``: a local library to a team library and back, losslessly.

What is copied: every article (all fields, as stored: no re-extraction), the state (import log,
saved searches, their arrivals and alerts, stories and their links, learned lines, watch
folders) and the analyst's entity corrections. Stories are copied, not grouped again, so their
ids, members and order stay what the analysts know.

Resumable: articles already in the destination are skipped (by id) and state rows are written
with ``INSERT OR REPLACE`` by primary key, so running the same copy again after an interruption
finishes it and changes nothing that was already copied. Progress is a generator, as imports.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Generator, Iterable

from .errors import LibraryError

BATCH = 500
# State tables in an order that keeps references valid (stories before their members ...).
ORDER = ("meta", "import_runs", "files", "learned_articles", "learned_lines", "saved_searches",
         "saved_arrivals", "alerts", "watch_folders", "watch_files", "stories", "story_articles",
         "story_postings", "story_df", "story_meta", "story_links")


@dataclass
class CopyProgress:
    phase: str                  # articles | state | corrections | done
    done: int = 0
    total: int = 0
    table: str = ""


@dataclass
class CopyReport:
    articles: int = 0           # copied now
    skipped: int = 0            # already in the destination (an earlier, interrupted copy)
    rows: dict[str, int] = field(default_factory=dict)
    cancelled: bool = False


def _is_pg(state) -> bool:
    return getattr(state, "db_path", None) is None


def _tables(state) -> dict[str, list[str]]:
    """table -> column names, for both kinds of state."""
    if _is_pg(state):
        rows = state.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE "
            "table_schema = current_schema() AND table_name NOT LIKE 'mw\\_%' "
            "ORDER BY table_name, ordinal_position").fetchall()
    else:
        names = [r[0] for r in state.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        rows = [(t, c[1]) for t in names for c in state.execute(f"PRAGMA table_info({t})")]
    out: dict[str, list[str]] = {}
    for t, c in rows:
        out.setdefault(t, []).append(c)
    return out


def ensure_schemas(state) -> None:
    """The destination's tables, created by the modules that own them."""
    from .alerts import schema as alerts_schema
    from .stories import grouping
    from .extract.text import learned_lines
    alerts_schema.ensure(state)
    state.ensure("stories", grouping.SCHEMA)
    state.ensure("learned_lines", learned_lines.SCHEMA)


def _order_by(state, table: str, cols: list[str]) -> str:
    if not _is_pg(state):       # the primary key (WITHOUT ROWID tables have no rowid)
        info = [r for r in state.execute(f"PRAGMA table_info({table})") if r[5]]
        return ", ".join(r[1] for r in sorted(info, key=lambda r: r[5])) or "rowid"
    state.translator._table_info(table)
    return ", ".join(state.translator._keys.get(table) or cols)


def _rows(state, table: str, cols: list[str], chunk: int = 5000) -> Iterable[list[tuple]]:
    order = _order_by(state, table, cols)
    offset = 0
    while True:
        got = [tuple(r) for r in state.execute(
            f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order} LIMIT ? OFFSET ?",
            (chunk, offset)).fetchall()]
        if not got:
            return
        yield got
        offset += len(got)


def _copy_articles(src, dst, cancel, report: CopyReport) -> Generator[CopyProgress, None, None]:
    total = src.store.count()
    done, batch = 0, []

    def flush():
        have = dst.store.existing(a.id for a in batch)
        fresh = [a for a in batch if a.id not in have]
        report.skipped += len(batch) - len(fresh)
        report.articles += dst.store.add(fresh) if fresh else 0

    for article in src.store.iter_articles():
        batch.append(article)
        if len(batch) >= BATCH:
            flush()
            done += len(batch)
            batch = []
            yield CopyProgress("articles", done, total)
            if cancel is not None and cancel.cancelled:
                report.cancelled = True
                return
    if batch:
        flush()
        done += len(batch)
    yield CopyProgress("articles", done, total)


def _copy_state(src, dst, cancel, report: CopyReport) -> Generator[CopyProgress, None, None]:
    ensure_schemas(dst.state)
    theirs, ours = _tables(src.state), _tables(dst.state)
    names = [t for t in ORDER if t in theirs and t in ours]
    names += sorted(t for t in theirs if t in ours and t not in names)
    for k, table in enumerate(names):
        cols = [c for c in theirs[table] if c in ours[table]]
        sql = (f"INSERT OR REPLACE INTO {table} ({', '.join(cols)}) "
               f"VALUES ({', '.join('?' * len(cols))})")
        n = 0
        for rows in _rows(src.state, table, cols):
            with dst.state.tx() as conn:
                conn.executemany(sql, rows)
            n += len(rows)
        report.rows[table] = n
        if _is_pg(dst.state):
            dst.state.sync_identity(table)
        yield CopyProgress("state", k + 1, len(names), table)
        if cancel is not None and cancel.cancelled:
            report.cancelled = True
            return


def _copy_corrections(src, dst) -> None:
    from .extract.corrections import FILENAME
    path = src.path / FILENAME
    if path.exists():
        (dst.path / FILENAME).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        dst.reload_corrections()


def copy_library(src_location: str, dst_location: str, cancel=None
                 ) -> Generator[CopyProgress, None, CopyReport]:
    """Copy SRC into DST (created when missing). Raises LibraryError for a bad address or
    folder; yields progress, returns the report."""
    from .library import open_library
    if str(src_location).strip() == str(dst_location).strip():
        raise LibraryError("the source and the destination are the same library")
    src = open_library(src_location, create=False)
    try:
        dst = open_library(dst_location, create=True)
    except BaseException:
        src.close()
        raise
    report = CopyReport()
    try:
        with dst.writing():
            yield from _copy_articles(src, dst, cancel, report)
            if not report.cancelled:
                yield from _copy_state(src, dst, cancel, report)
            if not report.cancelled:
                _copy_corrections(src, dst)
        yield CopyProgress("done", report.articles + report.skipped, report.articles + report.skipped)
    finally:
        dst.close()
        src.close()
    return report


def report_json(report: CopyReport) -> dict:
    return json.loads(json.dumps({"articles": report.articles, "skipped": report.skipped,
                                  "rows": report.rows, "cancelled": report.cancelled}))
