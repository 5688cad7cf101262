"""Icons and the style sheet from ``resources/`` (source checkout or frozen bundle)."""
from __future__ import annotations

import functools

from PySide6.QtGui import QIcon

from index.resources import resource_path

APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


@functools.lru_cache(maxsize=64)
def icon(name: str) -> QIcon:
    """A UI icon by name (``resources/icons/NAME.svg`` or ``.png``); empty if missing."""
    for ext in ("svg", "png"):
        path = resource_path("icons", f"{name}.{ext}")
        if path.exists():
            return QIcon(str(path))
    return QIcon()


def app_icon() -> QIcon:
    ico = QIcon()
    for size in APP_ICON_SIZES:
        path = resource_path("icons", "app", f"mediawatch-{size}.png")
        if path.exists():
            ico.addFile(str(path))
    svg = resource_path("icons", "app", "mediawatch.svg")
    if ico.isNull() and svg.exists():
        ico.addFile(str(svg))
    return ico


def style_sheet() -> str:
    path = resource_path("styles", "app.qss")
    try:
        return path.read_text(encoding="utf-8")
    except OSError:        # a missing style is cosmetic, never fatal
        return ""
