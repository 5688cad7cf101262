"""Tokens and features of the person tagger (tagger.py), shared with its training (tools/train_persons.py).

A text is cut into word, number and punctuation tokens (CoNLL's way: "Putin's" -> "Putin" "'s").
Only *candidates* are tagged: capitalised tokens, and name particles ("de", "van", "bin") between
two of them; every other token is outside a name. In an all-caps line (a headline, a table of
results) words are read title-cased, with a flag saying so, so "CLINTON WINS" looks like "Clinton
Wins".

Every feature but five is a function of *one word at one offset* from the candidate (the word,
its stem across case forms, suffixes and shape, lexicon memberships, exact or by stem; the
neighbours' words and shapes), which lets the tagger sum each word's weights once and cache them.
The five others are per token (FLAGS): the word is written in lower case elsewhere in the document
("Bank" beside "bank"), or another case form of it is ("komisji" beside "Komisja"), the line is all
caps, the line looks like a table row (many numbers), and the token is inside a multi-word place of
the country gazetteer in one of its case forms ("Wielkiej Brytanii").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..countries.gazetteer import CYR, gazetteer
from .lexicon import (CYR_NON_PERSON, CYR_STOP, CYR_TITLES, NON_PERSON, SLAVIC_NON_PERSON, SLAVIC_STOP, STOP,
                      TITLES, cyr_stem, lexicon, token_key)
from . import slavic_endings
from .translit import fold
from .world_names import name_classes

CLASSES = ("O", "B-PER", "I-PER", "ORG", "LOC", "MISC")
PER_B, PER_I = 1, 2
NOT_PER = tuple(i for i in range(len(CLASSES)) if i not in (PER_B, PER_I))
OFFSETS = (-2, -1, 0, 1, 2)
SLOTS = OFFSETS
# Per-token flags (feature names as stored in the model).
FLAGS = ("doc:lower-elsewhere", "line:all-caps", "line:table", "doc:lower-stem-elsewhere", "gaz:place-phrase")

TOKEN_RE = re.compile(r"\d+(?:[.,:/]\d+)*|(?:\w\.){2,}|\b[^\W\d_a-z]\.(?= )|\w+(?:[-‐]\w+|['’](?![sS]\b)\w+)*|['’][sS]\b|[^\w\s]")
PARTICLES = frozenset("de da del della di do dos das du van von der den ter ten le la bin ibn al el y zu af "
                      "bint abu ul ur".split())
_DIGIT = re.compile(r"\d")
# Capitalised function words ("The", "But", "He", "Однако"): a quarter of all capitalised tokens,
# never a name, so never scored (particles such as "Le" in "Marine Le Pen" excepted).
# Function words that are given names too ("Jan Kowalski", "AJ", "Esa") stay candidates.
NEVER_NAMES = frozenset((STOP | CYR_STOP | SLAVIC_STOP) - PARTICLES - {"jan", "aj", "esa"})
_ANY_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"(?:^| )\d")


BOUNDARY = ("<s>", "</s>")
PAD = 2                                  # boundary tokens around every line: the context never crosses one


def tokenize(text: str) -> list[list[str]]:
    """The tokens of each line."""
    return [TOKEN_RE.findall(line) for line in text.split("\n")]


_PREFIXED = re.compile(r"(?:al|el|ad|ar|as|at|an|ash|bin|ben|abu|d)[-'’][^\W\d_]")   # al-Assad, d'Estaing


def is_cap(w: str) -> bool:
    return w[:1].isupper() or bool(_PREFIXED.match(w))


MAX_PARTICLES = 4     # "Maria de los Angeles", "van der"; more in a row is no name


def _inside_name(words: list[str], i: int) -> bool:
    """A particle between name words: "Ursula von der Leyen", "Gil de Ferran"."""
    # The walks are bounded: a text of nothing but particles (found by tools/fuzz.py: "von"
    # 60,000 times) made them quadratic, minutes for one 400 KB article.
    j = i - 1
    while words[j] in PARTICLES:
        j -= 1
        if i - j > MAX_PARTICLES:
            return False
    if not is_cap(words[j]):
        return False
    k = i + 1
    while words[k] in PARTICLES:
        k += 1
        if k - i > MAX_PARTICLES:
            return False
    return is_cap(words[k])


# What a word is to prepare(), the same in every text (kept across texts: most words recur):
# never a candidate, a candidate, or a particle (a candidate between two name words).
_NOT, _CAND, _PARTICLE = 0, 1, 2
_KINDS: dict[str, int] = {}


def _kind(w: str) -> int:
    if not (w[0].isupper() or w in PARTICLES or ("-" in w or "'" in w or "’" in w) and _PREFIXED.match(w)):
        return _NOT
    if w in PARTICLES:
        return _PARTICLE
    return _NOT if w.casefold() in NEVER_NAMES else _CAND


@dataclass
class Prepared:
    words: list[str]      # every line's words between PAD boundary tokens, title-cased in all-caps lines
    cands: list[int]      # positions in ``words`` of the tokens to tag
    flags: list[tuple[float, ...]]   # FLAGS of each candidate
    starts: list[int]     # position in ``words`` of each line's first token


def prepare(lines: list[list[str]]) -> Prepared:
    words: list[str] = []
    starts: list[int] = []
    line_flags: list[tuple[bool, bool]] = []
    for lt in lines:
        words += BOUNDARY[:1] * PAD
        starts.append(len(words))
        joined = " ".join(lt)
        caps = len(lt) >= 2 and joined.isupper() and sum(len(w) >= 3 for w in lt) >= 2
        if caps:
            lt = [w.title() if len(w) > 1 and w[0].isalpha() and "." not in w else w for w in lt]
        nums = len(_NUMBER.findall(joined)) if _ANY_DIGIT.search(joined) else 0
        line_flags.append((caps, nums >= 2 and nums * 3 >= len(lt)))
        words += lt
        words += BOUNDARY[1:] * PAD
    seen = set(words)                  # a candidate's lower-case form in it: written in lower case too
    # ... or another case form of it ("komisji" beside "Komisja"): lower-case words by stem, only
    # those that begin as a candidate does (a stem never changes the first three letters).
    heads = {w[:3].lower() for w in seen if w[:1].isupper()}
    seen_stems = {stem(w) for w in seen if w[:3] in heads and w.islower()}
    kinds = _KINDS
    new = [w for w in seen if w not in kinds]
    if new:
        if len(kinds) > 300_000:
            kinds.clear()
            new = seen
        for w in new:
            kinds[w] = _kind(w)
    cands: list[int] = [i for i, w in enumerate(words)
                        if (k := kinds[w]) == _CAND or k == _PARTICLE and _inside_name(words, i)]
    in_place = place_phrases(words, cands)
    flags: list[tuple[float, ...]] = []
    line = 0
    nxt = starts[1] if len(starts) > 1 else len(words)
    for i in cands:
        w = words[i]
        while i >= nxt:
            line += 1
            nxt = starts[line + 1] if line + 1 < len(starts) else len(words)
        caps, table = line_flags[line]
        lw = w.lower()
        flags.append((float(lw in seen), float(caps), float(table), float(stem(lw) in seen_stems),
                      float(i in in_place)))
    return Prepared(words, cands, flags, starts)


def place_phrases(words: list[str], cands: list[int]) -> set[int]:
    """Positions inside a multi-word place of the country gazetteer, in any case form it knows
    ("Wielkiej Brytanii", "Соединенного Королевства", "New York")."""
    g = gazetteer()
    out: set[int] = set()
    for i in cands:
        longest = g.multi_first.get(words[i].casefold())
        if not longest or i in out:
            continue
        for n in range(longest, 1, -1):
            if " ".join(w.casefold() for w in words[i:i + n]) in g.lookup:
                out.update(range(i, i + n))
                break
    return out


_STEMS: dict[str, str] = {}


def stem(cf: str) -> str:
    """A lower-case word less its case ending: Cyrillic (lexicon.cyr_stem) or Latin Slavic
    (slavic_endings.stem), so the case forms of one word meet."""
    st = _STEMS.get(cf)
    if st is None:
        if len(_STEMS) > 300_000:
            _STEMS.clear()
        st = _STEMS[cf] = cyr_stem(cf) if CYR.search(cf) else slavic_endings.stem(cf)
    return st


@lru_cache(maxsize=1)
def _lists():
    lex = lexicon()
    known = set(lex.single)
    for alias in lex.aliases:
        known.update(alias.split())
    # A given name with a case ending ("Donalda", "Michaelu"): the word less 1-3 letters is one.
    given_stems = {g for g in lex.given if not CYR.search(g) and len(g) >= 3}
    given_stems |= {slavic_endings.stem(g) for g in given_stems}
    outlets = {t for o in lex.outlets for t in o.split()}
    things = {stem(w.casefold()) for w in NON_PERSON | CYR_NON_PERSON | SLAVIC_NON_PERSON}
    places = {stem(p) for p in lex.places if len(p) >= 5}
    return lex, known, given_stems, outlets, things, places


def known_tokens() -> set[str]:
    """Token keys of known persons' names and aliases (persons.json)."""
    return _lists()[1]


