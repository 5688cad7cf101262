"""Imports in a child process, so extraction never competes with the window for Python's GIL.

An import on a thread of the GUI process makes the event loop wait whenever the worker holds the
GIL (measured: stalls of 300-600 ms during Whoosh commits and language detection). Here the core
generator ``Library.import_paths`` runs unchanged in one long-lived spawned process, started at
the first import and warmed up (the extraction stack takes seconds to load) so later imports
begin at once. ``ImportWorker.run`` is a generator of the same shape as the core's (yields
ImportProgress, returns the ImportReport), so the window's GeneratorTask runs it like any other.

No Qt here: the child imports only ``index``. Frozen builds need ``multiprocessing.freeze_support()``
at the entry point (``desktop.launch.main`` calls it).
"""
from __future__ import annotations

import itertools
import multiprocessing
import queue
import threading
import time
from typing import Generator

from index.errors import MediawatchError
from index.model import ImportProgress, ImportReport

SEND_INTERVAL = 0.1       # progress messages per second from the child (~10 Hz)
POLL = 0.05               # how often the parent looks at the pipe and the cancel token


class ImportProcessError(MediawatchError):
    """The child reported an error (message for the user) or died."""


# ---------------------------------------------------------------- the child
def _describe(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, MediawatchError) else f"{type(exc).__name__}: {exc}"


def _warm_up() -> None:
    """Load the extraction stack before the first job asks for it (gazetteers, language profiles)."""
    try:
        from index.extract import language, persons
        from index.ingest import importer  # noqa: F401
        language.detect_language("Warm-up text for the language detector of the import process.")
        persons.extract_persons("Warm-up text about nobody in particular.", "en")
    except Exception:      # warming up is an optimisation; the job reports real errors
        pass


def _batch_scheduling() -> None:
    """Tell the scheduler this process is CPU-bound batch work, at the window's (and the CLI's)
    priority. A nice of 8 (before) gave the import a tenth of a core's weight against any other
    program and halved its rate next to the CLI's (measured with bench/ui_bench.py: window/CLI 0.54
    -> 0.99 without it). SCHED_BATCH keeps the full share of CPU but never preempts a waking
    process, so the window's event loop still gets a core as soon as it has something to do.
    Linux only; elsewhere the import runs at normal priority like `mediawatch import`."""
    import os
    if hasattr(os, "sched_setscheduler") and hasattr(os, "SCHED_BATCH"):
        try:
            os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))
        except OSError:     # a policy we cannot set only costs some smoothness
            pass


def _serve(conn) -> None:
    _batch_scheduling()
    # The window starts this process as a daemon (it must never outlive the window), and a
    # daemon may not start processes; but a big import's extraction worker (index/ingest/
    # parallel.py) is what makes it fast. Inside, we are not a daemon: the worker inherits the
    # batch scheduling, and exits when this process ends and its task pipe closes.
    import multiprocessing
    multiprocessing.current_process().daemon = False
    from index.cancel import CancelToken
    from index.library import open_library

    jobs: queue.Queue = queue.Queue()
    cancelled: set[int] = set()
    tokens: dict[int, CancelToken] = {}

    def listen() -> None:
        try:
            while True:
                msg = conn.recv()
                if msg[0] == "cancel":
                    cancelled.add(msg[1])
                    if msg[1] in tokens:
                        tokens[msg[1]].cancel()
                elif msg[0] == "import":
                    jobs.put(msg)
        except (EOFError, OSError):      # the window is gone: stop what runs, then exit
            for t in tokens.values():
                t.cancel()
            jobs.put(None)

    threading.Thread(target=listen, daemon=True).start()
    _warm_up()
    while True:
        job = jobs.get()
        if job is None:
            return
        _, job_id, library_path, paths, batch_size, *rest = job
        token = tokens[job_id] = CancelToken()
        if job_id in cancelled:
            token.cancel()
        try:
            _run_job(conn, job_id, open_library, library_path, paths, batch_size, token,
                     samples=bool(rest and rest[0]))
        except (OSError, EOFError):
            return
        finally:
            tokens.pop(job_id, None)


