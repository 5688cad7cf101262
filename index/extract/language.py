"""STUB (to be replaced): language detection."""
from __future__ import annotations


def detect_language(text: str, hint: str | None = None) -> str | None:
    return hint
