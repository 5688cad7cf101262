"""The briefing of a saved search (saved-search sidebar → Briefing…): new matches since a day,
grouped by story, as HTML or PDF. Built and written on the export runner (index/export/digest.py;
PDF through desktop/printing.py, which the export wiring lends the core), reported back here with a clear message.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton,
                               QVBoxLayout)

from desktop.views.export_dialog import default_folder
from desktop.tasks import FunctionTask, describe_error
from index.cancel import CancelToken

BASES = (("published", "published since (undated: imported since)"),
         ("imported", "imported into the library since"))
FORMATS = (("html", "HTML page (.html)"), ("pdf", "PDF document (.pdf)"))


def _slug(name: str) -> str:
    return re.sub(r"[^\w-]+", "-", name, flags=re.UNICODE).strip("-").lower() or "search"


class BriefingDialog(QDialog):
    finished_briefing = Signal(str)

    def __init__(self, window, search, parent=None):
        super().__init__(parent or window)
        self.window_ = window
        self.library = window.library
        self.search = search
        self.task = None
        self.token: CancelToken | None = None
        self.result_message = ""
        self.setWindowTitle(f"Briefing of “{search.name}”")
        self.setObjectName("briefingDialog")
        head = QLabel(f"New matches of the saved search <b>{search.name}</b>, grouped by story, "
                      "with numbered sources.", self)
        head.setTextFormat(Qt.RichText)
        head.setWordWrap(True)
        self.since = QDateEdit(self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        start = (search.last_seen.date() if search.last_seen else dt.date.today()) - dt.timedelta(days=7)
        self.since.setDate(QDate(start.year, start.month, start.day))
        self.since.setAccessibleName("New since")
        self.basis = QComboBox(self)
        for key, label in BASES:
            self.basis.addItem(label, key)
        self.format = QComboBox(self)
        for key, label in FORMATS:
            self.format.addItem(label, key)
        folder = getattr(window, "export_folder", None) or default_folder()
        self.path = QLineEdit(os.path.join(folder, f"briefing-{_slug(search.name)}-"
                                                   f"{dt.date.today().isoformat()}.html"), self)
        self.path.setMinimumWidth(380)
        self.browse = QPushButton("Choose…", self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.message = QLabel("", self)
        self.message.setObjectName("briefingMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.write_btn = QPushButton("Write briefing", self)
        self.write_btn.setDefault(True)
        self.open_btn = QPushButton("Open", self)
        self.open_btn.hide()
        self.close_btn = QPushButton("Close", self)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow("New since:", self.since)
        form.addRow("Counting articles:", self.basis)
        form.addRow("Format:", self.format)
        form.addRow("File:", file_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.write_btn)
        buttons.addWidget(self.close_btn)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addLayout(form)
        lay.addWidget(self.progress)
        lay.addWidget(self.message)
        lay.addStretch(1)
        lay.addLayout(buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.browse.clicked.connect(self._choose)
        self.write_btn.clicked.connect(self.start)
        self.close_btn.clicked.connect(self.close)
        self.open_btn.clicked.connect(self._open)
        self.resize(560, 250)

    def _format_changed(self, *_args) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix("." + self.format.currentData())))

    def _choose(self) -> None:
        fmt = self.format.currentData()
        path, _ = QFileDialog.getSaveFileName(self, "Write briefing to", self.path.text(),
                                              f"{fmt.upper()} (*.{fmt})")
        if path:
            self.path.setText(path if Path(path).suffix else f"{path}.{fmt}")

    @property
    def running(self) -> bool:
        return self.task is not None

    def start(self) -> bool:
        if self.running or self.library is None:
            return False
        from index.export.digest import build_digest, write_digest
        text = self.path.text().strip()
        if not text:
            self._done("Choose a file for the briefing.", ok=False)
            return False
        path = Path(text).expanduser()
        d = self.since.date()
        since = dt.date(d.year(), d.month(), d.day())
        basis, fmt = self.basis.currentData(), self.format.currentData()
        library, search = self.library, self.search
        self.token = token = CancelToken()
        self.window_.export_folder = str(path.parent)

        def work():
            digest = build_digest(library, search.request, since, name=search.name, basis=basis,
                                  cancel=token)
            return write_digest(path, digest, fmt), digest

        task = FunctionTask(work)
        task.signals.finished.connect(self._written)
        task.signals.failed.connect(lambda exc: self._failed(exc))
        self.task = task
        self.write_btn.setEnabled(False)
        self.progress.show()
        self.message.setText("Writing the briefing…")
        self.window_.export_runner.start(task)
        return True

    def _written(self, payload) -> None:
        self.task = None
        path, digest = payload
        k = len(digest.stories)
        more = f" (the {digest.shown:,} newest listed)" if digest.total > digest.shown else ""
        self._done(f"Wrote the briefing of “{digest.name}” to {path}: {digest.total:,} new "
                   f"match{'es' if digest.total != 1 else ''}{more} in {k:,} "
                   f"stor{'ies' if k != 1 else 'y'}.", ok=True)

    def _failed(self, exc) -> None:
        self.task = None
        self._done(f"The briefing could not be written: {describe_error(exc)}", ok=False)

    def _done(self, text: str, ok: bool) -> None:
        self.progress.hide()
        self.write_btn.setEnabled(True)
        self.result_message = text
        self.message.setText(("✔ " if ok else "") + text)
        self.open_btn.setVisible(ok)
        self.finished_briefing.emit(text)

    def _open(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.path.text().strip()))

    def closeEvent(self, event) -> None:
        if self.token is not None:
            self.token.cancel()
        super().closeEvent(event)
