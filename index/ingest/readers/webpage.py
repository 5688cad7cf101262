"""Web pages (.html, .htm) through trafilatura: main text plus title, site, authors, date, URL.

The date comes only from the page (index/extract/html_dates.py: marked-up and printed dates,
meta tags, structured data, <time>, URL), never from the file's modification time: htmldate is
given no file date and no "today" fallback.
"""
from __future__ import annotations

import datetime as dt
import logging
import re

from index.errors import ReadError
from index.extract.html_dates import page_date
from index.model import RawArticle

from .common import decode_text, host_of, language_code, split_authors, storable

FORMATS = ("html", "htm", "xhtml")

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)""", re.I)
_CANONICAL = re.compile(
    r"""<link\b(?=[^>]*\brel\s*=\s*["']?canonical)[^>]*\bhref\s*=\s*["']([^"']+)""", re.I)
_OG_URL = re.compile(
    r"""<meta\b(?=[^>]*\bproperty\s*=\s*["']og:url)[^>]*\bcontent\s*=\s*["']([^"']+)""", re.I)

_NOSCRIPT = re.compile(r"<noscript\b.*?</noscript\s*>", re.I | re.S)
_JS_NOTICE = re.compile(r"enable javascript|javascript (is )?(required|disabled)|"
                        r"browser (is )?not supported|checking your browser", re.I)

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def decode_html(data: bytes) -> str:
    m = _META_CHARSET.search(data[:8192])
    return decode_text(data, declared=m.group(1).decode("ascii", "ignore") if m else None)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


@storable
def read(data: bytes, path: str) -> list[RawArticle]:
    html = decode_html(data)
    if "<" not in html:
        raise ReadError("not an HTML page (no markup)")
    # <noscript> holds "please enable JavaScript" notices, never the article
    markup = _NOSCRIPT.sub(" ", html)
    # extensive_search=False: a date from metadata, not a copyright year or a date in a sidebar.
    date_params = {"extensive_search": False, "original_date": True,
                   "max_date": (dt.date.today() + dt.timedelta(days=2)).isoformat()}
    doc = _extract(markup, date_params, dedup=True)
    if doc is None or not (doc.text or "").strip():
        # de-duplication drops a paragraph the page repeats (teaser + article) from every place,
        # which can empty a short page; the plain extraction is the fallback
        doc = _extract(markup, date_params, dedup=False)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text or _JS_NOTICE.search(text) and len(text) < 300:
        raise ReadError("no article text found in the HTML page")

    head = html[:200_000]
    url = _first(_CANONICAL, head) or _first(_OG_URL, head) or doc.url
    domain = host_of(url) or (doc.hostname if doc.hostname and "." in doc.hostname else None)
    sitename = (doc.sitename or "").strip() or None
    # trafilatura falls back to a bare host name for sitename; keep such names as the domain only
    outlet = sitename if sitename and not _is_host(sitename) else None
    lang = _first(_HTML_LANG, head[:5000]) or doc.language
    # the page's own statements in order of reliability, htmldate's answer among them
    published, date_source = page_date(markup, url, lang, htmldate=_date(doc.date))
    title = (doc.title or "").strip() or None
    if title and outlet and title.endswith(outlet):
        title = re.sub(r"\s*[-|–—:·]\s*$", "", title[: -len(outlet)]).strip() or title
    lines = text.split("\n")
    if title and len(lines) > 1 and lines[0].strip() == title:
        text = "\n".join(lines[1:]).strip()   # the <h1> repeats the title
    return [RawArticle(
        path=path, text=text, format="html", title=title,
        outlet=outlet or domain, authors=split_authors(doc.author), url=url,
        published=published, published_source=date_source if published else None,
        language=language_code(lang), domain=domain, html=html,
    )]


def _extract(markup: str, date_params: dict, dedup: bool):
    from trafilatura import bare_extraction
    from trafilatura.deduplication import LRUCache

    try:
        # A fresh cache per page: trafilatura's shared default remembers paragraphs across calls,
        # so a page read twice (a re-import) or a site's shared paragraphs would lose text.
        return bare_extraction(markup, with_metadata=True, include_comments=False,
                               deduplicate=LRUCache(maxsize=4096) if dedup else False,
                               favor_precision=False, include_tables=True,
                               date_extraction_params=date_params)
    except Exception as err:  # trafilatura/lxml raise many types on broken markup
        raise ReadError(f"the HTML page could not be parsed ({err.__class__.__name__})") from err


def _first(pattern: re.Pattern, text: str) -> str | None:
    m = pattern.search(text)
    return m.group(1).strip() if m else None


def _is_host(name: str) -> bool:
    return " " not in name and "." in name and bool(re.fullmatch(r"[\w.-]+\.[a-z]{2,}", name, re.I))
