"""How alike two article signatures are: the probability that they report one event, and a
copy verdict.

``pair_features`` computes general signals of a pair: the TF-IDF cosine of their terms over the
library's own statistics; the overlap of capitalised names and of headlines, each word weighed
by its specificity in the library (``rarity``); shared persons and significant figures, also by
specificity; shared quotes; the MinHash Jaccard of their shingles; days apart and whether one
is undated; and, across languages (no shared words), names, persons and figures again on their
own weights. Content counts as evidence of one event only between articles about the same
actors (``who_overlap``: shared specific names, or a name both headlines carry), so templated
briefs of different companies stay apart. ``pair_score`` is a logistic regression over them whose coefficients, with the
grouping thresholds, are ``resources/data/stories_model.json`` (``tools/train_stories.py``,
trained on the open part of the shared story clusters, never per document). A syndicated copy
is always the same event; two dated articles more than ``FAR_WINDOW`` days apart never are,
and beyond ``MAX_WINDOW`` the ``far`` signal asks for more evidence.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Callable

from ..resources import data_path
from . import text as tx
from .signature import Signature

MODEL_FILE = "stories_model.json"

DATE_WINDOW = 3          # days within which coverage of one event counts as simultaneous
MAX_WINDOW = 30          # coverage of one event; beyond it only a few candidates (lookup.py)
# A story comes back: a trial, an anniversary, a report a year on. Beyond MAX_WINDOW two
# articles are still scored (the ``far`` signal makes the model ask for much more evidence);
# beyond FAR_WINDOW (three years) never.
FAR_WINDOW = 3 * 365
UNDATED_FACTOR = 0.85    # PairScore.date_factor of an undated pair (shown, not scored)
COPY_JACCARD = 0.6          # bottom-k shingle Jaccard of a syndicated copy
COPY_CONTAINMENT = 0.8      # ... or one text nearly inside the other (a copy that cut or added)
# Who the event happened to (``who_overlap``): the specificity of the second most specific
# name or person a pair shares, or of a word both headlines carry that either text names,
# must reach this for its content to count as evidence of one event (``event_evidence``) or
# its shingles as a copy. Templated wire briefs (quarterly results, dividends, bond issues) of
# different companies share every content word of their template and no name: on 2,000
# Reuters-1987 articles one story gathered 302 of them. 0.5 and 0.6 leave the open story
# clusters as they were (bench/stories_bench.py --part open); on the 2,000 Reuters articles
# the largest story falls 302 -> 46 at both (grouped pairs 54,353 -> 3,245 and 2,954).
WHO = 0.5
NAME_LIBRARY = 1000      # see name_rarity
# Capitalised, so read as names, but never who an event is about ("Record March 31" on every
# dividend brief of a month). Weekday names are stop words already (text.py).
CALENDAR = frozenset("""january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec""".split())


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
    # Event-specific agreement (``event_evidence``): what the two share beyond who is named.
    evidence: float = 1.0
    who: float = 1.0        # ``who_overlap``: how specifically they share the same actors

    def to_json(self) -> dict:
        return {"score": round(self.score, 4), "cosine": round(self.cosine, 4),
                "names": round(self.names, 4), "persons": self.shared_persons,
                "countries": self.shared_countries, "numbers": self.shared_numbers,
                "quotes": self.shared_quotes, "jaccard": round(self.jaccard, 3),
                "evidence": round(self.evidence, 4), "who": round(self.who, 4),
                "copy": self.copy}


def date_factor(a: Signature, b: Signature) -> float:
    if a.published is None or b.published is None:
        return UNDATED_FACTOR
    days = abs((a.published - b.published).days)
    if days <= DATE_WINDOW:
        return 1.0
    if days > FAR_WINDOW:
        return 0.0
    if days > MAX_WINDOW:
        return 0.5
    # Follow-ups a week or two later still belong, but need clearly stronger evidence.
    return max(0.6, 1.0 - 0.015 * (days - DATE_WINDOW))


class _Prepared:
    """A signature's IDF-weighted vectors, computed once per scoring round (see ``_prepared``)."""
    __slots__ = ("terms", "norm", "names", "names_total", "quotes", "title", "title_total", "who",
                 "subjects")

    def __init__(self, sig: Signature, idf: Callable[[str], float]):
        self.terms = {t: (1 + math.log(c)) * idf(t) for t, c in sig.terms.items()}
        self.norm = math.sqrt(sum(w * w for w in self.terms.values()))
        # Overlaps of names and headlines weigh each word by its specificity (``rarity``): in a
        # library on one topic, "Putin" or "Ukraine" is in nearly every article and says nothing
        # about which of the topic's events two articles share.
        self.names = {n: rarity(idf, "n:" + n) for n in set(sig.names)}
        self.names_total = sum(self.names.values())
        self.quotes = [(q, set(q.split())) for q in sig.quotes]
        self.title = {t: rarity(idf, t) for t in set(sig.title)}
        self.title_total = sum(self.title.values())
        # Who the article is about: its names and persons, by ``name_rarity``.
        who = {n: name_rarity(idf, "n:" + n) for n in self.names if n not in CALENDAR}
        for person in sig.persons:
            who["p:" + person.casefold()] = name_rarity(idf, "p:" + person.casefold())
        self.who = who
        # Headline words (stemmed) the text names: what the article is about, by name_rarity.
        subjects: dict[str, float] = {}
        for n, w in who.items():
            t = tx.stem(n, sig.language)
            if t in self.title:
                subjects[t] = max(w, subjects.get(t, 0.0))
        self.subjects = subjects


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


