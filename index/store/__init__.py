"""The library's index behind the Store API (see docs/architecture.md): Whoosh in a folder (the
local library, the default) or PostgreSQL at a ``postgresql://`` address (the team library,
``index.store.postgres``)."""
from __future__ import annotations

__all__ = ["Store", "open_store", "is_team_location"]


def is_team_location(location) -> bool:
    """Whether ``location`` is a team library's address rather than a folder."""
    from index.store.postgres.connect import is_url
    return is_url(location)


def open_store(location, create: bool = True):
    """The Store for a folder (Whoosh) or a ``postgresql://`` address (PostgreSQL); both have
    the same methods and behaviour. Raises LibraryError."""
    if is_team_location(location):
        from index.store.postgres.store import PgStore
        return PgStore.open(str(location).strip(), create=create)
    from pathlib import Path
    from index.store.whoosh_store import Store
    return Store.open(Path(location), create=create)


def __getattr__(name):
    # Lazy, so index.store.schema/analyzers (the extraction worker's prepare) import without
    # pulling in the Store and its query engine (index.store.search).
    if name == "Store":
        from index.store.whoosh_store import Store
        return Store
    raise AttributeError(name)
