"""Two articles side by side, as data: aligned sentences, quotes, differing numbers, entities.

The compare view and the HTML briefing only render what this module computes, and the CLI prints
it as JSON, so all three always agree.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ..model import Article
from . import text as tx

VERBATIM = "verbatim"
PARAPHRASE = "paraphrase"
PARAPHRASE_DICE = 0.5     # share of content terms two sentences need to count as one statement
MIN_SHARED_TERMS = 3


@dataclass
class Side:
    id: str
    title: str
    outlet: str | None
    published: str | None
    url: str | None
    path: str
    sha256: str
    language: str | None

    @classmethod
    def of(cls, a: Article) -> "Side":
        return cls(a.id, a.title, a.outlet, a.published.isoformat() if a.published else None,
                   a.url, a.path, a.sha256, a.language)


@dataclass
class Aligned:
    a: int                 # sentence index in article A
    b: int                 # sentence index in article B
    kind: str              # verbatim | paraphrase
    score: float


@dataclass
class NumberDiff:
    unit: str
    a: list[str]           # as written in A ("112")
    b: list[str]
    context_a: str = ""    # the sentence it came from
    context_b: str = ""


@dataclass
class Comparison:
    a: Side
    b: Side
    sentences_a: list[str]
    sentences_b: list[str]
    aligned: list[Aligned]
    only_a: list[int]
    only_b: list[int]
    quotes_both: list[tuple[str, str]]
    quotes_only_a: list[str]
    quotes_only_b: list[str]
    numbers_differ: list[NumberDiff]
    persons_only_a: list[str]
    persons_only_b: list[str]
    countries_only_a: list[str]
    countries_only_b: list[str]
    shared_ratio: float = 0.0          # share of A's sentences found in B (verbatim or paraphrase)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["quotes_both"] = [{"a": qa, "b": qb} for qa, qb in self.quotes_both]
        d["shared_ratio"] = round(self.shared_ratio, 3)
        return d

    def status_a(self) -> list[str]:
        """Per sentence of A: verbatim, paraphrase or unique (what the view colours)."""
        st = ["unique"] * len(self.sentences_a)
        for p in self.aligned:
            st[p.a] = p.kind
        return st

    def status_b(self) -> list[str]:
        st = ["unique"] * len(self.sentences_b)
        for p in self.aligned:
            st[p.b] = p.kind
        return st


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.casefold()).strip()


def align(sa: list[str], sb: list[str], lang: str | None = None) -> list[Aligned]:
    """One-to-one sentence alignment, best pairs first (greedy on Dice of content terms)."""
    ta = [set(tx.content_terms(s, lang)) for s in sa]
    tb = [set(tx.content_terms(s, lang)) for s in sb]
    na, nb = [_norm(s) for s in sa], [_norm(s) for s in sb]
    postings: dict[str, list[int]] = {}
    for j, terms in enumerate(tb):
        for t in terms:
            postings.setdefault(t, []).append(j)
    pairs = []
    for i, terms in enumerate(ta):
        seen = {j for t in terms for j in postings.get(t, ())}
        for j in seen:
            if na[i] and na[i] == nb[j]:
                pairs.append((1.0, i, j, VERBATIM))
                continue
            shared = len(terms & tb[j])
            dice = 2 * shared / (len(terms) + len(tb[j]))
            if shared >= MIN_SHARED_TERMS and dice >= PARAPHRASE_DICE:
                kind = VERBATIM if dice >= 0.95 and (na[i] in nb[j] or nb[j] in na[i]) else PARAPHRASE
                pairs.append((dice, i, j, kind))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_a, used_b, out = set(), set(), []
    for score, i, j, kind in pairs:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append(Aligned(i, j, kind, round(score, 3)))
    return sorted(out, key=lambda p: p.a)


def _match_quotes(qa: list[str], qb: list[str]):
    both, used = [], set()
    for q in qa:
        j = next((j for j, r in enumerate(qb) if j not in used and tx.same_quote(q, r)), None)
        if j is not None:
            used.add(j)
            both.append((q, qb[j]))
    only_a = [q for q in qa if q not in {x for x, _ in both}]
    only_b = [r for j, r in enumerate(qb) if j not in used]
    return both, only_a, only_b


def _unit_key(unit: str, lang: str | None) -> str:
    return unit if unit == "%" else tx.stem(unit, lang)


def _numbers_by_unit(sents: list[str], lang: str | None) -> dict[str, list[tuple[tx.Number, str]]]:
    out: dict[str, list[tuple[tx.Number, str]]] = {}
    for s in sents:
        for n in tx.numbers(s, lang):
            if n.unit and not (1900 <= n.value <= 2100 and n.unit in ("", "year")):
                out.setdefault(_unit_key(n.unit, lang), []).append((n, s))
    return out


def number_diffs(sa: list[str], sb: list[str], lang_a=None, lang_b=None) -> list[NumberDiff]:
    """Units both articles count, with values one side has and the other lacks: 112 vs 100 drones."""
    ua, ub = _numbers_by_unit(sa, lang_a), _numbers_by_unit(sb, lang_b)
    diffs = []
    for unit in sorted(ua.keys() & ub.keys()):
        va = {n.key for n, _ in ua[unit]}
        vb = {n.key for n, _ in ub[unit]}
        if va - vb and vb - va:
            ea = [(n, s) for n, s in ua[unit] if n.key not in vb]
            eb = [(n, s) for n, s in ub[unit] if n.key not in va]
            # Matched on the stem ("drone"), shown as written in A ("drones").
            diffs.append(NumberDiff(ea[0][0].unit, sorted({n.text for n, _ in ea}),
                                    sorted({n.text for n, _ in eb}), ea[0][1], eb[0][1]))
    return diffs


def compare(a: Article, b: Article) -> Comparison:
    sa, sb = tx.sentences(a.body), tx.sentences(b.body)
    lang = a.language if a.language == b.language else None
    aligned = align(sa, sb, lang)
    ia, ib = {p.a for p in aligned}, {p.b for p in aligned}
    both, qa, qb = _match_quotes(tx.quotes(a.body), tx.quotes(b.body))
    return Comparison(
        a=Side.of(a), b=Side.of(b), sentences_a=sa, sentences_b=sb, aligned=aligned,
        only_a=[i for i in range(len(sa)) if i not in ia], only_b=[j for j in range(len(sb)) if j not in ib],
        quotes_both=both, quotes_only_a=qa, quotes_only_b=qb,
        numbers_differ=number_diffs(sa, sb, a.language, b.language),
        persons_only_a=sorted(set(a.persons) - set(b.persons)),
        persons_only_b=sorted(set(b.persons) - set(a.persons)),
        countries_only_a=sorted(set(a.countries) - set(b.countries)),
        countries_only_b=sorted(set(b.countries) - set(a.countries)),
        shared_ratio=len(aligned) / len(sa) if sa else 0.0)

