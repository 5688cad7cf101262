"""Persons an article mentions, as canonical full names (sorted, deduplicated).

No statistical model (none installs offline): candidates are runs of capitalised words
(candidates.py); titles and roles in front are stripped and remembered as evidence
("Vice President JD Vance" -> JD Vance). A run is a person when it is a known person or alias
(persons.json), or a two-to-four word name that starts with a known given name or an initial, has a
title, sits next to a speech verb ("..., Smith said"), or stands inside a sentence where only names
are capitalised (not in German, which capitalises every noun). Then, per document, surname-only and
first-name-only mentions fold into the full name ("Putin" -> "Vladimir Putin"); a lone word
survives only if it is a known person or had a title in front of it ("Pope Leo XIV" -> "Leo XIV").
Cyrillic words are compared by stem, so "Путина" meets "Путин"; Polish/Czech/Slovak/Slovene/
Croatian case endings are mapped back to known names (slavic_endings.py); German, French and
Spanish transliterations meet the known name by a folded key (translit.py: "Dmitri Peskow").
"""
from __future__ import annotations

import re

from ..countries.gazetteer import CYR
from .lexicon import CYR_STOP, NON_PERSON, STOP, cyr_stem, lexicon
from . import slavic_endings
from .resolve import resolve as _resolve
from .candidates import (ABBR_BEFORE, CAND_RE, SPEECH_AFTER, SPEECH_BEFORE, STRONG_TITLES, Cand, analysed,
                                sentence_start)


# Cyrillic titles that precede a person, never an organisation ("глава МИДа" does not count).
CYR_PERSON_TITLES = {cyr_stem(t) for t in "пророк папа патриарх патріарх президент премьер прем'єр канцлер "
                     "король королева принц принцесса принцеса мистер містер господин госпожа пан пані "
                     "сэр сер лорд святой святий".split()}
PREV_WORD = re.compile(r"([^\W\d_][^\W\d_'-]*)[ \t]+$")


def extract_persons(text: str, language: str | None = None) -> list[str]:
    lex = lexicon()
    known: set[str] = set()            # canonical names of known persons found
    fulls: list[Cand] = []             # accepted multi-word names
    pending: list[Cand] = []           # multi-word names without evidence yet
    singles: list[Cand] = []
    mid: list[Cand] = []               # unknown multi-word names in mid-sentence
    places = lex.places
    # German capitalises every noun: a capitalised run in mid-sentence says nothing there.
    nouns_capitalised = language == "de"
    slavic = language in slavic_endings.LANGUAGES
    for m in CAND_RE.finditer(text):
        s = m.group()
        if " " not in s and "\t" not in s:
            cf = s.casefold()
            if cf in STOP or cf in CYR_STOP or cf in places or cf in NON_PERSON:
                continue          # the common case: a sentence-initial word or a place
        segs = analysed(slavic_endings.normalise_run(s, lex) if slavic else s, lex)
        for canon, c in segs:
            if canon:
                known.add(canon)
                fulls.append(c)
                continue
            if not c.titled and c is segs[0][1] and ABBR_BEFORE.search(text, max(0, m.start() - 6), m.start()):
                c = Cand(c.toks, c.keys, True, c.royal, "mr")
            if len(c.toks) == 1:
                if not c.titled:
                    # A lower-case title in front: "пророк Мухаммед", "президент Макрон", "spokesman Lee".
                    before = PREV_WORD.search(text, max(0, m.start() - 30), m.start())
                    word = before.group(1).casefold() if before else ""
                    if word in STRONG_TITLES or cyr_stem(word) in CYR_PERSON_TITLES:
                        c = Cand(c.toks, c.keys, True, c.royal, "mr")
                singles.append(c)
            elif c.titled or c.keys[0] in lex.given or c.toks[0].endswith(".") or \
                    c.keys[0].split("-")[0] in lex.given:
                fulls.append(c)
            elif SPEECH_AFTER.match(text, m.end()) or SPEECH_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                fulls.append(c)
            elif not nouns_capitalised and c is segs[0][1] and not sentence_start(text, m.start()):
                mid.append(c)         # capitalised run inside a sentence: a name of something
            elif not CYR.search(c.toks[0]):
                pending.append(c)     # Cyrillic sentence openings ("Ранее Верховный") are not names
    if nouns_capitalised:
        pending = []      # a lone capitalised noun elsewhere is no evidence in German
    return _resolve(known, fulls + mid, pending, singles, lex, slavic_endings.stem if slavic else None)
