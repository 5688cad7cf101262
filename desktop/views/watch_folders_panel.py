"""The watch-folder settings pane: add and remove the folders the service (watch_folders.py) watches."""
from __future__ import annotations

from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QListWidget, QPushButton,
                               QVBoxLayout, QWidget)

from desktop.tasks import describe_error
from desktop.watch_folders import WatchFolderService


class WatchFoldersPanel(QWidget):
    """Add and remove watch folders (a small settings pane)."""

    def __init__(self, service: WatchFolderService, parent=None):
        super().__init__(parent)
        self.service = service
        self.list = QListWidget()
        add = QPushButton("Add folder…")
        rm = QPushButton("Remove")
        self.status = QLabel("")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(rm)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("Folders imported automatically while Mediawatch runs:"))
        lay.addWidget(self.list, 1)
        lay.addLayout(row)
        lay.addWidget(self.status)
        add.clicked.connect(self._add)
        rm.clicked.connect(self._remove)
        service.imported.connect(lambda r: self.status.setText(
            f"Imported {r.imported} new articles from watch folders"
            + (f"; {len(r.failed)} files failed (see the import log)" if r.failed else "")))
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        self.list.addItems(self.service.folders())

    def _add(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Watch folder")
        if path:
            try:
                self.service.add(path)
            except Exception as e:
                self.status.setText(describe_error(e))
            self.refresh()

    def _remove(self) -> None:
        for it in self.list.selectedItems():
            self.service.remove(it.text())
        self.refresh()
