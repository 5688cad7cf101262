"""When is a file in a watch folder finished? The stability rule, free of Qt and of real time.

A file counts as complete once two observations at least ``settle`` seconds apart see the same
size and mtime. A writer that pauses between chunks changes one of the two and restarts the
wait; a file seen for the first time is never imported on that same look.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

SETTLE_SECONDS = 2.0


@dataclass(frozen=True)
class Observation:
    size: int
    mtime: float
    at: float            # clock reading when first seen with this size and mtime


def is_stable(previous: Observation | None, size: int, mtime: float, now: float,
              settle: float = SETTLE_SECONDS) -> bool:
    """The rule itself: unchanged since an observation at least ``settle`` seconds old."""
    return (previous is not None and previous.size == size and previous.mtime == mtime
            and now - previous.at >= settle)


class Settler:
    """Remembers observations between looks (timer ticks, or the two checks of a CLI scan)."""

    def __init__(self, settle: float = SETTLE_SECONDS, clock: Callable[[], float] = time.monotonic):
        self.settle = settle
        self.clock = clock
        self._seen: dict[str, Observation] = {}

    def observe(self, key: str, size: int, mtime: float) -> bool:
        """Record a look at ``key``; True when it is stable (and then forgets it)."""
        now = self.clock()
        prev = self._seen.get(key)
        if is_stable(prev, size, mtime, now, self.settle):
            del self._seen[key]
            return True
        if prev is None or prev.size != size or prev.mtime != mtime:
            self._seen[key] = Observation(size, mtime, now)
        return False

    def forget(self, key: str) -> None:
        self._seen.pop(key, None)

    def pending(self) -> list[str]:
        """Files waiting to settle (so a caller knows to look again soon)."""
        return sorted(self._seen)

    def wait_needed(self) -> float:
        """Seconds until the oldest pending observation can be judged stable (0 if none waits)."""
        if not self._seen:
            return 0.0
        now = self.clock()
        return max(0.0, min(o.at + self.settle - now for o in self._seen.values()))
