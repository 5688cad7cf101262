"""Persons an article mentions, as canonical full names (sorted, deduplicated).

The statistical tagger (tagger.py) finds the person names in the text, in any language it was
trained on (English news, Slavic news); each name it finds is then read by the lexicon
(candidates.py: titles stripped, known persons and aliases recognised, "Vice President JD Vance" ->
JD Vance), and the names of one article are resolved together (resolve.py: "Putin" -> "Vladimir
Putin", case forms and transliterations folded). A one-word name stays only when the tagger is
sure of it (``SINGLE_MARGIN``), it is a known person, or a strong title stood in front of it.
German capitalises every noun, so there a one-word name needs the lexicon or a title.
"""
from __future__ import annotations

import dataclasses

from .candidates import ABBR_BEFORE, ROYAL, STRONG_TITLES, Cand, _key, _split_known, _split_script, is_title
from .lexicon import STOP, cyr_stem, lexicon
from . import slavic_endings
from .resolve import resolve
from .translit import single_of
from .tagger import tagger

# Margins of the person tag over the next best class (the model's own scale), chosen on the open
# part of eng.testa and BSNLP (see the closing note of issue 12).
SINGLE_MARGIN = 5.0
MULTI_MARGIN = -1e9
# Cyrillic titles that precede a person, never an organisation ("глава МИДа" does not count).
CYR_PERSON_TITLES = {cyr_stem(t) for t in "пророк папа патриарх патріарх президент премьер прем'єр канцлер "
                     "король королева принц принцесса принцеса мистер містер господин госпожа пан пані "
                     "сэр сер лорд святой святий".split()}


def extract_persons(text: str, language: str | None = None) -> list[str]:
    lex = lexicon()
    slavic = language in slavic_endings.LANGUAGES
    nouns_capitalised = language == "de"
    known: set[str] = set()
    fulls: list[Cand] = []
    singles: list[Cand] = []
    spans, others = tagger().tag_runs(text)
    for words in others:
        # Known persons the tagger left out ("Lawrow sagte"): the lexicon is the analysts' own list.
        if len(words) == 1:
            key = _key(words[0])
            if words[0].casefold() not in STOP and single_of(key, lex):
                singles.append(Cand(words, [key], False, None))
        else:
            for canon, c in _analysed(" ".join(words), lex):
                if canon:
                    known.add(canon)
                    fulls.append(c)
    for span in spans:
        run = " ".join(span.words)
        segs = _analysed(slavic_endings.normalise_run(run, lex) if slavic else run, lex)
        for canon, c in segs:
            if canon:
                known.add(canon)
                fulls.append(c)
            elif len(c.toks) > 1:
                if span.score >= MULTI_MARGIN:
                    fulls.append(c)
            else:
                if not c.titled and c is segs[0][1]:
                    c = _title_before(span.before, c)
                sure = span.score >= SINGLE_MARGIN and not nouns_capitalised
                singles.append(dataclasses.replace(c, sure=sure) if sure else c)
    return resolve(known, fulls, [], singles, lex, slavic_endings.stem if slavic else None)


def _title_before(before: list[str], c: Cand) -> Cand:
    """"Mr. Hargreaves", "spokesman Lee", "президент Макрон": a title in front makes a lone word a person."""
    words = [w for w in before if w != "."]
    word = words[-1].casefold() if words else ""
    if word in STRONG_TITLES or cyr_stem(word) in CYR_PERSON_TITLES or ABBR_BEFORE.search(word.title() + "."):
        return dataclasses.replace(c, titled=True, title="mr")
    return c


_SEGS: dict[str, list[tuple[str | None, Cand]]] = {}


def _analysed(run: str, lex) -> list[tuple[str | None, Cand]]:
    """A name the tagger found, read by the lexicon: known persons in it (longest alias first) and
    the rest with leading titles stripped ("Pope Leo XIV" -> Leo XIV, titled). Cached per string."""
    segs = _SEGS.get(run)
    if segs is not None:
        return segs
    segs = []
    for part in _split_script(run.split()):
        keys = [_key(t) for t in part]
        for toks, ks, canon in _split_known(part, keys, lex):
            if canon:
                segs.append((canon, Cand(toks, ks, True, None)))
                continue
            n = 0
            while n < len(toks) - 1 and is_title(toks[n]):
                n += 1
            title = toks[n - 1].casefold().rstrip(".") if n else ""
            if toks[n:]:
                segs.append((None, Cand(toks[n:], ks[n:], bool(n), title if title in ROYAL else None, title)))
    if len(_SEGS) > 100_000:
        _SEGS.clear()
    _SEGS[run] = segs
    return segs
