"""Adjacent word pairs per segment: what answers exact phrases (see index/store/search/phrases.py).

Whoosh's way, a ``pairs`` field with one term per pair of adjacent words, made pairs 70% of the
terms a commit writes and of what segment merges rewrite: about half of all indexing time. So
pairs live beside the index instead, one small set of arrays per segment, in ``pairs/``:

    <segment id>.keys.npy   uint64, sorted: a 64-bit hash of each (word, next word)
    <segment id>.docs.npy   uint32: the segment-local document of each key
    <segment id>.ids.json   the article id of each local document (to carry pairs over merges)

A phrase "a b" is two binary searches per segment on memory-mapped arrays. Words are the
``exact`` field's: ``WORD_PATTERN`` tokens, lower-cased, title and body as one text.

Where the arrays come from, cheapest first: pairs the extraction worker hashed for the articles
of a commit; the files of segments that a merge just rewrote (remapped by article id); the
stored text (any segment without files: a library from an older version, a crash between the
commit and the files, another process's commit). So the files are a cache: deleting them costs
time, never results.

Thread contract: one PairIndex per Store; lookups from any thread; building is serialized.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
from pathlib import Path

import numpy as np

from index.store.analyzers import WORD_PATTERN

log = logging.getLogger(__name__)

_WORD = re.compile(WORD_PATTERN.replace("(\\.?", "(?:\\.?"))   # no capture group: findall words
_MULT = 0x9E3779B97F4A7C15
_MASK = (1 << 64) - 1
_token_hashes: dict[str, int] = {}


def words(title: str | None, body: str | None) -> list[str]:
    """The ``exact`` field's tokens of an article, in order."""
    return [w.lower() for w in _WORD.findall(f"{title or ''}\n{body or ''}")]


