"""The library's Whoosh index behind the Store API (see docs/architecture.md)."""
from __future__ import annotations

__all__ = ["Store"]


def __getattr__(name):
    # Lazy, so index.store.schema/analyzers import without pulling in the search engine
    # (index.search imports the schema: an eager import here would be circular).
    if name == "Store":
        from index.store.whoosh_store import Store
        return Store
    raise AttributeError(name)
