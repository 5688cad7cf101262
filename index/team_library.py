"""A team library: the same ``Library`` on a shared PostgreSQL database.

``open_library("postgresql://user@host/db")`` lands here. The store is ``PgStore`` and the
state ``PgState``, in one database, so every feature built on ``Library`` (import, search,
stories, saved searches, alerts, retag, exports, the CLI's commands) works unchanged.
Differences from a local library, by design:
- ``writing()`` is no inter-process lock: several analysts import at once (the store's
  ``ON CONFLICT`` keeps one copy of an article; the state's transactions serialize only the
  short after-commit steps). It still serializes writes of this process's threads.
- ``path`` is a folder on this machine for what stays per machine (the analyst's entity file,
  caches); ``location`` is the address, ``name`` the address without password.
"""
from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from .errors import LibraryError
from .library import LIBRARY_FORMAT, Library


def local_folder(display: str) -> Path:
    """This machine's folder for one team library (per user, named by the address;
    ``$MEDIAWATCH_TEAM_DIR`` holds them instead of the user data folder when set)."""
    import os
    digest = hashlib.sha1(display.encode("utf-8")).hexdigest()[:16]
    if os.environ.get("MEDIAWATCH_TEAM_DIR"):
        return Path(os.environ["MEDIAWATCH_TEAM_DIR"]).expanduser() / digest
    from platformdirs import user_data_path
    return user_data_path("Mediawatch", appauthor=False) / "team" / digest


class TeamLibrary(Library):
    def __init__(self, url: str, create: bool = True):     # noqa: super().__init__ opens a folder
        from .store.postgres.connect import display_url
        from .store.postgres.state import PgState
        from .store.postgres.store import PgStore

        self.location = url
        self.name = display_url(url)
        self.store = PgStore.open(url, create=create)
        try:
            self.state = PgState(self.store)
            fmt = self.state.get_meta("format")
            if fmt is None:
                self.state.set_meta("format", str(LIBRARY_FORMAT))
            elif int(fmt) != LIBRARY_FORMAT:
                raise LibraryError(f"{self.name}: library format {fmt}, expected {LIBRARY_FORMAT}")
        except LibraryError:
            self.store.close()
            raise
        except Exception as e:
            self.store.close()
            raise LibraryError(f"cannot open the team library {self.name}: {e}") from None
        self.path = local_folder(self.name)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise LibraryError(f"cannot create {self.path} for the team library: {e}") from None
        self._lock = threading.RLock()
        self._corrections = None

    @property
    def is_team(self) -> bool:
        return True


def open_team_library(url: str, create: bool = True) -> TeamLibrary:
    return TeamLibrary(url.strip(), create=create)
