"""Walk the paths a person gave us (files, folders, zip archives) and yield what to read.

``discover`` is a lazy generator: a folder of 10,000 files yields its first ``Source`` after one
directory listing, and zip members are read only when ``Source.load()`` is called. Everything
that will not be read is a ``Problem`` with a reason (unsupported type, too large, unsafe zip
entry, corrupt archive). Order is stable: names sorted within each folder and archive.
"""
from __future__ import annotations

import io
import os
import stat
import threading
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Callable, Iterator

from index.errors import ReadError
from index.model import Problem

from .readers import READERS

MAX_FILE_SIZE = 100 * 1024 * 1024        # one file (or zip member) to read
MAX_ZIP_TOTAL = 1024 * 1024 * 1024       # all members of one top-level archive, uncompressed
MAX_ZIP_DEPTH = 3                        # archive.zip!/inner.zip!/deeper.zip is depth 3


@dataclass
class Source:
    """One file to read. ``path`` is for display and provenance ("a.zip!/dir/b.txt" inside zips);
    ``ext`` is lower case without the dot; ``mtime`` is seconds since the epoch (the file's time,
    never a publication date). ``load()`` returns the bytes and raises ``ReadError`` when they
    cannot be read (file gone, damaged zip member, member larger than it claimed)."""
    path: str
    ext: str
    size: int
    mtime: float
    _loader: Callable[[], bytes] = field(repr=False, compare=False)

    def load(self) -> bytes:
        return self._loader()


@dataclass
class _Limits:
    max_file_size: int
    max_total: int
    max_depth: int
    used: int = 0     # uncompressed bytes of one top-level archive handed out so far


