"""UI state in QSettings, all in one module: geometry, splitters, recent libraries, query history.

Library data (import log, saved searches) lives in the library folder and is owned by ``index``;
only how the window looked goes here. ``MEDIAWATCH_SETTINGS_DIR`` points the settings at an INI
file in a folder of its own (tests, the self-test and the screenshot script never touch the user's).
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

MAX_RECENT = 8
MAX_HISTORY = 30


def settings() -> QSettings:
    folder = os.environ.get("MEDIAWATCH_SETTINGS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return QSettings(str(Path(folder) / "mediawatch.ini"), QSettings.IniFormat)
    return QSettings("Mediawatch", "Mediawatch")


def _list(s: QSettings, key: str) -> list[str]:
    value = s.value(key, [])
    if isinstance(value, str):          # QSettings returns a lone string for 1-item lists (INI)
        return [value] if value else []
    return [str(v) for v in (value or [])]


def _push(key: str, item: str, limit: int) -> list[str]:
    s = settings()
    items = [item] + [v for v in _list(s, key) if v != item]
    s.setValue(key, items[:limit])
    return items[:limit]


def recent_libraries() -> list[str]:
    return _list(settings(), "libraries/recent")


def add_recent_library(path: str) -> list[str]:
    return _push("libraries/recent", str(path), MAX_RECENT)


def query_history() -> list[str]:
    return _list(settings(), "search/history")


def add_query(query: str) -> list[str]:
    query = query.strip()
    if not query:
        return query_history()
    return _push("search/history", query, MAX_HISTORY)


def save_window(window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
    s = settings()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    for name, splitter in splitters.items():
        s.setValue(f"splitters/{name}", splitter.saveState())


def restore_window(window: QMainWindow, splitters: dict[str, QSplitter]) -> bool:
    """Restore saved geometry; False on first start (the caller picks a default size)."""
    s = settings()
    geometry = s.value("window/geometry")
    for name, splitter in splitters.items():
        state = s.value(f"splitters/{name}")
        if isinstance(state, QByteArray):
            splitter.restoreState(state)
    state = s.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    if isinstance(geometry, QByteArray):
        return window.restoreGeometry(geometry)
    return False
