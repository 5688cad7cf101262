"""The publication date of a saved web page: what the page shows and states, most reliable first.

htmldate (inside trafilatura) pools many sources and, with ``original_date``, prefers the earliest
date it sees, so a teaser's or a related item's date can win over the article's own. Here each
kind of statement is tried in turn, in the order of how often it named the right day on the open
part of the dated web pages (bench/clean_bench.py --only dates; share right in brackets):

1. an element of the page marked ``itemprop="datePublished"`` (visible and marked up: 0.90), or
   in RDFa (``property="dc:created"``, date_markup.py);
2. the date printed with the headline: the first few text pieces after the article's <h1>
   (byline, "Stand: ...", "Published ..." lines; 0.93);
3. the publication meta tags (Open Graph ``article:published_time``, ``datePublished``, Dublin
   Core ``issued``, publishing systems' parsely/sailthru/cXense tags; 0.92), then any other
   system's meta tag whose key is shaped like theirs (date_markup.py; 0.93 on the open dated pages);
4. JSON-LD ``datePublished`` of the page's article (article types before other types; 0.88),
   else its ``dateCreated``;
5. a ``<time>`` marked as the publication (``pubdate``, a "published" class; 0.84) or another
   element so marked with the date in an attribute (hAtom's ``abbr.published``), then the
   page's first ``<time>`` with a full date (0.85);
6. htmldate's own answer, when the reader has one (0.86); when it only repeats the generic
   ``date`` tag or the update date, it is one of those and waits in their place below;
7. a date the page labels as its publication wherever it stands ("Posted on 19 May 2010" under a
   blog post, "Veröffentlicht am ..."; the words of many languages in date_words.py);
8. a date in the text further below the headline, the URL's path (``/2019/10/16/``; 0.92 but
   rarely there; recorded with the source "url" so the analyst sees how weak it is), a printed
   date anywhere in the page within the month a ``/2010/05/slug`` address names, htmldate's
   extensive search of the whole page (dates printed in forms the patterns here do not read,
   "26 | 01 | 2022"), and last the generic ``date`` meta tags (0.57: often the day of generation).

The headline is the page's <h1> that its <title> repeats; a page without <h1> has it in the <h2>
or the ``itemprop="headline"``/``"name"`` element that its <title> or og:title repeats.

A modification date is not when the article appeared, so it is never taken over any of the
above. Only when the page states no publication date at all is its marked-up update date
(``article:modified_time``, JSON-LD or itemprop ``dateModified``, a <time> marked "updated") the
best date there is; it is taken with the source "updated", so the window and the exports say
that this is the day the page was last changed. Numeric dates follow the page's language
(03/05/2022 is the 3rd of May on a Portuguese page).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

from .date_markup import marked_attribute_values, published_meta_values, rdfa_published_values
from .date_words import labelled_published, published_in
from .dates import both_readings, dateline_lead, first_date_at, parse_date, plausible

_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "article:published",
    "article.published", "datepublished", "date_published", "published_time", "published-date",
    "publish_date", "publish-date", "publishdate", "pubdate", "publication_date", "parsely-pub-date",
    "sailthru.date", "cxenseparse:recs:publishtime", "cxenseparse:publishtime", "dc.date.issued",
    "dcterms.issued", "dc.date.created", "dcterms.created", "originalpublicationdate",
    "rnews:datepublished", "article_date_original", "date.release", "release_date",
)
_MODIFIED_META = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "article:modified",
    "datemodified", "date_modified", "modified_time", "last-modified", "lastmod", "dc.date.modified",
    "dcterms.modified", "parsely-updated", "sailthru.lastmodified",
)
_GENERIC_META = ("date", "dc.date", "dcterms.date", "dc.date.available", "dcterms.available")
_ARTICLE_TYPES = re.compile(r"article|posting|report|blog|review|creativework", re.I)
_MODIFIED_CLASS = re.compile(r"updated|modified|aktualisiert|geaendert", re.I)
_PUBLISHED_CLASS = re.compile(r"publish|posted|entry-date|article-date|pubdate|dateline", re.I)
_URL_DATE = (
    re.compile(r"/((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)"),
    re.compile(r"/((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)"),
)
# a year and month alone ("/2010/05/slug"): not a date, but it says which printed date is the page's
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/(?!\d)")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
NEAR_HEADLINE = 6        # text pieces after the <h1> that hold the byline's date
BELOW_HEADLINE = 60      # how far below the headline a date line is still the article's
_SKIP = {"script", "style", "noscript", "template", "option", "select"}


@dataclass
class _Page:
    tree: object
    html: str
    url: str | None
    language: str | None
    htmldate: dt.date | None
    _pieces: tuple[list[str], list[str]] | None = None
    # a printed numeric date that reads both ways (03/05/2022) -> its other reading
    other_reading: dict = field(default_factory=dict)

    def pieces(self) -> tuple[list[str], list[str]]:
        """Text pieces (before, after) the headline, computed once."""
        if self._pieces is None:
            self._pieces = _around_headline(self.tree)
        return self._pieces


def page_date(html: str, url: str | None = None, language: str | None = None,
              htmldate: dt.date | None = None) -> tuple[dt.date | None, str | None]:
    """(date, source) for a web page: source "meta" for what the markup states, "text" for a
    date printed near the headline, "url" for the date in the page's address, "updated" for the
    update date of a page that states no publication date; (None, None) when the page gives no
    full date.
    ``htmldate``: the date trafilatura found, used in its place in the order above."""
    tree = parse_html(html)
    if tree is None:
        return (htmldate, "meta") if htmldate else (None, None)
    page = _Page(tree, html, url, (language or "")[:2].lower() or None, htmldate)
    for finder, source in FINDERS:
        d = finder(page)
        if d is not None:
            return _reconciled(page, d), source
    return None, None


def _reconciled(page: _Page, d: dt.date) -> dt.date:
    """A printed date that reads both ways (02/11/2023 on an English page from Ireland) is read
    the way the page's markup or address states it, when that names the other reading only."""
    other = page.other_reading.get(d)
    if other is None:
        return d
    stated = {f(page) for f in _STATEMENTS}
    return other if other in stated and d not in stated else d


