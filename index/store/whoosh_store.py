"""The Store: the library's Whoosh index behind a small API (docs/architecture.md).

Thread contract: one writer at a time (callers hold ``library.writing()``; a process-local lock
also serializes writes). Any thread may read or search: each thread gets its own searcher, which
is refreshed when the index has a newer generation (after our own commits or another process's).
Every write is one Whoosh commit, and a Whoosh commit is atomic (the new TOC is written last), so
a crash or kill mid-import leaves the index as of the last committed batch.
"""
from __future__ import annotations

import json
import logging
import math
import threading
import weakref
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
from whoosh.index import LockError
from whoosh.query import Term

from index.errors import LibraryError, LibraryInUse
from index.model import Article, SearchRequest, SearchResult
from index.store.search import engine
from index.store.search.columns import ColumnCache
from index.store.search.query import make_parser
from index.store.codec import open_index
from index.store.codec.files import MediawatchSegmentReader
from index.store.bigrams import PairIndex, doc_keys
from index.store.schema import build_schema, from_stored, to_document

log = logging.getLogger(__name__)

WRITE_LOCK_TIMEOUT = 5.0
WRITER_MB = 384              # Whoosh's posting pool before it spills to disk
MERGE_FACTOR = 10            # segments of one size tier merged together (tiered merging)
MERGE_FLOOR = 1000           # segments below this many documents are all one tier
MERGE_DELETED = 0.3          # a segment with this share of deleted documents is rewritten
MERGE_MAX_TIER = 1           # segments of this tier (~3,000-30,000 documents) are never merged:
                             # a merge runs inside a commit, and merging 100,000 articles would
                             # stall an import for many minutes
COLUMN_CACHE = "columns"     # subfolder of the index: facet columns per segment (a cache)
PAIRS = "pairs"              # subfolder of the index: adjacent word pairs per segment


def tiered_merge(writer, segments):
    """Whoosh merge policy: merge ``MERGE_FACTOR`` segments of the same size tier.

    Whoosh's MERGE_SMALL rewrites small segments at almost every commit; its merges are pure
    Python and cost more than writing the documents did (measured: 40% of an import of 3,000
    articles). Here ten small segments (under ~3,000 documents) merge into one, so a document
    is rewritten about once, and segments of ~10,000 are kept as they are (Lucene's tiered
    policy caps merged segments the same way): a 100,000-article library has ~10-20 segments,
    which searches handle per segment with numpy (see index/store/search)."""
    def tier(seg) -> int:
        # Rounded, so that ten merged segments of the floor size (less a few duplicates or
        # deletions) land in the next tier instead of being merged again with the next ten.
        n = max(seg.doc_count(), 1)
        return max(0, round(math.log(n / MERGE_FLOOR, MERGE_FACTOR)))

    tiers: dict[int, list] = {}
    for seg in segments:
        tiers.setdefault(tier(seg), []).append(seg)
    merge = []
    for k, segs in tiers.items():
        if k < MERGE_MAX_TIER and len(segs) >= MERGE_FACTOR:
            merge.extend(segs)
    merge.extend(seg for seg in segments if seg not in merge and seg.doc_count_all()
                 and seg.deleted_count() / seg.doc_count_all() >= MERGE_DELETED)
    for seg in merge:
        reader = MediawatchSegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [seg for seg in segments if seg not in merge]


def merge_all(writer, segments):
    """Whoosh's OPTIMIZE merge policy, reading the segments through our readers."""
    for seg in segments:
        reader = MediawatchSegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return []


def prepared_pairs(article: Article) -> np.ndarray:
    """The article's word-pair keys: hashed by the extraction worker when it ran there."""
    keys = getattr(article, "pair_keys", None)
    prepared = getattr(article, "analyzed", None)
    if keys is None or prepared is None or prepared[0] != (article.title, article.body):
        return doc_keys(article.title, article.body)
    return keys


