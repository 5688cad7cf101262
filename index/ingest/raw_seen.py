"""The re-import check before extraction: a hash of each article as its reader gave it.

An article's id comes from its cleaned body, so finding a duplicate by id needs the whole
extraction (cleaning, language, dates, persons, countries): a re-import of an imported folder
used to cost 0.8 of the first import to find nothing new (bench/reimport_bench.py). The hash of
the reader's output (every field but the path: the same file copied elsewhere is the same
article) is known before any of that; ``raw_hashes`` maps it to the article id it gave, recorded
after the article's batch is committed.

A hash found there only says which id to check: the importer still asks the index whether that
article is there (a kill between the commit and the recording, or a deleted article, leaves the
map out of step), and extracts the raw article as before when it is not. So the map is a cache:
losing it costs time, never an article; a wrong entry costs at most one extraction.

Folder libraries only (SQLite state); a team library extracts and checks ids as before.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from ..model import RawArticle

SCHEMA = """
CREATE TABLE IF NOT EXISTS raw_hashes (
    raw TEXT PRIMARY KEY, article_id TEXT NOT NULL) WITHOUT ROWID;
"""
_CHUNK = 500          # ids per IN (...) query: under SQLite's variable limit


def raw_hash(raw: RawArticle) -> str:
    """sha256 of everything extraction reads from ``raw`` except its path."""
    fields = [raw.format, raw.title, raw.title_from_text, raw.outlet, list(raw.authors), raw.url,
              raw.published.isoformat() if raw.published else None, raw.published_source,
              raw.language, raw.domain, raw.text, raw.html]
    # ensure_ascii: lone surrogates (broken JSON escapes) become escapes instead of an error
    return hashlib.sha256(json.dumps(fields, ensure_ascii=True).encode("ascii")).hexdigest()


@dataclass
class Known:
    """A raw article whose hash the library has seen: the id it gave, and the raw article, to be
    extracted after all if that id is not in the index."""
    id: str
    raw: RawArticle
    raw_sha256: str


class RawSeen:
    """The ``raw_hashes`` table of one library's state (any process may read it)."""

    def __init__(self, state):
        self.state = state
        state.ensure("raw_hashes", SCHEMA)

    def known(self, hashes: list[str]) -> dict[str, str]:
        """{hash: article id} for the hashes recorded."""
        out: dict[str, str] = {}
        for k in range(0, len(hashes), _CHUNK):
            chunk = hashes[k:k + _CHUNK]
            rows = self.state.execute(
                f"SELECT raw, article_id FROM raw_hashes WHERE raw IN ({','.join('?' * len(chunk))})",
                chunk).fetchall()
            out.update((r[0], r[1]) for r in rows)
        return out

    def record(self, pairs: list[tuple[str, str]]) -> None:
        """(hash, article id) of committed articles."""
        if pairs:
            self.state.executemany(
                "INSERT OR REPLACE INTO raw_hashes (raw, article_id) VALUES (?, ?)", pairs)


def for_library(library) -> RawSeen | None:
    """The check for a folder library; None for a team library (its state is PostgreSQL)."""
    if getattr(library, "is_team", False):
        return None
    return RawSeen(library.state)
