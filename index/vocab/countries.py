"""Country names and codes, as queries and the country field read them.

A code or a name: ``country:RU``, ``country:russia``, ``country:"united kingdom"``.

pycountry's ``lookup`` fails on everyday names ("Russia", "UK", "Turkey"), so its official and
common names are complemented with an alias table of the names news actually uses.
"""
from __future__ import annotations

from functools import lru_cache

import pycountry

ALIASES = {
    "russia": "RU", "россия": "RU", "росія": "RU", "russland": "RU", "russie": "RU", "rusia": "RU",
    "ukraine": "UA", "украина": "UA", "україна": "UA",
    "usa": "US", "us": "US", "u.s": "US", "u.s.": "US", "america": "US", "united states": "US",
    "сша": "US", "united states of america": "US",
    "uk": "GB", "u.k": "GB", "britain": "GB", "great britain": "GB", "england": "GB",
    "united kingdom": "GB", "великобритания": "GB",
    "turkey": "TR", "türkiye": "TR", "iran": "IR", "syria": "SY", "south korea": "KR",
    "north korea": "KP", "korea": "KR", "vietnam": "VN", "laos": "LA", "moldova": "MD",
    "czech republic": "CZ", "czechia": "CZ", "taiwan": "TW", "bolivia": "BO", "venezuela": "VE",
    "tanzania": "TZ", "palestine": "PS", "vatican": "VA", "kosovo": "XK", "ivory coast": "CI",
    "germany": "DE", "deutschland": "DE", "германия": "DE", "france": "FR", "франция": "FR",
    "china": "CN", "китай": "CN", "belarus": "BY", "беларусь": "BY", "білорусь": "BY",
    "eu": "EU", "european union": "EU",
}


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name:
                table[name.lower()] = c.alpha_2
        table[c.alpha_3.lower()] = c.alpha_2
    table.update({k.lower(): v for k, v in ALIASES.items()})
    return table


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO alpha-2 (upper case) for a code or a name, case-insensitive; None when unknown."""
    t = text.strip().lower()
    if not t:
        return None
    if len(t) == 2 and t.isalpha():
        if t in ("us", "uk"):
            return _table()[t]
        if pycountry.countries.get(alpha_2=t.upper()) or t == "eu" or t == "xk":
            return t.upper()
    return _table().get(t)


def focus_and_passing(article) -> tuple[list[tuple[str, float | None]], list[tuple[str, float | None]]]:
    """An article's countries as (code, weight) pairs, heaviest first: the ones it is about (the
    facet counts them) and the ones it names in passing. Weight None: the article was not weighed."""
    weights = getattr(article, "country_weights", None) or {}
    focus = set(article.focus_countries())
    pairs = sorted(((c, weights.get(c)) for c in article.countries),
                   key=lambda p: (-(p[1] if p[1] is not None else 1.0), p[0]))
    return [p for p in pairs if p[0] in focus], [p for p in pairs if p[0] not in focus]


def describe_countries(article) -> str:
    """``RU 0.97, UA 0.95; in passing: FR 0.17`` (the show command's line)."""
    def fmt(pairs):
        return ", ".join(c if w is None else f"{c} {w:.2f}" for c, w in pairs)
    about, passing = focus_and_passing(article)
    text = fmt(about) or "-"
    return text + (f"; in passing: {fmt(passing)}" if passing else "")


def country_name(code: str) -> str:
    c = pycountry.countries.get(alpha_2=code.upper())
    return getattr(c, "common_name", None) or getattr(c, "name", code) if c else code