def discover(paths, cancel=None, *, max_file_size: int = MAX_FILE_SIZE,
             max_zip_total: int = MAX_ZIP_TOTAL, max_zip_depth: int = MAX_ZIP_DEPTH
             ) -> Iterator[Source | Problem]:
    """Yield a ``Source`` per readable file and a ``Problem`` per skipped one, in stable order.

    ``paths`` are files or folders (str or Path), taken in the given order. ``cancel`` is a
    ``CancelToken`` or ``threading.Event``; it is checked between entries."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for p in paths:
        if _cancelled(cancel):
            return
        path = os.fspath(p)
        limits = _Limits(max_file_size, max_zip_total, max_zip_depth)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            yield Problem(path, "file not found")
            continue
        except OSError as err:
            yield Problem(path, f"cannot open: {err.strerror or err}")
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk_folder(path, cancel, limits)
        else:
            yield from _file(path, os.path.basename(path), st, cancel, limits)


def _cancelled(cancel) -> bool:
    if cancel is None:
        return False
    is_set = getattr(cancel, "is_set", None)
    return bool(is_set()) if callable(is_set) else bool(cancel)


def _hidden(name: str) -> bool:
    return name.startswith(".") or name in ("__MACOSX", "Thumbs.db", "desktop.ini")


def _walk_folder(root: str, cancel, limits: _Limits) -> Iterator[Source | Problem]:
    # Depth-first with one sorted listing per folder: lazy, stable, no symlink loops.
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                entries = sorted((e for e in it if not _hidden(e.name)), key=lambda e: e.name)
        except OSError as err:
            yield Problem(folder, f"cannot open folder: {err.strerror or err}")
            continue
        subfolders = []
        for entry in entries:
            if _cancelled(cancel):
                return
            try:
                if entry.is_dir():
                    subfolders.append(entry.path)
                    continue
                st = entry.stat()
            except OSError as err:
                yield Problem(entry.path, f"cannot open: {err.strerror or err}")
                continue
            if stat.S_ISREG(st.st_mode):
                yield from _file(entry.path, entry.name, st, cancel, limits)
        # files of a folder first, then its subfolders in name order
        stack.extend(reversed(subfolders))


def _ext(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[1].lower() if "." in base.strip(".") else ""


def _unsupported(path: str, ext: str) -> Problem:
    return Problem(path, f"unsupported file type .{ext}" if ext else
                   "unsupported file type (no file extension)")


def _file(path: str, name: str, st, cancel, limits: _Limits) -> Iterator[Source | Problem]:
    ext = _ext(name)
    if ext == "zip":
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as err:
            # NotImplementedError: a damaged header claiming a zip version Python lacks
            yield Problem(path, f"corrupt zip archive: {_why(err)}")
            return
        # the uncompressed-size budget is per top-level archive, not per folder
        budget = _Limits(limits.max_file_size, limits.max_total, limits.max_depth)
        yield from _walk_zip(_Archive(archive), path, 1, cancel, budget)
        return
    if ext not in READERS:
        yield _unsupported(path, ext)
        return
    if st.st_size > limits.max_file_size:
        yield _too_large(path, st.st_size, limits.max_file_size)
        return
    yield Source(path, ext, st.st_size, st.st_mtime, lambda: _read_file(path, limits.max_file_size))


def _read_file(path: str, limit: int) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as err:
        raise ReadError(f"cannot read the file: {err.strerror or err}") from err
    if len(data) > limit:   # it grew since it was listed
        raise ReadError(_too_large("", len(data), limit).reason)
    return data


class _Archive:
    """An open ZipFile shared by the Sources of its members; zipfile serializes member reads
    on one file handle, so loads from several threads are safe."""

    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf
        self.lock = threading.Lock()

    def read(self, info: zipfile.ZipInfo, limit: int) -> bytes:
        try:
            with self.lock, self.zf.open(info) as f:
                data = f.read(limit + 1)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
                NotImplementedError, RuntimeError, zlib.error) as err:   # zlib: corrupt deflate data
            raise ReadError(f"damaged zip member: {_why(err)}") from err
        if len(data) > limit:   # the archive lied about the size (a zip bomb)
            raise ReadError(f"zip member is larger than the archive says (over {_size(limit)})")
        return data


def _walk_zip(archive: _Archive, display: str, depth: int, cancel,
              limits: _Limits) -> Iterator[Source | Problem]:
    infos = sorted((i for i in archive.zf.infolist() if not i.is_dir()), key=lambda i: i.filename)
    for info in infos:
        if _cancelled(cancel):
            return
        name = info.filename.replace("\\", "/")
        member = f"{display}!/{name.lstrip('/')}"
        parts = [p for p in name.split("/") if p not in ("", ".")]
        if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
            yield Problem(member, "unsafe path in zip archive (absolute path): entry refused")
            continue
        if ".." in parts:
            yield Problem(member, "unsafe path in zip archive ('..' climbs out of the archive): entry refused")
            continue
        if not parts or any(_hidden(p) for p in parts):
            continue
        ext = _ext(parts[-1])
        if ext != "zip" and ext not in READERS:
            yield _unsupported(member, ext)
            continue
        if info.flag_bits & 0x1:
            yield Problem(member, "encrypted zip entry (a password is needed)")
            continue
        if ext != "zip" and info.file_size > limits.max_file_size:
            yield _too_large(member, info.file_size, limits.max_file_size)
            continue
        if limits.used + info.file_size > limits.max_total:
            yield Problem(display, f"zip archive too large when uncompressed (over "
                                   f"{_size(limits.max_total)}); the remaining entries were skipped")
            return
        limits.used += info.file_size
        if ext == "zip":
            yield from _nested_zip(archive, info, member, depth, cancel, limits)
            continue
        mtime = _zip_time(info)
        limit = limits.max_file_size
        yield Source(member, ext, info.file_size, mtime,
                     lambda a=archive, i=info, n=limit: a.read(i, n))


def _nested_zip(archive: _Archive, info: zipfile.ZipInfo, member: str, depth: int, cancel,
                limits: _Limits) -> Iterator[Source | Problem]:
    if depth >= limits.max_depth:
        yield Problem(member, f"zip archives nested too deep (more than {limits.max_depth} levels)")
        return
    try:
        data = archive.read(info, limits.max_total)
        inner = zipfile.ZipFile(io.BytesIO(data))
    except ReadError as err:
        yield Problem(member, f"corrupt zip archive: {err}")
        return
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as err:
        yield Problem(member, f"corrupt zip archive: {_why(err)}")
        return
    yield from _walk_zip(_Archive(inner), member, depth + 1, cancel, limits)


def _zip_time(info: zipfile.ZipInfo) -> float:
    try:
        return time.mktime(info.date_time + (0, 0, -1))
    except (OverflowError, ValueError):
        return 0.0


def _too_large(path: str, size: int, limit: int) -> Problem:
    return Problem(path, f"file too large ({_size(size)}, limit {_size(limit)})")


def _size(n: int) -> str:
    mb = n / (1024 * 1024)
    if mb >= 10:
        return f"{mb:.0f} MB"
    if mb >= 0.1:
        return f"{mb:.1f} MB"
    return f"{n / 1024:.1f} KB" if n >= 1024 else f"{n} bytes"


def _why(err: Exception) -> str:
    return (str(err).strip() or err.__class__.__name__)[:200]
