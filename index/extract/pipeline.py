"""The extraction pipeline: RawArticle in, Article out, or ``Rejected`` with a reason.

A chain of plain functions (trafilatura's shape). Each step lives in its own module:
clean -> outlet -> learned lines -> language -> date -> title -> entities -> corrections -> id.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Protocol

from ..errors import Rejected
from ..model import Article, RawArticle
from . import dates
from .countries import mentions as countries
from .language import detect as language
from .persons import mentions as persons
from .text import clean, outlets

MIN_BODY_CHARS = 40


class LineFilter(Protocol):
    """Per-outlet repeated lines learned from the library (see text/learned_lines.py)."""
    def strip(self, outlet: str | None, body: str) -> str: ...


@dataclass
class ExtractContext:
    """What extraction needs beyond the file itself. Cheap to build; data files load lazily."""
    learned: LineFilter | None = None
    corrections: object | None = None     # index.extract.corrections.Corrections
    entities: bool = True                 # persons and countries (off for raw speed tests)
    hooks: list[Callable[[Article], None]] = field(default_factory=list)
    # The import's check of raw articles the library already holds (ingest/raw_seen.RawSeen):
    # those are not extracted again. None: extract everything (retag, tests, tools).
    raw_seen: object | None = None


def normalize_for_hash(text: str) -> str:
    """Whitespace- and case-insensitive form of a body: the same article saved twice hashes alike."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip()


def article_id(sha256: str) -> str:
    return sha256[:16]


def extract(raw: RawArticle, ctx: ExtractContext | None = None) -> Article:
    ctx = ctx or ExtractContext()
    cleaned = clean.clean_text(raw.text, title=raw.title, format=raw.format)
    outlet = outlets.resolve_outlet(raw, cleaned)
    body = cleaned.body
    if ctx.learned is not None:
        body = ctx.learned.strip(outlet, body)
    body = body.strip()
    if len(body) < MIN_BODY_CHARS:
        if not raw.text.strip():
            raise Rejected("empty file (no text)")
        raise Rejected("no article text left after removing boilerplate")

    lang = language.detect_language(body, hint=raw.language, usual=outlets.usual_language(outlet))
    published, source = raw.published, raw.published_source if raw.published else None
    if published is None:
        published = dates.date_from_text(raw.text, lang)
        source = "text" if published else None
    if published is None:
        published = dates.date_from_filename(raw.path)
        source = "filename" if published else None

    title = (raw.title or "").strip() or clean.title_from_body(body)

    sha = hashlib.sha256(normalize_for_hash(body).encode("utf-8")).hexdigest()
    art = Article(
        id=article_id(sha), title=title, body=body, path=raw.path, sha256=sha, format=raw.format,
        outlet=outlet, agencies=cleaned.agencies, authors=_merge_authors(raw.authors, cleaned.authors),
        url=raw.url, published=published, published_source=source, language=lang,
    )
    if ctx.entities:
        tag_entities(art, ctx)
    for hook in ctx.hooks:
        hook(art)
    return art


ENTITY_CHARS = 100_000     # ~15,000 words, ten times the longest feature article


def tag_entities(art: Article, ctx: ExtractContext | None = None) -> Article:
    """Persons and countries from title + body, then the analyst's corrections. Used by retag too."""
    # Always title + body, even when the title was cut from the body's first line: the countries
    # step weighs mentions by their offset, which must mean the same for every format.
    text = f"{art.title}\n\n{art.body}" if art.title else art.body
    # Entities come from the first ENTITY_CHARS: the taggers are linear but slow per character
    # (a 3 MB text file took 40 s), and a news article is a hundredth of this long.
    text = text[:ENTITY_CHARS]
    art.persons = persons.extract_persons(text, art.language)
    weights = countries.weigh_countries(text, art.language, persons=art.persons,
                                        body_start=len(text) - len(art.body))
    art.countries = sorted(weights)
    art.country_weights = {code: round(w, 3) for code, w in sorted(weights.items())}
    art.country_focus = countries.focus(weights)
    corr = ctx.corrections if ctx else None
    if corr is not None:
        corr.apply(art)
    return art


def _merge_authors(a: list[str], b: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in [*a, *b]:
        name = name.strip()
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())
