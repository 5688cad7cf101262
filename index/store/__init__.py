"""The library's Whoosh index behind the Store API (see docs/architecture.md)."""
from __future__ import annotations

__all__ = ["Store"]


def __getattr__(name):
    # Lazy, so index.store.schema/analyzers (the extraction worker's prepare) import without
    # pulling in the Store and its query engine (index.store.search).
    if name == "Store":
        from index.store.whoosh_store import Store
        return Store
    raise AttributeError(name)
