"""Persons an article mentions, as canonical full names (sorted, deduplicated).

The statistical tagger (tagger.py) finds the person names in the text, in any language it was
trained on (English news, Slavic news); each name it finds is then read by the lexicon
(candidates.py: titles stripped, known persons and aliases recognised, "Vice President JD Vance" ->
JD Vance), and the names of one article are resolved together (resolve.py: "Putin" -> "Vladimir
Putin", case forms and transliterations folded). A one-word name stays only when the tagger is
sure of it (``SINGLE_MARGIN``), it is a known person, or a strong title stood in front of it.
German capitalises every noun, so there a one-word name needs the lexicon or a title, and an unknown
name is dropped when it follows an article or one of its words does somewhere (names take none).
"""
from __future__ import annotations

import dataclasses

from .candidates import ABBR_BEFORE, STRONG_TITLES, Cand, key, read_name
from .features import TOKEN_RE, known_folded, known_tokens, lex_classes
from .lexicon import STOP, cyr_stem, lexicon
from . import slavic_endings
from .resolve import resolve
from .translit import fold, single_of
from .tagger import tagger

# Margins of the person tag over the next best class (the model's own scale), chosen on the open
# part of eng.testa and BSNLP (see the closing note of issue 12).
SINGLE_MARGIN = 5.0
MULTI_MARGIN = -1e9
# Cyrillic titles that precede a person, never an organisation ("глава МИДа" does not count).
# Tokens after which a word is capitalised because a sentence, line, quote or list item begins.
SENTENCE_OPENERS = frozenset(["<s>", ".", "!", "?", ":", ";", '"', "«", "»", "„", "“", "”", "-", "–", "—",
                              "(", "*", "•", "'"])
# German articles and article contractions: a capitalised word right after one is a noun ("der
# Heilige Stuhl", "beim Beschaffen von Militärtechnik", "ein Treffen der Präsidenten"); German gives
# personal names no article (an adjective in between, "der ukrainische Präsident Selenskyj", is fine).
GERMAN_ARTICLES = frozenset("der die das den dem des ein eine einen einem einer eines im am ans beim "
                            "zum zur vom ins".split())
# Determiners and quantifiers that open a German noun phrase ("Wenige Stunden", "Mehrere Staaten").
GERMAN_DETERMINERS = GERMAN_ARTICLES | frozenset("wenige weniger wenigen mehrere mehreren zahlreiche "
                                                 "etliche sämtliche solche jene diese dieser diesem diesen "
                                                 "dieses jeder jede jedes jeden kein keine keinen keinem "
                                                 "andere anderen weitere weiteren erste ersten".split())
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
    nouns = german_nouns(text) if nouns_capitalised else set()
    known_words = known_tokens()
    known_folds = known_folded()
    # One-word names seen inside a sentence somewhere: a word that only ever opens a sentence is
    # capitalised for that reason alone ("Oczywiście", "Нагадаємо"), so the tagger's say-so is not enough.
    # Case forms count as the same word ("Mayová" opens the headline, "Mayové" stands mid-sentence).
    same_word = slavic_endings.stem if slavic else _same
    inside = {same_word(key(s.words[0])) for s in spans if len(s.words) == 1 and s.before[-1:] and
              s.before[-1] not in SENTENCE_OPENERS}
    for words, before in others:
        # Known persons the tagger left out ("Lawrow sagte"): the lexicon is the analysts' own list.
        if len(words) == 1:
            k = key(words[0])
            if words[0].casefold() not in STOP and single_of(k, lex):
                singles.append(Cand(words, [k], False, None))
            elif k in lex.surnames and _title_before(before, Cand(words, [k], False, None)).titled:
                canon = lex.surnames[k]            # "premier May": the known person of that surname
                known.add(canon)
                fulls.append(Cand(canon.split(), [key(t) for t in canon.split()], True, None))
        elif any(key(w) in known_words or fold(key(w)) in known_folds for w in words):
            # ... in any spelling: a French or German transliteration ("Roustem Oumerov" after
            # "ministre de la Défense") is as much the analysts' person as the English one.
            for canon, c in read_name(" ".join(words), lex):
                if canon:
                    known.add(canon)
                    fulls.append(c)
    for span in spans:
        run = " ".join(span.words)
        segs = read_name(slavic_endings.normalise_run(run, lex) if slavic else run, lex)
        after_article = nouns_capitalised and span.before[-1:] and span.before[-1].casefold() in GERMAN_ARTICLES
        for canon, c in segs:
            if after_article and not canon and not c.titled and c is segs[0][1]:
                continue
            if nouns_capitalised and len(c.toks) > 1 and (c.toks[0].casefold() in STOP or
                                                          c.toks[0].casefold() in GERMAN_DETERMINERS):
                c = Cand(c.toks[1:], c.keys[1:], c.titled, c.royal, c.title)    # "Der Busch brannte"
            if canon:
                known.add(canon)
                fulls.append(c)
            elif len(c.toks) > 1:
                if nouns_capitalised and (any(t in nouns for t in c.toks) or span.score < 0 and
                                          not {"given", "given~"} & set(lex_classes(c.toks[0]))):
                    continue      # "Hauptstadt Kiew" beside "die Hauptstadt"; "Gespräche Ergebnisse"
                if span.score >= MULTI_MARGIN:
                    fulls.append(c)
            else:
                if not c.titled and c is segs[0][1]:
                    c = _title_before(span.before, c)
                sure = span.score >= SINGLE_MARGIN and not nouns_capitalised and same_word(c.keys[0]) in inside
                singles.append(dataclasses.replace(c, sure=sure) if sure else c)
    return resolve(known, fulls, [], singles, lex, slavic_endings.stem if slavic else None)


def _same(k: str) -> str:
    return k


def german_nouns(text: str) -> set[str]:
    """Capitalised words that follow an article somewhere in a German text: nouns, since German
    gives personal names no article."""
    toks = TOKEN_RE.findall(text)
    return {b for a, b in zip(toks, toks[1:]) if b[:1].isupper() and a.casefold() in GERMAN_ARTICLES}


def _title_before(before: list[str], c: Cand) -> Cand:
    """"Mr. Hargreaves", "spokesman Lee", "президент Макрон": a title in front makes a lone word a person."""
    words = [w for w in before if w != "."]
    word = words[-1].casefold() if words else ""
    if word in STRONG_TITLES or cyr_stem(word) in CYR_PERSON_TITLES or ABBR_BEFORE.search(word.title() + "."):
        return dataclasses.replace(c, titled=True, title="mr")
    return c

