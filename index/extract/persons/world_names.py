"""Given names and surnames of many countries (resources/data/world_names.txt, built by
tools/build_world_names.py from Faker's name lists, MIT licence): features of the person tagger.

The hand-written lexicon (given_names.txt, persons.json) knows the names the analysts care about;
these lists know how names look elsewhere ("József", "Iain", "Tsuruoka", "Nováková"), so an unknown
foreign name in the news is not just a capitalised word. They are only features: the tagger weighs
them against the context (a surname that is also a town or a company stays the tagger's call).
Inflected forms meet the list by stem: Slavic case endings (slavic_endings.stem, Cyrillic stems in
token_key) and the Czech and Slovak feminine surname ("Sturgeonová", "Mayové" -> sturgeon, may).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...resources import data_path
from ..countries.gazetteer import CYR
from .lexicon import token_key
from . import slavic_endings

FILE = "world_names.txt"
# Czech and Slovak feminine surnames in their case forms: Mayová, Mayové, Mayovou, Mayovej, Mayovú.
_FEMININE = re.compile(r"(?:ová|ové|ovou|ovej|ovú)$")


@dataclass(frozen=True)
class WorldNames:
    given: frozenset[str]
    surnames: frozenset[str]
    given_stems: frozenset[str]
    surname_stems: frozenset[str]


def _stems(key: str) -> set[str]:
    if CYR.search(key):
        return {key}                   # token_key already stemmed it
    out = {slavic_endings.stem(key)}
    base = _FEMININE.sub("", key)
    if base != key and len(base) >= 2:
        out.add(base)
    return out


@lru_cache(maxsize=1)
def world_names() -> WorldNames:
    given: set[str] = set()
    surnames: set[str] = set()
    dst = given
    for line in data_path(FILE).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            dst = given if line == "[given]" else surnames
            continue
        dst.add(token_key(line))
    # A nominative's own stem may cut too deep ("ondřej" -> "ondř"): keep the word beside it.
    gs = {s for k in given if len(k) >= 3 for s in _stems(k) | {k}}
    ss = {s for k in surnames if len(k) >= 3 for s in _stems(k) | {k}}
    return WorldNames(frozenset(given), frozenset(surnames), frozenset(gs), frozenset(ss))


def name_classes(key: str) -> list[str]:
    """The lists a word's token key is in: exact ("wgiven", "wsur") or by stem ("wgiven~", "wsur~")."""
    wn = world_names()
    out = []
    if key in wn.given:
        out.append("wgiven")
    if key in wn.surnames:
        out.append("wsur")
    if len(key) >= 4 and not out:
        stems = _stems(key)
        if stems & wn.given_stems:
            out.append("wgiven~")
        if stems & wn.surname_stems:
            out.append("wsur~")
    return out
