"""Syndicated copies inside a story: who published first, who republished, what each changed.

Copy groups are the connected components of the copy links (near-identical shingle sketches);
inside a group the earliest publication leads (undated copies last, then import order), and
every later copy is compared with the lead sentence by sentence: added and cut sentences.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..model import Article
from .compare import compare


@dataclass
class CopyStep:
    id: str
    outlet: str | None
    published: str | None
    added: list[str] = field(default_factory=list)   # sentences this copy has and the lead lacks
    cut: list[str] = field(default_factory=list)     # sentences of the lead this copy dropped
    changed: int = 0                                  # sentences reworded (paraphrase, not verbatim)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "outlet": self.outlet, "published": self.published,
                "added": self.added, "cut": self.cut, "changed": self.changed}


@dataclass
class Lineage:
    lead: CopyStep
    copies: list[CopyStep]

    @property
    def ids(self) -> list[str]:
        return [self.lead.id, *(c.id for c in self.copies)]

    def to_json(self) -> dict[str, Any]:
        return {"lead": self.lead.to_json(), "copies": [c.to_json() for c in self.copies]}


def copy_groups(ids: Iterable[str], copy_pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected components (size > 1) of the copy relation restricted to ``ids``."""
    members = set(ids)
    parent = {i: i for i in members}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in copy_pairs:
        if a in members and b in members:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for i in members:
        groups.setdefault(find(i), []).append(i)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])


def publication_order(articles: list[Article], seq: dict[str, int] | None = None) -> list[Article]:
    seq = seq or {}
    return sorted(articles, key=lambda a: (a.published is None, a.published or dt.date.max,
                                           seq.get(a.id, 0), a.id))


def lineage(articles: list[Article], seq: dict[str, int] | None = None) -> Lineage:
    """The lineage of one copy group (``articles`` are the group's members, any order)."""
    ordered = publication_order(articles, seq)
    lead = ordered[0]

    def step(a: Article) -> CopyStep:
        return CopyStep(a.id, a.outlet, a.published.isoformat() if a.published else None)

    copies = []
    for a in ordered[1:]:
        c = compare(lead, a)
        s = step(a)
        s.added = [c.sentences_b[j] for j in c.only_b]
        s.cut = [c.sentences_a[i] for i in c.only_a]
        s.changed = sum(1 for p in c.aligned if p.kind != "verbatim")
        copies.append(s)
    return Lineage(step(lead), copies)
