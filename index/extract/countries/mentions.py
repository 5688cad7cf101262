"""Countries an article mentions, as ISO 3166-1 alpha-2 codes (upper case, sorted).

One pass over the words with a longest-match lookup in the gazetteer (names, demonyms, cities,
regions and seats of power in en/ru/uk/de/fr/es, country names in pl/cs/sk/sl/hr/bg too). English
text is scanned by capitalised words only, which is several times faster. Evidence rules:
- salience: a country mentioned once, after the opening quarter of an article that names other
  countries too, is a passing reference and is left out ("...listed in Luxembourg"), unless it
  stands in an explicit list ("the leaders of Britain, France, Germany and Italy");
- a country word before a currency ("1.2 mln U.S. dlrs", "Swiss francs") names money, not a place;
- a dateline with a US state abbreviation ("OAK BROOK, Ill.,") means US.
Ambiguous names are settled with the article's own context, never with a model:
- a place word inside a person's name ("Michael Jordan", "Chad Smith") is not a place;
- Georgia is the US state when the article has US-state cues and no Caucasus cues;
- Turkey is the bird around Thanksgiving cues unless something else says Turkey;
- "US" in an all-caps line is the pronoun ("PLEASE HELP US").
"""
from __future__ import annotations

import re

from .features import Mention, dateline_end, features, title_end
from .gazetteer import ANY, CAP_TOKEN_RE, EXACT, NO_COUNTRY, TOKEN_RE, gazetteer
from .slavic_forms import gazetteer_for
from .weights import threshold, weight

GEORGIA_US_CUES = {"atlanta", "savannah", "augusta", "macon", "ga", "peach", "gov", "governor", "senate", "senator",
                   "republican", "republicans", "democrat", "democrats", "democratic", "county", "legislature",
                   "alabama", "florida", "carolina", "tennessee", "state's", "midterm", "primary"}
GEORGIA_GE_CUES = {"tbilisi", "georgian", "georgians", "caucasus", "abkhazia", "ossetia", "saakashvili",
                   "ivanishvili", "kobakhidze", "zurabishvili", "batumi", "kutaisi", "тбилиси", "грузин"}
TURKEY_BIRD_CUES = {"thanksgiving", "roast", "roasted", "stuffing", "gravy", "oven", "carve", "gobble",
                    "recipe", "pardon", "pardoned", "pardons", "feathers", "poultry", "butterball", "drumstick"}
TURKEY_NATION_CUES = {"ankara", "istanbul", "erdogan", "erdoğan", "turkish", "turks", "türkiye", "bosphorus", "lira"}

# AP/Reuters dateline style: "OAK BROOK, Ill., March 3", "ROSLYN, N.Y." -- a US state abbreviation.
_STATES = (r"(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont"
           r"|Neb|Nev|N\.H|N\.J|N\.M|N\.Y|N\.C|N\.D|Okla|Ore|Pa|R\.I|S\.C|S\.D|Tenn|Tex|Va|Vt|Wash|W\.Va|Wis|Wyo)")
US_STATE_ABBR = re.compile(r"[A-Za-z], " + _STATES + r"\.", re.IGNORECASE)
# In a dateline the full stop may be missing ("BIRMINGHAM, Ala, March 6 -").
_DATELINE_STATE = re.compile(r"[A-Za-z], " + _STATES + r"(?:\.|(?=,))", re.IGNORECASE)


# "1.2 mln U.S. dlrs", "Swiss francs": a currency names money, not a place the story is about.
_CURRENCY_AFTER = re.compile(
    r"[ \t]+(?:dollars?|dlrs?|francs?|yen|marks?|pounds?|sterling|stg|lira|lire|pesetas?|guilders?|crowns?|"
    r"rupees?|pesos?|roubles?|rubles?|yuan|won|kronor|kroner|cents?|cts)\b", re.IGNORECASE)
# "Canadian Pacific Corp", "Houston Metals Corp", "Hongkong Bank of Canada": a place word in a
# company's name (up to three more capitalised words before the company word) is weak evidence.
_WEAK_AFTER = re.compile(
    r"['’]?s?(?:[ \t]+(?:&|and|[A-Z][\w&.'’-]*)){0,3}?[ \t]+(?i:bonds?|Corp|Corporation|Inc|Co|Ltd|Plc|"
    r"Group|Holdings|Industries|Airlines|Airways|Express|Petroleum|Motors|Steel|Fund|Trust|Bancorp|"
    r"Telecom|Electric|Breweries|Savings|Metals|Mining|Mines|Resources|Securities|Systems?|"
    r"AG|SA|NV|SpA|GmbH|BV)\b")


CITY_KINDS = ("city", "big city", "capital")


