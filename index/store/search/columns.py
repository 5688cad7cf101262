"""Facet values and dates as integer columns, the way Lucene's doc values work.

Whoosh's own ``FieldFacet(allow_overlap=True)`` rebuilds every document's value list on every
search (~0.6 s at 100k articles). Here each *segment* is read once, from the inverted index of
the ``f_*`` display fields (term -> postings), into numpy arrays of (docnum, value ordinal)
pairs plus a day-number column. Segments never change except for deletions, so the arrays are
cached by segment id and a commit only costs reading its new segments; deletions are applied
with a live-document mask built per reader generation.

Thread contract: ColumnCache is shared by all search threads; building is serialized by a lock,
the resulting ``Columns`` objects are immutable and safe to read from any thread.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.store.search.masks import postings
from index.store.schema import FACET_FIELDS, day_number

NO_DATE = np.iinfo(np.int32).min
log = logging.getLogger(__name__)


class ValueDictionary:
    """Display value <-> global ordinal for one facet; grows only, shared by all segments."""

    def __init__(self):
        self.values: list[str] = []
        self.ords: dict[str, int] = {}
        self.by_lower: dict[str, list[int]] = {}

    def ord(self, value: str) -> int:
        o = self.ords.get(value)
        if o is None:
            o = self.ords[value] = len(self.values)
            self.values.append(value)
            self.by_lower.setdefault(value.lower(), []).append(o)
        return o

    def lookup(self, value: str) -> list[int]:
        """Ordinals for a user-given value: exact display value, else case-insensitive."""
        o = self.ords.get(value)
        if o is not None:
            return [o]
        return list(self.by_lower.get(value.strip().lower(), ()))


@dataclass
class SegmentColumns:
    ndocs: int
    pairs: dict[str, tuple[np.ndarray, np.ndarray]]   # facet -> (local docnums, value ordinals)
    days: np.ndarray                                   # int32 day number per doc, NO_DATE if none


@dataclass
class Columns:
    """All segments of one reader, in global docnums."""
    ndocs: int
    live: np.ndarray                                   # bool: not deleted
    pairs: dict[str, tuple[np.ndarray, np.ndarray]]   # facet -> (docnums, ordinals), sorted by ordinal
    starts: dict[str, np.ndarray]                      # facet -> first pair index of each ordinal
    days: np.ndarray
    has_date: np.ndarray

    def value_mask(self, facet: str, ords: list[int]) -> np.ndarray:
        """Documents holding any of the given value ordinals."""
        mask = np.zeros(self.ndocs, dtype=bool)
        docs, _ = self.pairs[facet]
        starts = self.starts[facet]
        for o in ords:
            if o + 1 < len(starts):
                mask[docs[starts[o]:starts[o + 1]]] = True
        return mask

    def count(self, facet: str, mask: np.ndarray, nvalues: int) -> np.ndarray:
        docs, vals = self.pairs[facet]
        return np.bincount(vals[mask[docs]], minlength=nvalues)


def _read_segment(reader) -> tuple[dict[str, tuple[np.ndarray, np.ndarray, list[str]]], np.ndarray]:
    """facet -> (local docnums, segment-local value ordinals, values), and the day column."""
    n = reader.doc_count_all()
    pairs = {}
    for facet, (_, display, _) in FACET_FIELDS.items():
        values, doc_parts, val_parts = [], [], []
        for term in reader.lexicon(display):
            ids = postings(reader.postings(display, term))[0].astype(np.int32)
            val_parts.append(np.full(len(ids), len(values), dtype=np.int32))
            values.append(term.decode("utf-8") if isinstance(term, bytes) else term)
            doc_parts.append(ids)
        docs = np.concatenate(doc_parts) if doc_parts else np.zeros(0, np.int32)
        vals = np.concatenate(val_parts) if val_parts else np.zeros(0, np.int32)
        pairs[facet] = (docs, vals, values)
    days = np.full(n, NO_DATE, dtype=np.int32)
    for term in reader.lexicon("f_date"):
        iso = term.decode("utf-8") if isinstance(term, bytes) else term
        days[postings(reader.postings("f_date", term))[0]] = day_number(dt.date.fromisoformat(iso))
    return pairs, days


def _load(path: Path):
    with np.load(path, allow_pickle=False) as z:
        values = json.loads(str(z["values"]))
        pairs = {f: (z[f"d_{f}"], z[f"v_{f}"], values[f]) for f in FACET_FIELDS}
        return pairs, z["days"]


def _save(path: Path, pairs, days) -> None:
    """Atomically (tmp + rename): another process may be reading the same cache."""
    arrays = {"days": days, "values": np.array(json.dumps({f: p[2] for f, p in pairs.items()}))}
    for f, (docs, vals, _) in pairs.items():
        arrays[f"d_{f}"], arrays[f"v_{f}"] = docs, vals
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp.npz")
    np.savez(tmp, **arrays)
    os.replace(tmp, path)


class ColumnCache:
    """Per-segment columns, kept in memory and (when ``folder`` is given) on disk as one .npz
    per segment, so reopening a large library does not re-read the facet postings."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder else None
        self.dictionaries = {facet: ValueDictionary() for facet in FACET_FIELDS}
        self._segments: dict[str, SegmentColumns] = {}
        self._views: dict[tuple, Columns] = {}
        self._lock = threading.Lock()
        self.pairs = None     # the store's PairIndex (index/store/bigrams.py), for phrases

    def columns(self, ixreader) -> Columns:
        # an empty index has a reader without segments
        leaves = [(r, base) for r, base in ixreader.leaf_readers() if r.segment() is not None]
        key = tuple((r.segment().segment_id(), r.segment().deleted_count()) for r, _ in leaves)
        view = self._views.get(key)
        if view is not None:
            return view
        with self._lock:
            view = self._views.get(key)
            if view is None:
                view = self._combine(leaves)
                self._views = {key: view}        # keep only the newest generation
        return view

    def _combine(self, leaves) -> Columns:
        segs = []
        wanted = set()
        for r, base in leaves:
            segid = r.segment().segment_id()
            wanted.add(segid)
            seg = self._segments.get(segid)
            if seg is None:
                seg = self._segments[segid] = self._segment(r, segid)
            segs.append((r, base, seg))
        for segid in list(self._segments):
            if segid not in wanted:            # merged away
                del self._segments[segid]
        self._prune_files(wanted)
        total = sum(seg.ndocs for _, _, seg in segs)
        live = np.ones(total, dtype=bool)
        for r, base, seg in segs:
            if r.segment().deleted_count():
                dead = np.fromiter(r.segment().deleted_docs(), dtype=np.int64)
                live[base + dead] = False
        days = (np.concatenate([seg.days for _, _, seg in segs]) if segs
                else np.zeros(0, np.int32))
        pairs, starts = {}, {}
        for facet in FACET_FIELDS:
            docs = [seg.pairs[facet][0].astype(np.int32) + base for _, base, seg in segs]
            vals = [seg.pairs[facet][1] for _, _, seg in segs]
            docs = np.concatenate(docs) if docs else np.zeros(0, np.int32)
            vals = np.concatenate(vals) if vals else np.zeros(0, np.int32)
            order = np.argsort(vals, kind="stable")
            docs, vals = docs[order], vals[order]
            nvalues = len(self.dictionaries[facet].values)
            starts[facet] = np.searchsorted(vals, np.arange(nvalues + 1), side="left")
            pairs[facet] = (docs, vals)
        return Columns(total, live, pairs, starts, days, days != NO_DATE)

    def _segment(self, reader, segid: str) -> SegmentColumns:
        path = self.folder / f"{segid}.npz" if self.folder else None
        loaded = None
        if path is not None and path.exists():
            try:
                loaded = _load(path)
            except Exception as e:          # a damaged cache file is rebuilt, never fatal
                log.warning("column cache %s unreadable (%s); rebuilding it", path, e)
        if loaded is None:
            loaded = _read_segment(reader)
            if path is not None:
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    _save(path, *loaded)
                except OSError as e:
                    log.warning("cannot write column cache %s: %s", path, e)
        pairs_local, days = loaded
        pairs = {}
        for facet, (docs, lvals, values) in pairs_local.items():
            d = self.dictionaries[facet]
            to_global = np.array([d.ord(v) for v in values], dtype=np.int32)
            pairs[facet] = (docs, to_global[lvals] if len(values) else lvals)
        return SegmentColumns(reader.doc_count_all(), pairs, days)

    def _prune_files(self, wanted: set[str]) -> None:
        if not self.folder or not self.folder.is_dir():
            return
        for f in self.folder.glob("*.npz"):
            if f.stem not in wanted and not f.name.endswith(".tmp.npz"):
                try:
                    f.unlink()
                except OSError:
                    pass
