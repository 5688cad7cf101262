"""Transliteration-folded keys: one spelling for a name written in German, French or Spanish.

Russian and Ukrainian names reach the Latin script by several conventions: "Dmitri Peskow" (de),
"Sergueï Lavrov" (fr), "Serguéi Lavrov" (es), "Dmitrij", "Dmitriy", "Dmitry". Listing every
spelling as an alias in persons.json never ends; instead a candidate that matches no alias is
compared with the aliases again after folding both sides:
accents dropped; w -> v (Lawrow); x -> ks; j and y -> i and "ii" -> "i" (Sergej, Sergey,
Dmitrij, Dmitriy, Selenskyj); "gue"/"gui" -> "ge"/"gi" (Sergueï); "ou" -> "u" (French: Oumerov,
Iouri); doubled letters single. The hushing sounds ч and ш are written ch/sh in English, tch/ch
in French (Tchernov, Choïgou) and tsch/sch in German (Tschernow, Schoigu): French "ch" is the
English "sh", so no spelling of the two can be told apart from the letters alone, and all of them
fold to one "sh" (ч and ш meet; a folded key two known persons share is dropped anyway).
The fold is only a second chance after the exact alias key, and a folded key two persons share is
dropped, so it cannot merge two people the lexicon tells apart. Cyrillic keys are left alone
(they are stemmed instead, names.cyr_stem).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CYR = re.compile(r"[\u0400-\u04FF]")
_STEPS = [(re.compile(a), b) for a, b in (
    ("t?s?ch|sh", "sh"), ("w", "v"), ("x", "ks"), ("[jy]", "i"),
    ("gu(?=[ei])", "g"), ("ou", "u"), (r"([a-z])\1", r"\1"))]
# A lone folded word is taken for a known surname only with a Slavic surname ending: German
# nouns are capitalised, and "Busch" must not become "Bush".
SLAVIC_END = re.compile(r"(?:ov|ev|in|ski|ki|ko|uk|ish)$")   # on the folded key: -ich is -ish there


@lru_cache(maxsize=50_000)
def fold(key: str) -> str:
    """The folded form of a name key (space-separated token keys, already casefolded)."""
    if _CYR.search(key):
        return key
    k = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    for rx, rep in _STEPS:
        k = rx.sub(rep, k)
    return k


def folded_maps(aliases: dict[str, str], single: dict[str, str]) -> tuple[dict, dict, dict]:
    """(multi-word folded key -> canon, one-word folded key -> canon, canon -> folded given names).

    Keys two canonical names share are left out: folding must never pick between two people."""
    multi: dict[str, str | None] = {}
    for key, canon in aliases.items():
        f = fold(key)
        multi[f] = canon if multi.get(f, canon) == canon else None
    one: dict[str, str | None] = {}
    for key, canon in single.items():
        f = fold(key)
        one[f] = canon if one.get(f, canon) == canon else None
    given: dict[str, set[str]] = {}
    for key, canon in aliases.items():
        toks = key.split()
        if len(toks) >= 2 and not _CYR.search(key):
            given.setdefault(canon, set()).add(fold(toks[0]))
    return ({k: v for k, v in multi.items() if v}, {k: v for k, v in one.items() if v}, given)


def canon_of(key: str, lex) -> str | None:
    """The canonical person a multi-word name key stands for: the exact alias, else the folded
    alias, else a known given name followed by a known surname of the same person ("Vladimir
    Poutine": "Poutine" is an alias of Vladimir Putin and "Vladimir" his given name)."""
    canon = lex.aliases.get(key)
    if canon or _CYR.search(key):
        return canon
    f = fold(key)
    canon = lex.folded.get(f)
    if canon:
        return canon
    toks = key.split()
    if len(toks) == 2:
        canon = lex.single.get(toks[1]) or lex.folded_single.get(fold(toks[1]))
        if canon and fold(toks[0]) in lex.folded_given.get(canon, ()):
            return canon
    return None


def single_of(key: str, lex) -> str | None:
    """The canonical person one word stands for: exact, or folded with a Slavic surname ending."""
    canon = lex.single.get(key)
    if canon or _CYR.search(key):
        return canon
    f = fold(key)
    return lex.folded_single.get(f) if SLAVIC_END.search(f) and len(f) >= 5 else None
