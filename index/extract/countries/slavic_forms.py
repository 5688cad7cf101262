"""Country names as Polish, Czech, Slovak, Slovene and Croatian text inflects them.

The shared gazetteer inflects only the names that exist in these languages alone (Polska, Niemcy,
Spojené království), with the nominative-shaped endings of ``slavic_latin_forms``. Text in these
languages also inflects the names it shares with English or German (Kanada -> Kanadą, Kanadzie;
Austria -> Austrii; Pakistan -> Pakistanu; Irak -> Iraku), uses consonant changes before an
ending (Ameryka -> Ameryce, Włochy -> Włoszech) and Czech adjective endings (Spojeného
království). Those forms are read only in text of these languages: in English, "Indie" or "Cube"
name no country. ``slavic_gazetteer()`` is the shared gazetteer plus those forms, built once per
process on the first such text (a copy of the lookup, about 0.1 s) and shared read-only.
"""
from __future__ import annotations

import json
from functools import lru_cache

from ...resources import data_path
from .gazetteer import CYR, Gazetteer, gazetteer, slavic_latin_forms

LANGUAGES = frozenset({"pl", "cs", "sk", "sl", "hr", "bs"})

# Before a case ending (Polish locative/dative, Czech locative) a stem's last consonant changes:
# Kanada -> Kanadzie, Malta -> Malcie, Ameryka -> Ameryce / Americe, Praga -> Pradze.
_SOFTENED = (("ch", ("sze", "še")), ("st", ("ście",)), ("d", ("dzie",)), ("t", ("cie",)),
             ("r", ("rze", "ře")), ("k", ("ce",)), ("g", ("dze", "ze")), ("h", ("ze",)), ("ł", ("le",)))
# Czech and Slovak adjective endings (Spojené -> Spojeného, Spojeným; Česká -> České, Českou).
_ADJ = {"é": ("ého", "ému", "ém", "ým", "ých", "ými"), "ý": ("ého", "ému", "ém", "ým"),
        "á": ("é", "ou", "ej", "ú"), "í": ("ího", "ímu", "ím")}

_SOFT = {"ś": "s", "ć": "c", "ń": "n", "ź": "z"}


def _softened(stem: str) -> set[str]:
    for tail, subs in _SOFTENED:
        if stem.endswith(tail):
            return {stem[: -len(tail)] + s for s in subs}
    return set()


def slavic_case_forms(w: str) -> set[str]:
    """Every case form of a Latin-script place name that these languages write (generous)."""
    forms = slavic_latin_forms(w)
    low = w[-1:]
    if low == "a" and len(w) > 3:
        forms |= _softened(w[:-1])
    elif low == "y" and len(w) > 4:                         # plural names: Chiny, Włochy, Węgry
        stem = w[:-1]
        # Włochy -> Włoch, Włochach, Włoszech; Węgry -> Węgrzech
        forms |= {stem, stem + "ach"} | {s + "ch" for s in _softened(stem) if s.endswith(("sze", "rze"))}
    elif low in _ADJ:
        forms |= {w[:-1] + e for e in _ADJ[low]}
    elif low in _SOFT:                                      # Białoruś -> Białorusi, Białorusią
        soft = w[:-1] + _SOFT[low] + "i"
        forms |= {soft, soft + "ą", soft + "e"}
    if w.endswith(("one", "kie")):                          # Polish neuter: Zjednoczone -> Zjednoczonego
        forms |= {w[:-1] + "ego", w[:-1] + "emu"}
    if w.endswith("ie"):                                    # Británie -> Británií, Indie -> Indiach
        forms |= {w[:-1] + "í", w[:-1] + "ach", w[:-1] + "ami", w[:-1] + "om"}
    return forms


@lru_cache(maxsize=1)
def slavic_gazetteer() -> Gazetteer:
    base = gazetteer()
    g = Gazetteer(lookup=dict(base.lookup), first=set(base.first), multi_first=dict(base.multi_first),
                  maxlen=base.maxlen, city_rank=base.city_rank, dateline=base.dateline)
    data = json.loads(data_path("gazetteer.json").read_text(encoding="utf-8"))
    names = sorted(((n, code) for code, c in data["countries"].items()
                    for n in c["names"] + c.get("names_slavic", []) if not CYR.search(n)),
                   key=lambda nc: (-len(nc[0]), nc))
    # add() keeps every key already there, so the shared gazetteer's readings win, and of two
    # names giving one form the longer does (Nigerii is Nigeria's, not Niger's).
    for n, code in names:
        g.add(n, code, "name", slavic=True, forms=slavic_case_forms)
    return g


def gazetteer_for(language: str | None) -> Gazetteer:
    return slavic_gazetteer() if language in LANGUAGES else gazetteer()
