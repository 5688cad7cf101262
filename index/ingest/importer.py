"""``run_import``: the import as ``Library.import_paths`` starts it (see ingest/pipeline.py).

A generator: it yields ImportProgress after every file and every commit and returns the
ImportReport (``StopIteration.value``).
"""
from __future__ import annotations

from typing import Generator

from ..model import ImportProgress, ImportReport
from .pipeline import BATCH_SIZE, COMMIT_SECONDS, ImportPipeline

__all__ = ["BATCH_SIZE", "COMMIT_SECONDS", "ImportPipeline", "run_import"]


def run_import(library, paths: list[str], cancel=None, *, origin: str = "cli",
               batch_size: int = BATCH_SIZE, workers: int | None = None
               ) -> Generator[ImportProgress, None, ImportReport]:
    pipeline = ImportPipeline(library, workers=workers, batch_size=batch_size, origin=origin)
    return (yield from pipeline.run(list(paths), cancel))
