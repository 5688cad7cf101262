"""The bundled outlet directory (resources/data/outlets.json) and outlet resolution.

The directory maps name variants ("Guardian", "the guardian", "Рейтер") and web domains
("www.theguardian.com", "edition.cnn.com") to one canonical entry. It also supplies the agency
names the cleaner looks for in credit lines. Loaded once per process, read-only afterwards, so it
is safe to share between threads.
"""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ...model import RawArticle
from ...resources import data_path

# Free-mail and platform hosts say nothing about who published an article.
_NOT_OUTLETS = {
    "gmail.com", "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com", "live.com", "icloud.com",
    "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net", "web.de", "mail.ru",
    "yandex.ru", "ya.ru", "ukr.net", "i.ua", "rambler.ru", "bk.ru", "list.ru", "inbox.ru",
    "t.me", "telegram.org", "facebook.com", "twitter.com", "x.com", "youtube.com", "substack.com",
    "medium.com", "localhost",
}
# Lines that name the publisher: the name is the captured group.
PUBLISHER_PATTERNS = [re.compile(p, re.I) for p in (
    r"^a message from (.+?)[:.]?$",
    r"^(?:©|\(c\)|copyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(.+?)(?:\.?\s*all rights reserved.*)?\.?$",
    r"^this (?:article|story|piece|report) (?:was |is )?(?:originally |first )?(?:published|appeared)\s+(?:by|in|on|at)\s+(.+?)\.?$",
    r"^(?:originally|first) (?:published|appeared) (?:by|in|on)\s+(.+?)\.?$",
    r"^(?-i:(?:Published|Appeared) (?:by|in|on) ([A-Z][^.]{1,60}))\.?$",
    r"^(?:source|источник|джерело|quelle|fuente|fonte)\s*:\s*(.+?)\.?$",
    r"^(?:read more|more) (?:at|on) (.+?)\.?$",
)]
_SPLIT = re.compile(r"\s+(?:[-–—|:•·]|\|\|)\s+")
_KEY_PUNCT = re.compile(r"[\s\-–_.,:;!'\"«»“”()/]+")
# Single-word names that are ordinary words; they are matched only through an explicit
# publisher pattern ("Source: Time"), never by scanning a line for them.
_COMMON = {
    "time", "times", "sun", "express", "mirror", "standard", "independent", "index", "focus", "stern",
    "mint", "punch", "stuff", "metro", "life", "mash", "valor", "globo", "pravda", "zvezda", "liga",
    "babel", "observer", "economist", "guardian", "telegraph", "insider", "scroll", "slate", "salon",
    "hill", "wire", "nation", "star", "age", "herald", "australian", "diplomat", "trend", "prime",
    "nova", "petra", "fars", "vanguard", "inquirer", "presse", "welt", "zeit", "reforma", "proceso",
    "dawn", "segodnya", "strana", "life.ru", "svoboda", "publico", "público", "expresso", "kurier",
    "milenio", "delfi", "sabah", "telex", "onet", "agentstvo", "агентство", "сегодня", "правда",
    "звезда", "фокус", "лайф", "взгляд", "знак", "страна", "коммерсант", "известия",
}


def name_key(name: str) -> str:
    """Case-, punctuation- and "the"-insensitive form of an outlet name."""
    s = name.casefold().strip()
    s = re.sub(r"^(?:the|die|der|le|la|el)\s+", "", s)
    return _KEY_PUNCT.sub(" ", s).strip()


@dataclass(frozen=True)
class Outlet:
    name: str
    variants: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str | None = None
    language: str | None = None
    kind: str = "outlet"            # outlet | agency


@dataclass
class Directory:
    outlets: list[Outlet]
    _by_key: dict[str, Outlet] = field(default_factory=dict)
    _by_domain: dict[str, Outlet] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Canonical names win over variants when two entries share a key.
        for o in self.outlets:
            self._by_key.setdefault(name_key(o.name), o)
        for o in self.outlets:
            for v in o.variants:
                self._by_key.setdefault(name_key(v), o)
            for d in o.domains:
                self._by_domain.setdefault(d.lower(), o)
        self._scan = _scan_pattern(self.outlets)
        self.agency_pattern = _alternation(
            [n for o in self.outlets if o.kind == "agency" for n in (o.name, *o.variants)])

    def __len__(self) -> int:
        return len(self.outlets)

    def agencies(self) -> list[Outlet]:
        return [o for o in self.outlets if o.kind == "agency"]

    def by_domain(self, value: str) -> Outlet | None:
        """A host or URL -> entry, trying parent domains (edition.cnn.com -> cnn.com)."""
        host = value.strip().lower()
        if "//" in host or "/" in host:
            try:
                host = urlsplit(host if "//" in host else "//" + host).hostname or ""
            except ValueError:
                return None
        host = host.strip(".")
        if host.startswith("www."):
            host = host[4:]
        parts = host.split(".")
        for i in range(len(parts) - 1):
            hit = self._by_domain.get(".".join(parts[i:]))
            if hit:
                return hit
        return None

    def by_name(self, value: str) -> Outlet | None:
        hit = self._by_key.get(name_key(value))
        if hit is None and _SPLIT.search(value):
            # "The Moscow Times - Independent News From Russia", "World | Reuters"
            for part in _SPLIT.split(value):
                hit = self._by_key.get(name_key(part))
                if hit:
                    break
        return hit

    def resolve(self, name_or_domain: str | None) -> Outlet | None:
        """A name, a variant, a host or a URL -> entry, or None when unknown."""
        if not name_or_domain or not name_or_domain.strip():
            return None
        value = name_or_domain.strip()
        if _looks_like_host(value):
            return self.by_domain(value) or self.by_name(value)
        return self.by_name(value)

    def find_in(self, text: str) -> Outlet | None:
        """The longest directory name mentioned in ``text`` (distinctive names only)."""
        best = None
        for m in self._scan.finditer(text):
            if best is None or len(m.group(0)) > len(best):
                best = m.group(0)
        return self._by_key.get(name_key(best)) if best else None


