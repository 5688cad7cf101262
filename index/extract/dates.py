"""STUB (to be replaced): dates from text, file names and header strings."""
from __future__ import annotations

import datetime as dt


def date_from_text(text: str, language: str | None = None) -> dt.date | None:
    return None


def date_from_filename(path: str) -> dt.date | None:
    return None


def parse_date(value: str, languages: list[str] | None = None) -> dt.date | None:
    return None
