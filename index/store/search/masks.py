"""The set of documents a Whoosh query matches, as a numpy bool mask over global docnums.

Whoosh's ``docs_for_query`` walks every posting through Python matcher objects, one method call
per document (~0.1 s for 50k hits, far more for OR-ed multi-field terms). Here boolean structure
is evaluated with array operations, and a term's postings are decoded a whole block at a time
(the W3 codec stores each block's ids as deltas: a cumulative sum recovers them). Queries with
positional logic (phrases, spans) fall back to Whoosh's matcher for exactly those nodes.
Deleted documents may appear in raw postings: callers AND the result with the live mask.
"""
from __future__ import annotations

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query.wrappers import WrappingQuery

from index.model import QueryError
from index.store.search.phrases import exact_phrase_mask, positional_mask

MAX_EXPANSIONS = 50000        # words a wildcard/fuzzy pattern may expand to per segment


def postings(m, with_weights: bool = False):
    """(ids, weights or None) of a fresh posting matcher, decoded block by block."""
    while isinstance(m, FilterMatcher):
        m = m.child
    if isinstance(m, W3LeafMatcher) and not m._byteids:
        ids, weights = [], []
        while not m._atend:
            if m._data is None:
                m._read_data()
            ids.append(np.cumsum(np.asarray(m._data[0], dtype=np.int64)))
            if with_weights:
                w = m._data[1]
                if w is None or isinstance(w, float):
                    weights.append(np.full(len(ids[-1]), 1.0 if w is None else w, dtype=np.float32))
                else:
                    weights.append(np.asarray(w, dtype=np.float32))
            if m._lastblock:
                break
            m._goto(m._nextoffset)
        if not ids:
            return np.zeros(0, np.int64), (np.zeros(0, np.float32) if with_weights else None)
        return np.concatenate(ids), (np.concatenate(weights) if with_weights else None)
    if not with_weights:
        return np.fromiter(m.all_ids(), dtype=np.int64), None
    ids, weights = [], []
    while m.is_active():            # inlined postings (rare terms): a handful of ids
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float32)


class Memo(dict):
    """Decoded postings for the span of one search: (segment id, field, text) -> (ids, tf).
    Matching fills it, ranking reuses it, so each posting list is decoded once per search.
    ``pairs``: the store's word-pair index (index/store/bigrams.py) for exact phrases."""

    def __init__(self, pairs=None):
        super().__init__()
        self.pairs = pairs

    def get_postings(self, reader, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
        key = (reader.segment().segment_id(), fieldname, text)
        hit = self.get(key)
        if hit is None:
            hit = self[key] = postings(reader.postings(fieldname, text), with_weights=True)
        return hit


def _term_mask(leaves, ndocs: int, fieldname: str, texts, memo: Memo) -> np.ndarray:
    mask = np.zeros(ndocs, dtype=bool)
    for reader, base in leaves:
        for text in texts(reader):
            if (fieldname, text) not in reader:
                continue
            ids = memo.get_postings(reader, fieldname, text)[0]
            if len(ids):
                mask[ids + base] = True
    return mask


def _pair_masker(leaves, ndocs: int, pairs):
    if pairs is None:
        return None

    def pair_mask(a: str, b: str) -> np.ndarray:
        mask = np.zeros(ndocs, dtype=bool)
        for reader, base in leaves:
            mask[pairs.lookup(reader, a, b) + base] = True
        return mask
    return pair_mask


def query_mask(q: wq.Query, searcher, live: np.ndarray, memo: Memo | None = None) -> np.ndarray:
    leaves = [(r, b) for r, b in searcher.reader().leaf_readers() if r.segment() is not None]
    n = len(live)
    memo = Memo() if memo is None else memo

    def ev(node) -> np.ndarray:
        if isinstance(node, wq.Term):
            text = node.text
            return _term_mask(leaves, n, node.fieldname, lambda r: [text], memo)
        if isinstance(node, wq.And):
            out = None
            negs = []
            for c in node.subqueries:
                if isinstance(c, wq.Not):
                    negs.append(c.query)
                    continue
                m = ev(c)
                out = m if out is None else out & m
            out = live.copy() if out is None else out
            for c in negs:
                out &= ~ev(c)
            return out
        if isinstance(node, (wq.Or, wq.DisjunctionMax)):
            out = np.zeros(n, dtype=bool)
            for c in node.subqueries:
                out |= live & ~ev(c.query) if isinstance(c, wq.Not) else ev(c)
            return out
        if isinstance(node, wq.AndNot):
            return ev(node.a) & ~ev(node.b)
        if isinstance(node, wq.AndMaybe):
            return ev(node.a)
        if isinstance(node, wq.Require):
            return ev(node.a) & ev(node.b)
        if isinstance(node, wq.Not):
            return live & ~ev(node.query)
        if isinstance(node, wq.Every):
            return live.copy()
        if node is wq.NullQuery or isinstance(node, type(wq.NullQuery)):
            return np.zeros(n, dtype=bool)
        if isinstance(node, WrappingQuery) and not isinstance(node, wq.Not):
            return ev(node.child)
        if isinstance(node, wq.Phrase):
            words = list(node.words)
            if len(words) == 1:
                return _term_mask(leaves, n, node.fieldname, lambda r: words, memo)
            if node.fieldname == "exact":
                return exact_phrase_mask(
                    words, node.slop, searcher,
                    lambda f, t: _term_mask(leaves, n, f, lambda r: [t], memo), live,
                    _pair_masker(leaves, n, memo.pairs))
            return positional_mask(node.fieldname, words, node.slop, leaves, n)
        if isinstance(node, wq.MultiTerm) and not isinstance(node, wq.NumericRange):
            def texts(reader, node=node):
                out = []
                for t in node._btexts(reader):
                    out.append(t)
                    if len(out) > MAX_EXPANSIONS:
                        raise QueryError(f'"{node.text}" matches too many different words; '
                                         "make the pattern more specific")
                return out
            return _term_mask(leaves, n, node.fieldname, texts, memo)
        return _fallback(node, searcher, n)

    return ev(q) & live


def _fallback(node, searcher, n: int) -> np.ndarray:
    """Whoosh's own matcher (phrases, numeric ranges, spans)."""
    mask = np.zeros(n, dtype=bool)
    for sub, base in searcher.leaf_searchers():
        m = node.matcher(sub, sub.boolean_context())
        if m.is_active():
            ids = np.fromiter(m.all_ids(), dtype=np.int64)
            if len(ids):
                mask[ids + base] = True
    return mask
