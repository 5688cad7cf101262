"""Did Mediawatch stop cleanly last time? The window leaves a marker in the library folder
while it runs (``session-PID.json``) and removes it on a normal exit; a marker whose process
is gone means a crash, a kill or a power cut. An import run that never finished (its process
died) while no import holds the library counts too. Either way the window runs ``check``."""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

from ..lock import pid_alive

PREFIX = "session-"


def _marker(folder: Path, pid: int) -> Path:
    return Path(folder) / f"{PREFIX}{pid}.json"


def begin_session(folder) -> None:
    path = _marker(folder, os.getpid())
    try:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"pid": os.getpid(),
                                   "started": dt.datetime.now().isoformat(timespec="seconds")}),
                       encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass     # a read-only library: no marker, so no check after a crash; never fatal


def end_session(folder) -> None:
    try:
        _marker(folder, os.getpid()).unlink()
    except OSError:
        pass


def dead_sessions(folder) -> list[Path]:
    out = []
    for p in Path(folder).glob(f"{PREFIX}*.json"):
        try:
            pid = int(p.stem[len(PREFIX):])
        except ValueError:
            continue
        if pid != os.getpid() and not pid_alive(pid):
            out.append(p)
    return out


def clear_dead_sessions(folder) -> None:
    """After the check ran: the crash has been dealt with."""
    for p in dead_sessions(folder):
        try:
            p.unlink()
        except OSError:
            pass


def needs_check(folder) -> str | None:
    """Why the library should be checked now (a sentence for the user), or None."""
    if dead_sessions(folder):
        return "Mediawatch did not close properly the last time it had this library open."
    db = Path(folder) / "library.sqlite3"
    if not db.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key='checked_run'").fetchone()
            seen = int(row[0]) if row else 0
            unfinished = conn.execute("SELECT COUNT(*) FROM import_runs WHERE finished IS NULL "
                                      "AND id > ?", (seen,)).fetchone()[0]
        finally:
            conn.close()
    except (sqlite3.Error, ValueError):
        return "The library database could not be read."
    if unfinished and not _import_running(folder):
        return "An import into this library was stopped before it finished."
    return None


def _import_running(folder) -> bool:
    from ..lock import WriteLock
    from ..errors import LibraryInUse
    try:
        with WriteLock(Path(folder) / "library.lock", str(folder)):
            return False
    except LibraryInUse:
        return True