def canonical_agency(name: str) -> str | None:
    hit = directory().by_name(name)
    return hit.name if hit and hit.kind == "agency" else None


def usual_language(outlet: str | None) -> str | None:
    """The language an outlet of the directory publishes in (None: unknown outlet)."""
    hit = directory().by_name(outlet) if outlet else None
    return hit.language if hit else None


def resolve_outlet(raw: RawArticle, cleaned) -> str | None:
    """Canonical outlet name. Known names beat unknown ones: the reader's outlet (site name,
    publisher, sender, feed title), then the domain or URL host, then the publisher lines the
    cleaner found ("A Message from X:", "© 2025 X"); an unknown reader outlet is kept as given,
    then an unknown (non-webmail) domain."""
    d = directory()
    hit = d.resolve(raw.outlet)
    if hit:
        return hit.name
    host = raw.domain or _host(raw.url)
    if host:
        hit = d.by_domain(host)
        if hit:
            return hit.name
    for line in getattr(cleaned, "outlet_lines", None) or []:
        hit = outlet_from_line(line)
        if hit:
            return hit.name
    if raw.outlet and raw.outlet.strip():
        return " ".join(raw.outlet.split())
    if host and host.lower().removeprefix("www.") not in _NOT_OUTLETS:
        return host.lower().removeprefix("www.")
    return None


def outlet_from_line(line: str) -> Outlet | None:
    """A publisher line -> entry: the named part of a known pattern first, then any distinctive
    directory name inside the line."""
    d = directory()
    line = line.strip()
    for pat in PUBLISHER_PATTERNS:
        m = pat.match(line)
        if m:
            hit = d.resolve(m.group(1).strip(" .,:;"))
            if hit:
                return hit
    return d.find_in(line)


_LOCK = threading.Lock()
_DIRECTORY: Directory | None = None


def directory() -> Directory:
    """The bundled directory, loaded once per process."""
    global _DIRECTORY
    if _DIRECTORY is None:
        with _LOCK:
            if _DIRECTORY is None:
                _DIRECTORY = load(data_path("outlets.json"))
    return _DIRECTORY


def load(path) -> Directory:
    with open(path, encoding="utf-8") as fh:
        doc = json.load(fh)
    return Directory([
        Outlet(name=e["name"], variants=tuple(e.get("variants", ())), domains=tuple(e.get("domains", ())),
               country=e.get("country"), language=e.get("language"), kind=e.get("kind", "outlet"))
        for e in doc["outlets"]])


def _looks_like_host(value: str) -> bool:
    return "//" in value or (" " not in value and re.search(r"\.[a-z]{2,}(?:/|$)", value.lower()) is not None)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None


def _alternation(names: list[str]) -> re.Pattern:
    """One regex matching any of ``names`` as whole words: acronyms and short names case-sensitive
    ("AP" is not "ap"), longer names case-insensitive."""
    alts = []
    for n in sorted(set(names), key=len, reverse=True):
        esc = re.escape(n).replace(r"\ ", r"\s+")
        alts.append(esc if (n.isupper() or len(n) <= 4) else f"(?i:{esc})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")


def _scan_pattern(outlets: list[Outlet]) -> re.Pattern:
    names = []
    for o in outlets:
        for n in (o.name, *o.variants):
            words = n.split()
            if len(n) < 4 or n.casefold() in _COMMON or name_key(n) in _COMMON:
                continue
            if len(words) > 1 or n.isupper() or re.search(r"[.\d+&-]", n) or len(n) >= 6:
                names.append(n)
    alts = [re.escape(n).replace(r"\ ", r"\s+") for n in sorted(set(names), key=len, reverse=True)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")