def _caps_line(text: str, pos: int) -> bool:
    """The line around ``pos`` is in capitals (a headline or a shout: "PLEASE HELP US")."""
    start = max(text.rfind("\n", 0, pos) + 1, pos - 200)
    end = text.find("\n", pos, pos + 200)
    line = text[start:end if end >= 0 else pos + 200]
    letters = sum(map(str.isalpha, line))
    return letters >= 12 and sum(map(str.isupper, line)) / letters > 0.8


def extract_countries(text: str, language: str | None = None, persons: list[str] | None = None,
                      body_start: int = 0) -> list[str]:
    """Every country the text names (sorted codes), the subjects and the passing mentions alike.
    ``body_start``: where the body begins in ``text`` (after a title)."""
    return sorted(weigh_countries(text, language, persons, body_start))


def focus(weights: dict[str, float]) -> list[str]:
    """The countries an article is about (sorted): weights at or above the model's threshold.
    The country facet counts these; the others are passing mentions, stored and searchable."""
    t = threshold()
    return sorted(code for code, w in weights.items() if w >= t)


def weigh_countries(text: str, language: str | None = None, persons: list[str] | None = None,
                    body_start: int = 0) -> dict[str, float]:
    """Every country the text mentions -> how much the article is about it (0..1, see weights.py).
    Countries below ``threshold()`` are passing mentions: searchable, not counted by the facet."""
    vectors = mention_features(text, language, persons, body_start)
    return {code: weight(vec) for code, vec in vectors.items()}


def mention_features(text: str, language: str | None = None, persons: list[str] | None = None,
                     body_start: int = 0) -> dict[str, list[float]]:
    """code -> feature vector (features.FEATURES) for every country mentioned; the training
    script reads these too, so the shipped model sees exactly what it was trained on."""
    found = country_mentions(text, language, persons)
    _settle_dateline(found, text, body_start)
    if found.get("GE") and {m.key for m in found["GE"]} <= {"georgia"} or \
            found.get("TR") and {m.key for m in found["TR"]} <= {"turkey"}:
        _resolve_ambiguity(found, set(TOKEN_RE.findall(text.casefold())))
    return features(found, text, body_start, _listed(text, found) if len(found) > 2 else set())


def country_mentions(text: str, language: str | None = None,
                     persons: list[str] | None = None) -> dict[str, list[Mention]]:
    """Every country mention: code -> [Mention], in text order."""
    g = gazetteer_for(language)
    lookup, first, multi = g.lookup, g.first, g.multi_first
    person_tokens = {t.casefold() for p in (persons or []) for t in TOKEN_RE.findall(p)}
    found: dict[str, list[Mention]] = {}
    # English names, demonyms and places are capitalised: scanning only capitalised words is
    # several times faster. Other languages have lower-case adjectives (российский, russisch).
    scanner = CAP_TOKEN_RE if language == "en" else TOKEN_RE
    skip_to = 0
    for m in scanner.finditer(text):
        start = m.start()
        if start < skip_to:
            continue
        tok = m.group()
        f = tok.casefold()
        if f not in first and len(tok) > 1:
            continue
        longest = multi.get(f, 0)
        if longest or len(tok) == 1:
            # Multi-word names and dotted abbreviations: re-tokenise a short window, longest match.
            wm = TOKEN_RE.findall(text, start, start + 16 * max(longest, 1))[: max(longest, 1)]
            keys = [wm[0].casefold()]
            for w in wm[1:]:
                keys.append(keys[-1] + " " + w.casefold())
            hit = None
            for size in range(len(keys), 0, -1):
                entry = lookup.get(keys[size - 1])
                if entry is not None and _case_ok(wm[:size], entry[2]):
                    hit = size
                    break
            if hit is None:
                continue
            key, surface = keys[hit - 1], wm[:hit]
            end = _end_of(text, start, surface)
        else:
            entry = lookup.get(f)
            if entry is None or not _case_ok([tok], entry[2]):
                continue
            key, end, surface = f, m.end(), [tok]
        skip_to = end
        if entry[0] == NO_COUNTRY:          # "Latin America": a region, not the country inside it
            continue
        if person_tokens and _inside_person(text, start, end, surface, person_tokens):
            continue
        if entry[2] == EXACT and key == "us" and _caps_line(text, start):
            continue
        money = bool(_CURRENCY_AFTER.match(text, end))
        weak = bool(_WEAK_AFTER.match(text, end))
        kind = entry[1]
        if kind == "city":
            kind = CITY_KINDS[g.city_rank.get(key, 0)]
        found.setdefault(entry[0], []).append(Mention(start, end, key, kind, weak, money))
    _company_words(found)
    if "US" not in found:
        m = US_STATE_ABBR.search(text)
        if m:
            found["US"] = [Mention(m.start(), m.end(), "state abbreviation", "state", False, False)]
    return found


