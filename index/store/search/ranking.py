"""Relevance ranking with BM25 computed on arrays.

Whoosh's collector scores every matching document through Python matcher calls (hundreds of
milliseconds for tens of thousands of hits). Here each positive term of the query contributes
BM25 over its whole posting list at once (ids and term frequencies decoded per block, field
lengths read once per segment from Whoosh's length columns), and the top of the hit set is
taken with argpartition. Phrase words score as their terms; wildcard/fuzzy expansions score as
terms too (capped). Excluded (NOT) parts never contribute.
"""
from __future__ import annotations

import math
import threading

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.query.wrappers import WrappingQuery
from whoosh.util.numeric import byte_to_length

from index.store.search.masks import Memo

K1, B = 1.2, 0.75
MAX_EXPANSIONS = 50
_BYTE_TO_LENGTH = np.array([byte_to_length(i) for i in range(256)], dtype=np.float32)
_lengths: dict[tuple[str, str], np.ndarray] = {}
_lock = threading.Lock()


def positive_terms(q) -> list[tuple[str, object, float]]:
    """(field, text or MultiTerm query, boost) for every term that can make a document match."""
    out: list[tuple[str, object, float]] = []

    def walk(node, boost: float) -> None:
        if isinstance(node, wq.Not):
            return
        if isinstance(node, wq.AndNot):
            walk(node.a, boost)
            return
        if isinstance(node, wq.Term):
            out.append((node.fieldname, node.text, boost * node.boost))
        elif isinstance(node, wq.Phrase):
            out.extend((node.fieldname, w, boost * node.boost) for w in node.words)
        elif isinstance(node, wq.MultiTerm) and not isinstance(node, wq.NumericRange):
            out.append((node.fieldname, node, boost * node.boost))
        elif isinstance(node, WrappingQuery):
            walk(node.child, boost)
        else:
            for child in node.children():
                walk(child, boost * getattr(node, "boost", 1.0))

    walk(q, 1.0)
    return out


def _field_lengths(reader, fieldname: str) -> np.ndarray:
    """Per-document length of a field in one segment (cached by segment id; never changes)."""
    key = (reader.segment().segment_id(), fieldname)
    arr = _lengths.get(key)
    if arr is None:
        n = reader.doc_count_all()
        col = reader._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        raw = np.zeros(n, dtype=np.uint8)
        if col is not None and col._count:
            raw[:col._count] = np.frombuffer(col._dbfile.get(col._basepos, col._count), dtype=np.uint8)
        arr = _BYTE_TO_LENGTH[raw]
        with _lock:
            if len(_lengths) > 4096:
                _lengths.clear()
            _lengths[key] = arr
    return arr


def scores(q, searcher, ndocs: int, memo: Memo | None = None) -> np.ndarray:
    out = np.zeros(ndocs, dtype=np.float32)
    memo = Memo() if memo is None else memo
    total_docs = max(1, searcher.doc_count_all())
    leaves = [(r, base) for r, base in searcher.reader().leaf_readers() if r.segment() is not None]
    fboosts = {name: getattr(f, "field_boost", 1.0) for name, f in searcher.schema.items()}
    for fieldname, text, boost in positive_terms(q):
        if fieldname not in searcher.schema:
            continue
        avg = searcher.avg_field_length(fieldname, 1.0) or 1.0
        if isinstance(text, wq.Query):
            texts = []
            for r, _ in leaves:
                texts += [t for t in text._btexts(r)][:MAX_EXPANSIONS]
            texts = list(dict.fromkeys(texts))[:MAX_EXPANSIONS]
        else:
            texts = [text]
        for t in texts:
            df = searcher.doc_frequency(fieldname, t)
            if not df:
                continue
            idf = math.log(1 + (total_docs - df + 0.5) / (df + 0.5))
            weight = idf * boost * fboosts.get(fieldname, 1.0)
            for r, base in leaves:
                if (fieldname, t) not in r:
                    continue
                ids, tf = memo.get_postings(r, fieldname, t)
                dl = _field_lengths(r, fieldname)[ids]
                out[ids + base] += weight * tf * (K1 + 1) / (tf + K1 * (1 - B + B * dl / avg))
    return out


def top(q, searcher, final: np.ndarray, lo: int, hi: int, memo: Memo | None = None) -> list[tuple[int, float]]:
    """(docnum, score) of ranks lo..hi among the documents in ``final``; ties by docnum."""
    docs = np.flatnonzero(final)
    if len(docs) == 0 or hi <= lo:
        return []
    s = scores(q, searcher, len(final), memo)[docs]
    if hi < len(docs):
        keep = np.argpartition(-s, hi - 1)[:hi]
        docs, s = docs[keep], s[keep]
    order = np.lexsort((docs, -s))[lo:hi]
    return [(int(docs[i]), float(s[i])) for i in order]
