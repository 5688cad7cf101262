"""Starting the window: the QApplication, style, library choice and the first-start offer."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

GIL_SWITCH_INTERVAL = 0.0005     # seconds (Python's default is 0.005)


def pin_none() -> None:
    """Make None's reference count unreachable by zero, as Python 3.12+ does (immortal objects).

    PySide6 6.12 on Python 3.11 drops one reference to None on every call of a void Qt method
    (QLabel.setText, QPainter.drawText, QStandardItem.setData...): measured with
    sys.getrefcount(None), -1 per call. A busy window makes tens of thousands of such calls a
    minute and the process dies with "Fatal Python error: none_dealloc". pyproject pins 6.11.3,
    which does not have the bug (measured: no reference lost in 100,000 calls); this stays as a
    guard for a build against another binding version (None then gets a refcount no session
    can exhaust). tests/test_qt_binding.py checks the pinned binding.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes
    refcnt = ctypes.c_ssize_t.from_address(id(None))     # ob_refcnt is PyObject's first field
    if refcnt.value < NONE_REFS:
        refcnt.value += NONE_REFS


NONE_REFS = 1 << 48


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with name, icon and style sheet (idempotent: reuses a running one)."""
    # The GUI thread shares the GIL with the search threads: every call from Qt into Python
    # (model data(), delegates, paint events) must win it back while a search runs. Measured on a
    # repaint of 700 Python callbacks next to a busy thread: 20-50 ms at Python's default 5 ms
    # switch interval, 8-20 ms at 0.5 ms. Searches lose little (they are not latency-bound).
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
    pin_none()
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    from desktop.icons import app_icon, style_sheet
    app.setApplicationName("Mediawatch")
    app.setOrganizationName("Mediawatch")
    app.setApplicationDisplayName("Mediawatch")
    app.setDesktopFileName("mediawatch")
    app.setWindowIcon(app_icon())
    # The sheet only uses palette() colours, so the system's light or dark palette stays in charge.
    app.setStyleSheet(style_sheet())
    return app


def present(window, minimized: bool = False, tray: bool | None = None) -> str:
    """Show the main window, or with ``minimized`` keep it in the system tray (watch folders
    and alerts keep working; the tray icon opens it), or minimized where there is no tray.
    Returns what was done: "shown", "tray" or "minimized"."""
    from PySide6.QtWidgets import QSystemTrayIcon
    if not minimized:
        window.show()
        return "shown"
    if QSystemTrayIcon.isSystemTrayAvailable() if tray is None else tray:
        window.hide()
        return "tray"
    window.showMinimized()
    return "minimized"


def run_app(library_path: str | None = None, minimized: bool = False,
            paths: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = make_app()
    from desktop.library_actions import offer_seeds
    from desktop.main_window import MainWindow
    from desktop.tasks import describe_error
    from index.library import default_library_path, open_library

    from index.store import is_team_location
    if library_path and is_team_location(library_path):     # a team library: its address as is
        from desktop.team_wiring import install_prompt
        install_prompt(None)
        path = library_path
    else:
        path = Path(library_path).expanduser() if library_path else default_library_path()
    try:
        library = open_library(path, create=True)
    except Exception as exc:
        QMessageBox.critical(None, "Mediawatch", f"The library could not be opened.\n\n{describe_error(exc)}")
        return 1
    window = MainWindow(library)
    shown = present(window, minimized)
    if paths:          # "Open with Mediawatch": import them as if dropped on the window
        QTimer.singleShot(0, lambda: window.imports.start([str(Path(p).resolve()) for p in paths]))

    def first_count(n: int) -> None:
        # The count arrives with the first search (off the GUI thread); an empty library gets the offer.
        window.search.countChanged.disconnect(first_count)
        if n == 0 and not window.imports.running and shown == "shown":
            QTimer.singleShot(200, lambda: offer_seeds(window))

    window.search.countChanged.connect(first_count)
    return app.exec()
