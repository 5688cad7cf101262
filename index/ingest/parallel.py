"""Reading and extraction beside indexing: ``outcomes`` yields (source, result) in source order.

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
from typing import Iterator

from ..errors import ReadError
from ..model import Problem

log = logging.getLogger("mediawatch")

MIN_SOURCES_FOR_WORKERS = 150
TASK_FILES = 8                 # sources per task: amortizes the pipe round trip
TASK_BYTES = 4 * 1024 * 1024
WINDOW = 6                     # tasks in flight

_CTX = None                    # the worker's extraction context


def _init_worker(library_path: str) -> None:
    global _CTX
    from pathlib import Path

    from ..extract.corrections import Corrections
    from ..extract.pipeline import ExtractContext
    from ..state import State
    try:
        from ..extract.learned import LearnedLines
        learned = LearnedLines(State(Path(library_path) / "library.sqlite3"))
    except ImportError:
        learned = None
    _CTX = ExtractContext(learned=learned, corrections=Corrections.load(Path(library_path)))


def _work(jobs: list[tuple[str, str, bytes]]):
    from .importer import read_and_extract
    return [read_and_extract(path, ext, data, _CTX) for path, ext, data in jobs]


def default_workers(n_sources: int) -> int:
    if n_sources < MIN_SOURCES_FOR_WORKERS:
        return 0
    import multiprocessing
    if multiprocessing.current_process().daemon:
        return 0          # a daemon process (e.g. the window's import process) may not have children
    return max(1, min(2, (os.cpu_count() or 1) - 1))


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


def outcomes(sources: list, library, ctx, cancel, workers: int | None) -> Iterator[tuple]:
    from .importer import read_and_extract

    n = default_workers(len(sources)) if workers is None else workers
    if n and _in_daemon():
        n = 0
    if n <= 0:
        for src in sources:
            if cancel is not None and cancel.cancelled:
                return
            data, failed = _load(src)
            yield src, failed or read_and_extract(src.path, src.ext, data, ctx)
        return

    # forkserver: safe when the caller has threads (the window); spawn where fork is absent.
    method = "forkserver" if sys.platform.startswith("linux") else "spawn"
    import multiprocessing
    pool = ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context(method),
                               initializer=_init_worker, initargs=(str(library.path),))
    inflight: deque = deque()     # (sources of the task, early results, future)
    it = iter(sources)
    try:
        exhausted = False
        while True:
            while not exhausted and len(inflight) < WINDOW * n:
                batch, jobs, early, size = [], [], {}, 0
                for src in it:
                    data, failed = _load(src)
                    batch.append(src)
                    if failed:
                        early[len(batch) - 1] = failed
                    else:
                        jobs.append((src.path, src.ext, data))
                        size += len(data)
                    if len(batch) >= TASK_FILES or size >= TASK_BYTES:
                        break
                else:
                    exhausted = True
                if batch:
                    inflight.append((batch, early, pool.submit(_work, jobs) if jobs else None))
            if not inflight:
                return
            batch, early, fut = inflight.popleft()
            try:
                results = iter(fut.result() if fut is not None else [])
            except Exception as e:  # a worker died (out of memory, killed): do this batch here
                log.warning("extraction worker failed (%s); continuing in-process", e)
                results = iter([read_and_extract(s.path, s.ext, _load(s)[0], ctx)
                                for i, s in enumerate(batch) if i not in early])
            for i, src in enumerate(batch):
                if cancel is not None and cancel.cancelled:
                    return
                yield src, early.get(i) or next(results)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
