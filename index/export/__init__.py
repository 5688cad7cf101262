"""Taking findings out of Mediawatch: result lists, facet counts, saved-search briefings (no Qt).

- ``table``: the columns of an exported result list, one row per article.
- ``writers``: CSV (UTF-8 with BOM), JSON Lines and XLSX writers. Each writes to a ``.partial``
  file beside the target and renames it at the end, so a cancelled or failed export never leaves
  a file that pretends to be whole (and an older file of that name survives).
- ``results``: ``export_results`` streams the whole result set of a search (a generator of
  progress with a cancel token, like the importer).
- ``facets``: the facet counts (and the date histogram) of a search as CSV.
- ``digest``: the briefing of a saved search: new matches since a date, grouped by story, with
  the comparison briefing's citations; ``pdf`` lets the desktop app lend its PDF renderer.

The timeline picture is drawn by the window's own painter code (desktop/), not here.
"""
from __future__ import annotations

from pathlib import Path

from index.errors import MediawatchError

FORMATS = ("csv", "jsonl", "xlsx")
EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xlsx": "xlsx"}


class ExportError(MediawatchError):
    """An export that cannot be done; ``str()`` names the file and the reason."""


class ExportCancelled(ExportError):
    """The analyst cancelled; nothing was written."""


def format_for(path: str | Path, fmt: str | None = None, allowed: tuple[str, ...] = FORMATS) -> str:
    """The format asked for, else the one the file's extension names."""
    if fmt:
        fmt = fmt.lower().lstrip(".")
        fmt = EXTENSIONS.get("." + fmt, fmt)
        if fmt not in allowed:
            raise ExportError(f'unknown export format "{fmt}" (use {", ".join(allowed)})')
        return fmt
    ext = Path(path).suffix.lower()
    found = EXTENSIONS.get(ext)
    if found in allowed:
        return found
    if ext == ".json":
        raise ExportError(f"{path}: exports are JSON Lines, one article per line: name the file .jsonl")
    raise ExportError(f"{path}: cannot tell the format from the extension "
                      f"{ext or '(none)'}; use {', '.join('.' + f for f in allowed)} or give a format")
