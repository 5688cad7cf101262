"""STUB (to be replaced by the cleaning work): body cleaning, credits and bylines."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cleaned:
    body: str
    agencies: list[str] = field(default_factory=list)     # credited agencies, canonical names ("AFP")
    authors: list[str] = field(default_factory=list)      # from bylines
    outlet_lines: list[str] = field(default_factory=list) # lines that name the publisher
    removed: list[tuple[str, str]] = field(default_factory=list)  # (reason, text) of cut blocks


def clean_text(text: str, *, title: str | None = None, format: str = "txt") -> Cleaned:
    return Cleaned(body=text.strip())


def title_from_body(body: str, limit: int = 110) -> str:
    first = body.strip().split("\n", 1)[0].strip()
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:-")
    return cut + "…"
