"""The columns of an exported result list and the row of one article.

One row per article, in result order, with what an analyst filters and cites by in a
spreadsheet. Lists (persons, countries, agencies, authors) are lists in JSON Lines and one cell
joined with "; " in CSV and XLSX (no canonical name holds "; "). The snippet is plain text: the
``[[``/``]]`` match markers of ``Hit.snippet`` are dropped. The story is the id that
``mediawatch stories`` lists (empty for an article not grouped yet).
"""
from __future__ import annotations

import sqlite3
from typing import Any, Iterable

from index.model import Match
from index.store.search.highlight import MARK_CLOSE, MARK_OPEN

# (key in JSON Lines, header in CSV and XLSX)
COLUMNS = (
    ("date", "Date"),
    ("date_source", "Date source"),
    ("outlet", "Outlet"),
    ("title", "Title"),
    ("persons", "Persons"),
    ("countries", "Countries"),
    ("language", "Language"),
    ("agencies", "Agency"),
    ("authors", "Authors"),
    ("story", "Story"),
    ("snippet", "Snippet"),
    ("url", "URL"),
    ("file", "Original file"),
    ("id", "Article ID"),
)
KEYS = tuple(k for k, _ in COLUMNS)
HEADERS = tuple(h for _, h in COLUMNS)
LIST_KEYS = frozenset({"persons", "countries", "agencies", "authors"})
LIST_SEPARATOR = "; "


def plain_snippet(snippet: str) -> str:
    return snippet.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")


def row(match: Match, story: int | None = None) -> dict[str, Any]:
    """The export row of one match; values are str, list[str], int, date or None."""
    a = match.article
    return {
        "date": a.published,
        "date_source": a.published_source if a.published else None,
        "outlet": a.outlet,
        "title": a.title,
        "persons": list(a.persons),
        "countries": list(a.countries),
        "language": a.language,
        "agencies": list(a.agencies),
        "authors": list(a.authors),
        "story": story,
        "snippet": plain_snippet(match.snippet),
        "url": a.url,
        "file": a.path,
        "id": a.id,
    }


def story_ids(state, ids: Iterable[str]) -> dict[str, int]:
    """article id -> story id, for those already grouped (read only: never groups anything)."""
    ids = list(ids)
    out: dict[str, int] = {}
    try:
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            out.update(state.execute(
                f"SELECT article_id, story_id FROM story_articles WHERE article_id IN "
                f"({','.join('?' * len(chunk))})", chunk).fetchall())
    except sqlite3.OperationalError:     # no stories table yet: nothing is grouped
        return {}
    return out


def rows(state, matches: list[Match]) -> list[dict[str, Any]]:
    """Rows of one page of matches, with their story ids looked up in one go."""
    stories = story_ids(state, [m.article.id for m in matches]) if state is not None else {}
    return [row(m, stories.get(m.article.id)) for m in matches]
