"""Timestamps for saved searches and alerts.

Everything is stored as UTC text with microseconds and a fixed width, so SQLite can compare
timestamps as strings and "imported after the search was saved" is exact within one process.
"""
from __future__ import annotations

import datetime as dt

_FMT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def stamp(value: dt.datetime | None = None) -> str:
    """A fixed-width UTC string; naive datetimes are taken as local time (what datetime.now() gives)."""
    value = value or utcnow()
    return value.astimezone(dt.timezone.utc).strftime(_FMT)


def parse(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.astimezone()
    return value.astimezone(dt.timezone.utc)