@lru_cache(maxsize=1)
def known_folded() -> frozenset[str]:
    """The same keys transliteration-folded (translit.fold): "oumerov" meets "umerov"."""
    return frozenset(fold(k) for k in known_tokens())


def norm(w: str) -> str:
    """The word's identity: lower case, digits as 0."""
    return _DIGIT.sub("0", w.casefold()) if w[:1].isdigit() else w.casefold()


def shape(w: str) -> str:
    if w.isalpha():                       # the common cases, without a loop over the letters
        if w.islower():
            return "x"
        if w.isupper():
            return "XX" if len(w) > 1 else "X"
        if w[0].isupper() and w[1:].islower():
            return "Xx"
    out = []
    for c in w[:12]:
        s = "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c
        if not out or out[-1] != s:
            out.append(s)
    s = "".join(out)
    if s == "X" and len(w) > 1:
        return "XX"                       # NATO, but not A
    return s


def lex_classes(w: str) -> list[str]:
    """Which lexicons the word is in (given names, known persons, places, titles, ...)."""
    lex, known, given_stems, outlets, things, places = _lists()
    key = token_key(w)
    cf = w.casefold().rstrip(".")
    out = []
    if key in lex.given:
        out.append("given")
    elif len(key) >= 5 and (key[:-1] in given_stems or key[:-2] in given_stems or key[:-3] in given_stems):
        out.append("given~")
    if key in known:
        out.append("known")
    st = stem(cf)
    if cf in lex.places:
        out.append("place")
    elif st in places:
        out.append("place~")            # a case form of a place ("Londynie", "Brytanii")
    if cf in TITLES or cf in CYR_TITLES:
        out.append("title")
    if cf in STOP or cf in CYR_STOP:
        out.append("stop")
    if cf in NON_PERSON or cf in CYR_NON_PERSON or key in CYR_NON_PERSON:
        out.append("thing")
    elif st in things:
        out.append("thing~")            # a case form of an institution word ("Komisji", "Izbie")
    if key in outlets:
        out.append("outlet")
    out += name_classes(key)
    return out


