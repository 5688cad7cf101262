"""Watch folders: the registry, and one look/scan that imports new or changed, finished files.

Every file handed to the importer is remembered with its size, mtime and SHA-256, so files that
arrived while the app was closed are found at the next start (or cron scan) and an unchanged
file is never imported twice. A file still being written waits for the stability rule
(``index.alerts.stability``). Read failures land in the import log through the importer; a scan
never raises for one bad file.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from index.alerts import clock, schema
from index.alerts.stability import Settler
from index.errors import LibraryError
from index.model import ImportReport, Problem

log = logging.getLogger(__name__)

# Partial downloads and editor temp files: never articles, and renamed when complete.
_TEMP_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", ".swp", "~")


def add_folder(state, path: str | os.PathLike) -> str:
    p = Path(path).expanduser().resolve()
    if not p.is_dir():
        raise LibraryError(f"“{path}” is not a folder.")
    schema.ensure(state)
    with state.tx() as conn:
        conn.execute("INSERT OR IGNORE INTO watch_folders (path, added) VALUES (?, ?)",
                     (str(p), clock.stamp()))
    return str(p)


def remove_folder(state, path: str | os.PathLike) -> bool:
    schema.ensure(state)
    p = str(Path(path).expanduser().resolve())
    with state.tx() as conn:
        n = conn.execute("DELETE FROM watch_folders WHERE path = ? OR path = ?", (p, str(path))).rowcount
    return n > 0


def list_folders(state) -> list[str]:
    schema.ensure(state)
    return [r[0] for r in state.execute("SELECT path FROM watch_folders ORDER BY path").fetchall()]


def _wanted(name: str) -> bool:
    return not (name.startswith(".") or name.startswith("~$") or name.lower().endswith(_TEMP_SUFFIXES))


def _sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass
class ScanResult:
    imported: list[str] = field(default_factory=list)      # files handed to the importer
    unchanged: int = 0                                     # changed mtime, same content
    pending: list[str] = field(default_factory=list)       # still being written
    problems: list[Problem] = field(default_factory=list)  # folders or files we could not read
    reports: list[ImportReport] = field(default_factory=list)


class FolderScanner:
    """Finds ready files in the registered folders. Keep one per process: it holds the settler."""

    def __init__(self, library, settler: Settler | None = None):
        self.library = library
        self.settler = settler or Settler()
        self._logged: set[tuple[str, str]] = set()

    def log_problems(self, problems: list[Problem]) -> list[Problem]:
        """Put problems the importer never sees (a missing folder, an unreadable file) in the
        import log, once per process each, so a folder that stays missing does not flood it."""
        new = [p for p in {(p.path, p.reason): p for p in problems}.values()
               if (p.path, p.reason) not in self._logged]
        if new:
            state = self.library.state
            report = ImportReport(run_id=None, started=dt.datetime.now(), finished=dt.datetime.now(),
                                  paths=sorted({p.path for p in new}), failed=new)
            report.run_id = state.begin_run(report.paths, "watch-folder")
            state.finish_run(report)
            self._logged |= {(p.path, p.reason) for p in new}
            for p in new:
                log.warning("watch folder: %s: %s", p.path, p.reason)
        return new

    def _walk(self, folder: str, problems: list[Problem]):
        def onerror(err: OSError) -> None:
            problems.append(Problem(getattr(err, "filename", None) or folder, f"cannot read folder: {err.strerror or err}"))
        if not os.path.isdir(folder):
            problems.append(Problem(folder, "watch folder is missing"))
            return
        for root, dirs, files in os.walk(folder, onerror=onerror):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if _wanted(name):
                    yield os.path.join(root, name)

    def look(self, result: ScanResult | None = None) -> list[str]:
        """One look at every folder: files that are new or changed and now stable."""
        result = result if result is not None else ScanResult()
        state = self.library.state
        known = {r[0]: (r[1], r[2], r[3]) for r in state.execute(
            "SELECT path, size, mtime, sha256 FROM watch_files").fetchall()}
        ready: list[str] = []
        result.pending = []
        visited: set[str] = set()          # a folder may sit inside another watched one
        for folder in list_folders(state):
            for path in self._walk(folder, result.problems):
                if path in visited:
                    continue
                visited.add(path)
                try:
                    st = os.stat(path)
                except OSError as err:   # deleted between listing and stat: nothing to import
                    self.settler.forget(path)
                    log.debug("watch folder: %s vanished (%s)", path, err)
                    continue
                before = known.get(path)
                if before and before[0] == st.st_size and before[1] == st.st_mtime:
                    continue
                if not self.settler.observe(path, st.st_size, st.st_mtime):
                    result.pending.append(path)
                    continue
                try:
                    sha = _sha256(path)
                except OSError as err:
                    result.problems.append(Problem(path, f"cannot read file: {err.strerror or err}"))
                    continue
                if before and before[2] == sha:
                    self._remember([(path, st.st_size, st.st_mtime, sha)])
                    result.unchanged += 1
                    continue
                ready.append(path)
        return ready

    def _remember(self, rows) -> None:
        with self.library.state.tx() as conn:
            conn.executemany("INSERT OR REPLACE INTO watch_files (path, size, mtime, sha256, seen)"
                             " VALUES (?, ?, ?, ?, ?)", [(*r, clock.stamp()) for r in rows])

    def import_files(self, paths: list[str], cancel=None, *, origin: str = "watch-folder") -> ImportReport | None:
        """Import ready files, then remember them (failed ones too: the log has the reason)."""
        if not paths:
            return None
        rows = []
        for p in paths:
            try:
                st = os.stat(p)
                rows.append((p, st.st_size, st.st_mtime, _sha256(p)))
            except OSError:
                continue
        gen = self.library.import_paths([r[0] for r in rows], cancel, origin=origin)
        while True:
            try:
                next(gen)
            except StopIteration as stop:
                report = stop.value
                break
        if report is not None and report.cancelled:
            return report          # not remembered: the next look finds them again
        self._remember(rows)
        return report

    def scan(self, *, sleep: Callable[[float], None] = time.sleep, cancel=None) -> ScanResult:
        """One pass for the CLI and cron: look, wait for files in flight to settle, look again,
        import what is ready. Files still changing after that are left for the next pass."""
        schema.ensure(self.library.state)
        result = ScanResult()
        ready = self.look(result)
        if result.pending:
            sleep(max(self.settler.wait_needed(), 0.05))
            ready += self.look(result)
        result.problems = list({(p.path, p.reason): p for p in result.problems}.values())
        self.log_problems(result.problems)
        report = self.import_files(sorted(set(ready)), cancel)
        if report is not None:
            result.reports.append(report)
            result.imported = sorted(set(ready))
        return result
