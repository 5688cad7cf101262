"""Publication dates a page's markup states in forms other than the common named tags: meta keys
of other publishing systems, RDFa attributes and microformat elements.

Each publishing system names its meta tag its own way ("shareaholic:article_published_time",
"vr:published-time", "sw-pubdate", "bepress_citation_date"). A list of names only ever knows the
systems it was written from, so this module matches the key by its shape: a publication word and
a date or time word, with any prefix. The same goes for what pages mark up in the body: RDFa's
``property="dc:date dc:created"`` (Drupal) or ``schema:datePublished``, and the hAtom microformat's
``<abbr class="published" title="2010-05-19T10:00:00">`` (older blog themes), whose machine-readable
date sits in an attribute.
"""
from __future__ import annotations

import re

# the key with every non-letter dropped ("vr:published-time" -> "vrpublishedtime") ends like this
_PUBLISHED_KEY_ENDS = (
    "publishedtime", "publishtime", "publisheddate", "publishdate", "pubdate", "publicationdate",
    "datepublished", "publishedat", "citationdate", "citationpublicationdate", "dateissued",
)
_NOT_PUBLISHED = re.compile(r"modif|updat|expir|publisher", re.I)
_RDFA_PUBLISHED = re.compile(r"(?:^|[\s:])(?:datePublished|dateCreated|created|issued)(?:\s|$)")
_MACHINE_ATTRS = ("datetime", "content", "title")


def published_key(key: str) -> bool:
    """Whether a meta tag's key names a publication date, whatever system's prefix it has."""
    if _NOT_PUBLISHED.search(key):
        return False
    return re.sub(r"[^a-z]", "", key.lower()).endswith(_PUBLISHED_KEY_ENDS)


def published_meta_values(tree) -> list[str]:
    """The values of meta tags whose key names a publication date, in document order."""
    out = []
    for m in tree.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip()
        if key and m.get("content") and published_key(key):
            out.append(m.get("content"))
    return out


def rdfa_published_values(tree) -> list[str]:
    """Dates an element of the body states as the publication or creation in RDFa."""
    return [el.get("content") or el.text_content().strip()
            for el in tree.xpath("//*[@property][not(self::meta)]")
            if _RDFA_PUBLISHED.search(el.get("property") or "")]


def marked_attribute_values(tree, published_class: re.Pattern) -> list[str]:
    """Machine-readable dates in the attributes of elements (not <time>, which the page's time
    finders read) whose class marks the publication (hAtom ``abbr.published``)."""
    out = []
    for el in tree.xpath("//*[@datetime or @content or @title][not(self::meta)][not(self::time)]"):
        if published_class.search(el.get("class") or ""):
            out.extend(el.get(a) for a in _MACHINE_ATTRS if el.get(a))
    return out
