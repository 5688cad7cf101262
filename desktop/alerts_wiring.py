"""Plugs saved searches, the alerts inbox, the tray icon and watch folders into the main window.

``install(window)`` is the only entry point (one line in main_window): it adds two docks, an
Alerts menu, the tray icon and the watch-folder service, and follows ``window.libraryChanged``.
Watch-folder imports run on the window's import runner, so they queue behind dropped imports.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

from desktop.views.alerts_panel import AlertsPanel
from desktop.views.saved_sidebar import SavedSearchesPanel, apply_request
from desktop.views.tray import AlertTray
from desktop.views.watch_folders_panel import WatchFoldersPanel
from desktop.watch_folders import WatchFolderService


class AlertsUI:
    def __init__(self, window):
        self.window = window
        self.saved = SavedSearchesPanel(window.search_runner, window)
        self.saved.current_request = window.search.request
        self.saved_dock = window.add_panel(self.saved, "Saved searches", Qt.LeftDockWidgetArea)
        self.inbox = AlertsPanel(window)
        self.inbox_dock = window.add_panel(self.inbox, "Alerts")
        self.tray = AlertTray(window, icon=window.windowIcon())
        self.watch = WatchFolderService(window.import_runner, parent=window)
        self._wire()
        self._menu()
        if window.library is not None:
            self.set_library(window.library)

    def _wire(self) -> None:
        w = self.window
        w.libraryChanged.connect(self.set_library)
        self.saved.openSearch.connect(self.open_search)
        self.saved.changed.connect(self.refresh)
        self.inbox.openArticle.connect(w.search.load_article)
        self.inbox.changed.connect(self.refresh)
        self.tray.notified.connect(self._notified)
        self.tray.unreadChanged.connect(self._count)
        self.tray.showInbox.connect(self.show_inbox)
        self.tray.quitRequested.connect(self.quit)
        self.tray.windowClosing.connect(self.stop)     # the window really closes: stop background work
        self.watch.imported.connect(lambda _r: (w.search.refresh(), self.tray.poll()))
        w.imports.finished.connect(lambda _r: self.tray.poll())   # notify at once, not at the next tick
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def _menu(self) -> None:
        menu = self.window.add_menu("&Alerts")
        menu.addAction("&Save current search…", self.saved._ask_save).setShortcut("Ctrl+Shift+S")
        menu.addAction("Alerts &inbox", self.show_inbox)
        menu.addAction("Mark all alerts &read", self.inbox.mark_all_read)
        menu.addSeparator()
        menu.addAction("&Watch folders…", self.edit_watch_folders)

    # ------------------------------------------------------------ state
    def set_library(self, library) -> None:
        self.saved.set_library(library)
        self.inbox.set_library(library)
        self.tray.set_library(library)
        self.watch.set_library(library)

    def refresh(self) -> None:
        self.tray.refresh()
        self.inbox.refresh()
        self.saved.refresh(totals=False)

    def _count(self, n: int) -> None:
        self.inbox_dock.setWindowTitle(f"Alerts ({n})" if n else "Alerts")

    def _notified(self, title: str, message: str) -> None:
        self.inbox.refresh()
        self.saved.refresh()
        if not self.tray.available:        # no tray: the status bar carries the summary
            self.window.statusBar().showMessage(f"{title} — {message.splitlines()[0]}", 15000)

    # ------------------------------------------------------------ actions
    def open_search(self, request) -> None:
        self.window.search_bar.set_text(request.query, search=False)
        apply_request(self.window.search, request)

    def show_inbox(self) -> None:
        self.tray.show_window()
        self.inbox_dock.show()
        self.inbox_dock.raise_()

    def edit_watch_folders(self) -> None:
        dlg = QDialog(self.window)
        dlg.setWindowTitle("Watch folders")
        lay = QVBoxLayout(dlg)
        lay.addWidget(WatchFoldersPanel(self.watch, dlg))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(dlg.reject)
        lay.addWidget(buttons)
        dlg.resize(560, 360)
        dlg.show()
        self.watch_dialog = dlg

    def stop(self) -> None:
        self.watch.set_library(None)
        self.tray.timer.stop()

    def quit(self) -> None:
        self.stop()
        self.tray.quit()
        self.window.close()


def install(window) -> AlertsUI:
    ui = AlertsUI(window)
    window.alerts_ui = ui
    return ui

