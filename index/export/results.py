"""Export the whole result set of a search: a generator of progress with a cancel token.

    gen = export_results(library, request, "hits.xlsx", cancel=token)
    for progress in gen: ...              # ExportProgress after every page
    report = <the generator's return value>  (ExportReport)

The request's paging is ignored: every hit is written, in the order the window lists them, with
the current query, facet selections, exclusions, dates and sort. Articles are read a page at a
time from one snapshot of the library (``Store.scan``), so memory stays flat at any size. A
cancelled export (token set, generator closed, Ctrl-C) removes its partial file and reports
``cancelled``; no file that pretends to be whole is ever left.
"""
from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Generator

from index.export import format_for, table
from index.export.writers import open_writer
from index.model import FACETS, SearchRequest

PAGE = 500


@dataclass
class ExportProgress:
    done: int                 # rows written
    total: int                # rows to write
    path: str
    phase: str = "writing"    # writing | done | cancelled


@dataclass
class ExportReport:
    path: str
    format: str
    rows: int
    total: int
    cancelled: bool = False
    bytes: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {"path": self.path, "format": self.format, "rows": self.rows, "total": self.total,
                "cancelled": self.cancelled, "bytes": self.bytes, "seconds": round(self.seconds, 2)}

    def summary(self) -> str:
        if self.cancelled:
            return (f"Export cancelled after {self.rows:,} of {self.total:,} articles; "
                    f"no file was written ({self.path} is unchanged).")
        size = f"{self.bytes / 2**20:.1f} MB" if self.bytes >= 2**20 else f"{self.bytes / 1024:.0f} KB"
        return (f"Exported {self.rows:,} article{'s' if self.rows != 1 else ''} to {self.path} "
                f"({self.format.upper()}, {size}, {self.seconds:.1f} s).")


def describe(request: SearchRequest) -> str:
    """The search in one line, as the CLI would spell it."""
    parts = [request.query] if request.query else []
    for f in FACETS:
        if request.filters.get(f):
            parts.append(f"{f}={' | '.join(request.filters[f])}")
        if request.excludes.get(f):
            parts.append(f"not {f}={' | '.join(request.excludes[f])}")
    if request.date_from or request.date_to:
        parts.append(f"published {request.date_from or '…'} to {request.date_to or '…'}")
    if request.no_date:
        parts.append("without a date")
    return "; ".join(parts) or "everything in the library"


def about(request: SearchRequest, total: int, library=None) -> dict[str, str]:
    out = {"Search": describe(request), "Sort": request.sort, "Articles": str(total),
           "Exported": dt.datetime.now().strftime("%Y-%m-%d %H:%M")}
    if library is not None:
        out["Library"] = Path(library.path).name
    from index.version import __version__
    out["By"] = f"Mediawatch {__version__}"
    return out


def export_results(library, request: SearchRequest, path: str | os.PathLike, fmt: str | None = None,
                   cancel=None, page: int = PAGE) -> Generator[ExportProgress, None, ExportReport]:
    """Write every hit of ``request`` to ``path`` (format from ``fmt`` or the extension).
    Raises ExportError (bad name, unwritable folder) and QueryError (malformed query) before
    the first progress item."""
    fmt = format_for(path, fmt)
    t0 = time.perf_counter()
    req = SearchRequest.from_json({**request.to_json(), "offset": 0, "facets": False,
                                   "snippets": True})
    scan = library.store.scan(req)
    path = Path(path)
    report = ExportReport(str(path), fmt, 0, scan.total)
    try:
        with open_writer(path, fmt, about(req, scan.total, library)) as writer:
            yield ExportProgress(0, scan.total, str(path))
            for matches in scan.pages(page):
                if cancel is not None and cancel.cancelled:
                    report.cancelled = True
                    break
                for r in table.rows(library.state, matches):
                    writer.write(r)
                report.rows = writer.rows
                yield ExportProgress(writer.rows, scan.total, str(path))
            if not report.cancelled:
                report.bytes = writer.commit()
    finally:
        # also on GeneratorExit (the consumer stopped) and errors: the writer's block removed
        # the partial file; the snapshot's searcher is released
        scan.close()
    report.seconds = time.perf_counter() - t0
    yield ExportProgress(report.rows, scan.total, str(path),
                         "cancelled" if report.cancelled else "done")
    return report


def run_to_end(gen: Generator) -> object:
    """Drive an export generator and return its report (CLI, tests, scripts)."""
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value
