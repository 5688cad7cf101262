"""Person-name candidates: runs of capitalised words, read without their surroundings.

``CAND_RE`` finds runs (initials, particles such as "de"/"van"/"bin", hyphens, O'Brien, Roman
numerals). ``analyse(run)`` splits a run into known persons (persons.json aliases) and cleaned
unknown parts: leading titles and roles stripped and remembered ("White House Press Secretary
Karoline Leavitt"), sentence words, places, organisations, acronyms and outlet names rejected.
Results are cached per run string (module-level dicts; plain dict operations are thread-safe under
the GIL, and the caches are cleared when they grow large).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..countries.gazetteer import CYR as CYR_RE
from ..countries.gazetteer import UPPER, gazetteer
from .lexicon import (CYR_NON_PERSON, CYR_STOP, CYR_TITLES, NON_PERSON, ROMAN, STOP, TITLES, Lexicon, token_key)
from .translit import canon_of

_U = f"[{re.escape(UPPER)}]"
_L = r"[^\W\d_]"
ABBR_BEFORE = re.compile(r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Prof|Rev|Sgt|Adm|Maj|Mme|Sra|St)\.[ \t]*$")
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


# "Bergamo-based Atalanta", "state-owned Gazprom": a descriptor word, so the run names a thing.
_DESCRIPTOR_SUFFIX = {"based", "owned", "controlled", "led", "backed", "run", "funded", "made", "style", "listed"}


@dataclass
class Cand:
    toks: list[str]          # the name as written, titles stripped
    keys: list[str]          # token_key of each token (casefolded, dots dropped, Cyrillic stemmed)
    titled: bool             # a title or role stood in front of it
    royal: str | None        # "prince", "sheikh"...: kept in the display name of a lone word
    title: str = ""
    sure: bool = False       # the tagger was sure of this lone word (mentions.SINGLE_MARGIN)


_CAND_CACHE: dict[str, list[tuple[str | None, "Cand"]]] = {}


def analysed(s: str, lex: Lexicon) -> list[tuple[str | None, "Cand"]]:
    segs = _CAND_CACHE.get(s)
    if segs is None:
        segs = analyse(s, lex)
        if len(_CAND_CACHE) > 100_000:
            _CAND_CACHE.clear()
        _CAND_CACHE[s] = segs
    return segs


def _split_script(toks: list[str]) -> list[list[str]]:
    """"Brexit Дэвид Дэвис": a change between Latin and Cyrillic script ends a name."""
    runs: list[list[str]] = [[toks[0]]]
    for t in toks[1:]:
        if bool(CYR_RE.search(t)) != bool(CYR_RE.search(runs[-1][-1])):
            runs.append([t])
        else:
            runs[-1].append(t)
    return runs


def analyse(s: str, lex: Lexicon) -> list[tuple[str | None, Cand]]:
    """Context-free reading of one candidate string (cached): known persons and cleaned rest."""
    out = []
    for run in _split_script(s.split()):
        out.extend(_analyse_run(run, lex))
    return out


def _analyse_run(toks: list[str], lex: Lexicon) -> list[tuple[str | None, Cand]]:
    keys = [_key(t) for t in toks]
    out = []
    for seg_toks, seg_keys, canon in _split_known(toks, keys, lex):
        if canon:
            out.append((canon, Cand(seg_toks, seg_keys, True, None)))
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
            canon = canon_of(" ".join(keys[i:j]), lex)
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


def sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'“‘«(-—":
        i -= 1
    return i < 0 or text[i] in ".!?:\n…"


def is_title(tok: str) -> bool:
    cf = tok.casefold().rstrip(".")
    return cf in TITLES or cf in CYR_TITLES


def _clean(toks: list[str], keys: list[str], lex) -> Cand | None:
    cfs = [t.casefold().rstrip(".") for t in toks]
    n = len(toks)
    # Strip everything up to the last leading title ("White House Press Secretary", "British Prime Minister").
    last_title = -1
    for i in range(n - 1):
        if is_title(toks[i]) and cfs[i + 1] not in SUFFIX:
            last_title = i
    titled = last_title >= 0
    royal = cfs[last_title] if titled and cfs[last_title] in ROYAL else None
    title_word = cfs[last_title] if titled else ""
    n = len(toks)
    i = last_title + 1
    while i < n and not toks[i].endswith(".") and not (keys[i] in lex.given and i < n - 1) and (
            cfs[i] in STOP or cfs[i] in CYR_STOP or cfs[i] in lex.places
            or cfs[i] in NON_PERSON and i < n - 1 and is_title(toks[i + 1])):
        i += 1
    j = n
    # A title at the end ("German Chancellor") goes, unless a given name precedes it ("Stephen King").
    while j > i and (cfs[j - 1] in STOP or cfs[j - 1] in CYR_STOP or is_title(toks[j - 1]) and not (
            j - 2 >= i and keys[j - 2] in lex.given and cfs[j - 2] not in lex.places)):
        j -= 1
    toks, keys, cfs = toks[i:j], keys[i:j], cfs[i:j]
    # "Modefotograf Ben Renč", "Designer Mario Kameník": a descriptor in front of a given name.
    while len(toks) >= 2 and keys[0] not in lex.given and keys[1] in lex.given and not toks[0].endswith("."):
        toks, keys, cfs = toks[1:], keys[1:], cfs[1:]
        titled, title_word = True, ""
    if not toks or all(is_title(t) for t in toks):
        return None
    names = [t for t, c in zip(toks, cfs) if c not in PARTICLES]
    if len(names) > 4 or not names:
        return None
    for t, k, c in zip(toks, keys, cfs):
        if c in NON_PERSON or c in CYR_NON_PERSON or k in CYR_NON_PERSON:
            return None
        if len(t) > 1 and t.isupper() and not ROMAN.match(t) and t.replace(".", "") != t[:1] and k not in lex.given:
            return None      # acronyms and all-caps headline words
    if " ".join(keys) in lex.outlets or (len(toks) == 1 and keys[0] in lex.outlets):
        return None
    if cfs[0] in lex.places and keys[0] not in lex.given or " ".join(cfs) in gazetteer().lookup:
        return None
    first_given = keys[0] in lex.given or keys[0].split("-")[0] in lex.given
    if not first_given and (cfs[0] in FIRST_BLOCK or (len(toks) > 1 and _is_city_only(cfs[-1]))):
        return None
    if any(len(t) == 1 or t.rsplit("-", 1)[-1] in _DESCRIPTOR_SUFFIX for t in toks):
        return None
    if any(c in lex.places and k not in lex.given and not _is_city_only(c) for c, k in zip(cfs[1:], keys[1:])):
        return None
    if CYR_RE.search(toks[0]) and any(c in lex.places and (keys[0] not in lex.given or not _is_city_only(c))
                                      for c in cfs):
        return None          # "Великою Британією": an inflected place, not a name
    if len(toks) == 1 and (cfs[0] in lex.places or ROMAN.match(toks[0])):
        return None
    return Cand(toks, keys, titled, royal, title_word)


def _is_city_only(cf: str) -> bool:
    entry = gazetteer().lookup.get(cf)
    return entry is not None and entry[1] == "city"


