"""One folder, one library: the Whoosh index, the SQLite state, the analyst's entity file.

Layout::

    LIBRARY/
      mediawatch-library.json   format marker: {"format": 1, "created": ..., "app": "0.1.0"}
      index/                    Whoosh (behind index.store)
      library.sqlite3           import log, learned lines, saved searches, alerts, stories
      entities.json             the analyst's entity corrections (optional)
      library.lock              inter-process write lock
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from pathlib import Path
from typing import Generator, Iterable, Iterator

from .version import __version__
from .errors import LibraryError
from .lock import WriteLock
from .model import Article, ImportProgress, ImportReport, SearchRequest, SearchResult
from .state import State

LIBRARY_FORMAT = 1
MARKER = "mediawatch-library.json"
ENV_VAR = "MEDIAWATCH_LIBRARY"


def default_library_path() -> Path:
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path
    return user_data_path("Mediawatch", appauthor=False) / "library"


def open_library(path: str | os.PathLike | None = None, create: bool = True) -> "Library":
    """Open (or create) the library at ``path``, ``$MEDIAWATCH_LIBRARY`` or the per-user default.

    Raises LibraryError with a message for the user: not a library, another format, unreadable.
    """
    from .store.codec import check_whoosh_version  # local: keeps `import index` light
    folder = Path(path).expanduser() if path else default_library_path()
    check_whoosh_version(folder)       # before anything is written into the folder
    marker = folder / MARKER
    if marker.exists():
        try:
            info = json.loads(marker.read_text(encoding="utf-8"))
            fmt = int(info["format"])
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise LibraryError(f"{folder} has a damaged {MARKER} ({e}); it cannot be opened") from None
        if fmt > LIBRARY_FORMAT:
            raise LibraryError(
                f"{folder} was made by a newer Mediawatch (library format {fmt}; this version "
                f"{__version__} reads format {LIBRARY_FORMAT}). Update Mediawatch to open it.")
        if fmt < LIBRARY_FORMAT:
            raise LibraryError(
                f"{folder} uses the old library format {fmt}; this version reads format "
                f"{LIBRARY_FORMAT}. Re-import its articles into a new library.")
    else:
        if folder.exists() and not folder.is_dir():
            raise LibraryError(f"{folder} is a file, not a library folder")
        if folder.exists() and any(folder.iterdir()):
            raise LibraryError(
                f"{folder} is not a Mediawatch library (it has files but no {MARKER}); "
                "choose an empty or new folder")
        if not create:
            raise LibraryError(f"no library at {folder}")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = marker.with_suffix(".tmp")
            tmp.write_text(json.dumps({"format": LIBRARY_FORMAT, "app": __version__,
                                       "created": dt.datetime.now().isoformat(timespec="seconds")}),
                           encoding="utf-8")
            os.replace(tmp, marker)
        except OSError as e:
            raise LibraryError(f"cannot create a library at {folder}: {e.strerror or e}") from None
    return Library(folder)


class Library:
    """Thread contract: searches from any thread; writes (import, retag) one at a time,
    inside ``with library.writing():`` which also excludes other processes."""

    def __init__(self, folder: Path):
        from .store import Store  # local: keeps `import index` light for the CLI's --help

        self.path = Path(folder)
        self.name = str(self.path)
        self._lock = WriteLock(self.path / "library.lock", self.name)
        try:
            self.state = State(self.path / "library.sqlite3")
        except Exception as e:  # sqlite3.DatabaseError: not a database, locked, unreadable
            raise LibraryError(f"cannot open the library database in {self.path}: {e}") from None
        fmt = self.state.get_meta("format")
        if fmt is None:
            self.state.set_meta("format", str(LIBRARY_FORMAT))
        elif int(fmt) != LIBRARY_FORMAT:
            raise LibraryError(f"{self.path}: library database format {fmt}, expected {LIBRARY_FORMAT}")
        self.store = Store.open(self.path / "index", create=True)
        self._corrections = None

    # -- writing
    @contextlib.contextmanager
    def writing(self) -> Iterator["Library"]:
        with self._lock:
            yield self

    # -- import
    def import_paths(self, paths: Iterable[str | os.PathLike], cancel=None, *, origin: str = "cli",
                     batch_size: int | None = None, workers: int | None = None
                     ) -> Generator[ImportProgress, None, ImportReport]:
        """Import files, folders and zips. ``workers``: extraction processes (None: one when the
        import is large and the machine has cores to spare, 0: all in this process)."""
        from .ingest.importer import BATCH_SIZE, run_import
        return run_import(self, [str(p) for p in paths], cancel=cancel, origin=origin,
                          batch_size=batch_size or BATCH_SIZE, workers=workers)

    def import_all(self, paths: Iterable[str | os.PathLike], cancel=None, **kw) -> ImportReport:
        """Run an import to the end and return its report (CLI, tests, scripts)."""
        gen = self.import_paths(paths, cancel, **kw)
        while True:
            try:
                next(gen)
            except StopIteration as stop:
                return stop.value

    # -- entity corrections
    @property
    def corrections(self):
        from .extract.corrections import Corrections
        if self._corrections is None:
            self._corrections = Corrections.load(self.path)
        return self._corrections

    def reload_corrections(self) -> None:
        self._corrections = None

    # -- reading
    def search(self, request: SearchRequest) -> SearchResult:
        return self.store.search(request)

    def get(self, article_id: str) -> Article | None:
        return self.store.get(article_id)

    def count(self) -> int:
        return self.store.count()

    def import_log(self, limit: int = 100) -> list[ImportReport]:
        return self.state.runs(limit)

    def close(self) -> None:
        self.store.close()
        try:       # the stories memo (signatures, ~80 MB at most) is kept per database file
            from .stories.memo import forget
            row = [r for r in self.state.execute("PRAGMA database_list") if r[1] == "main"]
            if row and row[0][2]:
                forget(row[0][2])
        except Exception:   # a cache: never let it stop a close
            pass
        self.state.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
