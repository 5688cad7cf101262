"""Phrase matching without Whoosh's span machinery.

Whoosh checks phrases with SpanNear objects, several Python calls per candidate position
(~0.9 s for "the government" at 10k articles), and even decoding positions ourselves costs the
whole posting list of a common word. So the ``exact`` field keeps no positions; instead each
segment has the set of its adjacent word pairs (index/store/bigrams.py):
- "a b": one lookup of the pair, no verification needed;
- "a b c": AND of "a b" and "b c", then the few candidates are verified on their stored text;
- "a b"~N: AND of the words, verified on the stored text.
Fields with positions (``title``) use ``positional_mask``. Slop follows Whoosh: 1 means
adjacent; ~N lets each next word come up to N positions after the previous one.
"""
from __future__ import annotations

import json
import pickle
import re
from itertools import accumulate

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher

_INT_SIZE = 4
_WORD = re.compile(r"\w+(?:\.?\w+)*")     # analyzers.WORD_PATTERN without the capture group


def _ids_values(m) -> tuple[np.ndarray, list]:
    while isinstance(m, FilterMatcher):
        m = m.child
    ids, values = [], []
    if isinstance(m, W3LeafMatcher) and not m._byteids:
        while not m._atend:
            if m._data is None:
                m._read_data()
            ids.append(np.cumsum(np.asarray(m._data[0], dtype=np.int64)))
            m._read_values()
            values.extend(m._values)
            if m._lastblock:
                break
            m._goto(m._nextoffset)
        return (np.concatenate(ids) if ids else np.zeros(0, np.int64)), values
    while m.is_active():
        ids.append(m.id())
        values.append(m.value())
        m.next()
    return np.asarray(ids, dtype=np.int64), values


def _positions(value: bytes) -> list[int]:
    return list(accumulate(pickle.loads(value[_INT_SIZE:] + b".")))


def _in_sequence(tokens: list[str], words: list[str], slop: int) -> bool:
    where: dict[str, list[int]] = {}
    for i, t in enumerate(tokens):
        if t in words:
            where.setdefault(t, []).append(i)
    valid = set(where.get(words[0], ()))
    for w in words[1:]:
        nxt = where.get(w, ())
        valid = {q for q in nxt if any(q - d in valid for d in range(1, slop + 1))}
        if not valid:
            return False
    return bool(valid)


def exact_phrase_mask(words: list[str], slop: int, searcher, term_mask, live: np.ndarray,
                      pair_mask=None) -> np.ndarray:
    """``term_mask(field, text)`` gives one term's documents, ``pair_mask(a, b)`` the documents
    with ``a b`` adjacent (None: no pair index, the words' documents are verified instead)."""
    slop = max(1, slop)
    if slop == 1 and pair_mask is not None:
        mask = live.copy()
        for a, b in zip(words, words[1:]):
            mask &= pair_mask(a, b)
        if len(words) == 2:
            return mask
    else:
        mask = live.copy()
        for w in set(words):
            mask &= term_mask("exact", w)
    for doc in np.flatnonzero(mask).tolist():
        a = json.loads(searcher.stored_fields(doc)["doc"])
        tokens = _WORD.findall(f"{a.get('title') or ''}\n{a.get('body') or ''}".lower())
        if not _in_sequence(tokens, words, slop):
            mask[doc] = False
    return mask


def positional_mask(fieldname: str, words: list[str], slop: int, leaves, ndocs: int) -> np.ndarray:
    mask = np.zeros(ndocs, dtype=bool)
    slop = max(1, slop)
    for reader, base in leaves:
        if any((fieldname, w) not in reader for w in words):
            continue
        lists = [_ids_values(reader.postings(fieldname, w)) for w in words]
        cand = lists[0][0]
        for ids, _ in lists[1:]:
            cand = np.intersect1d(cand, ids, assume_unique=True)
        if len(cand) == 0:
            continue
        where = [np.searchsorted(ids, cand) for ids, _ in lists]
        for k, doc in enumerate(cand.tolist()):
            valid = set(_positions(lists[0][1][where[0][k]]))
            for j in range(1, len(words)):
                nxt = _positions(lists[j][1][where[j][k]])
                if slop == 1:
                    valid = {q for q in nxt if q - 1 in valid}
                else:
                    valid = {q for q in nxt if any(q - d in valid for d in range(1, slop + 1))}
                if not valid:
                    break
            if valid:
                mask[doc + base] = True
    return mask
