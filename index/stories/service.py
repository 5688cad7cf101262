"""Stories for a library: the import hook, other coverage, the story list, comparisons.

Thread contract: every function takes the ``Library`` and uses ``library.state`` (one SQLite
connection per thread), so the GUI may call the read functions from a worker thread while an
import writes. ``group_new`` runs inside the importer's write lock (the library's first after-commit step).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..model import Article
from . import corrections, grouping
from .memo import forget, memo_for
from .compare import Comparison, compare
from .lineage import Lineage, copy_groups, lineage
from .similarity import model, pair_score
from .signature import Signature


def _ensure(library) -> None:
    library.state.ensure("stories", grouping.SCHEMA)


def group_new(library, articles: list[Article]) -> list[grouping.Placement]:
    """After-commit step (``Library.after_commit``): place a committed batch in stories (one transaction)."""
    if not articles:
        return []
    _ensure(library)
    with library.state.tx() as conn:
        return grouping.add_articles(conn, articles)


def backfill(library, batch: int = 200) -> int:
    """Group library articles imported before stories existed (or while the hook failed)."""
    _ensure(library)
    grouped = library.state.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0]
    if grouped >= library.store.count():
        return 0
    known = {r[0] for r in library.state.execute("SELECT article_id FROM story_articles")}
    todo = [a for a in library.store.iter_articles() if a.id not in known]
    for i in range(0, len(todo), batch):
        group_new(library, todo[i:i + batch])
    return len(todo)


def regroup(library, batch: int = 200) -> int:
    """Group every article again from scratch, in the order they were first grouped (after a
    new pairwise model, or to see what grouping makes of the library today). The analyst's
    corrections hold (corrections.py). Stopped half-way, the rest is grouped by ``backfill``."""
    _ensure(library)
    order = [r[0] for r in library.state.execute("SELECT article_id FROM story_articles ORDER BY seq")]
    with library.state.tx() as conn:
        for table in ("story_articles", "story_postings", "story_df", "story_meta", "story_links",
                      "stories"):
            conn.execute(f"DELETE FROM {table}")
    path = next((r[2] for r in library.state.execute("PRAGMA database_list") if r[1] == "main"), "")
    forget(path)
    rank = {aid: i for i, aid in enumerate(order)}
    todo = sorted(library.store.iter_articles(), key=lambda a: rank.get(a.id, len(rank)))
    for i in range(0, len(todo), batch):
        group_new(library, todo[i:i + batch])
    return len(todo)


def split_story(library, story_id: int, article_ids: list[str]) -> int:
    """The analyst's split: these articles leave the story for one of their own (its id)."""
    _ensure(library)
    with library.state.tx() as conn:
        return corrections.split(conn, story_id, article_ids)


def move_out(library, article_id: str) -> int:
    """The analyst's move: one article out of its story, into a story of its own (its id)."""
    _ensure(library)
    with library.state.tx() as conn:
        return corrections.move_out(conn, article_id)


def merge_stories(library, story_ids: list[int]) -> int:
    """The analyst's merge: one story of several (the oldest id, returned)."""
    _ensure(library)
    with library.state.tx() as conn:
        return corrections.merge(conn, story_ids)


def correction_history(library) -> list[corrections.Correction]:
    _ensure(library)
    return corrections.history(library.state.conn)


@dataclass
class StoryArticle:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    path: str | None = None
    sha256: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "outlet": self.outlet,
                "published": self.published, "url": self.url}


@dataclass
class Story:
    id: int
    articles: list[StoryArticle]
    copies: list[list[str]] = field(default_factory=list)
    corrected: bool = False       # the analyst split, merged or moved articles of it

    @property
    def outlets(self) -> list[str]:
        return sorted({a.outlet for a in self.articles if a.outlet})

    @property
    def first(self) -> str | None:
        dates = [a.published for a in self.articles if a.published]
        return min(dates) if dates else None

    @property
    def last(self) -> str | None:
        dates = [a.published for a in self.articles if a.published]
        return max(dates) if dates else None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "articles": [a.to_json() for a in self.articles],
                "copies": self.copies, "corrected": self.corrected}

    def summary(self) -> dict[str, Any]:
        return {"id": self.id, "articles": len(self.articles), "outlets": self.outlets,
                "first": self.first, "last": self.last, "copies": self.copies,
                "corrected": self.corrected}


_COLS = "article_id, story_id, published, title, outlet, url, path, sha256, seq"


