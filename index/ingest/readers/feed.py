"""RSS and Atom feeds (.xml, .rss, .atom) through feedparser: one article per entry."""
from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import html as htmllib
import re

from index.errors import ReadError
from index.model import RawArticle

from .common import host_of, html_to_text, language_code, require_data, split_authors, storable

FORMATS = ("xml", "rss", "atom")
# feedparser sanitizes every entry's HTML in pure Python (found by tools/fuzz.py: 100,000 items
# took minutes); an export of a whole archive belongs in JSON Lines, which is read in parts
MAX_ENTRIES = 10_000
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*\?>")


@storable
def read(data: bytes, path: str) -> list[RawArticle]:
    require_data(data)
    entries = data.count(b"<item") + data.count(b"<entry")
    if entries > MAX_ENTRIES:
        raise ReadError(f"feed too large to read: {entries:,} entries (limit {MAX_ENTRIES:,}; a "
                        "feed carries tens to hundreds)")
    import feedparser

    # bytes, never a str: feedparser would treat a str that looks like a URL as one to fetch
    try:
        parsed = feedparser.parse(data)
    except (UnicodeDecodeError, LookupError):
        # feedparser decodes the declaration's encoding name as UTF-8 and fails on a damaged
        # one (found by tools/fuzz.py: a byte flipped in encoding="utf-8"): read the feed
        # without its declaration, which means UTF-8, or say why not
        try:
            parsed = feedparser.parse(_XML_DECL.sub(b"", data, count=1))
        except (UnicodeDecodeError, LookupError):
            raise ReadError("the feed's XML declaration names an encoding that cannot be "
                            "read") from None
    if not parsed.get("version") and not parsed.entries:
        raise ReadError("not an RSS/Atom feed")
    if not parsed.entries:
        raise ReadError("the feed has no entries")
    feed = parsed.get("feed", {})
    outlet = _clean(feed.get("title")) or None
    language = language_code(feed.get("language"))
    site = feed.get("link")
    out = []
    for entry in parsed.entries:
        text = _entry_text(entry)
        if not text:
            continue
        link = entry.get("link") or None
        published = (_local_date(entry.get("published") or entry.get("updated"))
                     or _date(entry.get("published_parsed") or entry.get("updated_parsed")))
        authors = split_authors([a.get("name") for a in entry.get("authors", []) if a.get("name")]
                                or entry.get("author"))
        out.append(RawArticle(
            path=path, text=text, format="feed", title=_clean(entry.get("title")) or None,
            outlet=outlet, authors=authors, url=link, published=published,
            published_source="feed" if published else None,
            language=language_code(entry.get("language")) or language,
            domain=host_of(link) or host_of(site),
        ))
    if not out:
        raise ReadError("no entry in the feed has text")
    return out


def _entry_text(entry) -> str:
    """content:encoded / Atom content first (the full article), the summary otherwise."""
    candidates = [c for c in entry.get("content", []) if c.get("value")]
    if entry.get("summary_detail", {}).get("value"):
        candidates.append(entry["summary_detail"])
    elif entry.get("summary"):
        candidates.append({"value": entry["summary"], "type": "text/html"})
    for item in candidates:
        value = item.get("value") or ""
        kind = item.get("type") or "text/html"
        text = html_to_text(value) if "html" in kind or "<" in value else htmllib.unescape(value)
        if text.strip():
            return text.strip()
    return ""


def _clean(value) -> str:
    return " ".join(html_to_text(value).split()) if value else ""


def _local_date(value: str | None) -> dt.date | None:
    """The calendar day as the publisher wrote it (RFC 822 or ISO 8601), before any UTC shift."""
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _date(parsed) -> dt.date | None:
    # feedparser normalizes to a UTC struct_time; keep the UTC calendar day
    if not parsed:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.timezone.utc).date()
    except (OverflowError, ValueError, TypeError):
        return None


