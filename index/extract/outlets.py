"""STUB (to be replaced): the bundled outlet directory and outlet resolution."""
from __future__ import annotations

from ..model import RawArticle


def resolve_outlet(raw: RawArticle, cleaned) -> str | None:
    return raw.outlet or raw.domain
