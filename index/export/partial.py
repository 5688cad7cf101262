"""The partial-file protocol every export writer follows (``TableWriter``).

A writer writes ``NAME.partial`` beside the target and renames it to NAME only in ``commit()``:
a cancelled, failed or killed export never leaves a file that looks whole. Here, below the
writers of each format (``writers.py``: CSV, JSON Lines; ``xlsx.py``), so that both stand on it.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from index.export import ExportError

PARTIAL_SUFFIX = ".partial"


def partial_path(path: Path) -> Path:
    return path.with_name(path.name + PARTIAL_SUFFIX)


class TableWriter:
    """Base: the partial-file protocol. Subclasses implement _open, _write, _close."""
    fmt = ""

    def __init__(self, path: str | os.PathLike, about: dict[str, str] | None = None):
        self.path = Path(path)
        self.partial = partial_path(self.path)
        self.about = about or {}
        self.rows = 0
        self._done = False
        if self.path.is_dir():
            raise ExportError(f"{self.path} is a folder; choose a file name")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._open()
        except OSError as e:
            raise ExportError(f"cannot write {self.path}: {e.strerror or e}") from None

    def write(self, row: dict[str, Any]) -> None:
        self._write(row)
        self.rows += 1

    def commit(self) -> int:
        """Finish the file and give it its name; returns its size in bytes."""
        try:
            self._close()
            os.replace(self.partial, self.path)
        except OSError as e:
            self.abort()
            raise ExportError(f"cannot write {self.path}: {e.strerror or e}") from None
        self._done = True
        return self.path.stat().st_size

    def abort(self) -> None:
        """Drop the partial file (cancel, error); the target, if it existed, is left as it was."""
        if self._done:
            return
        self._done = True
        try:
            self._discard()
        except Exception:       # a half-written file cannot always be closed cleanly
            pass
        try:
            self.partial.unlink()
        except FileNotFoundError:
            pass

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if not self._done:
            self.abort()          # leaving the block without commit() is never a whole file

    def _open(self) -> None: ...
    def _write(self, row: dict[str, Any]) -> None: ...
    def _close(self) -> None: ...

    def _discard(self) -> None:
        self._close()