def parse_html(html: str):
    import lxml.html
    from lxml.etree import ParserError
    try:
        return lxml.html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (ParserError, ValueError):
        return None


def date_from_url(url: str | None) -> dt.date | None:
    """A full date in the URL's path ("/2019/10/16/slug", "/20191016-slug"); a year or a
    year and month alone are not enough."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.I).split("?")[0]
    for rx in _URL_DATE:
        m = rx.search(path)
        if m:
            try:
                return plausible(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
            except ValueError:
                continue
    return None


def _first_date(values, language: str | None = None) -> dt.date | None:
    for v in values:
        d = parse_date(v, [language] if language else None)
        if d is not None:
            return d
    return None


def _meta_values(tree, names: tuple[str, ...]) -> list[str]:
    wanted = {n: i for i, n in enumerate(names)}
    found: list[tuple[int, str]] = []
    for m in tree.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        if key in wanted and m.get("content"):
            found.append((wanted[key], m.get("content")))
    return [v for _, v in sorted(found, key=lambda t: t[0])]


def _published_meta(page: _Page) -> dt.date | None:
    # the named tags in their order, then any other system's tag named like them
    return (_first_date(_meta_values(page.tree, _PUBLISHED_META))
            or _first_date(published_meta_values(page.tree)))


def _generic_meta(page: _Page) -> dt.date | None:
    return _first_date(_meta_values(page.tree, _GENERIC_META))


def _itemprop(page: _Page, prop: str = "datePublished") -> dt.date | None:
    """A visible element marked up with the date: microdata ``itemprop``, and for the
    publication also RDFa ``property`` (``dc:created``, ``schema:datePublished``)."""
    values = [el.get("content") or el.get("datetime") or el.text_content().strip()
              for el in page.tree.xpath(f"//*[@itemprop='{prop}']") if el.tag != "meta"]
    if prop == "datePublished":
        values += rdfa_published_values(page.tree)
    return _first_date(values, page.language)


def _json_ld(page: _Page, keys: tuple[str, ...] = ("datePublished", "dateCreated")) -> dt.date | None:
    """The JSON-LD date of the page's article under the first of ``keys`` any item has (for the
    publication: ``datePublished``, else ``dateCreated``, which some systems give alone)."""
    data = []
    for script in page.tree.xpath("//script[@type='application/ld+json']"):
        try:
            data.append(json.loads(script.text or ""))
        except (ValueError, TypeError, RecursionError):
            continue
    for key in keys:
        items: list[dict] = []
        for d in data:
            _collect(d, items, key)
        ranked = sorted(items, key=lambda it: 0 if _ARTICLE_TYPES.search(_type(it)) else 1)
        found = _first_date(it[key] for it in ranked if isinstance(it.get(key), str))
        if found is not None:
            return found
    return None


def _collect(data, items: list[dict], key: str, depth: int = 0) -> None:
    """Every JSON-LD object with ``key`` (a date), in document order (``@graph`` and lists too)."""
    if depth > 6:
        return
    if isinstance(data, list):
        for x in data:
            _collect(x, items, key, depth + 1)
    elif isinstance(data, dict):
        if key in data:
            items.append(data)
        for inner in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(inner), (list, dict)):
                _collect(data[inner], items, key, depth + 1)


def _type(item: dict) -> str:
    t = item.get("@type", "")
    return " ".join(map(str, t)) if isinstance(t, list) else str(t)


def _time_value(el) -> str:
    return el.get("datetime") or el.text_content().strip()


def _marked_time(page: _Page) -> dt.date | None:
    values = []
    for el in page.tree.iter("time"):
        parent = el.getparent()
        marks = f"{el.get('class') or ''} {el.get('itemprop') or ''} {parent.get('class') or '' if parent is not None else ''}"
        if el.get("pubdate") is not None or _PUBLISHED_CLASS.search(marks):
            values.append(_time_value(el))
    # then another element so marked with the date in an attribute (hAtom's abbr.published)
    values += marked_attribute_values(page.tree, _PUBLISHED_CLASS)
    return _first_date(values, page.language)


def _first_time(page: _Page) -> dt.date | None:
    """The first <time> with a full date: the article's own comes before those of comments and
    related items in nearly every layout."""
    return _first_date((_time_value(el) for el in page.tree.iter("time") if not _update_time(el)),
                       page.language)


def _update_time(el) -> bool:
    parent = el.getparent()
    marks = f"{el.get('class') or ''} {el.get('itemprop') or ''} {parent.get('class') or '' if parent is not None else ''}"
    return bool(_MODIFIED_CLASS.search(marks))


def _around_headline(tree) -> tuple[list[str], list[str]]:
    from lxml import etree
    head = _headline(tree)
    if head is None:
        return [], []
    before: list[str] = []
    after: list[str] = []
    skipping = 0
    seen_head = False
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        if not isinstance(el.tag, str) or el.tag in _SKIP:
            if isinstance(el.tag, str):
                skipping += 1 if event == "start" else -1
            continue
        if el is head and event == "end":
            seen_head = True
        text = el.text if event == "start" else el.tail
        if skipping or not text or not text.strip():
            continue
        (after if seen_head else before).append(text.strip())
        if len(after) >= BELOW_HEADLINE:
            break
    return before[-8:], after


def _headline(tree):
    """The article's <h1>: the longest one the page's <title> repeats (a logo or a section name
    can be an <h1> too), else the first with a few words, else the first. A page without <h1>
    (some publishing systems give the headline an <h2 class="...title"> or only ``itemprop``)
    has its headline in the heading or marked element that repeats its <title> or og:title."""
    heads = list(tree.iter("h1"))
    titles = [_norm(tree.findtext(".//title") or "")]
    if not heads:
        titles += [_norm(v) for v in _meta_values(tree, ("og:title", "twitter:title"))]
        return _titled(tree.xpath("//h2 | //*[@itemprop='headline' or @itemprop='name']"
                                  "[not(self::meta)]"), titles)
    texts = [" ".join(h.text_content().split()) for h in heads]
    in_title = [(len(t), i) for i, t in enumerate(texts) if len(t) > 10 and _norm(t) in titles[0]]
    if in_title:
        return heads[max(in_title)[1]]      # the longest: "Example News" is in the title too
    return next((h for h, t in zip(heads, texts) if len(t.split()) >= 3), heads[0])


def _norm(text: str) -> str:
    # words only: a title says "A – B" where the heading says "A - B"
    return " ".join(re.findall(r"\w+", text.casefold()))


def _titled(candidates, titles: list[str]):
    """The first candidate whose words (a few at least) the title or og:title repeat."""
    for el in candidates:
        words = _norm(el.text_content())
        if len(words.split()) >= 3 and any(words in t for t in titles if t):
            return el
    return None


def _date_line(page: _Page, pieces: list[str]) -> dt.date | None:
    """The first date line among ``pieces``: a date the line labels as the publication
    ("Aktualisiert 12.03.2021 | Veröffentlicht 10.03.2021"), else its first date. A date labelled
    as the last change is still taken: the page shows it as the article's date, and the eval
    pages' readers record it so (open part: a page whose only printed date says "Last updated")."""
    for i, t in enumerate(pieces):
        d = published_in(t[:300], page.language, pieces[i + 1] if i + 1 < len(pieces) else "")
        if d is not None:
            return d
        d, start = first_date_at(t[:300], page.language)
        # a short line (byline, "Stand: ...") anywhere in it; a paragraph only when it opens
        # with it, after a dateline's place at most ("Karlsruhe, (12.11.2021). Traditionell ...")
        if d is not None and (len(t) < 200 or start <= 3 or dateline_lead(t[:start])):
            readings = both_readings(t, start)
            if readings:
                page.other_reading[d] = readings[1] if readings[0] == d else readings[0]
            return d
    return None


