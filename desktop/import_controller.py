"""Runs imports for the window: one at a time, off the GUI thread, cancellable, queued.

Drops and File → Import both land in ``start``; the core's import pipeline
(``Library.import_paths``, index/ingest/pipeline.py, the same as the CLI's) does the work in the
import process (see import_process: the one process boundary) relayed by the import runner's
single thread, and stops between documents when the cancel token is set, keeping every batch
committed before.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.import_process import import_in_process, prestart
from desktop.tasks import GeneratorTask, TaskRunner, describe_error
from index.cancel import CancelToken


class ImportController(QObject):
    started = Signal(object)        # list of paths
    progress = Signal(object)       # ImportProgress (throttled)
    committed = Signal(int)         # articles committed so far in this run (grew)
    finished = Signal(object)       # ImportReport
    failed = Signal(str)
    idle = Signal()                 # nothing running or queued any more

    def __init__(self, runner: TaskRunner, parent=None):
        super().__init__(parent)
        self.runner = runner
        self.library = None
        self.cancel_token: CancelToken | None = None
        self.queue: list[tuple[list[str], bool]] = []   # (paths, samples)
        self.reports: list = []          # reports of this session, newest last
        self._task: GeneratorTask | None = None
        self._committed = 0
        self.batch_size: int | None = None   # None: the core's default batch size

    @property
    def running(self) -> bool:
        return self._task is not None

    def start(self, paths, *, samples: bool = False) -> bool:
        """Import ``paths`` now, or after the running import. False when there is no library.
        ``samples``: ``paths`` is the sample folder, imported by index.samples.import_samples
        (its stories as the CLI groups them)."""
        paths = [str(p) for p in paths]
        if not paths or self.library is None:
            return False
        if self.running:
            self.queue.append((paths, samples))
            return True
        library = self.library
        token = CancelToken()
        self.cancel_token = token
        self._committed = 0
        if library.is_team:
            # A team library imports in this process: its server takes concurrent writers (the
            # import process would have to reconnect, without a password typed at the prompt).
            kw = {"batch_size": self.batch_size} if self.batch_size else {}
            if samples:
                from index.samples import import_samples
                task = GeneratorTask(lambda: import_samples(library, paths[0], token, origin="window"))
            else:
                task = GeneratorTask(lambda: library.import_paths(paths, token, origin="window", **kw))
        else:
            folder, batch = str(library.path), self.batch_size
            task = GeneratorTask(lambda: import_in_process(folder, paths, token, batch, samples))
        task.signals.progress.connect(self._on_progress)
        task.signals.finished.connect(self._on_finished)
        task.signals.failed.connect(self._on_failed)
        self._task = task
        self.started.emit(paths)
        self.runner.start(task)
        return True

    def prepare(self) -> None:
        """Start the import process early (a drag entered, a file dialog opened)."""
        try:
            prestart()
        except Exception:          # it will be retried (and reported) by the import itself
            pass

    def cancel(self) -> None:
        """Stop the running import (between documents) and drop the queued ones."""
        self.queue.clear()
        if self.cancel_token is not None:
            self.cancel_token.cancel()

    def _on_progress(self, p) -> None:
        self.progress.emit(p)
        if p.committed > self._committed:
            self._committed = p.committed
            self.committed.emit(p.committed)

    def _on_finished(self, report) -> None:
        self._task = None
        self.cancel_token = None
        if report is not None:
            self.reports.append(report)
            self.finished.emit(report)
        self._next()

    def _on_failed(self, exc) -> None:
        self._task = None
        self.cancel_token = None
        self.failed.emit("The import stopped: " + describe_error(exc))
        self._next()

    def _next(self) -> None:
        if self.queue:
            paths, samples = self.queue.pop(0)
            self.start(paths, samples=samples)
        else:
            self.idle.emit()