def _run_job(conn, job_id, open_library, library_path, paths, batch_size, token,
             samples: bool = False) -> None:
    try:
        library = open_library(library_path, create=False)
    except Exception as exc:
        conn.send((job_id, "error", _describe(exc)))
        return
    try:
        kw = {"batch_size": batch_size} if batch_size else {}
        if samples:       # the CLI's sample import, so the window shows the CLI's stories
            from index.samples import import_samples
            gen = import_samples(library, paths[0] if paths else None, token, origin="window")
        else:
            gen = library.import_paths(paths, token, origin="window", **kw)
        last, committed = 0.0, 0
        while True:
            try:
                p = next(gen)
            except StopIteration as stop:
                conn.send((job_id, "done", stop.value))
                return
            now = time.monotonic()
            # A commit is passed on at once: the window refreshes its results on it.
            if now - last >= SEND_INTERVAL or p.committed != committed or p.phase != "reading":
                conn.send((job_id, "progress", p))
                last, committed = now, p.committed
    except (OSError, EOFError):
        raise
    except Exception as exc:
        conn.send((job_id, "error", _describe(exc)))
    finally:
        library.close()


# ---------------------------------------------------------------- the parent
class ImportWorker:
    """The parent's handle on the import process; one job at a time, shared by all windows."""

    _shared: "ImportWorker | None" = None
    _shared_lock = threading.Lock()

    @classmethod
    def shared(cls) -> "ImportWorker":
        with cls._shared_lock:
            if cls._shared is None or not cls._shared.alive():
                cls._shared = cls()
            return cls._shared

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")     # fork would copy Qt's threads: never safe
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child,), name="mediawatch-import", daemon=True)
        self.proc.start()
        child.close()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def alive(self) -> bool:
        return self.proc.is_alive()

    def run(self, library_path: str, paths: list[str], cancel=None,
            batch_size: int | None = None, samples: bool = False
            ) -> Generator[ImportProgress, None, ImportReport]:
        """``samples``: ``paths`` is the sample folder (or empty: the bundled one), imported
        by index.samples.import_samples."""
        with self._lock:
            job = next(self._ids)
            self.conn.send(("import", job, str(library_path), list(paths), batch_size, samples))
            cancel_sent = False
            try:
                while True:
                    if cancel is not None and cancel.cancelled and not cancel_sent:
                        self.conn.send(("cancel", job))
                        cancel_sent = True
                    if self.conn.poll(POLL):
                        try:
                            job_id, kind, payload = self.conn.recv()
                        except EOFError:
                            raise ImportProcessError(self._died()) from None
                        if job_id != job:
                            continue            # a late message of an abandoned job
                        if kind == "progress":
                            yield payload
                        elif kind == "done":
                            return payload
                        else:
                            raise ImportProcessError(payload)
                    elif not self.proc.is_alive():
                        raise ImportProcessError(self._died())
            except GeneratorExit:
                if self.proc.is_alive():
                    self.conn.send(("cancel", job))
                raise

    def _died(self) -> str:
        self.proc.join(1)
        return f"the import process ended unexpectedly (exit code {self.proc.exitcode})"

    def stop(self) -> None:
        self.conn.close()
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.terminate()


def import_in_process(library_path: str, paths: list[str], cancel=None,
                      batch_size: int | None = None, samples: bool = False
                      ) -> Generator[ImportProgress, None, ImportReport]:
    """Run an import in the shared import process (started on first use)."""
    return (yield from ImportWorker.shared().run(library_path, paths, cancel, batch_size, samples))


def prestart() -> None:
    """Start (and warm up) the import process ahead of the first import; safe to call often."""
    ImportWorker.shared()
