"""Mediawatch core: ingest, extraction, the Whoosh store, search, stories and alerts. No Qt here."""
from __future__ import annotations

from .version import __version__

__all__ = ["__version__", "open_library"]


def open_library(path=None, create: bool = True):
    """Open or create a library folder; see index.library.open_library."""
    from .library import open_library as _open
    return _open(path, create)
