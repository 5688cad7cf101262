"""Per-outlet repeated lines, learned from the library.

Every outlet has its own furniture ("Follow us on Telegram", "Subscribe to Meduza in English",
a fixed disclaimer) that general rules miss. The importer calls ``observe`` for each new article;
the pipeline calls ``strip``, which removes short lines seen in at least ``MIN_ARTICLES``
distinct articles of the same outlet AND in at least ``MIN_SHARE`` of them. Lines are stored as
64-bit hashes of a normalized form (case, spacing and digits folded, so "© 2024" == "© 2025").

Threading: ``observe`` and ``strip`` may be called from any thread; SQLite access goes through
the State (a connection per thread) and the in-memory counts are guarded by a lock.
"""
from __future__ import annotations

import hashlib
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

MAX_LINE = 200        # longer lines are paragraphs: the article itself, never furniture
MIN_ARTICLES = 5
MIN_SHARE = 0.30
REFRESH_GROWTH = 0.10  # reload an outlet's counts when its article count grew by this share
REFRESH_SECONDS = 2.0  # ... or when this old: an extraction worker never observes, the importer does
MEMO = 4096            # stripped bodies remembered until the importer observes them

SCHEMA = """
CREATE TABLE IF NOT EXISTS learned_articles (
    outlet TEXT NOT NULL, fp INTEGER NOT NULL, PRIMARY KEY (outlet, fp)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS learned_lines (
    outlet TEXT NOT NULL, h INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (outlet, h)) WITHOUT ROWID;
"""
_SPACE = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")


def _norm(line: str) -> str:
    return _DIGIT.sub("0", _SPACE.sub(" ", line.strip().casefold()))


def _hash(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def _fingerprint(body: str) -> int:
    return _hash(_SPACE.sub(" ", body.strip().casefold()))   # digits kept: another article


def line_hashes(body: str) -> set[int]:
    return {_hash(n) for n in (_norm(ln) for ln in body.split("\n")) if n and len(n) < MAX_LINE}


@dataclass
class _Counts:
    articles: int = 0
    loaded_at: int = 0                              # article count when read from the database
    loaded_time: float = 0.0                        # time.monotonic() when read
    lines: dict[int, int] = field(default_factory=dict)   # only lines that may reach the threshold


class LearnedLines:
    def __init__(self, state):
        self.state = state
        state.ensure("learned_lines", SCHEMA)
        self._cache: dict[str, _Counts] = {}
        self._lock = threading.Lock()
        # The importer observes the body *after* strip(); without the stripped lines the counts
        # of furniture would stop growing and its share fall under the threshold. strip()
        # remembers what it removed from each body so observe() can count it anyway.
        self._stripped: OrderedDict[int, set[int]] = OrderedDict()

    # -- learning
    def observe(self, outlet: str | None, body: str) -> bool:
        """Record the short lines of one article of ``outlet``. The same article observed twice
        counts once. Returns True when the article was new."""
        return self.observe_many([(outlet, body)]) == 1

    def observe_many(self, articles: list[tuple[str | None, str]]) -> int:
        """``observe`` for many (outlet, body) in one transaction; returns how many were new."""
        todo = []
        for outlet, body in articles:
            if outlet and body.strip():
                fp = _fingerprint(body)
                hashes = line_hashes(body)
                with self._lock:
                    hashes |= self._stripped.pop(fp, set())
                todo.append((outlet, fp, hashes))
        if not todo:
            return 0
        new = []
        with self.state.tx() as c:
            for outlet, fp, hashes in todo:
                if c.execute("INSERT OR IGNORE INTO learned_articles(outlet, fp) VALUES (?, ?)",
                             (outlet, fp)).rowcount == 0:
                    continue
                new.append((outlet, hashes))
                c.executemany(
                    "INSERT INTO learned_lines(outlet, h, n) VALUES (?, ?, 1) "
                    "ON CONFLICT(outlet, h) DO UPDATE SET n = n + 1", [(outlet, h) for h in hashes])
        with self._lock:
            for outlet, hashes in new:
                counts = self._cache.get(outlet)
                if counts is not None:
                    counts.articles += 1
                    for h in hashes:
                        if h in counts.lines:
                            counts.lines[h] += 1
        return len(new)

    def drain_stripped(self) -> dict[int, set[int]]:
        """What ``strip`` removed since the last drain (an extraction worker sends it to the
        importer's process, whose ``observe`` must count the stripped lines too)."""
        with self._lock:
            out = dict(self._stripped)
            self._stripped.clear()
        return out

    def absorb_stripped(self, stripped: dict[int, set[int]]) -> None:
        with self._lock:
            for fp, hashes in stripped.items():
                self._stripped[fp] = self._stripped.get(fp, set()) | hashes
            while len(self._stripped) > MEMO:
                self._stripped.popitem(last=False)

    # -- applying
    def strip(self, outlet: str | None, body: str) -> str:
        """``body`` without the lines this outlet repeats across its articles."""
        if not outlet:
            return body
        counts = self._counts(outlet)
        if counts.articles < MIN_ARTICLES:
            return body
        need = max(MIN_ARTICLES, MIN_SHARE * counts.articles)
        kept, removed = [], set()
        for line in body.split("\n"):
            n = _norm(line)
            if n and len(n) < MAX_LINE:
                h = _hash(n)
                if counts.lines.get(h, 0) >= need:
                    removed.add(h)
                    continue
            kept.append(line)
        if not removed:
            return body
        result = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
        with self._lock:
            self._stripped[_fingerprint(result)] = removed
            while len(self._stripped) > MEMO:
                self._stripped.popitem(last=False)
        return result

    def repeated(self, outlet: str) -> int:
        """How many lines of ``outlet`` are currently stripped (for reports and tests)."""
        counts = self._counts(outlet)
        need = max(MIN_ARTICLES, MIN_SHARE * counts.articles)
        return sum(1 for n in counts.lines.values() if n >= need) if counts.articles >= MIN_ARTICLES else 0

    def refresh(self) -> None:
        """Forget cached counts (another process may have imported meanwhile)."""
        with self._lock:
            self._cache.clear()

    def _counts(self, outlet: str) -> _Counts:
        with self._lock:
            counts = self._cache.get(outlet)
            if (counts is not None and counts.articles <= counts.loaded_at * (1 + REFRESH_GROWTH) + 2
                    and time.monotonic() - counts.loaded_time < REFRESH_SECONDS):
                return counts
        # Lines below a fifth of the threshold cannot reach it before the next refresh: leaving
        # them out keeps the cache small for outlets with thousands of articles.
        articles = self.state.execute(
            "SELECT count(*) FROM learned_articles WHERE outlet = ?", (outlet,)).fetchone()[0]
        floor = max(2, int(min(MIN_ARTICLES, MIN_SHARE * articles) / 2))
        rows = self.state.execute(
            "SELECT h, n FROM learned_lines WHERE outlet = ? AND n >= ?", (outlet, floor)).fetchall()
        fresh = _Counts(articles=articles, loaded_at=articles, loaded_time=time.monotonic(),
                        lines={h: n for h, n in rows})
        with self._lock:
            self._cache[outlet] = fresh
        return fresh
