"""Document-level resolution: the person names an article's mentions stand for.

Known persons and aliases become their canonical name (persons.json; folded spellings, translit.py).
Surname-only and first-name-only mentions fold into the full name found in the same article
("Putin" -> "Vladimir Putin"); Slavic case forms meet by stem ("Kowalskiego" / "Jan Kowalski",
"Petri Kramberger" / "Petra Kramberger"), and the most frequent form of a Cyrillic name, or the
guessed nominative, is shown. A lone word stays when it is a known person, had a strong title in
front, or the tagger was sure of it (``Cand.sure``).
"""
from __future__ import annotations

import re
from collections import Counter

from ..countries.gazetteer import CYR
from .candidates import STRONG_TITLES, Cand
from .lexicon import lexicon
from .translit import canon_of, single_of


def resolve(known: set[str], fulls: list[Cand], pending: list[Cand], singles: list[Cand], lex,
             stem=None) -> list[str]:
    stem = stem or (lambda k: k)
    single_keys = {stem(s.keys[0]) for s in singles}
    # A two-word name with no evidence of its own is a person when its surname also stands alone.
    fulls = fulls + [p for p in pending if stem(p.keys[-1]) in single_keys]
    last: dict[str, str] = {}
    first: dict[str, str] = {}
    out: dict[str, str] = {}              # identity key -> display name
    seen: dict[str, Counter] = {}         # identity key -> display names found for it
    # "Later Rayner" next to "Angela Rayner": a run without a given name folds into the full name.
    given_last = {c.keys[-1] for c in fulls if c.keys[0] in lex.given or canon_of(" ".join(c.keys), lex)}
    fulls = [c for c in fulls if c.keys[0] in lex.given or c.keys[-1] not in given_last
             or canon_of(" ".join(c.keys), lex)]
    for c in fulls:
        canon = canon_of(" ".join(c.keys), lex)
        name = canon or display(c)
        ident = canon or f"{stem(c.keys[0])} {stem(c.keys[-1])}"
        seen.setdefault(ident, Counter())[name] += 1
        last.setdefault(stem(c.keys[-1]), ident)
        first.setdefault(stem(c.keys[0]), ident)
    for ident, names in seen.items():
        if CYR.search(next(iter(names))) or len({len(n.split()) for n in names}) == 1 and len(names) > 1:
            # Inflected forms differ; the most frequent guess is usually the nominative.
            out[ident] = min(names, key=lambda n: (-names[n], len(n)))
        else:
            out[ident] = max(names, key=len)         # "George W. Bush" over "George Bush"
    for canon in known:
        out.setdefault(canon, canon)
    for s in singles:
        # "Prime Minister May ... May said": a titled known surname names that person; the
        # surname alone elsewhere folds into it.
        k = s.keys[0]
        if s.titled and s.title in STRONG_TITLES and k in lex.surnames and stem(k) not in last:
            last[stem(k)] = lex.surnames[k]
            out.setdefault(lex.surnames[k], lex.surnames[k])
    for s in singles:
        k = s.keys[0]
        if stem(k) in last or stem(k) in first:
            continue
        canon = single_of(k, lex)
        if canon:
            out.setdefault(canon, canon)
        elif s.titled and s.title in STRONG_TITLES or s.sure:
            name = s.toks[0].rstrip(".")
            if CYR.search(name):
                name = lex.given_nominative.get(k) or cyr_surname(name, female=False)
            if s.royal:
                name = f"{s.royal.title()} {name}"
            out.setdefault(f"1 {k}", name)
    return sorted(set(out.values()))


def display(c: Cand) -> str:
    toks = [t for t in c.toks]
    if not CYR.search(toks[0]):
        return " ".join(toks)
    lex = lexicon()
    first = lex.given_nominative.get(c.keys[0])
    female = bool(first and first[-1] in "ая")
    if first:
        toks[0] = first
    toks[-1] = cyr_surname(toks[-1], female)
    return " ".join(toks)


def cyr_surname(w: str, female: bool) -> str:
    """Best guess at the nominative of an inflected Russian/Ukrainian surname."""
    for ends, nom in (("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"),
                      ("ського", "ський"), ("ському", "ський"), ("ським", "ський"), ("ськім", "ський")):
        if w.endswith(ends) and not female:
            return w[: -len(ends)] + nom
    for ends, nom in (("ской", "ская"), ("скую", "ская"), ("ської", "ська"), ("ську", "ська"), ("ською", "ська")):
        if w.endswith(ends) and female:
            return w[: -len(ends)] + nom
    mm = re.match(r"^(.*(?:енк|єнк|ук|юк|ко))(а|у|ом|ові|о)$", w)
    if mm and mm.group(1).endswith(("енк", "єнк")):
        return mm.group(1) + "о"                                # Петренком -> Петренко
    mm = re.match(r"^(.*(?:ов|ев|ёв|ин|ын|єв|ів))(а|у|ым|ом|е|им|і|ові|ой|ою|ої)$", w)
    if mm:
        return mm.group(1) + ("а" if female else "")
    return w