GIVEN_CLASSES = frozenset({"given", "given~", "wgiven", "wgiven~"})
_INFO: dict[str, tuple[str, str, list[str], bool, str]] = {}


def _info(w: str) -> tuple[str, str, list[str], bool, str]:
    info = _INFO.get(w)
    if info is None:
        if len(_INFO) > 200_000:
            _INFO.clear()
        lw = norm(w)
        info = _INFO[w] = (lw, shape(w), lex_classes(w), bool(CYR.search(w)), stem(lw))
    return info


def slot_words(words: list[str], i: int) -> list[str]:
    """The word each slot (offset) reads for the token at ``i``."""
    return [words[i + o] for o in OFFSETS]


def word_features(w: str, offset: int) -> list[str]:
    """The features word ``w`` contributes at ``offset`` from the tagged token."""
    if w in BOUNDARY:
        return [f"{offset}w={w}"] if offset else ["bias"]
    lw, sh, classes, cyr, st = _info(w)
    if offset == 0:
        f = ["bias", "w=" + lw, "sh=" + sh, "cyr" if cyr else "lat"]
        if st != lw:
            f.append("st=" + st)        # the word's identity across its case forms
        if len(lw) > 3:
            f += ["s2=" + lw[-2:], "s3=" + lw[-3:], "s4=" + lw[-4:], "p3=" + lw[:3]]
        if len(w) > 1 and w.isupper():
            f.append("allcaps")
        f += ["L=" + c for c in classes]
        return f
    o = str(offset)
    f = [o + "w=" + lw]
    if offset in (-1, 1):
        f.append(o + "sh=" + sh)
        f += [o + "L=" + c for c in classes]
        if len(lw) > 3:
            f.append(o + "s3=" + lw[-3:])
    return f
