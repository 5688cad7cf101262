"""Exports in the window: File → Export (results, facet counts, timeline picture; Ctrl+E), an
Export… button on the results header, Save picture on the timeline's context menu, and
Briefing… on each saved search. ``install(window)`` is the only entry point (one line in
main_window); the work runs on ``window.export_runner``, one export at a time, beside searches.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolButton

from desktop.tasks import TaskRunner

EXPORT_SHORTCUT = QKeySequence("Ctrl+E")


class _CloseGuard(QObject):
    """Before the window closes (and closes its library): stop a running export, which then
    removes its partial file, and wait for it."""

    def __init__(self, ui):
        super().__init__(ui.window)
        self.ui = ui

    def eventFilter(self, obj, event) -> bool:
        if obj is self.ui.window and event.type() == QEvent.Close:
            self.ui.stop()
        return False


class ExportUI:
    def __init__(self, window):
        self.window = window
        self.dialog = None
        self.briefing = None
        window.export_runner = TaskRunner(1, window)
        window.export_folder = None
        from desktop.printing import install as install_pdf
        install_pdf()
        self._menu()
        self._buttons()
        self._guard = _CloseGuard(self)
        window.installEventFilter(self._guard)
        saved = getattr(getattr(window, "alerts_ui", None), "saved", None)
        if saved is not None:
            saved.extra_actions.append(("Briefing of new matches…", self.open_briefing))

    def _menu(self) -> None:
        w = self.window
        menu = QMenu("&Export", w)
        self.results_action = menu.addAction("&Results…", lambda: self.open("results"))
        self.results_action.setShortcut(EXPORT_SHORTCUT)
        self.results_action.setToolTip("Every matching article as CSV, Excel or JSON Lines")
        self.facets_action = menu.addAction("&Facet counts…", lambda: self.open("facets"))
        self.timeline_action = menu.addAction("&Timeline picture…", lambda: self.open("timeline"))
        self.menu = menu
        file_menu = w.file_menu
        first_sep = next((a for a in file_menu.actions() if a.isSeparator()), None)
        if first_sep is not None:
            file_menu.insertMenu(first_sep, menu)
        else:
            file_menu.addMenu(menu)
        w.addAction(self.results_action)        # the shortcut works wherever the focus is

    def _buttons(self) -> None:
        w = self.window
        btn = QToolButton(w.results)
        btn.setText("Export…")
        btn.setToolTip("Export every matching article, the facet counts or the timeline (Ctrl+E)")
        btn.setAccessibleName("Export results")
        btn.setPopupMode(QToolButton.MenuButtonPopup)
        btn.setMenu(self.menu)
        btn.clicked.connect(lambda: self.open("results"))
        btn.setAutoRaise(True)
        w.results.add_header_widget(btn)
        self.button = btn
        picture = QAction("Save picture of the timeline…", w.timeline)
        picture.triggered.connect(lambda: self.open("timeline"))
        w.timeline.addAction(picture)
        w.timeline.setContextMenuPolicy(Qt.ActionsContextMenu)

    def stop(self) -> None:
        """Cancel running exports and briefings and wait for them (the window is closing)."""
        for dlg in (self.dialog, self.briefing):
            if dlg is not None and dlg.token is not None:
                dlg.token.cancel()
        self.window.export_runner.wait(5000)

    # ------------------------------------------------------------ dialogs
    def open(self, kind: str = "results"):
        from desktop.views.export_dialog import ExportDialog
        if self.window.library is None:
            return None
        if self.dialog is not None and self.dialog.running:
            self.dialog.raise_()
            return self.dialog
        self.dialog = ExportDialog(self.window, kind)
        self.dialog.setAttribute(Qt.WA_DeleteOnClose, False)
        self.dialog.finished_export.connect(lambda text: self.window.statusBar().showMessage(text, 15000))
        self.dialog.show()
        return self.dialog

    def open_briefing(self, search):
        from desktop.views.briefing_dialog import BriefingDialog
        if self.window.library is None:
            return None
        self.briefing = BriefingDialog(self.window, search)
        self.briefing.finished_briefing.connect(lambda text: self.window.statusBar().showMessage(text, 15000))
        self.briefing.show()
        return self.briefing


def install(window) -> ExportUI:
    ui = ExportUI(window)
    window.export_ui = ui
    return ui