class Store:
    def __init__(self, folder: Path, ix):
        self.folder = folder
        self._ix = ix
        self._local = threading.local()
        self._searchers: "weakref.WeakSet" = weakref.WeakSet()
        self._write_lock = threading.Lock()
        self._columns = ColumnCache(folder / COLUMN_CACHE)
        self._pairs = self._columns.pairs = PairIndex(folder / PAIRS)
        self._closed = False

    # ------------------------------------------------------------------ open / close
    @classmethod
    def open(cls, folder: Path, create: bool = True) -> "Store":
        folder = Path(folder)
        schema = build_schema()
        try:
            ix = open_index(folder, schema, create)
        except LibraryError:
            raise
        except Exception as e:          # unreadable TOC, unpicklable schema, permissions
            raise LibraryError(f"The search index in {folder} cannot be opened ({e}).") from e
        if ix is None:
            raise LibraryError(f"There is no search index in {folder}.")
        return cls(folder, ix)

    def close(self) -> None:
        self._closed = True
        for s in list(self._searchers):
            try:
                s.close()
            except Exception:
                pass
        self._local = threading.local()
        self._ix.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ------------------------------------------------------------------ reading
    def searcher(self):
        """This thread's searcher, refreshed if the index changed since it was opened."""
        s = getattr(self._local, "searcher", None)
        if s is None:
            s = self._ix.searcher()
            self._searchers.add(s)
        elif not s.up_to_date():
            # Not s.refresh(): it reuses segment readers by segment id, and a deletion-only
            # commit keeps the segment id, so the reused reader would still see deleted docs.
            s.close()
            s = self._ix.searcher()
            self._searchers.add(s)
        self._local.searcher = s
        return s

    def count(self) -> int:
        return self.searcher().doc_count()

    def _docnum(self, searcher, article_id: str) -> int | None:
        return searcher.document_number(id=article_id)

    def existing(self, ids: Iterable[str]) -> set[str]:
        s = self.searcher()
        return {i for i in ids if self._docnum(s, i) is not None}

    def get(self, article_id: str) -> Article | None:
        s = self.searcher()
        n = self._docnum(s, article_id)
        return None if n is None else from_stored(s.stored_fields(n))

    def get_many(self, ids: Iterable[str]) -> list[Article]:
        """The articles that exist, in the order asked."""
        s = self.searcher()
        out = []
        for i in ids:
            n = self._docnum(s, i)
            if n is not None:
                out.append(from_stored(s.stored_fields(n)))
        return out

    def iter_articles(self) -> Iterator[Article]:
        s = self.searcher()
        for _, fields in s.reader().iter_docs():
            yield Article.from_json(json.loads(fields["doc"]))

    # ------------------------------------------------------------------ search
    def search(self, request: SearchRequest) -> SearchResult:
        """Raises model.QueryError for a malformed query."""
        s = self.searcher()
        return engine.execute(s, self._parser(), self._columns, request)

    def scan(self, request: SearchRequest):
        """Every hit of ``request`` in result order, read in pages (``index.store.search.stream.Scan``:
        ``.total``, ``.pages(n)``, ``.close()``); for exports. It has its own searcher, so it
        reads one state of the library from start to end. Raises QueryError."""
        from index.store.search.stream import Scan
        s = self._ix.searcher()
        self._searchers.add(s)
        try:
            return Scan(s, self._parser(), self._columns, request)
        except BaseException:
            s.close()
            raise

    def match_ids(self, request: SearchRequest, ids: Iterable[str]) -> set[str]:
        """Which of these ids match the request's query, filters and date range.

        Called by watch alerts once per saved search for the same new batch, so the id lookups
        are cached for the batch and the query is evaluated only on the segments holding these
        documents (a fresh commit: its own small segment), never on the whole library.
        """
        from index.store.search.masks import Memo, query_mask
        from index.store.search.query import parse
        s = self.searcher()
        ids = list(ids)
        cached = getattr(self._local, "batch", None)
        if cached is None or cached[0] is not s or cached[1] != ids:
            cached = self._local.batch = (s, ids, self._newest_docnums(s, ids))
        nums = cached[2]
        if not nums:
            return set()
        q = parse(request.query, self._parser())
        cols = self._columns.columns(s.reader())
        order = sorted(nums, key=nums.get)
        docs = np.array([nums[i] for i in order], dtype=np.int64)
        keep = cols.live[docs].copy()
        if q is not None:
            for sub, base in s.leaf_searchers():
                lo, hi = np.searchsorted(docs, [base, base + sub.doc_count_all()])
                if lo < hi:
                    local = query_mask(q, sub, cols.live[base:base + sub.doc_count_all()],
                                   Memo(pairs=self._pairs))
                    keep[lo:hi] &= local[docs[lo:hi] - base]
        for m in engine.fc.selection_masks(cols, self._columns.dictionaries, request).values():
            keep &= m[docs]
        rng = engine.fc.range_mask(cols, request)
        if rng is not None:
            keep &= rng[docs]
        return {order[k] for k in np.flatnonzero(keep)}

    @staticmethod
    def _newest_docnums(searcher, ids: list[str]) -> dict[str, int]:
        """Global docnums of live documents, looking in the newest segments first: a batch just
        committed sits there, so each id costs one lookup instead of one per segment."""
        from whoosh.reading import TermNotFound
        leaves = list(searcher.leaf_searchers())[::-1]
        out: dict[str, int] = {}
        for i in ids:
            for sub, base in leaves:
                try:
                    out[i] = base + sub.reader().first_id("id", i)   # deleted docs are skipped
                    break
                except (KeyError, TermNotFound):
                    continue
        return out

    def _parser(self):
        p = getattr(self._local, "parser", None)
        if p is None:
            p = self._local.parser = make_parser(self._ix.schema)
        return p

    # ------------------------------------------------------------------ writing
    def _writer(self):
        try:
            # limitmb: the posting pool of a merge of 10,000 articles stays in memory instead of
            # being pickled to temporary files and read back (8% of an import's time).
            return self._ix.writer(timeout=WRITE_LOCK_TIMEOUT, limitmb=WRITER_MB)
        except LockError as e:
            raise LibraryInUse("The library is being changed by another program; try again "
                               "when it has finished.") from e

    def add(self, articles: Iterable[Article]) -> int:
        """Add new articles in one commit; returns how many were added."""
        return self._commit_documents(articles, "add_document")

    def replace(self, articles: Iterable[Article]) -> int:
        """Update (or add) articles by id in one commit."""
        return self._commit_documents(articles, "update_document")

    def _commit_documents(self, articles: Iterable[Article], method: str) -> int:
        articles = list(articles)
        if not articles:
            return 0
        with self._write_lock:
            fresh = {a.id: prepared_pairs(a) for a in articles}
            w = self._writer()
            try:
                write = getattr(w, method)
                for a in articles:
                    write(**to_document(a))
            except BaseException:
                w.cancel()
                raise
            w.commit(mergetype=tiered_merge)
            self._after_commit(fresh)
        return len(articles)

    def _after_commit(self, fresh: dict | None = None) -> None:
        """Word pairs for new and merged segments, written right away so that the first
        phrase search after an import does not build them (bigrams.py)."""
        try:
            self._pairs.refresh(self.searcher().reader(), fresh)
        except Exception:   # a cache: searches rebuild what is missing
            log.warning("could not update the word pairs", exc_info=True)

    def delete(self, ids: Iterable[str]) -> int:
        ids = list(ids)
        if not ids:
            return 0
        with self._write_lock:
            w = self._writer()
            n = 0
            try:
                for i in ids:
                    n += w.delete_by_term("id", i) or 0
            except BaseException:
                w.cancel()
                raise
            w.commit(mergetype=tiered_merge)
            self._after_commit()
        return n

    def optimize(self) -> None:
        """Merge all segments into one (faster searches after a big import)."""
        with self._write_lock:
            w = self._writer()
            w.commit(mergetype=merge_all)
            self._after_commit()
