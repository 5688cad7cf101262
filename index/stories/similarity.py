"""How alike two article signatures are: one score for grouping, and a copy verdict.

score = TF-IDF cosine of the terms, plus bounded bonuses for evidence that survives rewording
(shared rare names, significant numbers, quotes; a near-identical headline), times a date factor:
the same event is covered within days, so articles far apart in time must be much more alike.
Within one language, persons and countries add nothing beyond the capitalised names they repeat
(weighting them twice merged neighbouring events on one topic in the benchmarks). Different
languages share no terms; there the transliterated names, the canonical persons, countries and
numbers carry the score alone (see ``cross_language``).

The weights and thresholds were set once on the three benchmark sets together
(bench/stories_bench.py), never per document.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from .signature import Signature

DATE_WINDOW = 3          # days within which coverage of one event counts as simultaneous
MAX_WINDOW = 30          # beyond this two dated articles are never candidates
UNDATED_FACTOR = 0.85
COPY_JACCARD = 0.6          # bottom-k shingle Jaccard of a syndicated copy
COPY_CONTAINMENT = 0.8      # ... or one text nearly inside the other (a copy that cut or added)
TITLE_WEIGHT = 0.25
# Evidence beyond the cosine. Names, persons and countries say "same topic" more than "same
# event"; numbers and quotes are event-specific, so they weigh more per item.
W_NAMES, W_PERSON, W_COUNTRY, W_NUMBER, W_QUOTE = 0.15, 0.0, 0.0, 0.035, 0.06
GATE = 0.0                  # evidence counts in proportion to the cosine (GATE + 2 * cos, max 1)


@dataclass
class PairScore:
    score: float
    cosine: float
    names: float
    shared_persons: list[str]
    shared_countries: list[str]
    shared_numbers: list[str]
    shared_quotes: int
    jaccard: float
    containment: float
    date_factor: float
    copy: bool

    def to_json(self) -> dict:
        return {"score": round(self.score, 4), "cosine": round(self.cosine, 4),
                "names": round(self.names, 4), "persons": self.shared_persons,
                "countries": self.shared_countries, "numbers": self.shared_numbers,
                "quotes": self.shared_quotes, "jaccard": round(self.jaccard, 3),
                "copy": self.copy}


def date_factor(a: Signature, b: Signature) -> float:
    if a.published is None or b.published is None:
        return UNDATED_FACTOR
    days = abs((a.published - b.published).days)
    if days <= DATE_WINDOW:
        return 1.0
    if days > MAX_WINDOW:
        return 0.0
    # Follow-ups a week or two later still belong, but need clearly stronger evidence.
    return max(0.6, 1.0 - 0.015 * (days - DATE_WINDOW))


class _Prepared:
    """A signature's IDF-weighted vectors, computed once per scoring round (see ``_prepared``)."""
    __slots__ = ("terms", "norm", "names", "names_total", "quotes", "title", "title_total")

    def __init__(self, sig: Signature, idf: Callable[[str], float]):
        self.terms = {t: (1 + math.log(c)) * idf(t) for t, c in sig.terms.items()}
        self.norm = math.sqrt(sum(w * w for w in self.terms.values()))
        self.names = {n: idf("n:" + n) for n in set(sig.names)}
        self.names_total = sum(self.names.values())
        self.quotes = [(q, set(q.split())) for q in sig.quotes]
        self.title = {t: idf(t) for t in set(sig.title)}
        self.title_total = sum(self.title.values())


def _prepared(sig: Signature, idf: Callable[[str], float]) -> _Prepared:
    # One new article is scored against dozens of candidates with the same IDF: an Idf object
    # carries a ``prepared`` dict so each side's vectors are built once, not once per pair.
    cache = getattr(idf, "prepared", None)
    if cache is None:
        return _Prepared(sig, idf)
    p = cache.get(sig.id)
    if p is None:
        p = cache[sig.id] = _Prepared(sig, idf)
    return p


def cosine(a: _Prepared, b: _Prepared) -> float:
    ta, tb = a.terms, b.terms
    dot = sum(ta[t] * tb[t] for t in ta.keys() & tb.keys())
    return dot / (a.norm * b.norm) if dot and a.norm and b.norm else 0.0


def name_overlap(a: _Prepared, b: _Prepared) -> float:
    """IDF-weighted overlap coefficient of capitalised words: rare shared names weigh most."""
    smaller = min(a.names_total, b.names_total)
    if not smaller:
        return 0.0
    return sum(w for n, w in a.names.items() if n in b.names) / smaller


