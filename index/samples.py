"""The sample library: the articles in seeds/ and the saved search that comes with them.

``resources/data/samples.json`` names the saved searches a first start should show. They are
saved (and watched) *before* the articles are imported, so the sample import itself raises the
alerts an analyst would see after a real import: the window's first-start offer,
``mediawatch import --samples``, ``make run``, the self-test and the tour all go through
``prepare``. seeds/ holds article files only, so importing that folder by hand imports exactly
the articles and nothing else.

``import_samples`` is the one sample import (the CLI's ``import --samples``, the window's import
process, the self-test and the tour call it). Story grouping is incremental: what a batch joins
depends on the batches before it, and an import commits by size *and* every few seconds. Under
load the window's import process and the CLI cut the same 40 files into different commits (the
tour once showed a story of 7 that the CLI split). So the sample import runs the library's
after-commit steps (stories, then alerts) once, over all its articles, after the last commit:
the same stories from every caller, however slow the machine.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Generator

from .alerts import saved
from .errors import LibraryError
from .model import ImportProgress, ImportReport, SearchRequest
from .resources import data_path, seeds_dir


@dataclass(frozen=True)
class SampleSearch:
    name: str
    request: SearchRequest
    watched: bool


def sample_searches() -> list[SampleSearch]:
    doc = json.loads(data_path("samples.json").read_text(encoding="utf-8"))
    out = []
    for entry in doc.get("saved_searches", []):
        request = SearchRequest(query=entry.get("query", ""), filters=entry.get("filters", {}),
                                limit=50, facets=True)
        out.append(SampleSearch(entry["name"], request, bool(entry.get("watch", True))))
    return out


def prepare(library) -> list[str]:
    """Save the sample searches that the library does not have yet (by name); returns the
    names saved now. Call it before importing ``paths()``."""
    have = {s.name for s in saved.list_saved(library.state)}
    added = []
    for s in sample_searches():
        if s.name in have:
            continue
        try:
            saved.add(library.state, s.name, s.request, watched=s.watched)
        except LibraryError:      # saved meanwhile by another process: it is there, fine
            continue
        added.append(s.name)
    return added


def paths() -> list[Path]:
    """What a sample import imports: the seeds folder."""
    return [seeds_dir()]


def import_samples(library, folder=None, cancel=None, *, origin: str = "cli"
                   ) -> Generator[ImportProgress, None, ImportReport]:
    """Save the sample searches, import the samples (``folder``: a copy of seeds/; default the
    bundled one) and place them in stories as one batch. A generator like
    ``Library.import_paths``: progress, then the ImportReport as ``StopIteration.value``."""
    from .ingest.pipeline import ImportPipeline, after_commit_steps
    prepare(library)
    pipeline = ImportPipeline(library, origin=origin, steps=[])
    report = yield from pipeline.run([str(folder)] if folder else [str(p) for p in paths()], cancel)
    if report.ids:
        # A kill before this leaves the articles committed and ungrouped: stories.service.backfill
        # places them later, as for any library grouped before stories existed.
        order = {aid: i for i, aid in enumerate(report.ids)}
        articles = sorted(library.store.get_many(list(report.ids)), key=lambda a: order[a.id])
        with library.writing():
            pipeline.steps = after_commit_steps(library)
            pipeline.after_commit(articles)
    return report
