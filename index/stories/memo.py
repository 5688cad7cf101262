"""What grouping keeps in memory between batches of one library: signatures and document counts.

An import places thousands of articles in batches; each article is scored against a few dozen
earlier ones, mostly the same few hundred recent signatures again and again. Decoding their JSON
from SQLite for every new article cost more than the scoring itself, so decoded signatures are
kept in an LRU keyed by article id: a signature never changes for an id (the id is the content
hash), so entries are never invalidated, only evicted. The document frequencies (``story_df``)
are mirrored too, for the terms seen so far; the mirror is dropped whenever the stored document
count differs from the one it was built for (a rolled-back batch, another writer).

Memos are keyed by the database file, so every connection of a library (one per thread) shares
one. An in-memory database gets a fresh memo per call: it has no name to key it by.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections import OrderedDict
from typing import Iterable

import numpy as np

from .signature import Signature

UNKNOWN = np.iinfo(np.int32).min       # date ordinal not looked up yet
UNDATED = np.iinfo(np.int32).min + 1   # looked up: no publication date
ABSENT = np.iinfo(np.int32).min + 2    # looked up: not in story_articles

# A decoded signature with its scoring sets takes ~27 KB (measured): 3,000 is ~80 MB. Candidates
# come from a +-30-day window, so an import in date order finds nearly all of them here; the rest
# are decoded from SQLite as before.
MAX_SIGNATURES = 3_000
_LOCK = threading.Lock()
_MEMOS: dict[str, "Memo"] = {}


class Postings:
    """A growing int32 array of article ordinals (amortized appends, a view to read)."""
    __slots__ = ("_data", "_n")

    def __init__(self, ordinals: list[int]):
        self._data = np.array(ordinals, dtype=np.int32) if ordinals else np.zeros(4, np.int32)
        self._n = len(ordinals)

    def append(self, o: int) -> None:
        if self._n == len(self._data):
            grown = np.zeros(max(4, 2 * self._n), np.int32)
            grown[:self._n] = self._data
            self._data = grown
        self._data[self._n] = o
        self._n += 1

    def __len__(self) -> int:
        return self._n

    def array(self) -> np.ndarray:
        return self._data[:self._n]


class Memo:
    def __init__(self) -> None:
        self.sigs: OrderedDict[str, Signature] = OrderedDict()
        self.df: dict[str, int] = {}
        # Article ids as small integers (ordinals), so that the candidate look-up counts shared
        # terms with numpy instead of a dict update per posting.
        self.ids: list[str] = []
        self.ordinals: dict[str, int] = {}
        self.postings: dict[str, Postings] = {}       # index term -> article ordinals (terms asked)
        self.published = np.full(1024, UNKNOWN, dtype=np.int32)   # ordinal -> date ordinal
        self.unwritten: dict[str, list[int]] = {}     # postings of this batch not yet in SQLite
        self.docs: int | None = None    # story_meta 'docs' the df mirror agrees with
        # ``lock`` serialises batches (the df mirror follows one writer); ``sig_lock`` guards
        # only the LRU, so a GUI "other coverage" read is not held up for a whole batch.
        self.lock = threading.Lock()
        self.sig_lock = threading.Lock()

    def sync(self, docs: int) -> None:
        """Drop the mirrors (df, postings, dates) unless they were built for exactly this stored
        document count: a rolled-back batch or another writer leaves them behind the database."""
        if self.docs != docs:
            self.df.clear()
            self.postings.clear()
            self.unwritten.clear()
            self.published[:] = UNKNOWN
            self.docs = docs

    def ordinal(self, article_id: str) -> int:
        o = self.ordinals.get(article_id)
        if o is None:
            o = self.ordinals[article_id] = len(self.ids)
            self.ids.append(article_id)
            if o >= len(self.published):
                grown = np.full(2 * len(self.published), UNKNOWN, dtype=np.int32)
                grown[:len(self.published)] = self.published
                self.published = grown
        return o

    def posted(self, article_id: str, published: int | None, terms: Iterable[str]) -> None:
        """The caller will insert these postings (at the end of its batch): keep the mirrored
        lists in step, and remember the rest until then (``unwritten``)."""
        o = self.ordinal(article_id)
        self.published[o] = UNDATED if published is None else published
        for t in terms:
            lst = self.postings.get(t)
            if lst is not None:
                lst.append(o)
            else:
                self.unwritten.setdefault(t, []).append(o)

    def written(self) -> None:
        """The caller inserted the batch's postings (or rolled it back)."""
        self.unwritten.clear()

    def posting_lists(self, conn: sqlite3.Connection, terms: list[str]) -> dict[str, "Postings"]:
        """Article ordinals per term (``Postings.array()``)."""
        post = self.postings
        missing = [t for t in terms if t not in post]
        ordinal = self.ordinal
        for i in range(0, len(missing), 500):
            chunk = missing[i:i + 500]
            found: dict[str, list[int]] = {t: [] for t in chunk}
            for t, aid in conn.execute(
                    f"SELECT term, article_id FROM story_postings WHERE term IN "
                    f"({','.join('?' * len(chunk))})", chunk):
                found[t].append(ordinal(aid))
            for t, ords in found.items():
                post[t] = Postings(ords + self.unwritten.pop(t, []))
        return post

    def dates(self, conn: sqlite3.Connection, ordinals: np.ndarray) -> np.ndarray:
        """Publication date ordinals of these article ordinals: UNDATED when they have none,
        ABSENT when they are not in story_articles (any more)."""
        pub = self.published
        missing = ordinals[pub[ordinals] == UNKNOWN]
        if len(missing):
            ids = [self.ids[o] for o in missing.tolist()]
            pub[missing] = ABSENT
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                for aid, d in conn.execute(
                        f"SELECT article_id, published FROM story_articles WHERE article_id IN "
                        f"({','.join('?' * len(chunk))})", chunk):
                    pub[self.ordinals[aid]] = dt.date.fromisoformat(d).toordinal() if d else UNDATED
        return pub[ordinals]

    def dfs(self, conn: sqlite3.Connection, terms: Iterable[str]) -> dict[str, int]:
        df = self.df
        missing = [t for t in set(terms) if t not in df]
        for i in range(0, len(missing), 500):
            chunk = missing[i:i + 500]
            found = dict(conn.execute(
                f"SELECT term, df FROM story_df WHERE term IN ({','.join('?' * len(chunk))})", chunk))
            for t in chunk:
                df[t] = found.get(t, 0)
        return df

    def put(self, sig: Signature) -> None:
        sig.all_terms = []    # counted in story_df already; the bulk of a fresh signature
        with self.sig_lock:
            self._put(sig)

    def _put(self, sig: Signature) -> None:
        self.sigs[sig.id] = sig
        if len(self.sigs) > MAX_SIGNATURES:
            self.sigs.popitem(last=False)

    def signatures(self, conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Signature]:
        """Decoded signatures of ``ids`` (those in story_articles), in the order asked."""
        ids = list(ids)
        sigs = self.sigs
        out: dict[str, Signature] = {}
        missing = []
        with self.sig_lock:
            for aid in ids:
                s = sigs.get(aid)
                if s is None:
                    missing.append(aid)
                else:
                    sigs.move_to_end(aid)
                    out[aid] = s
        for i in range(0, len(missing), 500):
            chunk = missing[i:i + 500]
            for aid, raw in conn.execute(
                    f"SELECT article_id, sig FROM story_articles WHERE article_id IN "
                    f"({','.join('?' * len(chunk))})", chunk):
                out[aid] = s = Signature.from_json(aid, json.loads(raw))
                self.put(s)   # (decoded outside the lock; a race only decodes one twice)
        # The caller's order (best candidate first) decides ties later on.
        return {aid: out[aid] for aid in ids if aid in out}


def memo_for(conn: sqlite3.Connection) -> Memo:
    path = next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    if not path:
        return Memo()
    with _LOCK:
        m = _MEMOS.get(path)
        if m is None:
            m = _MEMOS[path] = Memo()
        return m


def forget(path: str) -> None:
    """Drop the memo of a database file (a library deleted or replaced on disk)."""
    with _LOCK:
        _MEMOS.pop(str(path), None)
