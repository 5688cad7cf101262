"""The window on a team library: it hears of every analyst's new articles and alerts.

``install(window)`` (one line in main_window) follows ``window.libraryChanged``: on a team
library it runs a listener thread (``index.store.postgres.notify``: LISTEN/NOTIFY, its own
connection) that reports by signal; new articles refresh the search in view, new alerts the
alerts inbox, saved searches and tray. It also installs the password prompt used when a team
library's server asks for a password that no .pgpass or service file holds.
"""
from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

log = logging.getLogger(__name__)
DEBOUNCE_MS = 250              # several commits in a burst: one refresh


class TeamUI(QObject):
    heard = Signal(object)     # set of channels, from the listener thread

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._pending: set[str] = set()
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._apply)
        self.heard.connect(self._on_heard)
        window.libraryChanged.connect(self.set_library)
        window.destroyed.connect(lambda *_: self.stop())
        self.refreshes = 0     # searches refreshed because another analyst added articles

    def set_library(self, library) -> None:
        self.stop()
        if getattr(library, "is_team", False):
            self._stop = threading.Event()
            self._thread = threading.Thread(target=self._listen, args=(library, self._stop),
                                            name="team-listener", daemon=True)
            self._thread.start()

    def _listen(self, library, stop: threading.Event) -> None:
        try:
            listener = library.listener()
        except Exception:          # no listener: the window still works, refreshing on its own
            log.warning("cannot listen for the team library's changes", exc_info=True)
            return
        try:
            while not stop.is_set():
                heard = listener.wait(0.5)
                if heard and not stop.is_set():
                    self.heard.emit(heard)
        except Exception:          # the server went away: the next library change restarts it
            log.warning("stopped listening for the team library's changes", exc_info=True)
        finally:
            listener.close()

    def _on_heard(self, channels) -> None:
        self._pending |= set(channels)
        if not self._timer.isActive():
            self._timer.start()

    def _apply(self) -> None:
        from index.store.postgres.notify import ALERTS, ARTICLES
        pending, self._pending = self._pending, set()
        w = self.window
        if ARTICLES in pending:
            self.refreshes += 1
            if w.search.busy:
                w._committed(0)            # the window's own refresh-after-commit path
            else:
                w.search.refresh()
        if ALERTS in pending and getattr(w, "alerts_ui", None) is not None:
            w.alerts_ui.refresh()

    def stop(self) -> None:
        self._stop.set()
        t, self._thread = self._thread, None
        if t is not None:
            t.join(2.0)


def _prompt(window):
    def ask(shown: str) -> str | None:
        app = QApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            return None                    # only the GUI thread may ask
        from shiboken6 import isValid
        # the prompt outlives a closed window (it is process-wide): then it has no parent
        parent = window if window is not None and isValid(window) else None
        text, ok = QInputDialog.getText(parent, "Team library password",
                                        f"Password for {shown}\n(used for this session only)",
                                        QLineEdit.Password)
        return text if ok and text else None
    return ask


def install_prompt(parent) -> None:
    """Ask for a team library's password in a dialog (for this session only)."""
    from index.store.postgres.connect import set_password_prompt
    set_password_prompt(_prompt(parent))


def install(window) -> TeamUI:
    ui = TeamUI(window)
    window.team_ui = ui
    install_prompt(window)
    return ui
