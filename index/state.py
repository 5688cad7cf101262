"""The library's SQLite database: everything that is not search (import log, learned lines,
saved searches, alerts, stories, watch folders).

Threading contract: every thread gets its own connection (sqlite3 objects must not cross
threads); WAL mode lets the GUI read while an import writes. Modules that need tables create
them with ``state.ensure(name, sql)``, idempotent and run once per process per library.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import sqlite3
import threading
from pathlib import Path
from typing import Any, Iterator

from .model import ImportReport, Problem

CORE_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS import_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT NOT NULL,
    finished TEXT,                     -- NULL: still running, or the process died
    paths TEXT NOT NULL,               -- JSON list of what the user asked to import
    origin TEXT NOT NULL DEFAULT 'cli',-- cli | window | watch-folder ...
    imported INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    failed TEXT NOT NULL DEFAULT '[]', -- JSON [{path, reason}]
    skipped TEXT NOT NULL DEFAULT '[]',
    ids TEXT NOT NULL DEFAULT '[]',
    cancelled INTEGER NOT NULL DEFAULT 0
);
-- One row per file that produced articles or duplicates: watch folders use it to know what
-- they have already seen, and the reader pane to find an article's original file.
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    run_id INTEGER,
    articles INTEGER NOT NULL DEFAULT 0,
    seen TEXT NOT NULL
);
"""


class State:
    # Whether saved searches have owners and can be shared with a team (a team library's
    # state, index/store/postgres/roles.py); a local library's are all its one analyst's.
    sharing = False

    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self._local = threading.local()
        self._ensured: set[str] = set()
        self._ensure_lock = threading.Lock()
        self.executescript(CORE_SCHEMA)

    # -- connections
    @property
    def conn(self) -> sqlite3.Connection:
        c = getattr(self._local, "conn", None)
        if c is None:
            c = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
            c.row_factory = sqlite3.Row
            c.execute("PRAGMA journal_mode=WAL")
            c.execute("PRAGMA synchronous=NORMAL")
            c.execute("PRAGMA foreign_keys=ON")
            self._local.conn = c
        return c

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows) -> sqlite3.Cursor:
        with self.tx() as c:
            return c.executemany(sql, rows)

    def executescript(self, sql: str) -> None:
        self.conn.executescript(sql)

    @contextlib.contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """A write transaction; nested use joins the outer one."""
        c = self.conn
        if c.in_transaction:
            yield c
            return
        c.execute("BEGIN IMMEDIATE")
        try:
            yield c
        except BaseException:
            c.execute("ROLLBACK")
            raise
        c.execute("COMMIT")

    def ensure(self, name: str, sql: str) -> None:
        """Run a CREATE ... IF NOT EXISTS script once per process for this database."""
        if name in self._ensured:
            return
        with self._ensure_lock:
            if name not in self._ensured:
                self.executescript(sql)
                self._ensured.add(name)

    def close(self) -> None:
        c = getattr(self._local, "conn", None)
        if c is not None:
            c.close()
            self._local.conn = None

    # -- meta
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, str(value)))

    # -- import log
    def begin_run(self, paths: list[str], origin: str = "cli") -> int:
        cur = self.execute(
            "INSERT INTO import_runs(started, paths, origin) VALUES (?, ?, ?)",
            (_now(), _text(json.dumps(paths, ensure_ascii=False)), origin))
        return int(cur.lastrowid)

    def finish_run(self, report: ImportReport) -> None:
        self.execute(
            "UPDATE import_runs SET finished=?, imported=?, duplicates=?, failed=?, skipped=?, ids=?, "
            "cancelled=? WHERE id=?",
            (_now(), report.imported, report.duplicates,
             _text(json.dumps([p.to_json() for p in report.failed], ensure_ascii=False)),
             _text(json.dumps([p.to_json() for p in report.skipped], ensure_ascii=False)),
             json.dumps(report.ids), int(report.cancelled), report.run_id))

    def runs(self, limit: int = 100) -> list[ImportReport]:
        rows = self.execute("SELECT * FROM import_runs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [_report_from_row(r) for r in rows]

    def run(self, run_id: int) -> ImportReport | None:
        row = self.execute("SELECT * FROM import_runs WHERE id=?", (run_id,)).fetchone()
        return _report_from_row(row) if row else None

    def record_file(self, path: str, size: int, mtime: float, run_id: int | None, articles: int) -> None:
        self.execute(
            "INSERT OR REPLACE INTO files(path, size, mtime, run_id, articles, seen) VALUES (?,?,?,?,?,?)",
            (_text(path), size, mtime, run_id, articles, _now()))

    def known_file(self, path: str) -> tuple[int, float] | None:
        row = self.execute("SELECT size, mtime FROM files WHERE path=?", (_text(path),)).fetchone()
        return (row[0], row[1]) if row else None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _text(value: str) -> str:
    """A path or JSON text SQLite can store: a file name that is not valid UTF-8 comes from the
    OS with lone surrogates (surrogateescape), which UTF-8 cannot encode; they become U+FFFD,
    as the readers write them in the article (readers/common.scrub)."""
    return _SURROGATE.sub("\ufffd", value)


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _report_from_row(r: sqlite3.Row) -> ImportReport:
    return ImportReport(
        run_id=r["id"],
        started=dt.datetime.fromisoformat(r["started"]),
        finished=dt.datetime.fromisoformat(r["finished"]) if r["finished"] else None,
        paths=json.loads(r["paths"]),
        imported=r["imported"], duplicates=r["duplicates"],
        failed=[Problem(**p) for p in json.loads(r["failed"])],
        skipped=[Problem(**p) for p in json.loads(r["skipped"])],
        ids=json.loads(r["ids"]), cancelled=bool(r["cancelled"]),
    )
