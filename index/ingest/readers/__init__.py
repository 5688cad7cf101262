"""One reader module per file format; each has ``read(data: bytes, path: str) -> list[RawArticle]``
and raises ``index.errors.ReadError(reason)`` when the file cannot be read.

``READERS`` maps a lower-case extension without the dot ("txt", "html", ...) to its module.
"""
from __future__ import annotations

from types import ModuleType

from . import feed, jsondata, mail, pdf, text, webpage, word

READERS: dict[str, ModuleType] = {
    ext: module
    for module in (text, webpage, mail, pdf, word, feed, jsondata)
    for ext in module.FORMATS
}


def reader_for(ext: str) -> ModuleType | None:
    """The reader module for an extension ("txt" or ".txt", any case), or None if unsupported."""
    return READERS.get(ext.lower().lstrip("."))


__all__ = ["READERS", "reader_for"]
