"""Names the tagger found, read by the lexicon (``read_name``), and what a name is made of (``Cand``).

A name is split where the script changes ("Brexit Дэвид Дэвис"); known persons in it are found by
their aliases (persons.json, longest first; folded spellings, translit.py); leading titles and
roles are stripped and remembered ("Pope Leo XIV" -> Leo XIV, titled). Nothing is rejected here:
whether a run names a person is the tagger's call. Results are cached per string (module-level
dicts; plain dict operations are thread-safe under the GIL, and the caches are cleared when they
grow large).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..countries.gazetteer import CYR as CYR_RE
from .lexicon import CYR_TITLES, TITLES, Lexicon, token_key
from .translit import canon_of

ABBR_BEFORE = re.compile(r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Prof|Rev|Sgt|Adm|Maj|Mme|Sra|St)\.[ \t]*$")
# Titles strong enough to make a lone word a person ("President Macron", "Mr Smith").
STRONG_TITLES = {"president", "pope", "mr", "mrs", "ms", "dr", "sen", "senator", "rep", "gov", "governor",
                 "general", "gen", "king", "queen", "prince", "princess", "chancellor", "minister", "premier",
                 "secretary", "ayatollah", "sheikh", "judge", "spokesman", "spokeswoman", "mayor", "ambassador",
                 "prof", "professor", "colonel", "col", "captain", "capt", "lt", "sgt", "sir", "lord", "lady",
                 "duke", "duchess", "cardinal", "bishop", "archbishop", "rabbi", "imam", "herr", "frau",
                 "monsieur", "madame", "mme", "señor", "señora", "президент", "премьер", "министр", "канцлер"}
ROYAL = {"prince", "princess", "duke", "duchess", "sheikh", "lady", "sir", "dame"}


@dataclass
class Cand:
    toks: list[str]          # the name as written, titles stripped
    keys: list[str]          # token_key of each token (casefolded, dots dropped, Cyrillic stemmed)
    titled: bool             # a title or role stood in front of it
    royal: str | None        # "prince", "sheikh"...: kept in the display name of a lone word
    title: str = ""
    sure: bool = False       # the tagger was sure of this lone word (mentions.SINGLE_MARGIN)


_KEY_CACHE: dict[str, str] = {}


def key(tok: str) -> str:
    k = _KEY_CACHE.get(tok)
    if k is None:
        if len(_KEY_CACHE) > 200_000:
            _KEY_CACHE.clear()
        k = _KEY_CACHE[tok] = token_key(tok)
    return k


_SEGS: dict[str, list[tuple[str | None, Cand]]] = {}


def read_name(run: str, lex: Lexicon) -> list[tuple[str | None, Cand]]:
    """(canonical person or None, the name) for each part of a run of name words."""
    segs = _SEGS.get(run)
    if segs is not None:
        return segs
    segs = []
    for part in split_script(run.split()):
        keys = [key(t) for t in part]
        for toks, ks, canon in split_known(part, keys, lex):
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


def split_script(toks: list[str]) -> list[list[str]]:
    """"Brexit Дэвид Дэвис": a change between Latin and Cyrillic script ends a name."""
    runs: list[list[str]] = [[toks[0]]]
    for t in toks[1:]:
        if bool(CYR_RE.search(t)) != bool(CYR_RE.search(runs[-1][-1])):
            runs.append([t])
        else:
            runs[-1].append(t)
    return runs



def split_known(toks: list[str], keys: list[str], lex) -> list[tuple[list[str], list[str], str | None]]:
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



def is_title(tok: str) -> bool:
    cf = tok.casefold().rstrip(".")
    return cf in TITLES or cf in CYR_TITLES
