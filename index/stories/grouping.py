"""Incremental story grouping over the library's SQLite.

Each new article gets a signature, finds candidates through an inverted index of its top terms,
names and numbers (the best ``SCORED`` dated neighbours within ``MAX_WINDOW`` days, undated
articles look at everything; and the best ``FAR_SCORED`` up to ``FAR_WINDOW`` days away, for a
story that comes back), scores them with the pairwise model (similarity.pair_score: the
probability of one event) and joins the story it matches best when that clears the model's
``attach`` threshold (``story_scores``: the mean of its best links to a share of the story's
members, so a round-up that names several events matches none of them as a whole); otherwise it
starts a story. Two stories merge only when members of both match each other today, every one
of the few compared (``_recheck``, the weakest link at ``merge``): one event whose first
reports were placed apart joins up, a round-up does not chain a topic's events. The analyst
merges, splits and moves articles (corrections.py), and grouping keeps to that.
Nothing is recomputed for old articles: importing 100 articles costs 100 candidate look-ups
(lookup.py) and about a thousand pair scores (``SCORED`` each). Signatures, document
frequencies and posting lists stay in memory between batches (memo.py), so the cost per
article stays flat as the library grows.

All functions take a plain ``sqlite3.Connection`` (the caller owns the transaction).
"""
from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from collections import Counter
from dataclasses import dataclass

from ..model import Article
from .corrections import SCHEMA as CORRECTIONS_SCHEMA, Locks
from .lookup import CANDIDATES, Idf, candidates, load_signatures  # noqa: F401 (API)
from .memo import Memo, memo_for
from .signature import Signature, build, signature_of  # noqa: F401 (build: API)
from .similarity import MAX_WINDOW, PairScore, model, pair_score

# The thresholds come with the pairwise model (similarity.model(), chosen by
# tools/train_stories.py on the open part of the shared clusters, all in probability):
# ``attach`` is the best link needed to join a story; members of two stories linked at
# ``merge`` merge them (_recheck); one article linked at ``bridge`` to two stories merges them;
# links from ``keep_link`` are stored for "other coverage" and copy lineage.
# Candidates fully scored per new article: the best by summed IDF of shared index terms. 12
# gave the same F1 as 60 on the three benchmark sets, alone and inside a 3,774-article library
# (bench/stories_bench.py --scale), at a fifth of the scoring cost.
SCORED = 12
# Candidates beyond the date window (up to FAR_WINDOW), scored on top: a story that comes back.
FAR_SCORED = 4
RECHECK = 4       # own-story members re-scored against each nearby story (see _recheck)

SCHEMA = """
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY AUTOINCREMENT, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_articles (
    article_id TEXT PRIMARY KEY, story_id INTEGER NOT NULL, published TEXT, title TEXT,
    outlet TEXT, url TEXT, path TEXT, sha256 TEXT, sig TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles(story_id);
CREATE INDEX IF NOT EXISTS story_articles_pub ON story_articles(published);
CREATE TABLE IF NOT EXISTS story_postings (
    term TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (term, article_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
-- Documents counted in story_df (a whole batch is counted before its articles are placed).
CREATE TABLE IF NOT EXISTS story_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS story_links (
    a TEXT NOT NULL, b TEXT NOT NULL, score REAL NOT NULL, copy INTEGER NOT NULL,
    PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_links_b ON story_links(b);
""" + CORRECTIONS_SCHEMA


def ensure_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


def _df_terms(sig: Signature) -> set[str]:
    return set(sig.all_terms) | {"n:" + n for n in sig.names} | set(_fact_terms(sig))


def _fact_terms(sig: Signature) -> list[str]:
    """Persons and figures as counted in story_df (their specificity, similarity.rarity)."""
    return ["p:" + p.casefold() for p in sig.persons] + ["#:" + n for n in sig.numbers]


@dataclass
class Placement:
    article_id: str
    story_id: int
    merged: list[int]
    links: list[tuple[str, PairScore]]


