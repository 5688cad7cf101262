"""The sample library: the articles in seeds/ and the saved search that comes with them.

``resources/data/samples.json`` names the saved searches a first start should show. They are
saved (and watched) *before* the articles are imported, so the sample import itself raises the
alerts an analyst would see after a real import: the window's first-start offer,
``mediawatch import --samples``, ``make run``, the self-test and the tour all go through
``prepare``. seeds/ holds article files only, so importing that folder by hand imports exactly
the articles and nothing else.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .alerts import saved
from .errors import LibraryError
from .model import SearchRequest
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
