"""The Store's index: ``MediawatchIndex``, a Whoosh FileIndex with our writer and readers, opened
only under the Whoosh version our classes were written against.

Our subclasses lean on Whoosh internals (the posting pool, the W3 postings writer's block
buffers, SegmentReader's construction), which a Whoosh release may change without notice; a
library is therefore opened only under a tested version, with a message that says what to do.
"""
from __future__ import annotations

from pathlib import Path

import whoosh
from whoosh import index as windex
from whoosh.filedb.filestore import FileStorage

from index.errors import LibraryError
from index.store.codec.files import open_reader
from index.store.codec.writer import MediawatchWriter

TESTED_WHOOSH = {(2, 7, 5): "Whoosh-Reloaded 2.7.5"}   # the version pinned in pyproject.toml


def _dotted(version) -> str:
    return ".".join(str(p) for p in version)


def check_whoosh_version(folder: Path | str | None = None) -> None:
    """Raise LibraryError unless the installed Whoosh is one our classes were tested with."""
    found = tuple(getattr(whoosh, "__version__", ()))[:3]
    if found in TESTED_WHOOSH:
        return
    where = f" {folder}" if folder else ""
    tested = ", ".join(TESTED_WHOOSH.values())
    raise LibraryError(
        f"The library{where} is not opened: this Mediawatch runs on {tested}, but Whoosh "
        f"{_dotted(found) or '(unknown version)'} is installed. Mediawatch's index code depends "
        f"on that version's internals; reinstall Mediawatch, or install {tested} "
        f"(pip install Whoosh-Reloaded=={_dotted(next(iter(TESTED_WHOOSH)))}).")


class MediawatchIndex(windex.FileIndex):
    """A FileIndex whose writers are ``MediawatchWriter`` and whose readers read our way."""

    def writer(self, procs=1, **kwargs):
        if procs != 1:
            raise ValueError("the library has one writer; Whoosh's multiprocess writer is not used")
        return MediawatchWriter(self, **kwargs)

    @classmethod
    def _reader(cls, storage, schema, segments, generation, reuse=None):
        return open_reader(storage, schema, segments, generation, reuse=reuse)


def open_index(folder: Path, schema, create: bool) -> MediawatchIndex | None:
    """The index in ``folder``, created there when absent and ``create``; None when absent and
    not ``create``. Raises LibraryError under an untested Whoosh (before touching the folder)."""
    check_whoosh_version(folder)
    if windex.exists_in(str(folder)):
        return MediawatchIndex(FileStorage(str(folder)), schema=schema)
    if not create:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    return MediawatchIndex.create(FileStorage(str(folder)), schema)
