"""The import engine: paths in, progress out, articles committed in batches.

``run_import`` is a generator: it yields ImportProgress after every file and every commit and
returns the ImportReport (``StopIteration.value``). It holds the library's write lock for the
whole run, checks the cancel token between files, and commits every ``batch_size`` articles so a
crash or kill leaves an index that opens with every batch committed before it.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
import traceback
from typing import Generator

from ..extract.pipeline import ExtractContext
from ..model import Article, ImportProgress, ImportReport, Problem
from .discover import discover
from .parallel import outcomes as _outcomes

log = logging.getLogger("mediawatch")


def _is_skip(p: Problem) -> bool:
    return bool(getattr(p, "skipped", False)) or p.reason.startswith("unsupported")


def _learned(library):
    try:
        from ..extract.text.learned_lines import LearnedLines
    except ImportError:  # the learned-lines step is optional for the pipeline
        return None
    return LearnedLines(library.state)


BATCH_SIZE = 1000          # articles per commit (a Whoosh segment) ...
COMMIT_SECONDS = 10.0      # ... or fewer, when this long has passed since the last commit


def run_import(library, paths: list[str], cancel=None, *, origin: str = "cli",
               batch_size: int = BATCH_SIZE, workers: int | None = None
               ) -> Generator[ImportProgress, None, ImportReport]:
    report = ImportReport(run_id=None, started=dt.datetime.now(), finished=None, paths=list(paths))
    prog = ImportProgress(done=0, total=0, failed=report.failed, skipped=report.skipped)
    with library.writing():
        report.run_id = library.state.begin_run(list(paths), origin)
        learned = _learned(library)
        ctx = ExtractContext(learned=learned, corrections=library.corrections)
        pending: list[Article] = []
        seen: set[str] = set()            # ids met in this run (a file may repeat an article)
        last_commit = time.monotonic()

        def commit() -> None:
            nonlocal last_commit
            last_commit = time.monotonic()
            if not pending:
                return
            prog.phase = "committing"
            batch = pending[:batch_size]    # one big export gives many batches
            library.store.add(batch)
            prog.committed += len(batch)
            del pending[:len(batch)]
            for fn in library.after_commit:      # listed in Library._list_steps
                try:
                    fn(library, batch)
                except Exception:  # a hook must never lose an import that is already committed
                    log.error("after-import step %s failed:\n%s", getattr(fn, "__name__", fn),
                              traceback.format_exc())
            prog.phase = "reading"

        # Discovery first (cheap: names and zip directories, no contents) so the total is known.
        sources = []
        for item in discover(paths, cancel=cancel):
            if cancel is not None and cancel.cancelled:
                break
            if isinstance(item, Problem):
                (report.skipped if _is_skip(item) else report.failed).append(item)
                prog.done += 1
            else:
                sources.append(item)
            prog.total += 1
        yield prog

        try:
            piece = _Pieces()
            for src, outcome, last in _outcomes(sources, library, ctx, cancel, workers):
                prog.current = src.path
                piece.add(outcome, library, learned, pending, seen, report)
                if last:
                    piece.finish(src, library, report)
                    piece = _Pieces()
                    prog.done += 1
                prog.imported, prog.duplicates = report.imported, report.duplicates
                while len(pending) >= batch_size:
                    commit()
                    yield prog
                if pending and time.monotonic() - last_commit >= COMMIT_SECONDS:
                    commit()         # slow files (big pages, PDFs): still visible and safe soon
                yield prog
            if cancel is not None and cancel.cancelled:
                report.cancelled = True
            while pending:
                commit()
        finally:
            # Runs on normal end, cancel, and GeneratorExit (the consumer stopped early):
            # what was committed stays, the log says how the run ended.
            report.finished = dt.datetime.now()
            report.imported = len(report.ids)
            library.state.finish_run(report)
        prog.phase = "cancelled" if report.cancelled else "done"
        prog.current = ""
        prog.imported, prog.duplicates = report.imported, report.duplicates
        yield prog
    return report


class _Pieces:
    """What one file gave, piece by piece (a big export comes in parts, see ingest.parallel).

    A part that could not be read is a failure of the file, reported with its reason; the other
    parts' articles are still imported. A part without any article is no failure unless the
    whole file has none. The file is recorded as imported only when every part was read."""

    def __init__(self):
        self.readable = False
        self.failed = False
        self.empty: list[Problem] = []
        self.articles = 0

    def add(self, outcome, library, learned, pending, seen, report) -> None:
        arts, problems, readable = outcome[:3]
        if len(outcome) > 3 and outcome[3] and learned is not None:
            learned.absorb_stripped(outcome[3])     # what the worker's learned lines removed
        if readable is None:
            self.empty = self.empty or problems
            return
        for p in problems:
            (report.skipped if _is_skip(p) else report.failed).append(p)
        if not readable:
            self.failed = True
            return
        self.readable = True
        self.articles += len(arts)
        _accept(arts, library, learned, pending, seen, report)

    def finish(self, src, library, report) -> None:
        if not self.readable and not self.failed:
            for p in self.empty:
                (report.skipped if _is_skip(p) else report.failed).append(p)
        if self.readable and not self.failed:
            library.state.record_file(src.path, src.size, src.mtime, report.run_id, self.articles)


def _accept(arts, library, learned, pending, seen, report) -> None:
    """Dedupe and queue the articles of one file (or part of a file)."""
    fresh = []
    for art in arts:
        if art.id in seen or library.store.existing([art.id]):
            report.duplicates += 1
            report.duplicate_ids.append(art.id)
            continue
        seen.add(art.id)
        fresh.append(art)
        art.imported = dt.datetime.now().replace(microsecond=0)
        pending.append(art)
        report.ids.append(art.id)
        report.imported += 1
    if learned is not None:
        learned.observe_many([(a.outlet, a.body) for a in fresh])
