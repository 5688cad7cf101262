"""Background work: QRunnables that run core calls and generators off the GUI thread.

Threading contract: a task's ``signals`` object is created on the GUI thread, so its signals are
delivered there (queued) as long as slots are methods of GUI-thread QObjects. Progress from a
generator is throttled to ~10 Hz (the last item is always delivered) so a fast import cannot flood
the event loop. A ``TaskRunner`` keeps every running task referenced until it ends, because a
QRunnable dropped by Python while a pool thread runs it is a crash.
"""
from __future__ import annotations

import logging
import time
import traceback
from typing import Any, Callable, Generator

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.1   # seconds between progress signals (~10 Hz)


def describe_error(exc: BaseException) -> str:
    """A message for a person: our errors are sentences already, others get their type name."""
    from index.errors import MediawatchError
    if isinstance(exc, MediawatchError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


class TaskSignals(QObject):
    progress = Signal(object)
    finished = Signal(object)      # the function's result / the generator's return value
    failed = Signal(object)        # the exception


class FunctionTask(QRunnable):
    """Runs ``fn()`` on a pool thread. ``tag`` lets the receiver recognise stale results."""

    def __init__(self, fn: Callable[[], Any], tag: Any = None):
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.tag = tag
        self.signals = TaskSignals()
        self.skip: Callable[[], bool] | None = None   # checked before running: drop queued stale work

    def run(self) -> None:
        try:
            if self.skip is not None and self.skip():
                self.signals.finished.emit(None)
                return
            result = self.fn()
        except BaseException as exc:     # a task must never take the app down
            log.debug("task failed:\n%s", traceback.format_exc())
            self.signals.failed.emit(exc)
            return
        self.signals.finished.emit(result)


class GeneratorTask(QRunnable):
    """Runs a core generator (``make()`` returns it), relaying throttled progress items."""

    def __init__(self, make: Callable[[], Generator], interval: float = PROGRESS_INTERVAL):
        super().__init__()
        self.setAutoDelete(False)
        self.make = make
        self.interval = interval
        self.signals = TaskSignals()

    def run(self) -> None:
        try:
            gen = self.make()
            last = 0.0
            pending = None
            while True:
                try:
                    item = next(gen)
                except StopIteration as stop:
                    result = stop.value
                    break
                now = time.monotonic()
                if now - last >= self.interval:
                    self.signals.progress.emit(item)
                    last, pending = now, None
                else:
                    pending = item
            if pending is not None:
                self.signals.progress.emit(pending)
        except BaseException as exc:
            log.warning("background task failed:\n%s", traceback.format_exc())
            self.signals.failed.emit(exc)
            return
        self.signals.finished.emit(result)


class TaskRunner(QObject):
    """Starts tasks on a pool and holds them until they report back."""

    def __init__(self, max_threads: int, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._running: dict[TaskSignals, QRunnable] = {}

    def start(self, task: FunctionTask | GeneratorTask) -> None:
        self._running[task.signals] = task
        # Slots run on the GUI thread (the signals object lives there). The reference is released
        # a little later so the pool thread has surely left run().
        task.signals.finished.connect(self._release)
        task.signals.failed.connect(self._release)
        self.pool.start(task)

    def _release(self, *_args) -> None:
        signals = self.sender()
        QTimer.singleShot(50, self, lambda: self._running.pop(signals, None))

    @property
    def busy(self) -> int:
        return len(self._running)

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)
