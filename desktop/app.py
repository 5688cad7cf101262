"""Starting the window: the QApplication, style, library choice and the first-start offer."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with name, icon and style sheet (idempotent: reuses a running one)."""
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


def run_app(library_path: str | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = make_app()
    from desktop.library_actions import offer_seeds
    from desktop.main_window import MainWindow
    from desktop.tasks import describe_error
    from index.library import default_library_path, open_library

    path = Path(library_path).expanduser() if library_path else default_library_path()
    try:
        library = open_library(path, create=True)
    except Exception as exc:
        QMessageBox.critical(None, "Mediawatch", f"The library could not be opened.\n\n{describe_error(exc)}")
        return 1
    window = MainWindow(library)
    window.show()

    def first_count(n: int) -> None:
        # The count arrives with the first search (off the GUI thread); an empty library gets the offer.
        window.search.countChanged.disconnect(first_count)
        if n == 0 and not window.imports.running:
            QTimer.singleShot(200, lambda: offer_seeds(window))

    window.search.countChanged.connect(first_count)
    return app.exec()