def _stories_from_rows(library, rows) -> list[Story]:
    by_story: dict[int, list] = {}
    for r in rows:
        by_story.setdefault(r[1], []).append(r)
    ids = [r[0] for r in rows]
    pairs = _copy_pairs(library, ids)
    fixed = corrections.corrected_stories(library.state.conn)
    out = []
    for sid, members in by_story.items():
        members.sort(key=lambda r: (r[2] is None, r[2] or "", r[8]))
        arts = [StoryArticle(r[0], r[3], r[4], r[2], r[5], r[6], r[7]) for r in members]
        out.append(Story(sid, arts, copy_groups([a.id for a in arts], pairs), sid in fixed))
    for s in out:  # copy groups in publication order, the lead first
        order = {a.id: i for i, a in enumerate(s.articles)}
        s.copies = sorted((sorted(g, key=order.get) for g in s.copies), key=lambda g: order[g[0]])
    return out


def _copy_pairs(library, ids: list[str]) -> list[tuple[str, str]]:
    out = []
    for i in range(0, len(ids), 400):
        chunk = ids[i:i + 400]
        marks = ",".join("?" * len(chunk))
        out += [(r[0], r[1]) for r in library.state.execute(
            f"SELECT a, b FROM story_links WHERE copy = 1 AND a IN ({marks})", chunk)]
    return out


def stories(library) -> list[Story]:
    """Every story, newest first; an article with no other coverage is a story of its own."""
    _ensure(library)
    rows = library.state.execute(f"SELECT {_COLS} FROM story_articles").fetchall()
    out = _stories_from_rows(library, rows)
    return sorted(out, key=lambda s: (s.last or "", s.id), reverse=True)


def story_of(library, article_id: str) -> Story | None:
    _ensure(library)
    row = library.state.execute("SELECT story_id FROM story_articles WHERE article_id=?",
                                (article_id,)).fetchone()
    if row is None:
        return None
    rows = library.state.execute(f"SELECT {_COLS} FROM story_articles WHERE story_id=?",
                                 (row[0],)).fetchall()
    return _stories_from_rows(library, rows)[0]


def story_by_id(library, story_id: int) -> Story | None:
    _ensure(library)
    rows = library.state.execute(f"SELECT {_COLS} FROM story_articles WHERE story_id=?",
                                 (story_id,)).fetchall()
    return _stories_from_rows(library, rows)[0] if rows else None


@dataclass
class Coverage:
    """One article of "other coverage" for a given article."""
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    score: float
    copy: bool
    same_story: bool

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "outlet": self.outlet,
                "published": self.published, "url": self.url, "score": round(self.score, 4),
                "copy": self.copy, "same_story": self.same_story}


def similar(library, article_id: str, limit: int = 20) -> list[Coverage]:
    """Other coverage of this article's event, best first: its story, then near misses."""
    _ensure(library)
    conn = library.state.conn
    row = conn.execute("SELECT story_id, sig FROM story_articles WHERE article_id=?",
                       (article_id,)).fetchone()
    if row is None:
        art = library.store.get(article_id)
        if art is None:
            return []
        group_new(library, [art])
        row = conn.execute("SELECT story_id, sig FROM story_articles WHERE article_id=?",
                           (article_id,)).fetchone()
    story_id, sig = row[0], Signature.from_json(article_id, json.loads(row[1]))
    members = [r[0] for r in conn.execute(
        "SELECT article_id FROM story_articles WHERE story_id=? AND article_id != ?",
        (story_id, article_id))]
    ids = set(members) | set(grouping.candidates(conn, sig, limit=max(limit * 3, 60)))
    sigs = grouping.load_signatures(conn, ids, memo_for(conn))   # signatures only: not the df mirror
    idf = grouping.Idf(conn)
    meta = {r[0]: r for r in conn.execute(
        f"SELECT {_COLS} FROM story_articles WHERE article_id IN ({','.join('?' * len(ids))})",
        list(ids))} if ids else {}
    out, keep = [], model().keep_link
    for oid, other in sigs.items():
        s = pair_score(sig, other, idf)
        same = meta[oid][1] == story_id
        if same or s.score >= keep:
            r = meta[oid]
            out.append(Coverage(oid, r[3], r[4], r[2], r[5], s.score, s.copy, same))
    out.sort(key=lambda c: (not c.same_story, -c.score, c.id))
    return out[:limit]


def articles(library, ids: list[str]) -> list[Article]:
    """Articles in the order asked; raises KeyError naming an id the library does not have."""
    found = {a.id: a for a in library.store.get_many(ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise KeyError(missing[0])
    return [found[i] for i in ids]


def compare_ids(library, a: str, b: str) -> Comparison:
    x, y = articles(library, [a, b])
    return compare(x, y)


def lineages(library, story: Story) -> list[Lineage]:
    """Copy lineage for each copy group of a story (reads the copies' bodies from the store)."""
    seq = {r[0]: r[1] for r in library.state.execute(
        "SELECT article_id, seq FROM story_articles WHERE story_id=?", (story.id,))}
    return [lineage(articles(library, g), seq) for g in story.copies]
