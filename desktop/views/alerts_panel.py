"""The alerts inbox: newest first, unread in bold, "+N copies" for grouped wire stories.

Opening an alert (double-click or Enter) marks it read and asks the window to show the article;
"Mark read" and "Mark all read" change read state in the library. Each change emits
``changed`` so the tray count follows. Reads are two small SQLite queries, done on the GUI thread.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from index.alerts import inbox

ID_ROLE = Qt.UserRole
ARTICLE_ROLE = Qt.UserRole + 1
READ_ROLE = Qt.UserRole + 2


class AlertsPanel(QWidget):
    openArticle = Signal(str)     # article id
    changed = Signal()            # read state changed: refresh counts

    def __init__(self, parent=None, limit: int = 500):
        super().__init__(parent)
        self.library = None
        self.limit = limit
        self.header = QLabel("Alerts")
        self.unread_only = QCheckBox("Unread only")
        self.list = QListWidget()
        self.list.setSelectionMode(QListWidget.ExtendedSelection)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)        # "search: title — outlet — date" wraps in the slim dock
        self.mark_read_btn = QPushButton("Mark read")
        self.mark_all_btn = QPushButton("Mark all read")
        self.empty = QLabel("No alerts. Save a search and tick “Watch” to be told about new matches.")
        self.empty.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.unread_only)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mark_read_btn)
        buttons.addWidget(self.mark_all_btn)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.empty)
        lay.addLayout(buttons)
        self.unread_only.toggled.connect(lambda _: self.refresh())
        self.list.itemActivated.connect(self._activated)
        self.mark_read_btn.clicked.connect(self.mark_selected_read)
        self.mark_all_btn.clicked.connect(self.mark_all_read)
        self.refresh()

    def set_library(self, library) -> None:
        self.library = library
        self.refresh()

    def refresh(self) -> None:
        """Reload from the library, keeping the selection by alert id."""
        keep = {it.data(ID_ROLE) for it in self.list.selectedItems()}
        self.list.clear()
        alerts = []
        if self.library is not None:
            alerts = inbox.list_alerts(self.library.state, unread=self.unread_only.isChecked(),
                                       limit=self.limit)
        for a in alerts:
            item = QListWidgetItem(f"{a.search}: {a.label()}")
            item.setData(ID_ROLE, a.id)
            item.setData(ARTICLE_ROLE, a.article_id)
            item.setData(READ_ROLE, a.read)
            item.setToolTip(f"Saved search: {a.search}\nAlert recorded {a.created}\nArticle {a.article_id}")
            if not a.read:
                f = QFont(item.font())
                f.setBold(True)
                item.setFont(f)
            self.list.addItem(item)
            if a.id in keep:
                item.setSelected(True)
        unread = inbox.unread_count(self.library.state) if self.library is not None else 0
        self.header.setText(f"Alerts — {unread} unread" if unread else "Alerts")
        self.empty.setVisible(not alerts)
        self.mark_all_btn.setEnabled(unread > 0)

    def items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        # Read both ids first: marking read refreshes the list, which deletes the item.
        alert_id, article_id = item.data(ID_ROLE), item.data(ARTICLE_ROLE)
        self._set_read([alert_id])
        self.openArticle.emit(article_id)

    def mark_selected_read(self) -> None:
        self._set_read([it.data(ID_ROLE) for it in self.list.selectedItems()])

    def _set_read(self, ids) -> None:
        if self.library is None or not ids:
            return
        for i in ids:
            inbox.mark_read(self.library.state, i)
        self.refresh()
        self.changed.emit()

    def mark_all_read(self) -> None:
        if self.library is None:
            return
        inbox.mark_all_read(self.library.state)
        self.refresh()
        self.changed.emit()
