"""What each pane of a 2-4 article comparison shows, as data (the Qt view and the HTML briefing
render the same ``Pane`` objects, so the window and the exported briefing never disagree)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Article
from . import text as tx
from .compare import PARAPHRASE, VERBATIM, Side, compare

MAX_PANES = 4


@dataclass
class NumberFlag:
    unit: str
    here: list[str]          # values this article gives
    others: list[str]        # values the other article gives
    other_id: str
    other_outlet: str | None


@dataclass
class Pane:
    side: Side
    sentences: list[str]
    status: list[str]                         # per sentence: verbatim | paraphrase | unique
    quotes_shared: list[str] = field(default_factory=list)
    quotes_unique: list[str] = field(default_factory=list)
    numbers: list[NumberFlag] = field(default_factory=list)
    persons_missing: list[str] = field(default_factory=list)   # named by another article, not here
    persons_only: list[str] = field(default_factory=list)      # named here only
    countries_only: list[str] = field(default_factory=list)

    @property
    def shared_count(self) -> int:
        return sum(1 for s in self.status if s != "unique")

    def to_json(self) -> dict[str, Any]:
        return {"side": self.side.__dict__, "sentences": [
            {"text": t, "status": s} for t, s in zip(self.sentences, self.status)],
            "quotes_shared": self.quotes_shared, "quotes_unique": self.quotes_unique,
            "numbers": [n.__dict__ for n in self.numbers], "persons_missing": self.persons_missing,
            "persons_only": self.persons_only, "countries_only": self.countries_only}


def build_panes(articles: list[Article]) -> list[Pane]:
    """Panes for 2-4 articles; each sentence's status is its best match in any other article."""
    if not 2 <= len(articles) <= MAX_PANES:
        raise ValueError(f"compare 2 to {MAX_PANES} articles, not {len(articles)}")
    rank = {"unique": 0, PARAPHRASE: 1, VERBATIM: 2}
    panes = []
    for a in articles:
        sents = tx.sentences(a.body)
        panes.append(Pane(Side.of(a), sents, ["unique"] * len(sents)))
    quotes_seen: list[set[str]] = [set() for _ in articles]
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            c = compare(articles[i], articles[j])
            for k, s in enumerate(c.status_a()):
                if rank[s] > rank[panes[i].status[k]]:
                    panes[i].status[k] = s
            for k, s in enumerate(c.status_b()):
                if rank[s] > rank[panes[j].status[k]]:
                    panes[j].status[k] = s
            for qa, qb in c.quotes_both:
                quotes_seen[i].add(qa)
                quotes_seen[j].add(qb)
            for d in c.numbers_differ:
                panes[i].numbers.append(NumberFlag(d.unit, d.a, d.b, articles[j].id, articles[j].outlet))
                panes[j].numbers.append(NumberFlag(d.unit, d.b, d.a, articles[i].id, articles[i].outlet))
    all_persons = [set(a.persons) for a in articles]
    all_countries = [set(a.countries) for a in articles]
    for i, (a, pane) in enumerate(zip(articles, panes)):
        quotes = tx.quotes(a.body)
        pane.quotes_shared = [q for q in quotes if q in quotes_seen[i]]
        pane.quotes_unique = [q for q in quotes if q not in quotes_seen[i]]
        others_p = set().union(*(p for k, p in enumerate(all_persons) if k != i))
        others_c = set().union(*(c for k, c in enumerate(all_countries) if k != i))
        pane.persons_missing = sorted(others_p - all_persons[i])
        pane.persons_only = sorted(all_persons[i] - others_p)
        pane.countries_only = sorted(all_countries[i] - others_c)
    return panes


def story_summary(articles: list[Article], copies: list[list[str]] | None = None) -> dict[str, Any]:
    """Outlets, first and last publication, copies: the header of a comparison."""
    dates = sorted(a.published.isoformat() for a in articles if a.published)
    return {"articles": len(articles), "outlets": sorted({a.outlet for a in articles if a.outlet}),
            "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
            "copies": copies or []}
