"""STUB (to be replaced): persons mentioned in an article."""
from __future__ import annotations


def extract_persons(text: str, language: str | None = None) -> list[str]:
    return []
