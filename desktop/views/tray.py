"""The system tray icon: unread alert count, one notification per import batch, run in the tray.

Alerts are recorded by the core (index.alerts.watch) whatever started the import, including a
`mediawatch watch-folder scan` from cron in another process, so the tray notices them by polling
the newest alert id in SQLite (two tiny queries every ``poll_ms``) rather than by a signal from
the importer. All new alerts found in one poll become one notification.

Where no system tray exists (offscreen tests, some Linux desktops) the icon is simply absent:
counts, notifications (the ``notified`` signal) and the inbox keep working, and closing the
window quits as usual.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from index.alerts import inbox

log = logging.getLogger(__name__)


def badge_icon(base: QIcon, count: int, size: int = 64) -> QIcon:
    """The app icon with the unread count drawn in a red disc (empty base: the disc alone)."""
    pix = base.pixmap(size, size) if not base.isNull() else QPixmap(size, size)
    if base.isNull():
        pix.fill(QColor("#2b5797"))
    if count <= 0:
        return QIcon(pix)
    p = QPainter(pix)
    p.setRenderHint(QPainter.Antialiasing)
    p.setBrush(QColor("#d32f2f"))
    p.setPen(Qt.NoPen)
    d = int(size * 0.62)
    p.drawEllipse(size - d, 0, d, d)
    p.setPen(QColor("white"))
    f = QFont()
    f.setBold(True)
    f.setPixelSize(int(d * (0.62 if count < 10 else 0.48 if count < 100 else 0.38)))
    p.setFont(f)
    p.drawText(size - d, 0, d, d, Qt.AlignCenter, str(count) if count < 1000 else "999+")
    p.end()
    return QIcon(pix)


class AlertTray(QObject):
    unreadChanged = Signal(int)
    notified = Signal(str, str)        # title, message: one per poll that found new alerts
    showInbox = Signal()
    quitRequested = Signal()
    windowClosing = Signal()           # a close we let through (no tray, or Quit): the app ends

    def __init__(self, window=None, icon: QIcon | None = None, poll_ms: int = 2000, parent=None):
        super().__init__(parent or window)
        self.window = window
        self.library = None
        self.unread = 0
        self._last_id = 0
        self._base = icon or (window.windowIcon() if window is not None else QIcon())
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(badge_icon(self._base, 0), self)
            self.tray.setContextMenu(self._menu())
            self.tray.activated.connect(self._activated)
            self.tray.messageClicked.connect(self.showInbox)
            self.tray.show()
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.poll)
        if window is not None:
            window.installEventFilter(self)

    @property
    def available(self) -> bool:
        return self.tray is not None and self.tray.isVisible()

    def _menu(self) -> QMenu:
        menu = QMenu()
        for text, slot in (("Show Mediawatch", self.show_window), ("Alerts inbox", self.showInbox.emit),
                           ("Quit", self.quitRequested.emit)):
            act = QAction(text, menu)
            act.triggered.connect(slot)
            menu.addAction(act)
        self._menu_ref = menu   # QSystemTrayIcon does not own its menu
        return menu

    def set_library(self, library) -> None:
        """Alerts that were already there when the library opened are counted, not notified."""
        self.library = library
        self._last_id = inbox.latest_id(library.state) if library is not None else 0
        self.refresh()
        if library is not None:
            self.timer.start()
        else:
            self.timer.stop()

    def refresh(self) -> int:
        """Re-read the unread count (after mark read, mute, snooze ...)."""
        n = inbox.unread_count(self.library.state) if self.library is not None else 0
        if self.tray is not None:
            self.tray.setIcon(badge_icon(self._base, n))
            self.tray.setToolTip(f"Mediawatch — {n} unread alert{'s' if n != 1 else ''}"
                                 if n else "Mediawatch — no unread alerts")
        if n != self.unread:
            self.unread = n
            self.unreadChanged.emit(n)
        return n

    def poll(self) -> None:
        """Notify once for everything recorded since the last poll, then refresh the count."""
        if self.library is None:
            return
        try:
            latest = inbox.latest_id(self.library.state)
            if latest > self._last_id:
                new = inbox.list_alerts(self.library.state, unread=True, since_id=self._last_id)
                self._last_id = latest
                summary = inbox.summarize(new)
                if summary is not None:
                    self.notified.emit(*summary)
                    if self.tray is not None and self.tray.supportsMessages():
                        self.tray.showMessage(summary[0], summary[1], QSystemTrayIcon.Information, 8000)
            self.refresh()
        except Exception:   # a busy or vanished database must not break the timer
            log.warning("alert poll failed", exc_info=True)

    # ------------------------------------------------------------ running in the tray
    def show_window(self) -> None:
        if self.window is not None:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()

    def _activated(self, reason) -> None:
        if reason in (QSystemTrayIcon.Trigger, QSystemTrayIcon.DoubleClick):
            if self.window is not None and self.window.isVisible() and not self.window.isMinimized():
                self.window.hide()
            else:
                self.show_window()

    def eventFilter(self, obj, event) -> bool:
        # Closing the window hides it to the tray so watch folders keep importing; Quit in the
        # tray menu really quits. Without a tray, close behaves as usual.
        if obj is self.window and event.type() == QEvent.Close and self.available \
                and not getattr(self, "_quitting", False):
            event.ignore()
            self.window.hide()
            if self.tray.supportsMessages() and not getattr(self, "_told", False):
                self._told = True
                self.tray.showMessage("Mediawatch is still running",
                                      "Watch folders and alerts keep working. Quit from this icon's menu.",
                                      QSystemTrayIcon.Information, 4000)
            return True
        if obj is self.window and event.type() == QEvent.Close:
            self.timer.stop()
            self.windowClosing.emit()
        return super().eventFilter(obj, event)

    def quit(self) -> None:
        """Let the next close through (the tray menu's Quit calls this before closing)."""
        self._quitting = True
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()
