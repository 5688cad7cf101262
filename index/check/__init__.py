"""``mediawatch check``: verify a library the way Lucene's CheckIndex verifies an index.

``check_library(folder, repair=False, library=None) -> CheckReport``:

- the Whoosh index opens and every segment reads to its end (segments.py);
- SQLite's ``integrity_check`` and foreign keys pass (database.py);
- the state agrees with the index: every indexed article is in exactly one story, story links
  and members name indexed articles, finished import runs' articles are indexed, no article is
  indexed twice (database.py, segments.py);
- the word-pair and facet-column caches match their segments (caches.py).

``repair=True`` rebuilds what the stored text can give back (repair.py): duplicate documents,
the caches, the stories tables; then checks again, so the report says what was repaired and what
still stands. Damaged segments are not repairable from inside the index: the report names them
and the way out (re-import).

The whole run holds the library's write lock, so an import cannot change it half-way; a live
import gives LibraryInUse. The window runs it after an unclean shutdown (session.py).
"""
from __future__ import annotations

import contextlib
import sqlite3
import time
from pathlib import Path

from ..errors import LibraryError
from .report import ERROR, INFO, WARNING, CheckReport, Finding  # noqa: F401  (the public face)

DB = "library.sqlite3"
MARKER = "mediawatch-library.json"


def check_library(folder, repair: bool = False, library=None) -> CheckReport:
    folder = Path(folder).expanduser()
    if not (folder / MARKER).exists():
        raise LibraryError(f"{folder} is not a Mediawatch library (no {MARKER})")
    start = time.monotonic()
    with _locked(folder, library):
        report = _run_checks(folder)
        if repair and any(f.repairable for f in report.problems + report.findings):
            from .repair import repair_library
            repair_library(folder, report, library)
            again = _run_checks(folder)
            left = {f.message for f in again.findings}
            done = [f for f in report.findings if f.repairable and f.message not in left]
            for f in done:
                f.repaired = True
            again.findings = done + again.findings
            again.repaired = True
            report = again
        if report.ok:
            _remember_clean(folder)
    report.seconds = time.monotonic() - start
    return report


def _run_checks(folder: Path) -> CheckReport:
    from . import caches, database, segments
    report = CheckReport(path=str(folder))
    ix = segments.open_index(folder, report)
    contents = segments.IndexContents(readable=False)
    if ix is not None:
        try:
            contents = segments.check_segments(ix, report)
        finally:
            ix.close()
    if not (folder / DB).exists():
        report.add(ERROR, "database", f"the library database {folder / DB} is missing")
    else:
        conn = sqlite3.connect(f"file:{folder / DB}?mode=ro", uri=True, timeout=30)
        try:
            if database.check_integrity(conn, report):
                database.check_stories(conn, contents, report)
                database.check_runs(conn, contents, report)
        except sqlite3.DatabaseError as e:
            report.add(ERROR, "database", f"the library database cannot be read ({e})")
        finally:
            conn.close()
    if ix is not None:
        report.pair_files = caches.check_pairs(folder, contents, report)
        report.column_files = caches.check_columns(folder, contents, report)
    return report


@contextlib.contextmanager
def _locked(folder: Path, library):
    """The library's write lock: the open Library's own (re-entrant) or a fresh one."""
    if library is not None:
        with library.writing():
            yield
        return
    from ..lock import WriteLock
    with WriteLock(folder / "library.lock", str(folder)):
        yield


def _remember_clean(folder: Path) -> None:
    """The newest import run a passing check has seen: an unfinished run older than this is
    not a reason to check again (session.needs_check)."""
    try:
        conn = sqlite3.connect(folder / DB, timeout=30)
        try:
            with conn:
                row = conn.execute("SELECT MAX(id) FROM import_runs").fetchone()
                conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('checked_run', ?)",
                             (str(row[0] or 0),))
        finally:
            conn.close()
    except sqlite3.Error:
        pass    # a note for the next start, never a reason to fail the check