def _company_words(found: dict[str, list[Mention]]) -> None:
    """A city or region word that names a company once ("Houston Metals Corp") names it again
    alone ("Houston said"): every mention of that word is weak."""
    for code, ms in found.items():
        company = {m.key for m in ms if m.weak and m.kind not in ("name", "adj")}
        if company:
            found[code] = [m._replace(weak=True) if m.key in company else m for m in ms]


def _settle_dateline(found: dict[str, list[Mention]], text: str, body_start: int) -> None:
    """"MANSFIELD, Mass., March 16 -", "NEW BRITAIN, Conn.", "SURFERS PARADISE, Australia": when a
    dateline ends with its state or country, a place word before it of another country is a namesake."""
    start = title_end(text, body_start)
    end = dateline_end(text, start)
    if end == start:
        return
    if not any(start <= m.start < end for ms in found.values() for m in ms):
        _dateline_city(found, text, start, end)
    qualifiers = sorted((m.start, code) for code, ms in found.items()
                        for m in ms if start <= m.start < end and m.kind in ("name", "region", "state"))
    places = {qualifiers[-1][1]} if qualifiers else set()
    state = _DATELINE_STATE.search(text, start, end + 2)
    if state:
        places = {"US"}
        if not any(start <= m.start < end for m in found.get("US", [])):
            us = found.setdefault("US", [])
            us.insert(0, Mention(state.start() + 3, state.end(), "state abbreviation", "state", False, False))
    if not places:
        return
    for code in [c for c in found if c not in places]:
        kept = [m for m in found[code] if not start <= m.start < end]
        if kept:
            found[code] = kept
        else:
            del found[code]


def _dateline_city(found: dict[str, list[Mention]], text: str, start: int, end: int) -> None:
    """"WELLINGTON, March 6 -", "Richmond, Va. (AP) -": a city whose name is mostly a word or a
    person's name elsewhere is a place when it opens a dateline, in capitals or before a comma."""
    words = list(TOKEN_RE.finditer(text, start, end))[:3]
    dateline = gazetteer().dateline
    for size in range(len(words), 0, -1):
        key = " ".join(w.group().casefold() for w in words[:size])
        code = dateline.get(key)
        if code is None:
            continue
        first, last = words[0].start(), words[size - 1].end()
        surface = text[first:last]
        if text[start:first].strip() or not (surface.isupper() or text.startswith((",", " (", " ("), last)):
            return
        found.setdefault(code, []).insert(0, Mention(first, last, key, "city", False, False))
        return


_LIST_GAP = re.compile(r"[ \t]*(?:,|;|and|or|&|и|или|і|та|und|oder|et|ou|y|o|i|a|oraz)?[ \t]*(?:,?[ \t]*(?:and|и|і|та|und|et|y|i|a|oraz)[ \t]*)?(?:the[ \t]+)?$",
                       re.IGNORECASE)


def _listed(text: str, found: dict[str, list]) -> set[str]:
    """Codes named in a list of three or more countries joined by commas and "and"."""
    seq = sorted((m.start, m.end, code) for code, ms in found.items() for m in ms)
    listed: set[str] = set()
    run = [seq[0]] if seq else []
    for prev, cur in zip(seq, seq[1:]):
        if _LIST_GAP.match(text, prev[1], cur[0]) and cur[0] - prev[1] < 12:
            run.append(cur)
        else:
            if len({c for _, _, c in run}) >= 3:
                listed.update(c for _, _, c in run)
            run = [cur]
    if len({c for _, _, c in run}) >= 3:
        listed.update(c for _, _, c in run)
    return listed


def _end_of(text: str, start: int, surface: list[str]) -> int:
    pos = start
    for w in surface:
        pos = text.index(w, pos) + len(w)
    return pos


def _case_ok(surface: list[str], case: int) -> bool:
    if case == ANY:
        return True
    if case == EXACT:
        return all(t.isupper() for t in surface)
    return surface[0][:1].isupper()


def _inside_person(text: str, start: int, end: int, surface: list[str], person_tokens: set[str]) -> bool:
    """The place word is part of a person's name found in this article (Michael Jordan)."""
    if not all(t.casefold() in person_tokens for t in surface):
        return False
    before = TOKEN_RE.findall(text, max(0, start - 30), start)
    after = TOKEN_RE.findall(text, end, end + 30)
    return bool((before and before[-1][:1].isupper() and before[-1].casefold() in person_tokens)
                or (after and after[0][:1].isupper() and after[0].casefold() in person_tokens))


def _resolve_ambiguity(found: dict[str, list], words: set[str]) -> None:
    ge = found.get("GE")
    if ge and {m.key for m in ge} <= {"georgia"} and words & GEORGIA_US_CUES and not words & GEORGIA_GE_CUES:
        found.setdefault("US", []).extend(found.pop("GE"))
    tr = found.get("TR")
    if tr and {m.key for m in tr} <= {"turkey"} and words & TURKEY_BIRD_CUES and not words & TURKEY_NATION_CUES:
        del found["TR"]
