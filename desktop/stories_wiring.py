"""Plugs story coverage into the main window: the "Other coverage" dock, a Stories menu entry and
a reader button (views/coverage_panel.py is the panel itself).

``install(window)`` is the only entry point (one line in main_window), like alerts_wiring.py.
"""
from __future__ import annotations

from desktop.views.coverage_panel import CoveragePanel


def install(window) -> CoveragePanel:
    """Plug the panel into the main window: a dock, a Stories menu entry and a reader button."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolButton
    panel = CoveragePanel(window)
    dock = window.add_panel(panel, "Other coverage")
    dock.hide()
    window.coverage_panel = panel

    def open_for_current() -> None:
        dock.show()
        dock.raise_()
        # Sharing its side with other docks, the panel gets room for its list, not a sliver.
        if dock.height() < window.height() // 2:
            window.resizeDocks([dock], [window.height() * 3 // 5], Qt.Vertical)
        article = window.reader.article
        panel.show_article(article.id if article is not None else None)

    menu = window.add_menu("&Stories")
    act = menu.addAction("Other &coverage of this article")
    act.setShortcut("Ctrl+Shift+C")
    act.triggered.connect(open_for_current)
    btn = QToolButton(window.reader)
    btn.setText("Other coverage")
    btn.setAccessibleName("Other coverage")
    btn.setToolTip("Other outlets' coverage of this story; compare them side by side")
    btn.clicked.connect(open_for_current)
    bar = window.reader.layout().itemAt(0).layout() if window.reader.layout() else None
    if bar is not None:
        bar.insertWidget(bar.count() - 1, btn)
    window.reader_coverage_button = btn
    window.libraryChanged.connect(panel.set_library)
    if window.library is not None:
        panel.set_library(window.library)
    # Follow the reader while the dock is open; refresh after imports (a story may have grown).
    window.search.articleReady.connect(
        lambda art: panel.show_article(art.id) if dock.isVisible() else None)
    window.imports.committed.connect(
        lambda *_: panel.show_article(panel.article_id) if dock.isVisible() and panel.article_id else None)
    return panel
