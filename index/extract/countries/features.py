"""Why a country is named: general features of one country's mentions in one article.

The weight model (weights.py) reads these to tell the countries an article is *about* (dateline,
title, subject of the lead, named again and again) from the ones it names in passing ("...listed in
Luxembourg", "a Paris-based bank", "U.S. dlrs"). Every feature is a property of news writing in
general -- where a mention stands and what kind of word it is -- never of one corpus or country.

A mention is (start, end, gazetteer key, kind, weak, money): kind is the gazetteer kind (name, adj,
city, region, seat) or "state" for a US state abbreviation in a dateline; weak marks a company name
("Canadian Pacific Corp"); money a currency ("U.S. dlrs", "Swiss francs").
"""
from __future__ import annotations

import math
import re
from typing import NamedTuple


class Mention(NamedTuple):
    start: int
    end: int
    key: str
    kind: str
    weak: bool
    money: bool


# The names of the features, in the order of the vector (the model file lists them too, so a
# model trained on another list is refused rather than misread).
FEATURES = (
    "bias", "in_title", "in_dateline", "in_lead", "first_pos", "log_count", "share", "is_top",
    "share_of_top", "has_name", "only_weak", "adj_share", "city_share", "big_city_share", "capital_share",
    "money_share", "weak_share",
    "listed", "log_countries", "single", "spread", "title_or_dateline_only", "log_length", "actor_share",
    "other_in_dateline", "other_in_title", "in_first_sentence", "sentence_share",
)

# A dateline opens the body: "NEW YORK, March 3 -", "KYIV (Reuters) -", "Москва. Кремль ...",
# "BERLIN, 20. Mai (dpa) -". The place words stand before the first dash, agency bracket or full
# stop, within the first 80 characters.
_DATELINE_END = re.compile(r"(?:\s|(?<=\d))[-–—]{1,2}\s|\s?\([A-Z][\w. -]{0,20}\)|(?<=[^\W\d_]{3})[.:]\s+(?=[^\W\d_])")
_PLACE_END = re.compile(r"[,.]\s")
_LEAD_CHARS = 300
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2})[.!?](?=\s+[\"“'‘(]?[^\W\d_])|\n\s*\n")


def dateline_end(text: str, body_start: int) -> int:
    """End offset of the body's dateline, or body_start when the body opens without one."""
    head = text[body_start:body_start + 80]
    stripped = len(head) - len(head.lstrip())
    m = _DATELINE_END.search(head, stripped)
    if not m or not head[stripped:stripped + 1].isupper():
        return body_start
    words = head[stripped:m.start()].split()
    if not 0 < len(words) <= 7:
        return body_start
    # The place part (before the first comma or stop: "NEW YORK, March 3", "КИЇВ. 18 листопада. УНН")
    # is a few capitalised words. A short opening sentence ("Britové šetří.", "Германия вече има
    # ново правителство - ...") has lower-case words: it is no dateline, in any language.
    # Wire copy sometimes lowers the rest of a place before its comma ("La paz, march 4"): there
    # the first word is enough.
    head_part = head[stripped:m.start()]
    end = _PLACE_END.search(head_part)
    place = head_part[:end.start() if end else len(head_part)].split()
    checked = place[:1] if end and end.group().startswith(",") else place
    if not 0 < len(place) <= 3 or not all(w[:1].isupper() or w[:1].isdigit() for w in checked):
        return body_start
    return body_start + m.start()


def title_end(text: str, body_start: int) -> int:
    """Where the title ends: the given body start, or else a short first line standing alone."""
    if body_start:
        return body_start
    nl = text.find("\n", 0, 150)
    return nl if nl > 0 and text[nl:].strip() else 0


# "Japan's exports", "Brazil said", "the French government", ". Britain will": the country acts.
_ACTOR_AFTER = re.compile(r"['’]s\b|\s+(?:said|says|will|would|has|had|is|was|plans?|wants?|agreed|government|"
                          r"officials?|minister|ministry|president|prime|authorities|central bank|leaders?)\b")


def _actor(text: str, m: Mention) -> bool:
    if _ACTOR_AFTER.match(text, m.end):
        return True
    before = text[max(0, m.start - 3):m.start].rstrip(" \t\"“")
    return not before or before.endswith((".", "\n"))


def _sentence_of(text: str, pos: int) -> int:
    """An id of the sentence holding ``pos``: where the last full stop before it stands (cheap
    string searches; an abbreviation's dot counts as a stop, alike in training and at run time)."""
    return max(text.rfind(". ", 0, pos), text.rfind("? ", 0, pos), text.rfind("! ", 0, pos),
               text.rfind("\n", 0, pos))


def _sentences(text: str, start: int) -> int:
    return 1 + sum(text.count(stop, start) for stop in (". ", "? ", "! ", "\n"))


def features(found: dict[str, list[Mention]], text: str, body_start: int,
             listed: set[str]) -> dict[str, list[float]]:
    """code -> feature vector (in FEATURES order) for every country mentioned."""
    t_end = title_end(text, body_start)
    b_start = t_end
    d_end = dateline_end(text, b_start)
    body_len = max(len(text) - b_start, 1)
    lead = b_start + _LEAD_CHARS
    total = sum(len(ms) for ms in found.values()) or 1
    top = max((len(ms) for ms in found.values()), default=1)
    n_countries = len(found)
    in_d = {c for c, ms in found.items() if any(b_start <= m.start < d_end or m.kind == "state" for m in ms)}
    in_t = {c for c, ms in found.items() if any(m.start < t_end for m in ms)}
    first_stop = _SENTENCE_END.search(text, d_end, d_end + 1000)
    first_end = first_stop.end() if first_stop else len(text)
    n_sentences = _sentences(text, b_start)
    out: dict[str, list[float]] = {}
    for code, ms in found.items():
        n = len(ms)
        kinds = {"adj": 0, "city": 0, "big city": 0, "capital": 0}
        money = weak = actor = 0
        named = strong = first_sentence = False
        after_dateline = False
        sentences = set()
        first = len(text)
        for m in ms:
            if m.kind in kinds:
                kinds[m.kind] += 1
            money += m.money
            weak += m.weak
            actor += _actor(text, m)
            plain = not m.weak and not m.money
            named = named or (plain and m.kind in ("name", "seat", "state"))
            strong = strong or (plain and m.kind not in ("adj", "city"))
            if m.start >= t_end:
                first = min(first, m.start)
                sentences.add(_sentence_of(text, m.start))
                after_dateline = after_dateline or m.start >= d_end
            first_sentence = first_sentence or d_end <= m.start < first_end
        in_title, in_dateline = code in in_t, code in in_d
        out[code] = [
            1.0, float(in_title), float(in_dateline), float(first < lead),
            min(max(first - b_start, 0) / body_len, 1.0),
            math.log1p(n), n / total, float(n == top), n / top, float(named), float(not strong),
            kinds["adj"] / n, kinds["city"] / n, kinds["big city"] / n, kinds["capital"] / n,
            money / n, weak / n, float(code in listed), math.log(n_countries), float(n_countries == 1),
            (ms[-1].start - ms[0].start) / body_len if n > 1 else 0.0,
            float((in_title or in_dateline) and not after_dateline),
            math.log1p(body_len / 1000), actor / n,
            float(bool(in_d) and not in_dateline), float(bool(in_t) and not in_title),
            float(first_sentence), min(len(sentences) / n_sentences, 1.0),
        ]
    return out
