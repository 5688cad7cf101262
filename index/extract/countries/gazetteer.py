"""The place gazetteer behind country tagging: resources/data/gazetteer.json as a token lookup.

Every name becomes a key of casefolded tokens ("united states", "u.s.") mapping to a country code,
a kind (name, adj, city, region, seat) and a case rule. Russian and Ukrainian words are inflected
here (России, Росії, Москве, российских), so the data file keeps only nominatives. Built once per
process (about 0.3 s) and shared read-only between threads.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

from ...resources import data_path

# Tokens: dotted abbreviations (U.S., U.K.) or runs of letters. Apostrophes and hyphens split,
# so "Russia's" and "Russia-Ukraine" expose the country names.
TOKEN_RE = re.compile(r"[^\W\d_](?:[^\W\d_]+|(?:\.[^\W\d_])+\.)?")
# Upper-case letters (Latin incl. accented, Greek, Cyrillic): capitalised words start with one.
UPPER = "".join(chr(c) for c in range(0x41, 0x530) if chr(c).isupper() and chr(c).isalpha())
CAP_TOKEN_RE = re.compile(f"[{re.escape(UPPER)}][^\\W\\d_]*")
CYR = re.compile(r"[\u0400-\u04FF]")

# Case rules: a capitalised source name needs an initial capital in the text; an acronym needs
# the exact upper-case form; a lower-case adjective (российский, russisch) matches any case.
CAP, EXACT, ANY = 1, 2, 3
NO_COUNTRY = ""     # the code of a name that holds a country word but names no country

# Single-word translations that are mostly person names or common words in some language.
DROP = {"maurice", "mauricio", "chili", "salvador", "man", "georgia's", "jersey", "guernsey", "mali's",
        "norfolk", "chad", "jordan", "israel", "cuba", "victoria", "florida's", "nice", "reunion",
        "réunion", "home", "union", "niue", "island", "commonwealth", "toyota", "nippon", "independence", "tokelau", "martinique", "montserrat", "anguilla"}
KEEP_ANYWAY = {"chad", "jordan", "israel", "cuba"}   # kept, but person-name checks apply to them

RU_ADJ = ("ий", "ая", "ое", "ого", "ому", "им", "ом", "ую", "ой", "ие", "их", "ими")
RU_ADJ_Y = ("ый", "ая", "ое", "ого", "ому", "ым", "ом", "ую", "ой", "ые", "ых", "ыми")
UK_ADJ = ("ий", "а", "е", "ого", "ому", "им", "ім", "у", "ої", "ій", "і", "их", "ими", "ою")


def cyr_noun_forms(w: str) -> set[str]:
    """Case forms of a Russian/Ukrainian place noun (generous: both languages' endings)."""
    forms = {w}
    if w.endswith(("ия", "ія")):
        s = w[:-2]
        forms |= {s + e for e in ("ии", "ию", "ией", "иею", "ії", "ію", "ією", "ія", "ия")}
    elif w.endswith("я"):
        forms |= {w[:-1] + e for e in ("и", "е", "ю", "ей", "ею", "і")}
    elif w.endswith("а"):
        s = w[:-1]
        forms |= {s + e for e in ("ы", "и", "е", "у", "ой", "ою", "і", "ою")}
    elif w.endswith("ь"):
        forms |= {w[:-1] + e for e in ("я", "ю", "е", "ем", "ём", "і", "ю")}
    elif w.endswith("й"):
        forms |= {w[:-1] + e for e in ("я", "ю", "е", "ем", "ї", "єм", "ю")}
    elif w.endswith("ство"):                               # Королевство -> Королевства
        forms |= {w[:-1] + e for e in ("а", "у", "ом", "е", "і", "ові")}
    elif w.endswith(("ы", "и")) and len(w) > 4:          # plural names: Нидерланды, Филиппины
        s = w[:-1]
        forms |= {s + e for e in ("ов", "ам", "ах", "ами", "ів", "ах")}
    elif w[-1] not in "оеиуыэюіє":
        stems = {w}
        if w.endswith("ів"):
            stems.add(w[:-2] + "ов")                      # Харків -> Харкова, Львів -> Львова
        if w.endswith("їв"):
            stems.add(w[:-2] + "єв")                      # Київ -> Києва
        if re.search(r"[еоє][тцкн]$", w) and len(w) > 4:
            stems.add(w[:-2] + w[-1])                     # Египет -> Египта
        for s in stems:
            forms |= {s + e for e in ("а", "у", "е", "ом", "і", "ові", "ем", "ой")}
    return forms


def cyr_adj_forms(w: str) -> set[str]:
    forms = {w}
    if w.endswith("ый"):
        forms |= {w[:-2] + e for e in RU_ADJ_Y}
    elif w.endswith("ий"):
        forms |= {w[:-2] + e for e in RU_ADJ + UK_ADJ}
    elif w.endswith(("нин", "нець")):                      # россиянин, українець
        base = w[:-2] if w.endswith("ин") else w[:-4]
        forms |= {base + e for e in ("ина", "ину", "ином", "е", "", "ам", "ами", "ах", "ець", "ця", "цю", "ці", "ців")}
    elif w.endswith(("не", "ни", "ці", "цы")):
        base = w[:-1]
        forms |= {base[:-1] + e for e in ("", "ам", "ами", "ах", "ов", "ів", "ям")} | {base + e for e in ("ам", "ами", "ах", "ів", "ов")}
    return forms


SLAVIC_A = ("y", "i", "e", "ę", "ą", "o", "ou", "ie", "ii", "ji", "ję", "ją", "ej", "iej", "é", "u", "ě")


def slavic_latin_forms(w: str) -> set[str]:
    """Case forms of a Polish/Czech/Slovak/Slovene/Croatian place name (generous)."""
    forms = {w}
    low = w[-1:]
    if w.endswith(("ia", "ja")):
        forms |= {w[:-1] + e for e in ("i", "ę", "ą", "o", "e", "u")} | {w[:-2] + e for e in ("ii", "ji", "ię", "ję", "ią", "ją")}
    elif w.endswith("ie"):
        forms |= {w[:-1] + e for e in ("i", "")}
    elif w.endswith(("one", "ené", "ene")):
        forms |= {w[:-1] + e for e in ("ych", "ymi", "ym", "ých", "ými", "ih", "im")}
    elif w.endswith("ska"):
        forms |= {w[:-3] + e for e in ("sce", "ski", "skę", "ską", "sko")}
    elif low == "a":
        forms |= {w[:-1] + e for e in SLAVIC_A}
    elif low == "á":
        forms |= {w[:-1] + e for e in ("é", "ou", "ej", "ú")}
    elif low == "o":
        forms |= {w[:-1] + e for e in ("a", "u", "em", "ie", "om")}
    elif low == "y":
        forms |= {w[:-1] + e for e in ("ów", "ach", "om", "ami", "ech", "iec", "czech")}
    elif low.isalpha() and low not in "aeiouyáéíóúý":
        forms |= {w + e for e in ("u", "a", "em", "ie", "om", "ii", "i", "e")}
    return forms


def _masc(w: str) -> str:
    """Masculine form of a feminine/neuter adjective: Российская -> Российский, Російська -> Російський."""
    for fem, masc in (("ская", "ский"), ("цкая", "цкий"), ("ська", "ський"), ("цька", "цький"),
                      ("ная", "ный"), ("ное", "ный"), ("нные", "нный"), ("ные", "ный"),
                      ("ені", "ений"), ("ие", "ий"), ("на", "ний"), ("ое", "ый"), ("ая", "ый")):
        if w.endswith(fem):
            return w[: -len(fem)] + masc
    if re.search(r"[бвгджзклмнпрстфхцчшщ]а$", w):
        return w[:-1] + "ий"                   # Ukrainian feminine: Велика -> Великий
    if re.search(r"[бвгджзклмнпрстфхцчшщ]е$", w):
        return w[:-1] + "ий"                   # Ukrainian neuter: Сполучене -> Сполучений
    return w


def latin_forms(w: str, kind: str) -> set[str]:
    forms = {w}
    if kind == "adj" and w.islower():
        if w.endswith("isch"):
            forms |= {w + e for e in ("e", "en", "er", "es", "em")}
        elif w.endswith(("ien", "éen")):
            forms |= {w + e for e in ("ne", "nes", "s")}
        elif w.endswith(("ais", "ois")):
            forms |= {w + e for e in ("e", "es")}
        elif w.endswith("o"):
            forms |= {w[:-1] + e for e in ("a", "os", "as")}
        elif w.endswith("e"):
            forms.add(w + "s")
    elif kind == "name" and len(w) > 4 and w[-1] not in "sxz":
        forms.add(w + "s")                                # German genitive: Russlands, Frankreichs
    return forms


def tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(text)


@dataclass
class Gazetteer:
    lookup: dict[str, tuple[str, str, int]] = field(default_factory=dict)   # key -> (code, kind, case)
    first: set[str] = field(default_factory=set)    # casefolded first tokens of all keys
    multi_first: dict[str, int] = field(default_factory=dict)   # first token -> longest key (tokens)
    maxlen: int = 1
    city_rank: dict[str, int] = field(default_factory=dict)   # city key -> 1 big city, 2 capital
    # Cities whose names are mostly words or person names elsewhere (Wellington, Richmond, Nice):
    # key -> code, read only as the first words of a dateline.
    dateline: dict[str, str] = field(default_factory=dict)

    def add(self, surface: str, code: str, kind: str, slavic: bool = False, forms=None) -> None:
        """``slavic``: inflect Latin-script tokens with Slavic endings, by ``forms``
        (default ``slavic_latin_forms``; slavic_forms.py passes a fuller one)."""
        slavic_forms = forms or slavic_latin_forms
        toks = tokens(surface)
        if not toks or len(toks) > 5:
            return
        if len(toks) == 1 and toks[0].casefold() in DROP and toks[0].casefold() not in KEEP_ANYWAY:
            return
        if surface.isupper() and len(surface.replace(".", "")) <= 5 and "." not in surface:
            case = EXACT
        elif surface[:1].isupper():
            case = CAP
        else:
            case = ANY
        per_token = []
        for i, t in enumerate(toks):
            if len(toks) > 2 and i < len(toks) - 1:
                per_token.append({t})          # long names: inflect the head noun only
            elif slavic and not CYR.search(t):
                per_token.append(slavic_forms(t))
            elif not CYR.search(t):
                per_token.append(latin_forms(t, kind) if len(toks) == 1 else {t})
            elif kind == "adj" or (i < len(toks) - 1 and (t.endswith(("ий", "ый")) or _masc(t) != t)):
                per_token.append(cyr_adj_forms(_masc(t)) | {t})
            else:
                per_token.append(cyr_noun_forms(t))
        per_token = [{f.casefold() for f in forms} for forms in per_token]
        lookup, value = self.lookup, (code, kind, case)
        # Names beat cities (Georgia the country, not a city); otherwise the first entry wins.
        if len(per_token) == 1:
            for key in per_token[0]:
                old = lookup.get(key)
                if old is None or (old[1] == "city" and kind != "city"):
                    lookup[key] = value
        else:
            for combo in product(*per_token):
                key = " ".join(combo)
                old = lookup.get(key)
                if old is None or (old[1] == "city" and kind != "city"):
                    lookup[key] = value
            for f in per_token[0]:
                self.multi_first[f] = max(self.multi_first.get(f, 0), len(per_token))
            self.maxlen = max(self.maxlen, len(per_token))
        self.first.update(per_token[0])


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    data = json.loads(data_path("gazetteer.json").read_text(encoding="utf-8"))
    g = Gazetteer()
    for code, c in data["countries"].items():
        for n in c["names"]:
            g.add(n, code, "name")
        for a in c["adjectives"]:
            g.add(a, code, "adj")
    for code, c in data["countries"].items():
        for n in c.get("names_slavic", []):
            g.add(n, code, "name", slavic=True)
    for name, code in data["seats"].items():
        g.add(name, code, "seat")
    for code, names in data["regions"].items():
        for n in names.split(","):
            if n.strip():
                g.add(n.strip(), code, "region")
    for name, code in data["cities"].items():
        g.add(name, code, "city")
    # region names that contain a country word ("Latin America"): a key with no country, which
    # the longest match takes before the country word inside it; the first entry wins, so they
    # go in last and never replace a name.
    for n in data.get("not_places", "").split(","):
        if n.strip():
            g.add(n.strip(), NO_COUNTRY, "none")
    for name, code in data.get("dateline_cities", {}).items():
        g.dateline[" ".join(t.casefold() for t in tokens(name))] = code
    for name, rank in data.get("city_ranks", {}).items():
        key = " ".join(t.casefold() for t in tokens(name))
        if g.lookup.get(key, ("", ""))[1] == "city":
            g.city_rank[key] = rank
    return g
