"""The read and extract stages of the import pipeline (pipeline.py), here or in worker processes:
``outcomes`` yields (source, result, last) in source order; a big export cut into parts gives
one result per part, ``last`` on its final one.

Extraction (cleaning, language, dates, entities) and Whoosh indexing each cost a few
milliseconds an article; on a machine with two or more cores a worker process extracts while the
importer's process indexes. Small imports run in-process: a worker costs a second to start
(it loads the gazetteers). Results come back in the order of the sources, so which of two
identical articles counts as the duplicate does not depend on timing.

The importer's process loads each file's bytes and sends them to the worker, so zip members
and folders need nothing picklable. At most ``WINDOW`` tasks are in flight, which bounds memory
and lets a cancel stop within a task or two.
"""
from __future__ import annotations

import logging
import os
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterator

from ..errors import ReadError
from ..model import Problem
from .raw_seen import Known
from .read_extract import read_and_extract

log = logging.getLogger("mediawatch")

MIN_SOURCES_FOR_WORKERS = 150
MIN_BYTES_FOR_WORKERS = 1024 * 1024       # or this much to read (~10 s of work for a 1 s start)
TASK_FILES = 8                 # sources per task: amortizes the pipe round trip
TASK_BYTES = 4 * 1024 * 1024
PART_BYTES = 256 * 1024        # a big JSONL/JSON/mbox file is cut into parts of about this size
WINDOW = 6                     # tasks in flight per worker
WORKERS_ENV = "MEDIAWATCH_IMPORT_WORKERS"   # overrides the choice of how many workers

_CTX = None                    # the worker's extraction context


def _watch_importer(pid: int) -> None:
    """A worker whose importer was killed would wait for work forever (measured: one orphaned
    ~170 MB worker per killed import): leave as soon as the importer is gone."""
    import time

    import psutil
    while True:
        time.sleep(1.0)
        if not psutil.pid_exists(pid):
            os._exit(0)


def _init_worker(library_path: str, importer_pid: int | None = None, raw_check: bool = False
                 ) -> None:
    global _CTX
    import threading
    from pathlib import Path

    if importer_pid:
        threading.Thread(target=_watch_importer, args=(importer_pid,), daemon=True).start()

    from ..extract.corrections import Corrections
    from ..extract.pipeline import ExtractContext
    from ..state import State
    from .raw_seen import RawSeen
    state = State(Path(library_path) / "library.sqlite3")
    try:
        from ..extract.text.learned_lines import LearnedLines
        learned = LearnedLines(state)
    except ImportError:
        learned = None
    _CTX = ExtractContext(learned=learned, corrections=Corrections.load(Path(library_path)),
                          raw_seen=RawSeen(state) if raw_check else None)


def _work(jobs: list[tuple[str, str, bytes]]):
    from ..stories.signature import prepare as prepare_signature
    from ..store.schema import prepare
    out = []
    for path, ext, data in jobs:
        outcome = read_and_extract(path, ext, data, _CTX)
        for article in outcome[0]:
            if isinstance(article, Known):
                continue                 # imported before: nothing to index
            prepare(article)           # indexing work the importer's process is spared
            prepare_signature(article)
        learned = _CTX.learned
        out.append(outcome + (learned.drain_stripped() if learned is not None else None,))
    return out


def _in_daemon() -> bool:
    import multiprocessing
    return multiprocessing.current_process().daemon


def _load(src) -> tuple[bytes | None, tuple | None]:
    try:
        return src.load(), None
    except ReadError as e:
        return None, ([], [Problem(src.path, str(e))], False)
    except OSError as e:
        return None, ([], [Problem(src.path, f"cannot read the file: {e.strerror or e}")], False)


