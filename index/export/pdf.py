"""PDF output, lent by the desktop app: the core has no renderer of its own (it never imports
Qt), so ``desktop`` installs Qt's (QTextDocument printed to a QPdfWriter) at start-up, for the
window and for the ``mediawatch`` command alike. ``python -m index`` has none and says so.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from index.export import ExportError

# fn(html: str, path: Path, title: str) -> None
RENDERER: Callable[[str, Path, str], None] | None = None


def install(renderer: Callable[[str, Path, str], None]) -> None:
    global RENDERER
    RENDERER = renderer


def available() -> bool:
    return RENDERER is not None


def write_pdf(html: str, path: Path, title: str = "") -> None:
    if RENDERER is None:
        raise ExportError(f"{path}: PDF needs the Mediawatch app's printer (the `mediawatch` "
                          "command or the window); write .html instead")
    RENDERER(html, Path(path), title)
