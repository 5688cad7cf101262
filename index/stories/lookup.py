"""Finding the earlier articles a new one may belong with: IDF and the candidate look-up.

``candidates`` reads the inverted index of top terms, names and numbers (``story_postings``)
for the new article's rarest index terms and ranks the articles sharing two or more, within the
date window. The writer (grouping) goes through the library's memo (memo.py) so the look-up is
a few dict scans; "other coverage" in the GUI uses the SQL form on its own connection.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from typing import Iterable

import numpy as np

from .memo import ABSENT, UNDATED, Memo
from .signature import Signature
from .similarity import FAR_WINDOW, MAX_WINDOW

CANDIDATES = 60   # signatures looked up per new article ("other coverage" lists)
QUERY_TERMS = 40  # rarest index terms used to look candidates up in a large library
POSTINGS = 3000   # posting rows a look-up may scan beyond its MIN_TERMS rarest terms
MIN_TERMS = 12


class Idf:
    """Library-wide inverse document frequency, read lazily from story_df and cached per call.

    With a ``memo`` (the writer's connection only: its df mirror must see the writer's own
    uncommitted counts) document frequencies come from memory instead of a query per term."""

    def __init__(self, conn: sqlite3.Connection, memo: Memo | None = None):
        self.conn = conn
        self.memo = memo
        row = conn.execute("SELECT value FROM story_meta WHERE key='docs'").fetchone()
        self.n = row[0] if row else conn.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0]
        self._cache: dict[str, float] = {}
        self.prepared: dict = {}      # similarity._Prepared per signature id (same IDF only)

    def df(self, term: str) -> int:
        row = self.conn.execute("SELECT df FROM story_df WHERE term=?", (term,)).fetchone()
        return row[0] if row else 0

    def __call__(self, term: str) -> float:
        w = self._cache.get(term)
        if w is None:
            n = max(self.n, 1)
            d = self.memo.dfs(self.conn, [term])[term] if self.memo else self.df(term)
            w = self._cache[term] = math.log((n + 1) / (d + 0.5)) + 0.5
        return w

    def prefetch(self, terms: Iterable[str]) -> None:
        cache = self._cache
        missing = [t for t in set(terms) if t not in cache]
        if self.memo is not None:
            dfs = self.memo.dfs(self.conn, missing)
            n = max(self.n, 1)
            for t in missing:
                cache[t] = math.log((n + 1) / (dfs[t] + 0.5)) + 0.5
            return
        for i in range(0, len(missing), 500):
            chunk = missing[i:i + 500]
            found = dict(self.conn.execute(
                f"SELECT term, df FROM story_df WHERE term IN ({','.join('?' * len(chunk))})", chunk))
            n = max(self.n, 1)
            for t in chunk:
                self._cache[t] = math.log((n + 1) / (found.get(t, 0) + 0.5)) + 0.5



def load_signatures(conn: sqlite3.Connection, ids: Iterable[str],
                    memo: Memo | None = None) -> dict[str, Signature]:
    if memo is not None:
        return memo.signatures(conn, ids)
    ids = list(ids)
    out: dict[str, Signature] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for aid, sig in conn.execute(
                f"SELECT article_id, sig FROM story_articles WHERE article_id IN "
                f"({','.join('?' * len(chunk))})", chunk):
            out[aid] = Signature.from_json(aid, json.loads(sig))
    return out


def candidates(conn: sqlite3.Connection, sig: Signature, limit: int = CANDIDATES,
               idf: Idf | None = None, placed: int | None = None, far: int = 0) -> list[str]:
    """Earlier articles sharing the most index terms with ``sig`` within the date window.

    With an ``idf`` they are ranked by the summed IDF of the shared terms (two shared rare names
    say more than three shared common words), which is what lets the caller score only the best
    few; without, by the count of shared terms. ``placed`` saves counting story_articles.
    ``far`` (the writer's path, with a memo): also the best ``far`` dated articles beyond the
    window, up to ``FAR_WINDOW`` days, for a story that comes back (after the ``limit``)."""
    n = placed if placed is not None else \
        conn.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0]
    terms = sig.index_terms()
    if n > 200 and terms:
        # Terms in over a fifth of the library pick candidates no better than chance, and the
        # rarest terms are enough to find the event: the posting scan stays small as it grows.
        # (Index terms carry prefixes "n:", "#:", "p:"; plain terms share story_df with them.)
        if idf is not None and idf.memo is not None:
            dfs = idf.memo.dfs(conn, terms)
        else:
            dfs = dict(conn.execute(
                f"SELECT term, df FROM story_df WHERE term IN ({','.join('?' * len(terms))})", terms))
        # A term only this article has (its own count is in story_df already) finds nothing:
        # a long report names dozens of people and places nobody else does, and as the rarest
        # they took every query slot, so its look-up missed the reports of its own event.
        terms = sorted((t for t in terms if 1 < dfs.get(t, 0) <= n / 5),
                       key=lambda t: (dfs.get(t, 0), t))
        # The scan costs one row per posting: stop adding (ever commoner) terms once the rarest
        # have POSTINGS rows between them, so the cost stays flat as the library grows.
        kept, rows = [], 0
        for t in terms[:QUERY_TERMS]:
            rows += dfs.get(t, 0)
            if rows > POSTINGS and len(kept) >= MIN_TERMS:
                break
            kept.append(t)
        terms = kept
    if not terms:
        return []
    if idf is not None and idf.memo is not None:
        return _ranked(conn, sig, terms, limit, idf, idf.memo, far)
    if idf is None:
        head = "WITH q(term, w) AS (VALUES " + ",".join(["(?,1.0)"] * len(terms)) + ") "
        params: list = list(terms)
    else:
        head = "WITH q(term, w) AS (VALUES " + ",".join(["(?,?)"] * len(terms)) + ") "
        params = [x for t in terms for x in (t, idf(t))]
    # Count shared terms on the postings alone (an index-only scan), and look up dates only for
    # articles sharing two or more: joining every posting row to its article cost most of the
    # time once the library held thousands of articles.
    sql = (head + ", hits AS (SELECT p.article_id AS id, COUNT(*) AS c, SUM(q.w) AS s FROM q "
           "JOIN story_postings p ON p.term = q.term WHERE p.article_id != ? "
           "GROUP BY p.article_id HAVING COUNT(*) >= 2) "
           "SELECT h.id FROM hits h JOIN story_articles a ON a.article_id = h.id")
    params.append(sig.id)
    if sig.published:
        lo = (sig.published - dt.timedelta(days=MAX_WINDOW)).isoformat()
        hi = (sig.published + dt.timedelta(days=MAX_WINDOW)).isoformat()
        sql += " WHERE (a.published IS NULL OR a.published BETWEEN ? AND ?)"
        params += [lo, hi]
    sql += " ORDER BY h.s DESC, h.c DESC, h.id LIMIT ?"
    return [r[0] for r in conn.execute(sql, [*params, limit])]


def _ranked(conn: sqlite3.Connection, sig: Signature, terms: list[str], limit: int, idf: Idf,
            memo: Memo, far: int = 0) -> list[str]:
    """``candidates`` from the memo's posting lists (the writer's path: SQL's GROUP BY over
    thousands of posting rows cost more per article than everything else together), counted
    with numpy over article ordinals."""
    post = memo.posting_lists(conn, terms)
    lists = [post[t] for t in terms]
    sizes = [len(x) for x in lists]
    if not sum(sizes):
        return []
    docs = np.concatenate([x.array() for x in lists])
    weights = np.repeat(np.array([idf(t) for t in terms]), sizes)
    uniq, inverse = np.unique(docs, return_inverse=True)
    count = np.bincount(inverse, minlength=len(uniq))
    score = np.bincount(inverse, weights=weights, minlength=len(uniq))
    own = memo.ordinals.get(sig.id)
    keep = count >= 2
    if own is not None:
        keep &= uniq != own
    hits, count, score = uniq[keep], count[keep], score[keep]
    pub = memo.dates(conn, hits)          # (ids no longer in story_articles drop out here)
    keep = pub != ABSENT
    if sig.published:
        day = sig.published.toordinal()
        span = FAR_WINDOW if far else MAX_WINDOW
        keep &= (pub == UNDATED) | ((pub >= day - span) & (pub <= day + span))
    hits, count, score, pub = hits[keep], count[keep], score[keep], pub[keep]
    if not (sig.published and far):
        return _best(hits, count, score, limit, memo.ids)
    # Within the window the best ``limit``; beyond it, separately, the best ``far``: a story
    # that comes back months later competes with the recent ones for no place.
    near = (pub == UNDATED) | (np.abs(pub - day) <= MAX_WINDOW)
    later = ~near & (np.abs(pub - day) <= FAR_WINDOW)
    return (_best(hits[near], count[near], score[near], limit, memo.ids)
            + _best(hits[later], count[later], score[later], far, memo.ids))


def _best(hits, count, score, limit: int, ids: list[str]) -> list[str]:
    """The ``limit`` best hits by summed IDF, then shared terms, then id."""
    if not limit or not len(hits):
        return []
    # Rounded: the sums' last bits depend on the order terms were added in.
    score = np.round(score, 9)
    order = np.lexsort((-count, -score))
    if len(order) > limit:            # ids decide only among ties at the cut
        last = order[limit - 1]
        cut = limit
        while cut < len(order) and score[order[cut]] == score[last] and count[order[cut]] == count[last]:
            cut += 1
        order = order[:cut]
    ranked = sorted((-score[i], -count[i], ids[hits[i]]) for i in order.tolist())
    return [aid for _, _, aid in ranked[:limit]]
