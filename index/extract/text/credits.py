"""Credit, byline and publisher lines: who wrote, which agency supplied, who published.

Agency names come from the outlet directory's ``kind="agency"`` entries, so a new agency is a
data change. A credit is recognised by its *shape* ("X contributed reporting", "(X) -" datelines,
"— X", "with X", "Reporting by ...; Editing by ..."), never by an agency name alone: "RIA Novosti
reported" inside a sentence is a source, not a credit.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .boilerplate import rules
from .outlets import PUBLISHER_PATTERNS, directory

_W = r"(?:[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w'’\-]*\.?)"
_PARTICLE = r"(?:de|da|di|van|von|der|den|du|dos|del|la|le|bin|al|ibn|ter|el)"
_NAME = rf"{_W}(?:\s+(?:{_PARTICLE}\s+)*{_W}){{1,4}}"
_AND = r"\s*(?:,|\band\b|&|\bund\b|\bet\b|\by\b|\bи\b|\bта\b|\bі\b)\s*"
_NAMES = rf"{_NAME}(?:{_AND}{_NAME})*"
_SPLIT_NAMES = re.compile(_AND)
_NOT_NAME_WORDS = {
    "the", "a", "an", "our", "this", "that", "his", "her", "their", "its", "staff", "news", "editorial",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "numbers", "way", "end", "contrast", "comparison", "now", "then", "far", "law", "design",
}
_BYLINE = [
    re.compile(rf"^(?:By|BY)\s+(?P<names>{_NAMES})(?:\s+(?i:in)\s+{_W}(?:\s+{_W})?)?"
               rf"(?:\s*(?:,|\||-|–|—|/|·)\s*(?P<tail>[^,|]{{1,80}}))?\.?$"),
    re.compile(rf"^(?i:автор(?:ы|и)?|author|authors|autor(?:in|en)?|auteur|auteurs|autores?|текст|"
               rf"written by|words by|story by)\s*:\s*(?P<names>{_NAMES})(?:\s*(?:,|\||/|·)\s*(?P<tail>[^,|]{{1,80}}))?\.?$"),
    re.compile(rf"^(?:Par|Por|Von|Від|От)\s+(?P<names>{_NAMES})$"),
]


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    ag = directory().agency_pattern.pattern
    ags = rf"(?:{ag})(?:\s*(?:/|,|\+|\band\b|&|\bи\b|\bта\b|\bund\b|\bet\b|\by\b)\s*(?:{ag}))*"
    o, c = r"[(\[]?", r"[)\]]?"
    return {
        "contributed": re.compile(
            rf"^{o}(?i:(?:additional reporting|reporting) by\s+)?(?P<ags>{ags})(?i:\s+news agency)?"
            rf"(?i:\s+(?:contributed|contributes|has contributed|also contributed)"
            rf"(?:\s+(?:reporting|to this (?:report|story|article)|to this|to the report|information))?)\.?{c}$"),
        "only": re.compile(rf"^[-–—(\[/\s]*(?P<ags>{ags})[)\]/\s]*\.?$"),
        "with": re.compile(
            rf"^{o}(?i:with|avec|mit|con|з|с|із|за|by|from)\s+(?i:(?:material|informationen|agenturmaterial)\s+(?:von|der)\s+|"
            rf"información\s+de\s+|informations?\s+de\s+|reporting\s+(?:from|by)\s+|"
            rf"agencies\s*[,/]?\s*|(?:l')?agences?\s+|матеріалами\s+|материалами\s+)?(?P<ags>{ags})"
            rf"(?i:\s+(?:staff|wires?|news|correspondents?))?{c}\.?$"),
        "according": re.compile(
            rf"^(?i:по материалам|по данным|по информации|за матеріалами|за даними|з використанням матеріалів|"
            rf"при участии|source|источник|джерело|quelle|fuente|fonte)\s*:?\s*(?P<ags>{ags})\.?$"),
        "signature": re.compile(
            r"^[(\[]?(?i:(?:additional\s+)?reporting by)\b.{1,240}?(?i:[;.,]\s*(?:writing|editing|additional reporting|"
            r"compiled|graphics) by)\b.*$"),
        "reporting": re.compile(
            r"^[(\[]?(?i:additional reporting by|with additional reporting (?:by|from)|reporting by|writing by|"
            r"editing by|compiled by)\s+(?P<who>.{1,200})$"),
        "dateline": re.compile(
            rf"^(?P<pre>[^\n()\[\]/]{{0,80}}?)\s*[(/\[]\s*(?P<ags>{ags})\s*[)/\]]\s*\.?\s*(?P<dash>[-–—:.]*)\s*(?P<rest>\S.*)$"),
        "dash_dateline": re.compile(
            rf"^(?P<pre>[A-ZА-ЯЁІЇЄҐ]{{2,}}[^—–]{{0,40}}?)\s+[-—–]\s+(?P<ags>{ags})\.\s*(?P<rest>\S.*)$"),
        "trailing": re.compile(rf"^(?P<rest>.{{20,}}?[.!?\"”»])\s*(?:[-–—]+\s*|[(\[]\s*)(?P<ags>{ags})\s*[)\]]?\.?$"),
    }


def agencies_in(text: str) -> list[str]:
    """Canonical agency names mentioned in ``text`` (a credit already recognised by shape)."""
    d = directory()
    found: list[str] = []
    for m in d.agency_pattern.finditer(text):
        hit = d.by_name(m.group(0))
        if hit and hit.kind == "agency" and hit.name not in found:
            found.append(hit.name)
    return found


def credit(line: str, *, head: bool = False, last: bool = False) -> tuple[list[str], str | None] | None:
    """(agencies, rest) for a credit line, or None. ``rest`` is the text to keep (the sentence
    after a dateline), None when the whole line is a credit."""
    s = line.strip()
    if len(s) > 2000:
        return None
    p = _patterns()
    if len(s) <= 250:
        for key in ("contributed", "only", "with", "according"):
            m = p[key].match(s)
            if m:
                return agencies_in(m.group("ags")), None
        if p["signature"].match(s):
            return ["Reuters", *[a for a in agencies_in(s) if a != "Reuters"]], None
        m = p["reporting"].match(s)
        if m and _names_only(m.group("who")):
            return agencies_in(s), None
        if rules().credit_nonagency.match(s):
            return [], None
    if head:
        m = p["dateline"].match(s)
        if m and _dateline_prefix(m.group("pre"), m.group("dash")):
            return agencies_in(m.group("ags")), m.group("rest")
        m = p["dash_dateline"].match(s)
        if m:
            return agencies_in(m.group("ags")), m.group("rest")
    m = p["trailing"].match(s) if any(ch in s[-40:] for ch in "-–—([") else None
    if m:
        return agencies_in(m.group("ags")), m.group("rest")
    return None


_CONNECTORS = {"and", "in", "from", "with", "for", "of", "at", "by", "the", "de", "von", "van", "del", "da",
               "y", "et", "und", "und", "in", "staff", "editing", "writing", "additional", "reporting"}


def _names_only(text: str) -> bool:
    """"Jane Doe in Kyiv and John Roe" yes; "the ministry found that prices rose" no."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", text)
    return bool(words) and all(w[0].isupper() or w.casefold() in _CONNECTORS for w in words)


