"""How a team library is opened and kept: the parts ``library.TeamLibrary`` plugs into Library.

``open_library("postgresql://user@host/db")`` makes a ``TeamLibrary``: its store (``PgStore``)
and state (``PgState``) live in one database, so every feature built on ``Library`` (import,
search, stories, saved searches, alerts, retag, exports, every CLI command) works unchanged.
Differences from a local library, by design:
- ``writing()`` is no inter-process lock: several analysts import at once (the store's
  ``ON CONFLICT`` keeps one copy of an article; the state's transactions serialize only the
  short after-commit steps). A read-only role is refused up front with a sentence.
- ``path`` is a folder on this machine for what the code reads from files (the entity file,
  mirrored from the database by ``SharedCorrections``, and caches); ``location`` is the
  address, ``name`` the address without its password.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .errors import LibraryError


def local_folder(display: str) -> Path:
    """This machine's folder for one team library (per user, named by the address;
    ``$MEDIAWATCH_TEAM_DIR`` holds them instead of the user data folder when set)."""
    digest = hashlib.sha1(display.encode("utf-8")).hexdigest()[:16]
    if os.environ.get("MEDIAWATCH_TEAM_DIR"):
        return Path(os.environ["MEDIAWATCH_TEAM_DIR"]).expanduser() / digest
    from platformdirs import user_data_path
    return user_data_path("Mediawatch", appauthor=False) / "team" / digest


def open_parts(url: str, create: bool, library_format: int):
    """(store, state, name, local folder) of the team library at ``url``. LibraryError."""
    from .store.postgres.connect import display_url
    from .store.postgres.state import PgState
    from .store.postgres.store import PgStore
    name = display_url(url)
    store = PgStore.open(url, create=create)
    try:
        state = PgState(store)
        fmt = state.get_meta("format")
        if fmt is None:
            state.set_meta("format", str(library_format))
        elif int(fmt) != library_format:
            raise LibraryError(f"{name}: library format {fmt}, expected {library_format}")
        folder = local_folder(name)
        folder.mkdir(parents=True, exist_ok=True)
    except LibraryError:
        store.close()
        raise
    except OSError as e:
        store.close()
        raise LibraryError(f"cannot create a folder for the team library on this machine: {e}") from None
    except Exception as e:
        store.close()
        raise LibraryError(f"cannot open the team library {name}: {e}") from None
    return store, state, name, folder


def check_writable(store, name: str) -> None:
    """Import, retag and corrections are refused up front for a read-only role (so that a
    retag that would change nothing still says so)."""
    if not store.can_write():
        raise LibraryError(f"you can search the team library {name} but not import, delete or "
                           "retag: your database role has read-only access")


def listener(url: str):
    """A ``Listener`` for every analyst's new articles and alerts (LISTEN/NOTIFY)."""
    from .store.postgres.notify import Listener
    return Listener(url)


class SharedCorrections:
    """The analysts' entity corrections are the team's: kept in the database (meta
    ``entities.json``) and mirrored into the local folder, where ``Corrections`` reads and
    writes its file."""

    KEY = "entities.json"

    def __init__(self, state, folder: Path):
        from .extract.corrections import FILENAME
        self.state = state
        self.file = Path(folder) / FILENAME
        self._pulled: str | None = None

    def pull(self) -> None:
        text = self.state.get_meta(self.KEY)
        if text is not None:
            self.file.write_text(text, encoding="utf-8")
        elif self.file.exists():
            self.file.unlink()
        self._pulled = text

    def push(self) -> None:
        """Store the local file's corrections for the team (after ``Corrections.save``)."""
        text = self.file.read_text(encoding="utf-8") if self.file.exists() else None
        if text is not None and text != self._pulled:
            self.state.set_meta(self.KEY, text)
            self._pulled = text
