"""Plain dataclasses that cross every boundary: readers -> pipeline -> store -> search -> GUI.

Nothing here knows about Whoosh, SQLite or Qt. Dates are ``datetime.date`` in Python and
``YYYY-MM-DD`` strings in JSON.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar

# Where a publication date came from. None means the article has no date (never the file's mtime).
DATE_SOURCES = ("meta", "header", "feed", "text", "filename", "url", "updated")


@dataclass
class RawArticle:
    """What a reader found in one file, or in one entry/message of a file.

    ``text`` is the body as found: it may still hold appeals, menus and credit lines; the
    extraction pipeline cleans it. Metadata fields hold only what the format itself states.
    """
    path: str                                # original file; zip members as "a.zip!/dir/b.txt"
    text: str
    format: str                              # txt, html, eml, mbox, pdf, docx, feed, json
    title: str | None = None
    title_from_text: bool = False            # title was derived from the body's first line
    outlet: str | None = None                # site name / publisher / sender / feed title
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    published: dt.date | None = None
    published_source: str | None = None      # one of DATE_SOURCES when published is set
    language: str | None = None              # a hint from metadata (html lang, feed language)
    domain: str | None = None                # host of the URL or sender, for outlet lookup
    html: str | None = None                  # the original HTML when the format had one


@dataclass
class Article:
    """One article in the library. ``id`` is derived from ``sha256`` so re-imports dedupe."""
    id: str
    title: str
    body: str
    path: str
    sha256: str
    format: str = ""
    outlet: str | None = None
    agencies: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    published: dt.date | None = None
    published_source: str | None = None
    language: str | None = None
    persons: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)   # ISO 3166-1 alpha-2, upper case: every one named
    imported: dt.datetime | None = None
    # How much the article is about each country it names (0..1, index/extract/countries/weights.py),
    # and the ones it is about (weight over the model's threshold): the country facet counts these.
    # None: not weighed (articles of older libraries, or built by hand): the facet counts all.
    country_weights: dict[str, float] = field(default_factory=dict)
    country_focus: list[str] | None = None
    # The hash of the raw article it came from (ingest/raw_seen.py), set on the instance by the
    # import for the re-import check: a ClassVar, so it is no field (no JSON, index or export).
    raw_sha256: ClassVar[str | None] = None

    def focus_countries(self) -> list[str]:
        """The countries the facet counts for this article."""
        return self.countries if self.country_focus is None else self.country_focus

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        d["imported"] = self.imported.isoformat(timespec="seconds") if self.imported else None
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Article":
        d = dict(d)
        if d.get("published"):
            d["published"] = dt.date.fromisoformat(d["published"])
        if d.get("imported"):
            d["imported"] = dt.datetime.fromisoformat(d["imported"])
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})


@dataclass
class Problem:
    """A file (or entry) that failed or was skipped, with a reason a person can act on."""
    path: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


@dataclass
class ImportProgress:
    """Yielded by the import engine after every file and every committed batch."""
    done: int                     # files finished (read, failed or skipped)
    total: int                    # files found so far (grows while folders/zips are walked)
    current: str = ""             # file being worked on
    imported: int = 0
    duplicates: int = 0
    failed: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    committed: int = 0            # articles committed to the index so far
    phase: str = "reading"        # reading | committing | done | cancelled


@dataclass
class ImportReport:
    """The outcome of one import run; also stored in the import log."""
    run_id: int | None
    started: dt.datetime
    finished: dt.datetime | None
    paths: list[str]
    imported: int = 0
    duplicates: int = 0
    failed: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    duplicate_ids: list[str] = field(default_factory=list)
    cancelled: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "failed": [p.to_json() for p in self.failed],
            "skipped": [p.to_json() for p in self.skipped],
            "ids": list(self.ids),
            "cancelled": self.cancelled,
        }


# ---------------------------------------------------------------- search

FACETS = ("person", "country", "date", "outlet", "language", "agency")
SORTS = ("relevance", "newest", "oldest")


@dataclass
class SearchRequest:
    """A query plus facet selections. Values within a facet are OR-ed, facets are AND-ed."""
    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)    # facet -> selected values
    excludes: dict[str, list[str]] = field(default_factory=dict)   # facet -> excluded values
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    no_date: bool = False          # only articles without a date (the "no date" bucket)
    sort: str = "relevance"
    offset: int = 0
    limit: int = 50
    facets: bool = True            # compute facet counts
    facet_limit: int = 200         # values per facet (date: all buckets)
    snippets: bool = True

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["date_from"] = self.date_from.isoformat() if self.date_from else None
        d["date_to"] = self.date_to.isoformat() if self.date_to else None
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "SearchRequest":
        d = dict(d)
        for k in ("date_from", "date_to"):
            if d.get(k):
                d[k] = dt.date.fromisoformat(d[k])
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})


@dataclass
class Hit:
    id: str
    title: str
    outlet: str | None
    published: dt.date | None
    language: str | None
    score: float
    snippet: str = ""              # plain text; matched words wrapped in [[ and ]], "…" at cuts (index/store/search/highlight.py)
    persons: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)     # the ones the facet counts (focus)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language, "score": round(self.score, 4), "snippet": self.snippet,
        }


@dataclass
class Match:
    """One hit of a whole-result scan (``Store.scan``, for exports): the stored article itself,
    its rank score (0.0 when sorted by date) and its snippet (``Hit.snippet`` markup)."""
    article: Article
    score: float = 0.0
    snippet: str = ""


@dataclass
class SearchResult:
    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    date_bucket: str | None = None     # day | week | month | year, for the date facet
    no_date: int = 0                   # hits without a publication date
    error: str | None = None           # a malformed query: what is wrong and where
    elapsed_ms: float = 0.0
    # > 1: the facet counts and the date histogram (not the total, not the hits) are
    # estimates, counted over every Nth hit and multiplied by N (a team library's broad query;
    # search_sql.FACET_SAMPLE_HITS)
    facet_stride: int = 1

    @property
    def facets_estimated(self) -> bool:
        return self.facet_stride > 1

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"total": self.total, "hits": [h.to_json() for h in self.hits]}
        if self.facets:
            d["facets"] = {k: [[v, n] for v, n in vals] for k, vals in self.facets.items()}
            if self.facets_estimated:
                d["facets_estimated"] = {"every_nth_hit": self.facet_stride}
        if self.error:
            d["error"] = self.error
        return d


class QueryError(ValueError):
    """A malformed query. ``str()`` says what is wrong and where, for the user."""

    def __init__(self, message: str, position: int | None = None):
        super().__init__(message)
        self.position = position
