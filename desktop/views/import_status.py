"""The status bar's import progress: files done / total, the current file, and Cancel."""
from __future__ import annotations

from pathlib import PurePath

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop.icons import icon


class ImportStatus(QWidget):
    cancelRequested = Signal()
    reportRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName("Import progress")
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(True)
        self.label = QLabel("", self)
        self.label.setMinimumWidth(220)
        self.label.setMaximumWidth(420)
        self.cancel = QPushButton(icon("process-stop"), "Cancel", self)
        self.cancel.setAccessibleName("Cancel import")
        self.cancel.setToolTip("Stop the import; articles already committed stay in the library")
        self.cancel.clicked.connect(self._cancel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label)
        lay.addWidget(self.bar)
        lay.addWidget(self.cancel)
        self.hide()

    def start(self, paths) -> None:
        self.bar.setRange(0, 0)          # busy until the first count arrives
        self.cancel.setEnabled(True)
        self.cancel.setText("Cancel")
        self.label.setText(f"Importing {len(paths)} item(s)…")
        self.show()

    def update_progress(self, p) -> None:
        total = max(p.total, p.done)
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(p.done)
            self.bar.setFormat(f"{p.done:,} / {total:,} files")
        name = PurePath(p.current).name if p.current else ""
        text = f"{p.imported:,} imported"
        if 0 <= p.committed < p.imported:
            # Read and extracted articles wait for their batch's commit before a search finds
            # them: say so, or "443 imported" beside "247 articles in library" looks like a loss.
            text += f" ({p.committed:,} searchable)"
        if p.duplicates:
            text += f", {p.duplicates:,} duplicates"
        if p.failed:
            text += f", {len(p.failed):,} failed"
        if name:
            text += f" · {name}"
        metrics = self.label.fontMetrics()
        self.label.setText(metrics.elidedText(text, Qt.ElideMiddle, self.label.maximumWidth()))

    def _cancel(self) -> None:
        self.cancel.setEnabled(False)
        self.cancel.setText("Stopping…")
        self.cancelRequested.emit()

    def finish(self) -> None:
        self.hide()
