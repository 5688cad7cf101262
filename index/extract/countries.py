"""STUB (to be replaced): countries mentioned in an article, as ISO 3166-1 alpha-2."""
from __future__ import annotations


def extract_countries(text: str, language: str | None = None, persons: list[str] | None = None) -> list[str]:
    return []