def term_overlap(a: list[str], b: list[str], idf: Callable[[str], float]) -> float:
    """IDF-weighted overlap coefficient of two small term sets (headlines)."""
    sa, sb = set(a), set(b)
    if len(sa) < 2 or len(sb) < 2:
        return 0.0
    smaller = min(sum(idf(t) for t in sa), sum(idf(t) for t in sb))
    return sum(idf(t) for t in sa & sb) / smaller if smaller else 0.0


def _title_overlap(a: _Prepared, b: _Prepared) -> float:
    """``term_overlap`` of the headlines from the prepared IDF weights."""
    if len(a.title) < 2 or len(b.title) < 2:
        return 0.0
    shared = a.title.keys() & b.title.keys()
    smaller = min(a.title_total, b.title_total)
    return sum(a.title[t] for t in shared) / smaller if shared and smaller else 0.0


def minhash_jaccard(a: list[int], b: list[int]) -> float:
    """Jaccard estimate from two bottom-k sketches: shared among the k smallest of the union."""
    if not a or not b:
        return 0.0
    k = min(len(a), len(b))
    union_k = sorted(set(a) | set(b))[:k]
    sa, sb = set(a), set(b)
    return sum(1 for h in union_k if h in sa and h in sb) / len(union_k)


def _jaccard(sa: frozenset[int], sb: frozenset[int], k: int) -> float:
    """``minhash_jaccard`` on the sketches' sets (the same value; a sketch has no duplicates)."""
    union_k = sorted(sa | sb)[:k]
    return len((sa & sb).intersection(union_k)) / len(union_k)


def _shared_quotes(a: _Prepared, b: _Prepared) -> int:
    """Quotes of A that B carries too (contained, or mostly the same words; keys are normalised)."""
    n = 0
    for qa, wa in a.quotes:
        for qb, wb in b.quotes:
            if qa in qb or qb in qa or (
                    min(len(wa), len(wb)) >= 4 and len(wa & wb) / min(len(wa), len(wb)) >= 0.75):
                n += 1
                break
    return n


def cross_language(a: Signature, b: Signature) -> bool:
    return bool(a.language and b.language and a.language[:2] != b.language[:2])


def pair_score(a: Signature, b: Signature, idf: Callable[[str], float]) -> PairScore:
    df = date_factor(a, b)
    ma, mb = a.minhash_set, b.minhash_set
    # Most candidate pairs share no shingle at all: skip the sort for them.
    jac = _jaccard(ma, mb, min(len(ma), len(mb))) if ma and not ma.isdisjoint(mb) else 0.0
    inter = jac * (a.shingles + b.shingles) / (1 + jac) if jac else 0.0
    cont = inter / min(a.shingles, b.shingles) if a.shingles and b.shingles else 0.0
    ratio = min(a.shingles, b.shingles) / max(a.shingles, b.shingles, 1)
    copy = jac >= COPY_JACCARD or (cont >= COPY_CONTAINMENT and ratio >= 0.5)
    pa, pb = _prepared(a, idf), _prepared(b, idf)
    cos = cosine(pa, pb)
    names = name_overlap(pa, pb)
    (pa_, ca, na), (pb_, cb, nb) = a.fact_sets, b.fact_sets
    persons, countries, nums = sorted(pa_ & pb_), sorted(ca & cb), sorted(na & nb)
    quotes = _shared_quotes(pa, pb)
    evidence = (W_NAMES * names + W_PERSON * min(len(persons), 3) + W_COUNTRY * min(len(countries), 2)
                + W_NUMBER * min(len(nums), 4) + W_QUOTE * min(quotes, 3))
    if cross_language(a, b):
        # No shared vocabulary: names, persons and numbers must do all the work.
        base = 0.6 * names + 0.06 * min(len(persons), 3) + 0.05 * min(len(nums), 4) \
            + 0.02 * min(len(countries), 2)
    else:
        base = cos + evidence * min(1.0, GATE + cos * 2)   # evidence confirms text, never replaces it
        # Near-identical headlines name the same event even when one body is a thin page.
        head = _title_overlap(pa, pb)
        if head >= 0.5:
            base += TITLE_WEIGHT * head
    if copy:
        base = max(base, 0.9 + 0.1 * jac)
    score = min(1.0, base) * df
    return PairScore(score, cos, names, persons, countries, nums, quotes, jac, cont, df, copy)