def _near_headline(page: _Page) -> dt.date | None:
    return _date_line(page, page.pieces()[1][:NEAR_HEADLINE])


def _below_headline(page: _Page) -> dt.date | None:
    before, after = page.pieces()
    return _date_line(page, after[NEAR_HEADLINE:] + before[::-1])


def _labelled(page: _Page) -> dt.date | None:
    """A date the page labels as its publication anywhere ("Posted on 19 May 2010" under a blog
    post far below the headline, "Veröffentlicht am ..." in a footer): the page's own statement."""
    return labelled_published(list(_texts(page.tree)), page.language)


def _updated(page: _Page) -> dt.date | None:
    """The page's marked-up update date, for a page that states no publication date: the
    markup's own statements first (meta, JSON-LD, itemprop), then a <time> marked "updated"."""
    d = (_first_date(_meta_values(page.tree, _MODIFIED_META)) or _json_ld(page, ("dateModified",))
         or _itemprop(page, "dateModified"))
    if d is not None:
        return d
    return _first_date((_time_value(el) for el in page.tree.iter("time") if _update_time(el)), page.language)


def _htmldate(page: _Page) -> dt.date | None:
    # htmldate falls back on the modification date when a page has no other; that one is
    # recorded as the update date (by ``_updated``, after every publication statement)
    if page.htmldate is not None and page.htmldate in (_updated(page), _generic_meta(page)):
        return None
    return page.htmldate