def rarity(idf: Callable[[str], float], term: str) -> float:
    """How specific a term is in this library, 0 (in every article) to 1 (in one): the IDF
    scaled by its largest value. Persons and figures that every article of a topic repeats
    ("Vladimir Putin", a 30-day ceasefire) say little about which event two articles share."""
    n = getattr(idf, "n", None)
    if not n:
        return 1.0
    top = math.log((n + 1) / 1.5)
    return max(0.0, min(1.0, (idf(term) - 0.5) / top)) if top > 0 else 1.0


def name_rarity(idf: Callable[[str], float], term: str) -> float:
    """``rarity`` of a name as if the library held at least ``NAME_LIBRARY`` articles. In a
    small library one event's reports are a good share of it, so its names look common (six
    reports of a quake in seventeen articles: 0.4); a template's shared words are no names."""
    n = getattr(idf, "n", None)
    if not n or n >= NAME_LIBRARY:
        return rarity(idf, term)
    log_df = math.log(n + 1) - (idf(term) - 0.5)          # log(df + 0.5), from the IDF
    top = math.log((NAME_LIBRARY + 1) / 1.5)
    return max(0.0, min(1.0, (math.log(NAME_LIBRARY + 1) - log_df) / top))


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


def who_overlap(a: _Prepared, b: _Prepared) -> float:
    """How specifically two articles are about the same actors: the ``name_rarity`` of the
    second most specific name or person they share (two, not one: a single shared name is
    often a coincidence of two briefs, "Net" on a line of figures), or of a word both headlines
    carry that either text names (the subject: "Bitcoin ..." over reports that otherwise name
    different people, some never mid-sentence). Two templated briefs of different companies
    share the template's words, headline ones too, and those are no names in either text."""
    shared = a.who.keys() & b.who.keys()
    ranked = sorted((a.who[k] for k in shared), reverse=True)
    subject = max((max(a.subjects.get(t, 0.0), b.subjects.get(t, 0.0))
                   for t in a.title.keys() & b.title.keys()), default=0.0)
    return max(ranked[1] if len(ranked) > 1 else 0.0, subject)


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


# The signals of a pair, in the order of the model's coefficients (``x_`` ones count only
# across languages, where no words are shared). Bounded, so no signal can outvote the rest.
# Countries are left out: two articles of one topic share them as surely as two of one event
# (with them the model learned that translations share countries, and joined a topic's events).
FEATURES = ("bias", "cos", "names", "title", "persons", "numbers", "quotes", "jaccard", "days",
            "far", "undated", "cross", "x_names", "x_persons", "x_numbers")