def story_scores(links: list[tuple[str, PairScore]], story_of: dict[str, int],
                 sizes: dict[int, int] | None = None, linkage: int = 1,
                 share: float = 0.0, far: set[str] | None = None) -> dict[int, float]:
    """Evidence per story: the mean of the article's best k links to its members, k the larger
    of ``linkage`` and ``share`` of the story's size (a member it has no link to counts 0).
    With k = 1 the best link decides; with a share of 1 (average linkage) an article must match
    the story as a whole, so a round-up that names several events cannot chain them.
    ``far``: candidates beyond the date window. A story the article reaches only through them
    (it comes back months later) counts at most ``FAR_SCORED`` members, as many as the look-up
    can reach there: else a story of twelve could never be joined again."""
    per: dict[int, list[float]] = {}
    near: set[int] = set()
    for cid, s in links:
        sid = story_of[cid]
        per.setdefault(sid, []).append(s.score)
        if not far or cid not in far:
            near.add(sid)
    out = {}
    for sid, scores in per.items():
        size = (sizes or {}).get(sid, 1)
        if far and sid not in near:
            size = min(size, FAR_SCORED)
        k = max(1, min(size, max(linkage, math.ceil(size * share))))
        out[sid] = sum(sorted(scores, reverse=True)[:k]) / k
    return out


def recheck_score(scores: list[float]) -> float:
    """How well a member of another story matches the new article's story: its weakest link to
    the (up to ``RECHECK``) members compared. Every one must match, not most: in a library of
    one topic a round-up matches a few members of each event, and a mean let it chain them."""
    return min(scores)


def _recheck(best: int, links, story_of: dict[str, int], cands: dict[str, Signature],
             idf: Idf) -> set[int]:
    """Stories near the new article whose members match members of its story *today*.

    Two articles placed early were scored with the IDF of a small library; now that both show
    up as candidates of one new article, their pair is scored again with current statistics
    (a bounded triangle check: the top few links only)."""
    ours = [cid for cid, _ in links if story_of[cid] == best][:RECHECK]
    th = model()
    out: set[int] = set()
    for cid, s in links[:RECHECK * 2]:
        sid = story_of[cid]
        if sid == best or sid in out or s.score < th.keep_link:
            continue
        if s.evidence < th.evidence:
            continue
        if ours and recheck_score(
                [_evidenced(pair_score(cands[cid], cands[m], idf), th) for m in ours]) >= th.merge:
            out.add(sid)
    return out


def _evidenced(s: PairScore, th) -> float:
    """A pair's score where it shares event-specific content, else 0 (persons alone merge
    nothing)."""
    return s.score if s.evidence >= th.evidence else 0.0


def evidenced_stories(links: list[tuple[str, PairScore]], story_of: dict[str, int],
                      evidence: float) -> set[int]:
    """Stories an article may join: those it shares event content with through at least one
    link (similarity.event_evidence). A story whose members it matches only through persons,
    names and countries is another happening of the same people (issue 13), however high the
    model puts those links: in a library of one topic they are shared by every event."""
    return {story_of[cid] for cid, s in links if s.evidence >= evidence}


def _beyond_window(a: Signature, b: Signature) -> bool:
    return bool(a.published and b.published
                and abs((a.published - b.published).days) > MAX_WINDOW)


def _new_story(conn: sqlite3.Connection) -> int:
    now = dt.datetime.now().isoformat(timespec="seconds")
    return conn.execute("INSERT INTO stories (created) VALUES (?)", (now,)).lastrowid


def add_articles(conn: sqlite3.Connection, articles: list[Article]) -> list[Placement]:
    """Place each new article in a story (re-imported ids are skipped).

    The caller has created the schema (``ensure_schema`` / ``state.ensure``) and owns the
    transaction: executescript here would commit the caller's transaction half-way.
    """
    known = {r[0] for r in conn.execute(
        f"SELECT article_id FROM story_articles WHERE article_id IN ({','.join('?' * len(articles))})",
        [a.id for a in articles])} if articles else set()
    fresh, seen = [], set()
    for a in articles:
        if a.id not in known and a.id not in seen:
            seen.add(a.id)
            fresh.append(a)
    # Oldest first inside a batch, so lineage and "older story id" follow publication order.
    fresh.sort(key=lambda a: (a.published is None, a.published or dt.date.min))
    sigs = [signature_of(a) for a in fresh]
    memo = memo_for(conn)
    with memo.lock:
        return _place_batch(conn, fresh, sigs, memo)


