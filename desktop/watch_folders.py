"""Watch folders in the window: notice new files, wait until they are complete, import them.

QFileSystemWatcher says *something* changed in a folder (it does not fire for a file rewritten
in place on every platform), so a polling QTimer also runs; either one triggers a look by the
core ``FolderScanner``, which applies the stability rule and remembers imported files. Looks and
imports run on the given runner (the window's single import thread, so they never overlap a
dropped import); the first look at start-up finds files that arrived while the app was closed.
Failures land in the import log (the importer writes it); nothing here opens a dialog.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from desktop.tasks import FunctionTask, TaskRunner, describe_error
from index.alerts import folders
from index.alerts.folders import FolderScanner, ScanResult

log = logging.getLogger(__name__)


class WatchFolderService(QObject):
    imported = Signal(object)        # ImportReport of files imported from watch folders
    looked = Signal(object)          # ScanResult of every look (tests, status bar)
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, poll_ms: int = 5000, parent=None):
        super().__init__(parent)
        self.runner = runner
        self.library = None
        self.scanner: FolderScanner | None = None
        self._busy = False
        self._again = False
        self.fs = QFileSystemWatcher(self)
        self.fs.directoryChanged.connect(lambda _: self.look_soon())
        self.poll = QTimer(self)
        self.poll.setInterval(poll_ms)
        self.poll.timeout.connect(self.look)
        self.soon = QTimer(self)
        self.soon.setSingleShot(True)
        self.soon.timeout.connect(self.look)

    def set_library(self, library) -> None:
        self.library = library
        self.scanner = FolderScanner(library) if library is not None else None
        self._rewatch()
        if library is not None:
            self.poll.start()
            self.look_soon(0)          # files that arrived while the app was closed
        else:
            self.poll.stop()

    def folders(self) -> list[str]:
        return folders.list_folders(self.library.state) if self.library is not None else []

    def add(self, path: str) -> str:
        p = folders.add_folder(self.library.state, path)
        self._rewatch()
        self.look_soon(0)
        return p

    def remove(self, path: str) -> None:
        folders.remove_folder(self.library.state, path)
        self._rewatch()

    def _rewatch(self) -> None:
        if self.fs.directories():
            self.fs.removePaths(self.fs.directories())
        paths = self.folders()
        if paths:
            self.fs.addPaths(paths)

    def look_soon(self, ms: int = 500) -> None:
        if not self.soon.isActive() or ms < self.soon.remainingTime():
            self.soon.start(ms)

    def look(self) -> None:
        """Start one look (and import of what is ready) unless one is running."""
        if self.scanner is None:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        scanner = self.scanner

        def work():
            result = ScanResult()
            ready = scanner.look(result)
            scanner.log_problems(result.problems)
            report = scanner.import_files(ready, origin="watch-folder") if ready else None
            if report is not None:
                result.imported, result.reports = ready, [report]
            return result
        task = FunctionTask(work)
        task.signals.finished.connect(lambda r: self._done(scanner, r))
        task.signals.failed.connect(lambda e: self._failed(scanner, e))
        self.runner.start(task)

    def _done(self, scanner, result: ScanResult) -> None:
        self._busy = False
        if scanner is not self.scanner or result is None:
            return
        for report in result.reports:
            self.imported.emit(report)
        self.looked.emit(result)
        if self._again or result.pending:
            # Look again when the files in flight can first be judged stable.
            self._again = False
            self.look_soon(int(scanner.settler.wait_needed() * 1000) + 100)

    def _failed(self, scanner, exc) -> None:
        self._busy = False
        msg = describe_error(exc)
        log.warning("watch folder look failed: %s", msg)   # e.g. the library is busy: try later
        self.failed.emit(msg)
