"""The analyst's corrections of stories: split a story, merge two, move an article out.

A correction is kept as *locks* (``story_locks``): every article of a corrected story carries the
story's lock number; articles of one lock always share a story, articles of two locks never do.
Grouping keeps placing new articles as before, so a corrected story still grows with new
coverage, but it never merges two locks, and when the stories are grouped again from scratch
(``service.regroup``) a locked article goes back to its lock's story (see ``Locks``). Every
correction is logged (``story_corrections``) for the window and ``mediawatch stories``.

All functions take a ``sqlite3.Connection`` inside the caller's write transaction.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass

from ..errors import LibraryError

SCHEMA = """
CREATE TABLE IF NOT EXISTS story_locks (
    article_id TEXT PRIMARY KEY, lock INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_locks_lock ON story_locks(lock);
CREATE TABLE IF NOT EXISTS story_corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, action TEXT NOT NULL,
    story INTEGER, articles TEXT NOT NULL);
"""


class CorrectionError(LibraryError):
    """A correction that cannot be made; ``str()`` says why, for the analyst."""


@dataclass
class Correction:
    id: int
    at: str
    action: str          # "split", "merge" or "move-out"
    story: int | None    # the story made or kept
    articles: list[str]

    def to_json(self) -> dict:
        return {"id": self.id, "at": self.at, "action": self.action, "story": self.story,
                "articles": self.articles}


class Locks:
    """The locks of the stories grouping looks at, for one placement (grouping._place)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.any = conn.execute("SELECT 1 FROM story_locks LIMIT 1").fetchone() is not None

    def of_article(self, article_id: str) -> int | None:
        if not self.any:
            return None
        row = self.conn.execute("SELECT lock FROM story_locks WHERE article_id=?",
                                (article_id,)).fetchone()
        return row[0] if row else None

    def story_of_lock(self, lock: int) -> int | None:
        row = self.conn.execute(
            "SELECT a.story_id FROM story_locks l JOIN story_articles a USING (article_id) "
            "WHERE l.lock=? ORDER BY a.seq LIMIT 1", (lock,)).fetchone()
        return row[0] if row else None

    def of_stories(self, story_ids) -> dict[int, int]:
        """Lock per story (a story holds at most one) for the stories that have one."""
        ids = list(story_ids)
        if not self.any or not ids:
            return {}
        return dict(self.conn.execute(
            "SELECT DISTINCT a.story_id, l.lock FROM story_articles a JOIN story_locks l "
            f"USING (article_id) WHERE a.story_id IN ({','.join('?' * len(ids))})", ids))


def _members(conn, story_id: int) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT article_id FROM story_articles WHERE story_id=? ORDER BY seq", (story_id,))]


def _story_of(conn, article_id: str) -> int:
    row = conn.execute("SELECT story_id FROM story_articles WHERE article_id=?",
                       (article_id,)).fetchone()
    if row is None:
        raise CorrectionError(f"article {article_id} is in no story (not in this library, or "
                              "not grouped yet: run `mediawatch stories` once)")
    return row[0]


def _new_lock(conn) -> int:
    return conn.execute("SELECT COALESCE(MAX(lock), 0) + 1 FROM story_locks").fetchone()[0]


def _lock(conn, ids: list[str], lock: int | None = None) -> int:
    lock = _new_lock(conn) if lock is None else lock
    conn.executemany("INSERT OR REPLACE INTO story_locks (article_id, lock) VALUES (?, ?)",
                     [(i, lock) for i in ids])
    return lock


def _existing_lock(conn, ids: list[str]) -> int | None:
    if not ids:
        return None
    row = conn.execute(f"SELECT MIN(lock) FROM story_locks WHERE article_id IN "
                       f"({','.join('?' * len(ids))})", ids).fetchone()
    return row[0]


def _log(conn, action: str, story: int | None, ids: list[str]) -> None:
    conn.execute("INSERT INTO story_corrections (at, action, story, articles) VALUES (?,?,?,?)",
                 (dt.datetime.now().isoformat(timespec="seconds"), action, story, json.dumps(ids)))


def _new_story(conn) -> int:
    now = dt.datetime.now().isoformat(timespec="seconds")
    return conn.execute("INSERT INTO stories (created) VALUES (?)", (now,)).lastrowid


def split(conn: sqlite3.Connection, story_id: int, article_ids: list[str]) -> int:
    """Move these articles of a story into a story of their own; both halves stay apart from
    now on. Returns the new story's id."""
    members = _members(conn, story_id)
    if not members:
        raise CorrectionError(f"there is no story {story_id}")
    chosen = list(dict.fromkeys(article_ids))
    foreign = [a for a in chosen if a not in members]
    if foreign:
        raise CorrectionError(f"article {foreign[0]} is not in story {story_id}")
    rest = [a for a in members if a not in chosen]
    if not chosen or not rest:
        raise CorrectionError(f"a split needs articles on both sides (story {story_id} has "
                              f"{len(members)}, {len(chosen)} chosen)")
    new = _new_story(conn)
    conn.executemany("UPDATE story_articles SET story_id=? WHERE article_id=?",
                     [(new, a) for a in chosen])
    _lock(conn, rest, _existing_lock(conn, rest))
    _lock(conn, chosen)          # always a new lock: the chosen may carry the rest's old one
    _log(conn, "split", new, chosen)
    return new


def move_out(conn: sqlite3.Connection, article_id: str) -> int:
    """Take one article out of its story into a story of its own, kept apart from it."""
    story_id = _story_of(conn, article_id)
    if len(_members(conn, story_id)) < 2:
        raise CorrectionError(f"article {article_id} is alone in story {story_id} already")
    new = split(conn, story_id, [article_id])
    conn.execute("UPDATE story_corrections SET action='move-out' WHERE id=(SELECT MAX(id) "
                 "FROM story_corrections)")
    return new


def merge(conn: sqlite3.Connection, story_ids: list[int]) -> int:
    """One story of several: the oldest id is kept; the articles stay together from now on."""
    ids = sorted(set(story_ids))
    if len(ids) < 2:
        raise CorrectionError("a merge needs two different stories")
    members = {}
    for sid in ids:
        members[sid] = _members(conn, sid)
        if not members[sid]:
            raise CorrectionError(f"there is no story {sid}")
    keep = ids[0]
    for sid in ids[1:]:
        conn.execute("UPDATE story_articles SET story_id=? WHERE story_id=?", (keep, sid))
        conn.execute("DELETE FROM stories WHERE id=?", (sid,))
    every = [a for sid in ids for a in members[sid]]
    _lock(conn, every)
    _log(conn, "merge", keep, every)
    return keep


def history(conn: sqlite3.Connection) -> list[Correction]:
    return [Correction(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in conn.execute(
        "SELECT id, at, action, story, articles FROM story_corrections ORDER BY id")]


def corrected_stories(conn: sqlite3.Connection) -> set[int]:
    """Stories with an article the analyst placed."""
    return {r[0] for r in conn.execute(
        "SELECT DISTINCT a.story_id FROM story_locks l JOIN story_articles a USING (article_id)")}
