"""The import pipeline: one object, five named stages, the same for the CLI, the window and
watch folders.

    discover  -> paths to Sources (names, sizes, zip directories; no contents), and Problems
    read      -> each Source's bytes through its format's reader      \\  in this process, or in
    extract   -> cleaning, language, dates, persons, countries        /  worker processes
    index     -> new articles (duplicates dropped) committed to the store in batches
    after-commit steps -> what the library runs on each committed batch (stories, alerts)

``workers`` is the one setting that moves read + extract out of the process: 0 runs them here,
N starts N worker processes (ingest/parallel.py), None chooses (workers for a big import on a
machine with cores to spare; ``$MEDIAWATCH_IMPORT_WORKERS`` overrides). Everything else,
including the order of the results and therefore which of two equal articles is the duplicate,
is the same either way.

``run`` is a generator: ImportProgress after every file and every commit, the ImportReport as
``StopIteration.value``. It holds the library's write lock throughout and commits every
``batch_size`` articles (or every ``COMMIT_SECONDS``), so a crash or a kill leaves an index that
opens with every batch committed before it.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
import traceback
from typing import Callable, Generator, Iterator

from ..model import Article, ImportProgress, ImportReport, Problem
from .discover import discover
from .outcome import FileOutcome, is_skip
from .parallel import outcomes

log = logging.getLogger("mediawatch")

BATCH_SIZE = 1000          # articles per commit (a Whoosh segment) ...
COMMIT_SECONDS = 10.0      # ... or fewer, when this long has passed since the last commit


def after_commit_steps(library) -> list[Callable]:
    """The steps the library runs after each commit, in order (``Library.after_commit``, listed
    where the library is built)."""
    return list(library.after_commit)


class ImportPipeline:
    def __init__(self, library, *, workers: int | None = None, batch_size: int = BATCH_SIZE,
                 origin: str = "cli", steps: list[Callable] | None = None):
        self.library = library
        self.workers = workers
        self.batch_size = batch_size
        self.origin = origin
        self.steps = after_commit_steps(library) if steps is None else steps
        self.pending: list[Article] = []
        self.seen: set[str] = set()       # ids met in this run (a file may repeat an article)
        self.learned = None
        self.ctx = None
        self._last_commit = time.monotonic()

    # ---------------------------------------------------------------- the stages
    def discover(self, paths: list[str], cancel, report: ImportReport, prog: ImportProgress) -> list:
        """Cheap (names and zip directories, no contents), so the total is known up front."""
        sources = []
        for item in discover(paths, cancel=cancel):
            if cancel is not None and cancel.cancelled:
                break
            if isinstance(item, Problem):
                (report.skipped if is_skip(item) else report.failed).append(item)
                prog.done += 1
            else:
                sources.append(item)
            prog.total += 1
        return sources

    def read_extract(self, sources: list, cancel) -> Iterator[tuple]:
        """(source, outcome, last) in source order: read and extracted here or by workers."""
        return outcomes(sources, self.library, self.ctx, cancel, self.workers)

    def index(self, prog: ImportProgress) -> None:
        """Commit the next batch of pending articles, then run the after-commit steps on it."""
        self._last_commit = time.monotonic()
        if not self.pending:
            return
        prog.phase = "committing"
        batch = self.pending[:self.batch_size]      # one big export gives many batches
        self.library.store.add(batch)
        self._record_raw(batch)
        prog.committed += len(batch)
        del self.pending[:len(batch)]
        self.after_commit(batch)
        prog.phase = "reading"

    def _record_raw(self, batch: list[Article]) -> None:
        """Remember the committed articles' raw hashes for the next re-import (after the commit:
        a kill before this only costs that re-import the extraction)."""
        seen = self.ctx.raw_seen if self.ctx is not None else None
        if seen is None:
            return
        try:
            seen.record([(a.raw_sha256, a.id) for a in batch if a.raw_sha256])
        except Exception:  # a cache: never fail an import that is committed
            log.error("could not record raw-article hashes:\n%s", traceback.format_exc())

    def after_commit(self, batch: list[Article]) -> None:
        for step in self.steps:
            try:
                step(self.library, batch)
            except Exception:  # a step must never lose an import that is already committed
                log.error("after-import step %s failed:\n%s", getattr(step, "__name__", step),
                          traceback.format_exc())

    # ---------------------------------------------------------------- the run
    def run(self, paths: list[str], cancel=None) -> Generator[ImportProgress, None, ImportReport]:
        report = ImportReport(run_id=None, started=dt.datetime.now(), finished=None,
                              paths=list(paths))
        prog = ImportProgress(done=0, total=0, failed=report.failed, skipped=report.skipped)
        with self.library.writing():
            report.run_id = self.library.state.begin_run(list(paths), self.origin)
            self._open_context()
            sources = self.discover(paths, cancel, report, prog)
            yield prog
            try:
                yield from self._files(sources, cancel, report, prog)
                if cancel is not None and cancel.cancelled:
                    report.cancelled = True
                while self.pending:
                    self.index(prog)
            finally:
                # Runs on normal end, cancel, and GeneratorExit (the consumer stopped early):
                # what was committed stays, the log says how the run ended.
                report.finished = dt.datetime.now()
                report.imported = len(report.ids)
                self.library.state.finish_run(report)
            prog.phase = "cancelled" if report.cancelled else "done"
            prog.current = ""
            prog.imported, prog.duplicates = report.imported, report.duplicates
            yield prog
        return report

    def _open_context(self) -> None:
        from ..extract.pipeline import ExtractContext
        try:
            from ..extract.text.learned_lines import LearnedLines
            self.learned = LearnedLines(self.library.state)
        except ImportError:  # the learned-lines step is optional for the pipeline
            self.learned = None
        from .raw_seen import for_library
        self.ctx = ExtractContext(learned=self.learned, corrections=self.library.corrections,
                                  raw_seen=for_library(self.library))

    def _files(self, sources: list, cancel, report: ImportReport, prog: ImportProgress):
        """Each file's outcomes into the pending batch; commits as batches fill up."""
        piece = FileOutcome(self)
        for src, outcome, last in self.read_extract(sources, cancel):
            prog.current = src.path
            piece.add(outcome, report)
            if last:
                piece.finish(src, report)
                piece = FileOutcome(self)
                prog.done += 1
            prog.imported, prog.duplicates = report.imported, report.duplicates
            while len(self.pending) >= self.batch_size:
                self.index(prog)
                yield prog
            if self.pending and time.monotonic() - self._last_commit >= COMMIT_SECONDS:
                self.index(prog)     # slow files (big pages, PDFs): still visible and safe soon
            yield prog