def _parts(src, data: bytes) -> list[bytes] | None:
    """A big multi-article file cut into self-contained parts (see the readers' ``split``)."""
    from .readers import reader_for
    reader = reader_for(src.ext)
    split = getattr(reader, "split", None)
    if split is None or len(data) <= PART_BYTES:
        return None
    try:
        parts = split(data, src.path, PART_BYTES)
        if parts:
            # The importer waits for the first part (with the worker's start-up): cut it
            # smaller, so that indexing begins within a second instead of a few.
            parts = (split(parts[0], src.path, PART_BYTES // 8) or parts[:1]) + parts[1:]
        return parts
    except Exception:                   # cutting is an optimization: read it whole instead
        log.debug("could not cut %s into parts", src.path, exc_info=True)
        return None


def default_workers(sources: list) -> int:
    """Workers for these sources: ``$MEDIAWATCH_IMPORT_WORKERS`` when set, none for a small
    import (a worker costs a second to start), else one per core beside the writer's."""
    env = os.environ.get(WORKERS_ENV, "").strip()
    if env.isdigit():
        return int(env)
    size = sum(getattr(src, "size", 0) or 0 for src in sources)
    if len(sources) < MIN_SOURCES_FOR_WORKERS and size < MIN_BYTES_FOR_WORKERS:
        return 0
    return max(1, min(2, (os.cpu_count() or 1) - 1))


def outcomes(sources: list, library, ctx, cancel, workers: int | None) -> Iterator[tuple]:
    """(source, outcome, last) in source order, read and extracted here (``workers`` 0) or by
    worker processes; ``last`` marks a source's final outcome (a big file gives several)."""
    n = default_workers(sources) if workers is None else workers
    if n and _in_daemon():
        n = 0          # a daemon process may not have children
    if n <= 0:
        yield from _in_process(sources, ctx, cancel)
    else:
        yield from _Feeder(sources, library, ctx, cancel, n).outcomes()


def _in_process(sources: list, ctx, cancel) -> Iterator[tuple]:
    for src in sources:
        if cancel is not None and cancel.cancelled:
            return
        data, failed = _load(src)
        yield src, failed or read_and_extract(src.path, src.ext, data, ctx), True


class _Feeder:
    """Feeds worker processes and hands back their results in source order.

    Each source waits in ``queue`` as an _Entry: its early outcome (a load failure) or the
    places of its jobs, [(task, index in the task's results)]. Small sources are gathered
    ``TASK_FILES`` to a task; the parts of a big file are sent one task each, and only as the
    window allows: their results (prepared articles, ~10x the bytes read) would otherwise pile
    up whenever indexing is slower than extraction."""

    def __init__(self, sources: list, library, ctx, cancel, n: int):
        import multiprocessing
        # forkserver: safe when the caller has threads (the window); spawn where fork is absent.
        method = "forkserver" if sys.platform.startswith("linux") else "spawn"
        self.pool = ProcessPoolExecutor(
            max_workers=n, mp_context=multiprocessing.get_context(method),
            initializer=_init_worker,
            initargs=(str(library.path), os.getpid(), getattr(ctx, "raw_seen", None) is not None))
        self.limit = WINDOW * n
        self.ctx, self.cancel = ctx, cancel
        self.queue: deque = deque()
        self.tasks: dict[int, object] = {}       # task number -> future
        self.next_task = 0
        self.jobs: list = []
        self.job_bytes = 0
        self.sources = iter(sources)
        self.exhausted = False
        self.current: _Entry | None = None       # the source being handed out (left the queue)

    def outcomes(self) -> Iterator[tuple]:
        try:
            while True:
                self.fill()
                if not self.queue:
                    return
                entry = self.current = self.queue.popleft()
                if self._cancelled():
                    return
                if entry.early:
                    yield entry.src, entry.early, True
                else:
                    for outcome, last in self.results_of(entry):
                        yield entry.src, outcome, last
                        if self._cancelled() and not last:
                            return
                self.release(entry)
        finally:
            self.pool.shutdown(wait=False, cancel_futures=True)

    def _cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.cancelled

    def submit(self) -> None:
        """Send the jobs gathered so far as one task."""
        if self.jobs:
            try:
                self.tasks[self.next_task] = self.pool.submit(_work, self.jobs)
            except BrokenProcessPool as e:   # the worker died: its sources are read here
                self.tasks[self.next_task] = _Broken(e)
            self.next_task += 1
            self.jobs, self.job_bytes = [], 0

    def fill(self) -> None:
        """Send work until the window is full: the next parts of a big file first, then new
        sources."""
        while len(self.tasks) < self.limit:
            big = self.current if self.current is not None and self.current.parts else \
                next((e for e in self.queue if e.parts), None)
            if big is not None:
                self.submit()
                self.jobs.append((big.src.path, big.src.ext, big.parts.popleft()))
                big.places.append((self.next_task, 0))
                self.submit()
                continue
            src = None if self.exhausted else next(self.sources, None)
            if src is None:
                self.exhausted = True
                self.submit()
                return
            self.add_source(src)

    def add_source(self, src) -> None:
        data, failed = _load(src)
        if failed:
            self.queue.append(_Entry(src, failed))
            return
        parts = _parts(src, data)
        entry = _Entry(src, None, deque(parts) if parts else None)
        self.queue.append(entry)
        if not parts:
            self.jobs.append((src.path, src.ext, data))
            self.job_bytes += len(data)
            entry.places.append((self.next_task, len(self.jobs) - 1))
            if len(self.jobs) >= TASK_FILES or self.job_bytes >= TASK_BYTES:
                self.submit()

    def results_of(self, entry: "_Entry") -> Iterator[tuple]:
        """The outcomes of a source's jobs (parts) as they arrive, and whether each is the last."""
        k = 0
        while True:
            while len(entry.places) <= k:
                self.fill()
            task, index = entry.places[k]
            if task == self.next_task:
                self.submit()                     # its job is still being gathered
            last = not entry.parts and k == len(entry.places) - 1
            try:
                outcome = self.tasks[task].result()[index]
            except Exception as e:  # a worker died (out of memory, killed): do it here
                log.warning("extraction worker failed (%s); continuing in-process", e)
                yield from _local_parts(entry.src, k, read_and_extract, self.ctx)
                return
            if entry.split:
                self.tasks.pop(task, None)        # a part is a task of its own: done with it
                self.fill()                       # keep the worker busy while this is indexed
            yield outcome, last
            if last:
                return
            k += 1

    def release(self, entry: "_Entry") -> None:
        """Forget the tasks whose every source has been handed out."""
        for task in {t for t, _ in entry.places}:
            if not any(t == task for e in self.queue for t, _ in e.places):
                self.tasks.pop(task, None)


class _Entry:
    __slots__ = ("src", "early", "parts", "split", "places")

    def __init__(self, src, early, parts: deque | None = None):
        self.src = src
        self.early = early               # the outcome of a source that failed to load
        self.parts = parts               # parts of a big file not sent yet
        self.split = parts is not None
        self.places: list[tuple[int, int]] = []


class _Broken:
    """Stands in for the future of a task that could not be sent to a dead worker."""

    def __init__(self, error: Exception):
        self.error = error

    def result(self):
        raise self.error


def _local_parts(src, first: int, read_and_extract, ctx) -> Iterator[tuple]:
    """A source's outcomes from part ``first`` on, read in this process."""
    data, failed = _load(src)
    if failed:
        yield failed, True
        return
    parts = _parts(src, data) or [data]
    for k in range(first, len(parts)):
        yield read_and_extract(src.path, src.ext, parts[k], ctx), k == len(parts) - 1
