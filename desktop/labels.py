"""Human labels for facet values: country codes become names (+ flag when a font can draw it),
language codes become language names. Pure functions plus one font probe."""
from __future__ import annotations

import functools

# pycountry's official names are long ("Russian Federation", "Korea, Republic of"); analysts say these.
SHORT_NAMES = {
    "RU": "Russia", "US": "United States", "GB": "United Kingdom", "KR": "South Korea",
    "KP": "North Korea", "IR": "Iran", "SY": "Syria", "VE": "Venezuela", "TW": "Taiwan",
    "MD": "Moldova", "BO": "Bolivia", "TZ": "Tanzania", "VN": "Vietnam", "LA": "Laos",
    "CD": "DR Congo", "CG": "Congo", "PS": "Palestine", "VA": "Vatican", "FM": "Micronesia",
    "CZ": "Czechia", "MK": "North Macedonia", "TR": "Turkey", "XK": "Kosovo", "EU": "European Union",
}

FACET_TITLES = {
    "person": "Persons", "country": "Countries", "outlet": "Outlets",
    "language": "Languages", "agency": "Agencies", "date": "Dates",
}
FACET_SINGULAR = {
    "person": "Person", "country": "Country", "outlet": "Outlet",
    "language": "Language", "agency": "Agency", "date": "Date",
}


@functools.lru_cache(maxsize=1024)
def country_name(code: str) -> str:
    code = (code or "").upper()
    if code in SHORT_NAMES:
        return SHORT_NAMES[code]
    try:
        import pycountry
        c = pycountry.countries.get(alpha_2=code)
    except Exception:     # pycountry data missing in a broken install: fall back to the code
        c = None
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


def flag_emoji(code: str) -> str:
    code = (code or "").upper()
    if len(code) != 2 or not code.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(ch) - ord("A")) for ch in code)


@functools.lru_cache(maxsize=1)
def can_draw_flags() -> bool:
    """Whether the default font can render regional-indicator flags (needs a GUI app)."""
    try:
        from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
        if QGuiApplication.instance() is None:
            return False
        return QFontMetrics(QFont()).inFontUcs4(0x1F1F7)
    except Exception:
        return False


def country_label(code: str) -> str:
    name = country_name(code)
    if name == code:
        return code
    if can_draw_flags():
        return f"{flag_emoji(code)} {name}"
    return f"{name} ({code.upper()})"


@functools.lru_cache(maxsize=256)
def language_name(code: str) -> str:
    try:
        import pycountry
        lang = pycountry.languages.get(alpha_2=(code or "").lower())
    except Exception:
        lang = None
    return lang.name if lang is not None else (code or "")


def value_label(facet: str, value: str) -> str:
    if facet == "country":
        return country_label(value)
    if facet == "language":
        return language_name(value)
    return value