def pair_features(a: Signature, b: Signature, idf: Callable[[str], float]) -> dict:
    """Every signal of a pair, raw (the PairScore fields) and as the model's vector (``x``)."""
    ma, mb = a.minhash_set, b.minhash_set
    # Most candidate pairs share no shingle at all: skip the sort for them.
    jac = _jaccard(ma, mb, min(len(ma), len(mb))) if ma and not ma.isdisjoint(mb) else 0.0
    inter = jac * (a.shingles + b.shingles) / (1 + jac) if jac else 0.0
    cont = inter / min(a.shingles, b.shingles) if a.shingles and b.shingles else 0.0
    ratio = min(a.shingles, b.shingles) / max(a.shingles, b.shingles, 1)
    pa, pb = _prepared(a, idf), _prepared(b, idf)
    (pa_, ca, na), (pb_, cb, nb) = a.fact_sets, b.fact_sets
    persons, countries, nums = sorted(pa_ & pb_), sorted(ca & cb), sorted(na & nb)
    # Shared persons and figures count by how specific they are in this library.
    n_persons = min(3.0, sum(rarity(idf, "p:" + p.casefold()) for p in persons)) / 3
    n_numbers = min(4.0, sum(rarity(idf, "#:" + n) for n in nums)) / 4
    names = name_overlap(pa, pb)
    cross = cross_language(a, b)
    undated = a.published is None or b.published is None
    days = 0 if undated else abs((a.published - b.published).days)
    x = [1.0, cosine(pa, pb), names, _title_overlap(pa, pb), n_persons, n_numbers,
         min(_shared_quotes(pa, pb), 3) / 3, jac,
         math.log1p(min(days, MAX_WINDOW)) / math.log1p(MAX_WINDOW),
         math.log1p(max(0, min(days, FAR_WINDOW) - MAX_WINDOW)) / math.log1p(FAR_WINDOW - MAX_WINDOW),
         float(undated), float(cross)]
    x += [names, n_persons, n_numbers] if cross else [0.0] * 3
    who = who_overlap(pa, pb)
    # Two short templated briefs (a dividend's three lines) can share most shingles; a copy of
    # one report shares its names too.
    copy = (jac >= COPY_JACCARD or (cont >= COPY_CONTAINMENT and ratio >= 0.5)) and (
        cross or who >= WHO)
    return {"x": x, "who": who, "persons": persons, "countries": countries,
            "numbers": nums, "jaccard": jac,
            "containment": cont, "days": None if undated else days,
            "copy": copy}


def pair_score(a: Signature, b: Signature, idf: Callable[[str], float]) -> PairScore:
    """The probability that two articles report one event (the learned model over
    ``pair_features``); a syndicated copy is always the same event; two dated articles more than
    ``FAR_WINDOW`` days apart never are."""
    f = pair_features(a, b, idf)
    x = f["x"]
    z = sum(w * v for w, v in zip(model().weights, x))
    score = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
    if f["copy"]:
        score = max(score, 0.9 + 0.1 * f["jaccard"])
    df = date_factor(a, b)
    if df == 0.0:
        score = 0.0
    return PairScore(score, x[1], x[2], f["persons"], f["countries"], f["numbers"],
                     round(x[6] * 3), f["jaccard"], f["containment"], df, f["copy"],
                     event_evidence(x, f["copy"], f["who"]), f["who"])


JACCARD = FEATURES.index("jaccard")
_EVIDENCE = tuple(FEATURES.index(f) for f in ("cos", "title", "numbers", "quotes", "jaccard"))
CROSS = FEATURES.index("cross")


def event_evidence(x: list[float], copy: bool = False, who: float = 1.0) -> float:
    """How much of the event itself two articles share, apart from who and where: the content
    signals (TF-IDF cosine, headline overlap, specific figures, quotes, shingles) at their best.
    Persons, names and countries are left out on purpose: two events of one week with the same
    leaders share them as fully as two reports of one event (issue 13), and a story is joined
    only through a link with this evidence (grouping._choose).
    Across languages the gate does not apply: no headline word or shingle can be shared, and
    figures are too sparse to carry it alone (with figures only, 11 of the sample library's 40
    reports in French, German and Russian stood alone), so the pairwise model's cross-language
    score decides there, as it did before the gate.
    The content counts only for a pair about the same actors (``who`` at least ``WHO``): the
    "what" of two templated briefs of different companies is their template."""
    if copy or x[CROSS]:
        return 1.0
    if who < WHO:
        return 0.0
    return max(x[i] for i in _EVIDENCE)


@dataclass(frozen=True)
class Model:
    """Coefficients of the pairwise model and the grouping thresholds chosen with it
    (``resources/data/stories_model.json``, written by ``tools/train_stories.py``)."""
    weights: tuple[float, ...]
    attach: float
    merge: float
    bridge: float
    keep_link: float
    linkage: int = 1        # links to a story's members averaged (grouping.story_scores) ...
    share: float = 0.0      # ... or this share of its members, if more
    evidence: float = 0.0   # event_evidence a link needs to let its article join (or merge) a story


_MODEL: list[Model] = []


def model() -> Model:
    if not _MODEL:
        doc = json.loads(data_path(MODEL_FILE).read_text(encoding="utf-8"))
        w = doc["weights"]
        if list(w) != list(FEATURES):
            raise ValueError(f"{MODEL_FILE}: features {list(w)} are not {list(FEATURES)}")
        t = doc["thresholds"]
        _MODEL.append(Model(tuple(float(w[k]) for k in FEATURES), t["attach"], t["merge"],
                            t["bridge"], t["keep_link"], int(t.get("linkage", 1)),
                            float(t.get("share", 0.0)), float(t.get("evidence", 0.0))))
    return _MODEL[0]


def use_model(m: Model | None) -> None:
    """Replace the loaded model (training and benchmarks); None: load the shipped file again."""
    _MODEL[:] = [m] if m else []
