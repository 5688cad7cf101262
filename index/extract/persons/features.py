"""Tokens and features of the person tagger (tagger.py), shared with its training (tools/train_persons.py).

A text is cut into word, number and punctuation tokens (CoNLL's way: "Putin's" -> "Putin" "'s").
Only *candidates* are tagged: capitalised tokens, and name particles ("de", "van", "bin") between
two of them; every other token is outside a name. In an all-caps line (a headline, a table of
results) words are read title-cased, with a flag saying so, so "CLINTON WINS" looks like "Clinton
Wins".

Every feature but three is a function of *one word at one offset* from the candidate (the word,
its suffixes and shape, lexicon memberships; the neighbours' words and shapes), which lets the
tagger sum each word's weights once and cache them. The three others are per token: the word is
written in lower case elsewhere in the document ("Bank" beside "bank"), the line is all caps, and
the line looks like a table row (many numbers).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..countries.gazetteer import CYR
from .lexicon import (CYR_NON_PERSON, CYR_STOP, CYR_TITLES, NON_PERSON, STOP, TITLES, lexicon, token_key)
from . import slavic_endings

CLASSES = ("O", "B-PER", "I-PER", "ORG", "LOC", "MISC")
PER_B, PER_I = 1, 2
OFFSETS = (-2, -1, 0, 1, 2)
# Per-token flags (feature names as stored in the model).
FLAGS = ("doc:lower-elsewhere", "line:all-caps", "line:table")

_WORD = r"[^\W\d_]+(?:[-‐][^\W\d_]+)*(?:['’](?![sS]\b)[^\W\d_]+)*(?:[-‐][^\W\d_]+)*"
TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}"                 # U.S., J.D.
    r"|[^\W\d_a-z]\.(?=\s|$)"              # an initial: F.
    rf"|{_WORD}|['’][sS]\b|\d+(?:[.,:/]\d+)*|[^\w\s]")
PARTICLES = frozenset("de da del della di do dos das du van von der den ter ten le la bin ibn al el y zu af "
                      "bint abu ul ur".split())
_DIGIT = re.compile(r"\d")


def tokenize(text: str) -> tuple[list[str], list[tuple[int, int]], list[int]]:
    """Tokens, their (start, end) offsets and the line number of each."""
    toks, spans, lines = [], [], []
    line_no, pos = 0, 0
    for m in TOKEN_RE.finditer(text):
        line_no += text.count("\n", pos, m.start())
        pos = m.start()
        toks.append(m.group())
        spans.append(m.span())
        lines.append(line_no)
    return toks, spans, lines


def is_cap(w: str) -> bool:
    return w[:1].isupper()


def caps_lines(toks: list[str], lines: list[int]) -> set[int]:
    """Lines written in capitals: at least two words of 3+ letters, none of them in lower case."""
    upper, lower = {}, set()
    for w, ln in zip(toks, lines):
        if len(w) >= 3 and w[0].isalpha():
            if w.isupper():
                upper[ln] = upper.get(ln, 0) + 1
            elif not w.isupper():
                lower.add(ln)
    return {ln for ln, n in upper.items() if n >= 2 and ln not in lower}


def table_lines(toks: list[str], lines: list[int]) -> set[int]:
    """Lines where numbers are at least a third of the tokens (results, scores, standings)."""
    nums, total = {}, {}
    for w, ln in zip(toks, lines):
        total[ln] = total.get(ln, 0) + 1
        if w[:1].isdigit():
            nums[ln] = nums.get(ln, 0) + 1
    return {ln for ln, n in nums.items() if n >= 2 and n * 3 >= total[ln]}


def prepare(toks: list[str], lines: list[int]) -> tuple[list[str], list[int], list[tuple[bool, bool, bool]]]:
    """The words as the tagger reads them, the candidate positions and each candidate's flags."""
    caps = caps_lines(toks, lines)
    table = table_lines(toks, lines)
    words = [w.title() if lines[i] in caps and w.isupper() and len(w) > 1 and "." not in w else w
             for i, w in enumerate(toks)]
    lowered = {w for w in words if w[:1].islower()}
    cands, flags = [], []
    n = len(words)
    for i, w in enumerate(words):
        if is_cap(w):
            pass
        elif w in PARTICLES and 0 < i < n - 1 and is_cap(words[i - 1]) and is_cap(words[i + 1]):
            pass
        else:
            continue
        cands.append(i)
        ln = lines[i]
        flags.append((w.lower() in lowered, ln in caps, ln in table))
    return words, cands, flags


@lru_cache(maxsize=1)
def _lists():
    lex = lexicon()
    known = set(lex.single)
    for alias in lex.aliases:
        known.update(alias.split())
    given_stems = {slavic_endings.stem(g) for g in lex.given if not CYR.search(g)}
    outlets = {t for o in lex.outlets for t in o.split()}
    return lex, known, given_stems, outlets


def norm(w: str) -> str:
    """The word's identity: lower case, digits as 0."""
    return _DIGIT.sub("0", w.casefold()) if w[:1].isdigit() else w.casefold()


def shape(w: str) -> str:
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
    lex, known, given_stems, outlets = _lists()
    key = token_key(w)
    cf = w.casefold().rstrip(".")
    out = []
    if key in lex.given:
        out.append("given")
    elif not CYR.search(w) and slavic_endings.stem(key) in given_stems:
        out.append("given~")
    if key in known:
        out.append("known")
    if cf in lex.places:
        out.append("place")
    if cf in TITLES or cf in CYR_TITLES:
        out.append("title")
    if cf in STOP or cf in CYR_STOP:
        out.append("stop")
    if cf in NON_PERSON or cf in CYR_NON_PERSON or key in CYR_NON_PERSON:
        out.append("thing")
    if key in outlets:
        out.append("outlet")
    return out


def word_features(w: str, offset: int) -> list[str]:
    """The features word ``w`` contributes at ``offset`` from the tagged token."""
    lw = norm(w)
    if offset == 0:
        f = ["bias", "w=" + lw, "sh=" + shape(w), "cyr" if CYR.search(w) else "lat"]
        if len(lw) > 3:
            f += ["s2=" + lw[-2:], "s3=" + lw[-3:], "s4=" + lw[-4:], "p3=" + lw[:3]]
        if len(w) > 1 and w.isupper():
            f.append("allcaps")
        f += ["L=" + c for c in lex_classes(w)]
        return f
    o = str(offset)
    f = [o + "w=" + lw]
    if offset in (-1, 1):
        f.append(o + "sh=" + shape(w))
        f += [o + "L=" + c for c in lex_classes(w)]
        if len(lw) > 3:
            f.append(o + "s3=" + lw[-3:])
    return f