def _place_batch(conn: sqlite3.Connection, fresh: list[Article], sigs: list[Signature],
                 memo: Memo) -> list[Placement]:
    row = conn.execute("SELECT value FROM story_meta WHERE key='docs'").fetchone()
    docs = row[0] if row else 0
    memo.sync(docs)
    if not conn.execute("SELECT 1 FROM story_meta WHERE key='fact_df'").fetchone():
        _count_facts(conn, memo)
    counts = Counter(t for sig in sigs for t in _df_terms(sig))
    conn.executemany("INSERT INTO story_df (term, df) VALUES (?, ?) "
                     "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df", counts.items())
    conn.execute("INSERT INTO story_meta (key, value) VALUES ('docs', ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = value + excluded.value", (len(sigs),))
    for t, c in counts.items():
        if t in memo.df:
            memo.df[t] += c
    memo.docs = docs + len(sigs) if row else None   # no stored count yet: rebuild next time
    seq, placed = conn.execute(
        "SELECT COALESCE(MAX(seq), 0), COUNT(*) FROM story_articles").fetchone()
    # The whole batch is counted in story_df already, so the IDF (and every signature's weighted
    # vectors) stays the same while the batch is placed: one Idf object serves all of it.
    idf = Idf(conn, memo)
    idf.prefetch(t for sig in sigs for t in [*sig.terms, *("n:" + n for n in sig.names),
                                             *sig.title, *sig.index_terms(), *_fact_terms(sig)])
    out = []
    rows = _Rows()
    locks = Locks(conn)
    try:
        for art, sig in zip(fresh, sigs):
            seq += 1
            out.append(_place(conn, art, sig, seq, idf, placed, rows, locks))
            memo.put(sig)
            placed += 1
        # One statement per table for the batch: the look-ups above go through the memo,
        # which already has these postings (Memo.unwritten), and links are read after the batch.
        conn.executemany("INSERT OR IGNORE INTO story_postings (term, article_id) VALUES (?, ?)",
                         rows.postings)
        conn.executemany("INSERT OR REPLACE INTO story_links (a, b, score, copy) VALUES (?,?,?,?)",
                         rows.links)
    finally:
        memo.written()
    return out


def _count_facts(conn: sqlite3.Connection, memo: Memo) -> None:
    """Persons and figures in story_df, once, for a library grouped before they were counted:
    their postings (one row per article) are exactly their document frequencies."""
    for lo, hi in (("p:", "p;"), ("#:", "#;")):
        conn.execute("INSERT INTO story_df (term, df) SELECT term, COUNT(*) FROM story_postings "
                     "WHERE term >= ? AND term < ? GROUP BY term "
                     "ON CONFLICT(term) DO UPDATE SET df = excluded.df", (lo, hi))
    conn.execute("INSERT OR REPLACE INTO story_meta (key, value) VALUES ('fact_df', 1)")
    memo.df.clear()


class _Rows:
    __slots__ = ("postings", "links")

    def __init__(self):
        self.postings: list[tuple[str, str]] = []
        self.links: list[tuple] = []