def _htmldate_extensive(page: _Page) -> dt.date | None:
    """For a page that states nothing above: htmldate's extensive search, which also reads dates
    printed in forms the patterns here do not know ("26 | 01 | 2022"), taken when the page prints
    it around its headline (source "text"). An answer that repeats htmldate's markup search, the
    generic date tag or the update date waits in that statement's place."""
    from htmldate import find_date
    try:
        found = find_date(page.html, extensive_search=True, original_date=True,
                          max_date=(dt.date.today() + dt.timedelta(days=2)).isoformat())
        d = parse_date(found) if found else None
    except Exception:   # noqa: BLE001 - htmldate/lxml raise many types on broken markup
        return None
    if d is None or d == page.htmldate or d in (_generic_meta(page), _updated(page)):
        return None
    # only a date printed around the headline (day, month and year in one text piece): a date
    # far down the page alone is a sidebar's or a comment's
    before, after = page.pieces()
    wanted = {d.day, d.month, d.year}
    for text in before + after:
        if wanted <= {int(n) for n in re.findall(r"\d{1,4}", text)}:
            return d
    return None


def _url(page: _Page) -> dt.date | None:
    return date_from_url(page.url)


def _url_month(page: _Page) -> dt.date | None:
    """A page whose address names only the year and month ("/2010/05/slug") and that states no
    date otherwise: the first date the page prints within that month (a "posted on 19 May 2010"
    line far below the article). The address confirms it; alone, either is too weak."""
    m = _URL_MONTH.search(re.sub(r"^[a-z]+://[^/]+", "", (page.url or "").strip(), flags=re.I).split("?")[0])
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    for text in _texts(page.tree):
        d, _ = first_date_at(text[:300], page.language)
        if d is not None and (d.year, d.month) == (year, month):
            return d
    return None


def _texts(tree):
    """The page's visible text pieces in document order."""
    from lxml import etree
    skipping = 0
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        if el.tag in _SKIP:
            skipping += 1 if event == "start" else -1
            continue
        text = el.text if event == "start" else el.tail
        if not skipping and text and text.strip():
            yield text.strip()


# what the markup and the address state, against which a printed date's reading is checked
_STATEMENTS = (_itemprop, _published_meta, _json_ld, _marked_time, _first_time, _url, _updated)

FINDERS = (
    (_itemprop, "meta"), (_near_headline, "text"), (_published_meta, "meta"), (_json_ld, "meta"),
    (_marked_time, "meta"), (_first_time, "meta"), (_htmldate, "meta"), (_labelled, "text"),
    (_below_headline, "text"),
    (_url, "url"), (_url_month, "text"), (_htmldate_extensive, "text"), (_generic_meta, "meta"),
    (_updated, "updated"),
)