def _token_hash(word: str) -> int:
    h = _token_hashes.get(word)
    if h is None:
        if len(_token_hashes) > 1_000_000:        # bounded: a long import sees many words
            _token_hashes.clear()
        h = _token_hashes[word] = int.from_bytes(
            hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")
    return h


def pair_key(a: str, b: str) -> int:
    """The key of two adjacent (already lower-case) words; equals ``doc_keys``' arithmetic."""
    return (_token_hash(a) * _MULT + _token_hash(b)) & _MASK


def doc_keys(title: str | None, body: str | None) -> np.ndarray:
    """The sorted, distinct pair keys of one article."""
    return keys_of(words(title, body))


def keys_of(toks: list[str]) -> np.ndarray:
    """The sorted, distinct pair keys of an article's ``words``."""
    if len(toks) < 2:
        return np.zeros(0, np.uint64)
    h = np.fromiter((_token_hash(t) for t in toks), dtype=np.uint64, count=len(toks))
    with np.errstate(over="ignore"):
        keys = h[:-1] * np.uint64(_MULT) + h[1:]     # wraps modulo 2**64, like pair_key
    return np.unique(keys)


class PairIndex:
    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder else None
        self._segments: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ reading
    def lookup(self, reader, a: str, b: str) -> np.ndarray:
        """Segment-local docnums holding the words ``a b`` next to each other (deleted ones
        included: callers apply the live mask)."""
        keys, docs = self._arrays(reader)
        k = np.uint64(pair_key(a, b))
        lo = np.searchsorted(keys, k, side="left")
        hi = np.searchsorted(keys, k, side="right")
        return np.asarray(docs[lo:hi], dtype=np.int64)

    def _arrays(self, reader) -> tuple[np.ndarray, np.ndarray]:
        segid = reader.segment().segment_id()
        got = self._segments.get(segid)
        if got is None:
            with self._lock:
                got = self._segments.get(segid)
                if got is None:
                    got = self._load(segid)
                    if got is None:
                        keys, docs, ids = _build(reader, {}, {})
                        self._save(segid, keys, docs, ids)
                        got = (keys, docs)
                    self._segments[segid] = got
        return got

    def _paths(self, segid: str) -> tuple[Path, Path, Path]:
        return (self.folder / f"{segid}.keys.npy", self.folder / f"{segid}.docs.npy",
                self.folder / f"{segid}.ids.json")

    def _load(self, segid: str):
        if self.folder is None:
            return None
        kp, dp, ip = self._paths(segid)
        if not ip.exists():              # written last: its presence means the set is complete
            return None
        try:
            return np.load(kp, mmap_mode="r"), np.load(dp, mmap_mode="r")
        except (OSError, ValueError, EOFError) as e:     # EOFError: an empty file (a crash)
            log.warning("word pairs of segment %s unreadable (%s); rebuilding them", segid, e)
            return None

    def _load_ids(self, segid: str) -> list[str] | None:
        try:
            return json.loads(self._paths(segid)[2].read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _save(self, segid: str, keys: np.ndarray, docs: np.ndarray, ids: list[str]) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tag = f"{os.getpid()}.{threading.get_ident()}.tmp"
            for path, arr in zip(self._paths(segid)[:2], (keys, docs)):
                tmp = path.with_name(f"{path.name}.{tag}")
                with open(tmp, "wb") as f:
                    np.save(f, arr)
                os.replace(tmp, path)
            ip = self._paths(segid)[2]
            tmp = ip.with_name(f"{ip.name}.{tag}")
            tmp.write_text(json.dumps(ids), encoding="utf-8")
            os.replace(tmp, ip)
        except OSError as e:
            log.warning("cannot write the word pairs of segment %s: %s", segid, e)

    # ------------------------------------------------------------------ after a commit
    def refresh(self, ixreader, fresh: dict[str, np.ndarray] | None = None) -> None:
        """Give every segment of ``ixreader`` its pair files, and drop those of segments that
        are gone. ``fresh``: article id -> pair keys of the articles just committed."""
        if self.folder is None:
            return
        fresh = fresh or {}
        leaves = [r for r, _ in ixreader.leaf_readers() if r.segment() is not None]
        current = {r.segment().segment_id() for r in leaves}
        with self._lock:
            gone = self._files_not_in(current)
            missing = [r for r in leaves if not self._paths(r.segment().segment_id())[2].exists()]
            carried: dict[str, np.ndarray] | None = None
            for reader in missing:
                if carried is None:
                    carried = self._carry_over(gone) if gone else {}
                segid = reader.segment().segment_id()
                keys, docs, ids = _build(reader, fresh, carried)
                self._save(segid, keys, docs, ids)
                self._segments[segid] = (keys, docs)
            for segid in gone:
                self._segments.pop(segid, None)
                for p in self._paths(segid):
                    try:
                        p.unlink()
                    except OSError:
                        pass

    def _files_not_in(self, current: set[str]) -> list[str]:
        if not self.folder.is_dir():
            return []
        out = []
        for p in self.folder.glob("*.ids.json"):
            segid = p.name[:-len(".ids.json")]
            if segid not in current:
                out.append(segid)
        return out

    def _carry_over(self, segids: list[str]) -> dict[str, np.ndarray]:
        """article id -> pair keys, from the files of segments a merge rewrote."""
        out: dict[str, np.ndarray] = {}
        for segid in segids:
            ids = self._load_ids(segid)
            got = self._load(segid)
            if ids is None or got is None:
                continue
            keys, docs = np.asarray(got[0]), np.asarray(got[1])
            order = np.argsort(docs, kind="stable")
            keys, docs = keys[order], docs[order]
            bounds = np.searchsorted(docs, np.arange(len(ids) + 1))
            for d, article_id in enumerate(ids):
                out[article_id] = keys[bounds[d]:bounds[d + 1]]
        return out


def _segment_ids(reader) -> list[str]:
    """The article id of each local document of a segment (deleted ones included)."""
    ids = [""] * reader.doc_count_all()
    for term in reader.lexicon("id"):
        text = term.decode("utf-8") if isinstance(term, bytes) else term
        for d in reader.postings("id", term).all_ids():
            ids[d] = text
    return ids


def _stored_keys(reader, docnum: int) -> np.ndarray:
    doc = json.loads(reader.stored_fields(docnum)["doc"])
    return doc_keys(doc.get("title"), doc.get("body"))


def _build(reader, fresh: dict, carried: dict):
    ids = _segment_ids(reader)
    parts, owners = [], []
    for d, article_id in enumerate(ids):
        keys = fresh.get(article_id)
        if keys is None:
            keys = carried.get(article_id)
        if keys is None:
            keys = _stored_keys(reader, d) if article_id else np.zeros(0, np.uint64)
        parts.append(keys)
        owners.append(np.full(len(keys), d, dtype=np.uint32))
    return _sorted(parts, owners) + (ids,)


def _sorted(parts, owners) -> tuple[np.ndarray, np.ndarray]:
    if not parts:
        return np.zeros(0, np.uint64), np.zeros(0, np.uint32)
    keys = np.concatenate(parts).astype(np.uint64, copy=False)
    docs = np.concatenate(owners)
    order = np.argsort(keys, kind="stable")
    return keys[order], docs[order]