def _choose(conn, article_id: str, by_story: dict[int, float], links, story_of, cands, idf,
            locks: Locks) -> tuple[int | None, list[int]]:
    """The story an article joins (None: a new one) and the stories merged into it.

    The analyst's corrections (corrections.py) hold: a locked article goes back to its lock's
    story, and no placement joins two stories of different locks."""
    th = model()
    own = locks.of_article(article_id)
    forced = locks.story_of_lock(own) if own is not None else None
    lock_of = locks.of_stories(by_story)
    if own is not None:
        by_story = {sid: sc for sid, sc in by_story.items() if lock_of.get(sid, own) == own}
    if th.evidence:
        allowed = evidenced_stories(links, story_of, th.evidence)
        by_story = {sid: sc for sid, sc in by_story.items() if sid in allowed}
    if forced is not None:
        best = forced
    elif by_story and max(by_story.values()) >= th.attach:
        best = max(by_story, key=lambda sid: (by_story[sid], -sid))
    else:
        return None, []
    # A round-up names several events and links to each of them moderately: only a link as
    # strong as a rewrite's (bridge), or members that match directly, merge two stories.
    others = {sid for sid, sc in by_story.items() if sc >= th.bridge}
    others |= _recheck(best, links, story_of, cands, idf)
    held = lock_of.get(best, own)
    targets = {best}
    for sid in sorted(others - {best}, key=lambda x: -by_story.get(x, 0.0)):
        lock = lock_of.get(sid)
        if lock is not None and held is not None and lock != held:
            continue                      # the analyst keeps these apart
        held = lock if lock is not None else held
        targets.add(sid)
    story_id = min(targets)               # the oldest story keeps its id
    return story_id, sorted(targets - {story_id})


def _place(conn: sqlite3.Connection, art: Article, sig: Signature, seq: int, idf: Idf,
           placed: int, rows: "_Rows | None" = None, locks: Locks | None = None) -> Placement:
    ids = candidates(conn, sig, limit=SCORED, idf=idf, placed=placed, far=FAR_SCORED)
    cands = idf.memo.signatures(conn, ids)
    idf.prefetch(t for s in cands.values() if s.id not in idf.prepared
                 for t in [*s.terms, *("n:" + n for n in s.names), *s.title, *_fact_terms(s)])
    th = model()
    links = [(cid, pair_score(sig, other, idf)) for cid, other in cands.items()]
    links = sorted((l for l in links if l[1].score >= th.keep_link), key=lambda l: -l[1].score)
    story_of = dict(conn.execute(
        f"SELECT article_id, story_id FROM story_articles WHERE article_id IN "
        f"({','.join('?' * len(links))})", [cid for cid, _ in links])) if links else {}
    links = [l for l in links if l[0] in story_of]
    th = model()
    sizes = dict(conn.execute(
        f"SELECT story_id, COUNT(*) FROM story_articles WHERE story_id IN "
        f"({','.join('?' * len(set(story_of.values())))}) GROUP BY story_id",
        list(set(story_of.values())))) if (th.linkage > 1 or th.share) and story_of else {}
    far = {cid for cid, _ in links if _beyond_window(sig, cands[cid])}
    story_id, merged = _choose(conn, art.id, story_scores(links, story_of, sizes, th.linkage,
                                                          th.share, far),
                               links, story_of,
                               cands, idf, locks or Locks(conn))
    if story_id is None:
        story_id = _new_story(conn)
    for old in merged:
        conn.execute("UPDATE story_articles SET story_id=? WHERE story_id=?", (story_id, old))
        conn.execute("DELETE FROM stories WHERE id=?", (old,))
    conn.execute(
        "INSERT INTO story_articles (article_id, story_id, published, title, outlet, url, path, "
        "sha256, sig, seq) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (art.id, story_id, art.published.isoformat() if art.published else None, art.title,
         art.outlet, art.url, art.path, art.sha256, json.dumps(sig.to_json()), seq))
    posted = sig.index_terms()
    post_rows = [(t, art.id) for t in posted]
    link_rows = [(min(art.id, cid), max(art.id, cid), s.score, int(s.copy)) for cid, s in links]
    if rows is not None and idf.memo is not None:
        rows.postings += post_rows
        rows.links += link_rows
        idf.memo.posted(art.id, art.published.toordinal() if art.published else None, posted)
    else:
        conn.executemany("INSERT OR IGNORE INTO story_postings (term, article_id) VALUES (?, ?)",
                         post_rows)
        conn.executemany("INSERT OR REPLACE INTO story_links (a, b, score, copy) VALUES (?,?,?,?)",
                         link_rows)
        if idf.memo is not None:
            idf.memo.posted(art.id, art.published.toordinal() if art.published else None, posted)
    return Placement(art.id, story_id, merged, links)
