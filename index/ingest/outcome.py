"""What one file gave the import, piece by piece, and the duplicate check of its articles.

A big export comes in parts (ingest/parallel.py cuts it), each with its own outcome
``(articles, problems, readable[, stripped lines])``: ``readable`` is False when the part (so the
file) failed, None when the part was read but held no article.
"""
from __future__ import annotations

import datetime as dt

from ..errors import Rejected
from ..model import Problem
from .raw_seen import Known


def is_skip(p: Problem) -> bool:
    return bool(getattr(p, "skipped", False)) or p.reason.startswith("unsupported")


class FileOutcome:
    """A part that could not be read is a failure of the file, reported with its reason; the
    other parts' articles are still imported. A part without any article is no failure unless
    the whole file has none. The file is recorded as imported only when every part was read."""

    def __init__(self, pipeline):
        self.pipeline = pipeline
        self.readable = False
        self.failed = False
        self.empty: list[Problem] = []
        self.articles = 0

    def add(self, outcome: tuple, report) -> None:
        arts, problems, readable = outcome[:3]
        learned = self.pipeline.learned
        if len(outcome) > 3 and outcome[3] and learned is not None:
            learned.absorb_stripped(outcome[3])     # what the worker's learned lines removed
        if readable is None:
            self.empty = self.empty or problems
            return
        for p in problems:
            (report.skipped if is_skip(p) else report.failed).append(p)
        if not readable:
            self.failed = True
            return
        self.readable = True
        self.articles += len(arts)
        accept(arts, self.pipeline, report)

    def finish(self, src, report) -> None:
        if not self.readable and not self.failed:
            for p in self.empty:
                (report.skipped if is_skip(p) else report.failed).append(p)
        if self.readable and not self.failed:
            self.pipeline.library.state.record_file(src.path, src.size, src.mtime, report.run_id,
                                                    self.articles)


def accept(arts: list, pipeline, report) -> None:
    """Drop the duplicates (of this run or of the library), queue the rest for the next commit."""
    fresh = []
    library, seen = pipeline.library, pipeline.seen
    known = library.store.existing([a.id for a in arts if a.id not in seen])
    now = dt.datetime.now().replace(microsecond=0)
    for art in arts:
        if isinstance(art, Known) and art.id not in seen and art.id not in known:
            # its hash was recorded but the article is not in the index (deleted, or a kill
            # came between the commit and the recording): extract it as if it were new
            art = _extract(art, pipeline, report)
            if art is None:
                continue
            if art.id not in seen and library.store.existing([art.id]):
                known.add(art.id)
        if art.id in seen or art.id in known:
            report.duplicates += 1
            report.duplicate_ids.append(art.id)
            continue
        seen.add(art.id)
        fresh.append(art)
        art.imported = now
        pipeline.pending.append(art)
        report.ids.append(art.id)
        report.imported += 1
    if pipeline.learned is not None:
        pipeline.learned.observe_many([(a.outlet, a.body) for a in fresh])


def _extract(k: Known, pipeline, report):
    """A known raw article whose id is missing from the index, extracted here (rare)."""
    from ..extract.pipeline import extract
    try:
        art = extract(k.raw, pipeline.ctx)
    except Rejected as e:
        report.failed.append(Problem(k.raw.path, str(e)))
        return None
    except Exception as e:  # as read_and_extract: one article, never the run
        report.failed.append(Problem(k.raw.path, f"extraction failed ({type(e).__name__}: {e})"))
        return None
    art.raw_sha256 = k.raw_sha256
    return art
