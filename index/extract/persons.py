"""Persons an article mentions, as canonical full names (sorted, deduplicated).

No statistical model: candidates are runs of capitalised words (with initials, particles such as
"de"/"van"/"bin", hyphens, O'Brien, Roman numerals); titles and roles in front are stripped and
remembered as evidence ("Vice President JD Vance" -> JD Vance). A candidate is a person when it is a
known person or alias (persons.json), or a two-to-four word name starting with a known given name,
an initial, a title, or sitting next to a speech verb ("..., Smith said"). Then, per document,
surname-only and first-name-only mentions fold into the full name ("Putin" -> "Vladimir Putin");
a lone word survives only if it is a known person or had a title in front of it.
Cyrillic names use the same steps with stemmed words, so "Путина" meets "Путин".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import CYR, UPPER
from .names import (CYR_NON_PERSON, CYR_STOP, CYR_TITLES, NON_PERSON, ROMAN, STOP, TITLES, cyr_stem,
                    lexicon, token_key)

_U = f"[{re.escape(UPPER)}]"
_L = r"[^\W\d_]"
_ABBR = re.compile(r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Prof|Rev|Sgt|Adm|Maj|Mme|Sra|St)\.[ \t]*$")
# One upper-case letter starts every alternative, which keeps the scan fast (about 4 MB/s).
_REST = rf"(?:\.(?:[ ]?{_U}\.)*|{_L}*(?:['’]{_U}{_L}+)?(?:-{_L}+)*)"
_PART = r"(?:de|da|del|della|di|do|dos|das|du|van|von|der|den|ter|ten|le|la|bin|ibn|al|el|y|zu|af|bint|abu|ul|ur)"
CAND_RE = re.compile(rf"{_U}{_REST}(?:(?:[ \t]+{_PART})*[ \t]+(?:(?:al|el)-)?{_U}{_REST}){{0,6}}")

_SPEECH = ("said|says|told|tells|added|asked|wrote|writes|noted|stated|explained|argued|insisted|warned|"
           "announced|declared|claimed|replied|responded|urged|acknowledged|admitted|denied|recalled|"
           "заявил|заявила|сказал|сказала|сообщил|сообщила|отметил|отметила|подчеркнул|подчеркнула|"
           "заявив|заявила|сказав|сказала|повідомив|повідомила|зазначив|зазначила|наголосив|наголосила")
SPEECH_AFTER = re.compile(rf"[ \t]*(?:,[^,.\n]{{1,80}},[ \t]*)?(?:{_SPEECH})\b")
SPEECH_BEFORE = re.compile(r"(?:said|says|told|according to|spokesman|spokeswoman|spokesperson|"
                           r"по словам|за словами|заявил|сказал|сказав|заявив)[ \t]*,?[ \t]*$")
# Titles strong enough to make a lone word a person ("President Macron", "Mr Smith").
STRONG_TITLES = {"president", "pope", "mr", "mrs", "ms", "dr", "sen", "senator", "rep", "gov", "governor",
                 "general", "gen", "king", "queen", "prince", "princess", "chancellor", "minister", "premier",
                 "secretary", "ayatollah", "sheikh", "judge", "spokesman", "spokeswoman", "mayor", "ambassador",
                 "prof", "professor", "colonel", "col", "captain", "capt", "lt", "sgt", "sir", "lord", "lady",
                 "duke", "duchess", "cardinal", "bishop", "archbishop", "rabbi", "imam", "herr", "frau",
                 "monsieur", "madame", "mme", "señor", "señora", "президент", "премьер", "министр", "канцлер"}
# Words that start names of things, rarely a person's first name.
FIRST_BLOCK = {"old", "world", "blue", "red", "white", "black", "new", "great", "big", "grand", "golden", "royal",
               "holy", "federal", "national", "international", "european", "global", "free", "democratic",
               "social", "liberal", "conservative", "green", "upper", "lower", "high", "low", "first", "second",
               "third", "last", "next", "north", "south", "east", "west", "central", "united", "saint", "st",
               "san", "santa", "sao", "são", "los", "las", "el", "la", "le", "fort", "port", "mount", "lake"}
ROYAL = {"prince", "princess", "duke", "duchess", "sheikh", "lady", "sir", "dame"}
SUFFIX = {"jr", "sr", "ii", "iii", "iv"}


_KEY_CACHE: dict[str, str] = {}


def _key(tok: str) -> str:
    k = _KEY_CACHE.get(tok)
    if k is None:
        if len(_KEY_CACHE) > 200_000:
            _KEY_CACHE.clear()
        k = _KEY_CACHE[tok] = token_key(tok)
    return k


@dataclass
class Cand:
    toks: list[str]
    keys: list[str]
    titled: bool
    royal: str | None
    speech: bool
    title: str = ""


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
    for m in CAND_RE.finditer(text):
        s = m.group()
        if " " not in s and "\t" not in s:
            cf = s.casefold()
            if cf in STOP or cf in CYR_STOP or cf in places or cf in NON_PERSON:
                continue          # the common case: a sentence-initial word or a place
        segs = _CAND_CACHE.get(s)
        if segs is None:
            segs = _analyse(s, lex)
            if len(_CAND_CACHE) > 100_000:
                _CAND_CACHE.clear()
            _CAND_CACHE[s] = segs
        for canon, c in segs:
            if canon:
                known.add(canon)
                fulls.append(c)
                continue
            if not c.titled and c is segs[0][1] and _ABBR.search(text, max(0, m.start() - 6), m.start()):
                c = Cand(c.toks, c.keys, True, c.royal, False, "mr")
            if len(c.toks) == 1:
                singles.append(c)
            elif c.titled or c.keys[0] in lex.given or c.toks[0].endswith(".") or \
                    c.keys[0].split("-")[0] in lex.given:
                fulls.append(c)
            elif SPEECH_AFTER.match(text, m.end()) or SPEECH_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                fulls.append(c)
            elif not nouns_capitalised and c is segs[0][1] and not _sentence_start(text, m.start()):
                mid.append(c)         # capitalised run inside a sentence: a name of something
            else:
                pending.append(c)
    if nouns_capitalised:
        pending = []      # a lone capitalised noun elsewhere is no evidence in German
    return _resolve(known, fulls + mid, pending, singles, lex)


_CAND_CACHE: dict[str, list[tuple[str | None, "Cand"]]] = {}


def _analyse(s: str, lex) -> list[tuple[str | None, Cand]]:
    """Context-free reading of one candidate string (cached): known persons and cleaned rest."""
    toks = s.split()
    keys = [_key(t) for t in toks]
    out = []
    for seg_toks, seg_keys, canon in _split_known(toks, keys, lex):
        if canon:
            out.append((canon, Cand(seg_toks, seg_keys, True, None, False)))
        else:
            for part_toks, part_keys in _split_particles(seg_toks, seg_keys, lex):
                c = _clean(part_toks, part_keys, lex)
                if c is not None:
                    out.append((None, c))
    return out


PARTICLES = {"de", "da", "del", "della", "di", "do", "dos", "das", "du", "van", "von", "der", "den", "ter", "ten",
             "le", "la", "bin", "ibn", "al", "el", "y", "zu", "af", "bint", "abu", "ul", "ur"}


def _split_particles(toks: list[str], keys: list[str], lex) -> list[tuple[list[str], list[str]]]:
    """"Ursula von der Leyen" stays whole; "Unternehmen der Welt" is two runs, not one name."""
    if keys[0] in lex.given or not any(k in PARTICLES for k in keys):
        return [(toks, keys)]
    out, cur_t, cur_k = [], [], []
    for t, k in zip(toks, keys):
        if k in PARTICLES:
            if cur_t:
                out.append((cur_t, cur_k))
            cur_t, cur_k = [], []
        else:
            cur_t.append(t)
            cur_k.append(k)
    if cur_t:
        out.append((cur_t, cur_k))
    return out


def _split_known(toks: list[str], keys: list[str], lex) -> list[tuple[list[str], list[str], str | None]]:
    """Known persons inside a candidate (longest alias first); the rest stays as unknown segments."""
    out, i, start, n = [], 0, 0, len(toks)
    while i < n:
        hit = None
        for j in range(min(n, i + lex.max_alias_len), i + 1, -1):
            canon = lex.aliases.get(" ".join(keys[i:j]))
            if canon:
                hit = (j, canon)
                break
        if hit:
            if start < i:
                out.append((toks[start:i], keys[start:i], None))
            out.append((toks[i:hit[0]], keys[i:hit[0]], hit[1]))
            i = start = hit[0]
        else:
            i += 1
    if start < n:
        out.append((toks[start:], keys[start:], None))
    return out


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'“‘«(-—":
        i -= 1
    return i < 0 or text[i] in ".!?:\n…"


def _is_title(tok: str, key: str) -> bool:
    cf = tok.casefold().rstrip(".")
    return cf in TITLES or cf in CYR_TITLES


def _clean(toks: list[str], keys: list[str], lex) -> Cand | None:
    cfs = [t.casefold().rstrip(".") for t in toks]
    n = len(toks)
    # Strip everything up to the last leading title ("White House Press Secretary", "British Prime Minister").
    last_title = -1
    for i in range(n - 1):
        if _is_title(toks[i], keys[i]) and cfs[i + 1] not in SUFFIX:
            last_title = i
    titled = last_title >= 0
    royal = cfs[last_title] if titled and cfs[last_title] in ROYAL else None
    title_word = cfs[last_title] if titled else ""
    n = len(toks)
    i = last_title + 1
    while i < n and not toks[i].endswith(".") and not (keys[i] in lex.given and i < n - 1) and (
            cfs[i] in STOP or cfs[i] in CYR_STOP or cfs[i] in lex.places
            or cfs[i] in NON_PERSON and i < n - 1 and _is_title(toks[i + 1], keys[i + 1])):
        i += 1
    j = n
    while j > i and (cfs[j - 1] in STOP or cfs[j - 1] in CYR_STOP or _is_title(toks[j - 1], keys[j - 1])):
        j -= 1
    toks, keys, cfs = toks[i:j], keys[i:j], cfs[i:j]
    # "Modefotograf Ben Renč", "Designer Mario Kameník": a descriptor in front of a given name.
    while len(toks) >= 2 and keys[0] not in lex.given and keys[1] in lex.given and not toks[0].endswith("."):
        toks, keys, cfs = toks[1:], keys[1:], cfs[1:]
        titled, title_word = True, ""
    if not toks or all(_is_title(t, k) for t, k in zip(toks, keys)):
        return None
    names = [t for t, c in zip(toks, cfs) if c not in {"de", "da", "del", "della", "di", "do", "dos", "das", "du", "van",
                                                      "von", "der", "den", "ter", "ten", "le", "la", "bin", "ibn",
                                                      "al", "el", "y", "zu", "af", "bint", "abu", "ul", "ur"}]
    if len(names) > 4 or not names:
        return None
    for t, k, c in zip(toks, keys, cfs):
        if c in NON_PERSON or c in CYR_NON_PERSON or k in CYR_NON_PERSON:
            return None
        if len(t) > 1 and t.isupper() and not ROMAN.match(t) and t.replace(".", "") != t[:1] and k not in lex.given:
            return None      # acronyms and all-caps headline words
    if " ".join(keys) in lex.outlets or (len(toks) == 1 and keys[0] in lex.outlets):
        return None
    if cfs[0] in lex.places and keys[0] not in lex.given or " ".join(cfs) in _places_multi():
        return None
    first_given = keys[0] in lex.given or keys[0].split("-")[0] in lex.given
    if not first_given and (cfs[0] in FIRST_BLOCK or (len(toks) > 1 and _is_city_only(cfs[-1]))):
        return None
    if any(len(t) == 1 for t in toks):
        return None
    if any(c in lex.places and k not in lex.given and not _is_city_only(c) for c, k in zip(cfs[1:], keys[1:])):
        return None
    if len(toks) == 1 and (cfs[0] in lex.places or ROMAN.match(toks[0])):
        return None
    return Cand(toks, keys, titled, royal, False, title_word)


def _places_multi():
    from .gazetteer import gazetteer
    return gazetteer().lookup


def _is_city_only(cf: str) -> bool:
    from .gazetteer import gazetteer
    entry = gazetteer().lookup.get(cf)
    return entry is not None and entry[1] == "city"


def _resolve(known: set[str], fulls: list[Cand], pending: list[Cand], singles: list[Cand], lex) -> list[str]:
    single_keys = {s.keys[0] for s in singles}
    # A two-word name with no evidence of its own is a person when its surname also stands alone.
    fulls = fulls + [p for p in pending if p.keys[-1] in single_keys]
    last: dict[str, str] = {}
    first: dict[str, str] = {}
    out: dict[str, str] = {}              # identity key -> display name
    # "Later Rayner" next to "Angela Rayner": a run without a given name folds into the full name.
    given_last = {c.keys[-1] for c in fulls if c.keys[0] in lex.given or lex.aliases.get(" ".join(c.keys))}
    fulls = [c for c in fulls if c.keys[0] in lex.given or c.keys[-1] not in given_last
             or lex.aliases.get(" ".join(c.keys))]
    for c in fulls:
        canon = lex.aliases.get(" ".join(c.keys))
        name = canon or _display(c)
        ident = canon or f"{c.keys[0]} {c.keys[-1]}"
        if ident not in out or len(name) > len(out[ident]):
            out[ident] = name
        last.setdefault(c.keys[-1], ident)
        first.setdefault(c.keys[0], ident)
    for canon in known:
        out.setdefault(canon, canon)
    for s in singles:
        k = s.keys[0]
        if k in last or k in first:
            continue
        canon = lex.single.get(k)
        if canon:
            out.setdefault(canon, canon)
        elif s.titled and s.title in STRONG_TITLES:
            name = f"{s.toks[0].rstrip('.')}"
            if s.royal:
                name = f"{s.royal.title()} {name}"
            out.setdefault(f"1 {k}", name)
    return sorted(set(out.values()))


def _display(c: Cand) -> str:
    toks = [t for t in c.toks]
    if not CYR.search(toks[0]):
        return " ".join(toks)
    lex = lexicon()
    first = lex.given_nominative.get(c.keys[0])
    female = bool(first and first[-1] in "ая")
    if first:
        toks[0] = first
    toks[-1] = _cyr_surname(toks[-1], female)
    return " ".join(toks)


def _cyr_surname(w: str, female: bool) -> str:
    """Best guess at the nominative of an inflected Russian/Ukrainian surname."""
    for ends, nom in (("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"),
                      ("ського", "ський"), ("ському", "ський"), ("ським", "ський"), ("ськім", "ський")):
        if w.endswith(ends) and not female:
            return w[: -len(ends)] + nom
    for ends, nom in (("ской", "ская"), ("скую", "ская"), ("ської", "ська"), ("ську", "ська"), ("ською", "ська")):
        if w.endswith(ends) and female:
            return w[: -len(ends)] + nom
    mm = re.match(r"^(.*(?:ов|ев|ёв|ин|ын|єв|ів))(а|у|ым|ом|е|им|і|ові|ой|ою|ої)$", w)
    if mm:
        return mm.group(1) + ("а" if female else "")
    if not female and re.search(r"[бвгджзклмнпрстфхцчшщ](а|у|ом|ем|е|і|ові)$", w) and cyr_stem(w) != w.casefold():
        return re.sub(r"(а|у|ом|ем|е|і|ові)$", "", w)
    return w
