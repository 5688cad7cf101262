"""Case endings of Polish, Czech, Slovak, Slovene and Croatian names (Latin script).

"Theresy May", "Donalda Trumpa", "Barniera" are inflected forms of names the lexicon knows in the
nominative. ``normalise_run`` maps such words back to a known given name or known person's name
before a run is analysed; ``stem`` lets surname-only mentions meet their full name in the same
article ("Kowalskiego" / "Jan Kowalski").
"""
from __future__ import annotations

from functools import lru_cache

from .lexicon import Lexicon, lexicon, token_key

LANGUAGES = {"pl", "cs", "sk", "sl", "hr", "sr", "bs"}

# Longest first. Endings of nouns and adjectival surnames in the oblique cases.
ENDINGS = sorted("""a y u e ą ę ie em om owi ego emu ym im ej ou é ého ému ým ovi i ii ji iem ovou ou oj
om ima ih""".split(), key=len, reverse=True)
RESTORE = ("", "a", "o", "e", "y", "ý", "i", "ski", "ska")


# The endings by length, longest first: one set lookup per length instead of an endswith per ending
# (the same first match as a walk over ENDINGS; stem runs on every word of the name lists at load).
_BY_LENGTH = tuple((n, frozenset(e for e in ENDINGS if len(e) == n))
                   for n in sorted({len(e) for e in ENDINGS}, reverse=True))


def stem(key: str) -> str:
    size = len(key)
    for n, ends in _BY_LENGTH:
        if size - n >= 3 and key[-n:] in ends:
            return key[:-n]
    return key


@lru_cache(maxsize=1)
def _known_tokens() -> frozenset[str]:
    lex = lexicon()
    toks = set(lex.given) | set(lex.single)
    for alias in lex.aliases:
        toks.update(alias.split())
    return frozenset(toks)


def normalise_run(run: str, lex: Lexicon) -> str:
    """Replace inflected words of a capitalised run with the nominative the lexicon knows."""
    known = _known_tokens() if lex is lexicon() else frozenset(lex.given)
    out = []
    for tok in run.split():
        key = token_key(tok)
        if key not in known and len(tok) > 3 and tok[:1].isupper():
            for e in ENDINGS:
                if key.endswith(e) and len(key) - len(e) >= 3:
                    base = tok[: len(tok) - len(e)]
                    hit = next((base + r for r in RESTORE if token_key(base + r) in known), None)
                    if hit:
                        tok = hit
                        break
        out.append(tok)
    return " ".join(out)
