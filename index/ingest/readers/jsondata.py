"""JSON and JSON Lines exports (.json, .jsonl): news-API responses and scraper dumps.

Accepted shapes: one object, a list of objects, a wrapper such as {"articles": [...]} and
JSON Lines. Field names follow the common exports (NewsAPI, GDELT-like, scrapers).
"""
from __future__ import annotations

import datetime as dt
import json
import re

from index.errors import NoArticles, ReadError
from index.model import RawArticle

from .common import decode_text, host_of, html_to_text, language_code, split_authors, storable

FORMATS = ("json", "jsonl", "ndjson")

_WRAPPERS = ("articles", "items", "data", "results", "entries", "posts", "documents", "news", "value")
_TEXT = ("text", "body", "full_text", "fulltext", "article", "content", "maintext", "description",
         "summary")
_TITLE = ("title", "headline", "name")
_DATE = ("date", "published", "publishedAt", "published_at", "pubDate", "publish_date",
         "date_publish", "datePublished", "publication_date", "time", "seendate")
_SOURCE = ("source", "outlet", "site", "publisher", "sitename", "site_name", "source_name", "domain")
_URL = ("url", "link", "canonical_url", "uri")
_AUTHOR = ("authors", "author", "byline", "creator")
_LANG = ("language", "lang", "locale")
_TRUNCATED = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")   # NewsAPI's cut marker


@storable
def read(data: bytes, path: str) -> list[RawArticle]:
    text = decode_text(data)
    records = _records(text, path.lower().endswith((".jsonl", ".ndjson")))
    out = [a for a in (_article(r, path) for r in records) if a is not None]
    if not out:
        raise NoArticles("no entry in the JSON file has article text" if records
                         else "the JSON file holds no article objects")
    return out


def split(data: bytes, path: str, part_bytes: int) -> list[bytes] | None:
    """Cut a big export into self-contained parts of about ``part_bytes``, so that several
    processes can extract it; None when the file is small or cannot be cut safely.

    JSON Lines are cut at line ends, each part led by as many empty lines as came before it,
    so an error still names the line of the whole file. A JSON list (or wrapper) is parsed
    here and each part written back as a JSON list."""
    if len(data) <= part_bytes:
        return None
    try:
        text = data.decode("utf-8")     # other encodings: read whole (charset guessing per part
    except UnicodeDecodeError:          # could disagree with the guess for the whole file)
        return None
    if not path.lower().endswith((".jsonl", ".ndjson")):
        try:
            records = _unwrap(json.loads(text))
        except json.JSONDecodeError as err:
            if not err.msg.startswith("Extra data"):
                return None            # the reader will report it, with line and column
        else:
            return _json_parts(records, part_bytes) if len(records) > 1 else None
    return _line_parts(data, part_bytes)


def _line_parts(data: bytes, part_bytes: int) -> list[bytes]:
    parts, start, lines_before = [], 0, 0
    while start < len(data):
        end = data.find(b"\n", min(len(data), start + part_bytes))
        end = len(data) if end < 0 else end + 1
        chunk = data[start:end]
        parts.append(b"\n" * lines_before + chunk)
        lines_before += chunk.count(b"\n")
        start = end
    return parts


def _json_parts(records: list[dict], part_bytes: int) -> list[bytes]:
    parts, current, size = [], [], 0
    for r in records:
        item = json.dumps(r, ensure_ascii=False)
        current.append(item)
        size += len(item)
        if size >= part_bytes:
            parts.append(("[" + ",\n".join(current) + "]").encode("utf-8"))
            current, size = [], 0
    if current:
        parts.append(("[" + ",\n".join(current) + "]").encode("utf-8"))
    return parts


def _records(text: str, lines_first: bool) -> list[dict]:
    if not lines_first:
        try:
            return _unwrap(json.loads(text))
        except json.JSONDecodeError as err:
            # "Extra data" after a complete first value is the sign of JSON Lines
            if not err.msg.startswith("Extra data"):
                raise ReadError(f"invalid JSON at line {err.lineno} column {err.colno}") from err
    records: list[dict] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            records.extend(_unwrap(json.loads(line)))
        except json.JSONDecodeError as err:
            raise ReadError(f"invalid JSON at line {number} column {err.colno}") from err
    return records


def _unwrap(value) -> list[dict]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    if not isinstance(value, dict):
        return []
    for key in _WRAPPERS:
        inner = value.get(key)
        if isinstance(inner, list) and any(isinstance(v, dict) for v in inner):
            return [v for v in inner if isinstance(v, dict)]
        if isinstance(inner, dict) and key in ("data", "value"):
            return _unwrap(inner)
    return [value]


def _first(record: dict, keys) -> object:
    lowered = {k.lower(): v for k, v in record.items() if isinstance(k, str)}
    for key in keys:
        value = record.get(key, lowered.get(key.lower()))
        if value not in (None, "", [], {}):
            return value
    return None


def _article(record: dict, path: str) -> RawArticle | None:
    body = _first(record, _TEXT)
    if isinstance(body, dict):
        body = body.get("text") or body.get("value") or ""
    if not isinstance(body, str):
        return None
    body = _TRUNCATED.sub("…", body.strip())
    if "<" in body and re.search(r"</?(p|div|br|span|a|h\d)\b", body, re.I):
        body = html_to_text(body)
    if not body.strip():
        return None
    url = _first(record, _URL)
    url = url if isinstance(url, str) else None
    source = _first(record, _SOURCE)
    if isinstance(source, dict):   # NewsAPI: {"id": "bbc-news", "name": "BBC News"}
        source = source.get("name") or source.get("title") or source.get("id")
    title = _first(record, _TITLE)
    published = parse_date(_first(record, _DATE))
    lang = _first(record, _LANG)
    return RawArticle(
        path=path, text=body.strip(), format="json",
        title=" ".join(title.split()) if isinstance(title, str) and title.strip() else None,
        outlet=str(source).strip() if source else None,
        authors=split_authors(_first(record, _AUTHOR)), url=url,
        published=published, published_source="meta" if published else None,
        language=language_code(lang) if isinstance(lang, str) else None, domain=host_of(url),
    )


def parse_date(value) -> dt.date | None:
    """ISO 8601 first, epoch numbers, then dateutil, then dateparser (other languages)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value   # milliseconds in JS exports
        try:
            return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, dict):
        return parse_date(value.get("$date") or value.get("date"))
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    if re.fullmatch(r"\d{8}(T?\d{6}Z?)?", value):        # GDELT: 20250519T120000Z
        value = f"{value[:4]}-{value[4:6]}-{value[6:8]}"
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    if not re.search(r"\d{4}", value):
        return None   # "5", "yesterday": a parser would fill the gaps with today's date
    try:
        from dateutil import parser as du
        return du.parse(value, default=dt.datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError, TypeError):
        pass
    import dateparser
    found = dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first"})
    return found.date() if found else None
