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

import contextlib
import hashlib
import threading
from typing import Iterator
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
        self._pull_corrections()

    # -- the analyst's entity corrections are the team's: kept in the database, mirrored into
    # the local folder where Corrections reads and writes its file
    _CORRECTIONS_KEY = "entities.json"

    def _corrections_file(self) -> Path:
        from .extract.corrections import FILENAME
        return self.path / FILENAME

    def _pull_corrections(self) -> None:
        text = self.state.get_meta(self._CORRECTIONS_KEY)
        f = self._corrections_file()
        if text is not None:
            f.write_text(text, encoding="utf-8")
        elif f.exists():
            f.unlink()
        self._pulled = f.read_text(encoding="utf-8") if f.exists() else None

    def push_corrections(self) -> None:
        """Store the local file's corrections for the team (after ``Corrections.save``)."""
        f = self._corrections_file()
        text = f.read_text(encoding="utf-8") if f.exists() else None
        if text is not None and text != self._pulled:
            self.state.set_meta(self._CORRECTIONS_KEY, text)
            self._pulled = text

    def reload_corrections(self) -> None:
        """Local edits go to the team first; then the team's corrections are read back."""
        self.push_corrections()
        self._pull_corrections()
        super().reload_corrections()

    def close(self) -> None:
        try:
            self.push_corrections()
        except Exception:        # a closed or read-only connection: the file stays local
            pass
        super().close()

    @property
    def is_team(self) -> bool:
        return True

    def listener(self):
        """A ``Listener`` for new articles and alerts from every analyst (LISTEN/NOTIFY)."""
        from .store.postgres.notify import Listener
        return Listener(self.location)

    @contextlib.contextmanager
    def writing(self) -> Iterator["TeamLibrary"]:
        """Import, retag and corrections: refused up front for a read-only role (so a retag
        that would change nothing still says so), serialized among this process's threads."""
        if not self.store.can_write():
            raise LibraryError(f"you can search the team library {self.name} but not import, "
                               "delete or retag: your database role has read-only access")
        with self._lock:
            yield self


def open_team_library(url: str, create: bool = True) -> TeamLibrary:
    return TeamLibrary(url.strip(), create=create)