def _dateline_prefix(pre: str, dash: str) -> bool:
    """"MOSCOW", "WASHINGTON, May 19", "МОСКВА, 19 мая." or any place followed by a dash."""
    pre = pre.strip(" ,.")
    if not pre:
        return True
    words = pre.split()
    if len(words) > 8:
        return False
    first = re.sub(r"[^\w]", "", words[0])
    return (len(first) >= 2 and first.isupper()) or (bool(dash.strip(".")) and words[0][:1].isupper())


def byline(line: str) -> tuple[list[str], list[str], str | None] | None:
    """(authors, agencies, outlet line) for a byline, or None."""
    s = line.strip()
    if len(s) > 160:
        return None
    for pat in _BYLINE:
        m = pat.match(s)
        if not m:
            continue
        names = [n.strip(" .") for n in _SPLIT_NAMES.split(m.group("names")) if n.strip(" .")]
        if not names or any(_not_a_name(n) for n in names):
            return None
        names = [n.title() if n.isupper() else n for n in names]
        d = directory()
        agencies = [hit.name for hit in map(d.resolve, names) if hit and hit.kind == "agency"]
        if agencies:          # "Por Agencia EFE", "By Reuters Staff": a credit, not a person
            return [], agencies, None
        tail = (m.groupdict().get("tail") or "").strip(" .")
        outlet_line = None
        if tail:
            hit = d.resolve(tail)
            if hit and hit.kind == "agency":
                agencies = [hit.name]
            elif hit:
                outlet_line = tail
        return names, agencies, outlet_line
    return None


def _not_a_name(name: str) -> bool:
    words = name.split()
    return len(words) < 2 or any(w.casefold().strip(".") in _NOT_NAME_WORDS for w in words)


def publisher_lines(lines: list[str]) -> list[str]:
    """Lines that name the publisher, gathered before any cutting: "A Message from X:",
    "© 2025 X", "Originally published by X", "Source: X", and a bare outlet name as the
    first or last line."""
    d = directory()
    found: list[str] = []
    content = [ln.strip() for ln in lines if ln.strip()]
    edges = set(range(min(3, len(content)))) | set(range(max(0, len(content) - 3), len(content)))
    for k, s in enumerate(content):
        if len(s) > 200:
            continue
        if any(p.match(s) for p in PUBLISHER_PATTERNS):
            found.append(s)
        elif k in edges and len(s) <= 60:
            hit = d.resolve(s.strip(" -–—©"))
            if hit and hit.kind != "agency":
                found.append(s)
    return found


def is_publisher_line(line: str) -> bool:
    """A copyright / "originally published" / "Source:" line (not an appeal's opener, which the
    appeal scoring cuts together with the appeal)."""
    s = line.strip()
    return len(s) <= 200 and any(p.match(s) for p in PUBLISHER_PATTERNS[1:])
