"""The library check dialog: what ``check`` found (index/check), and a Repair button for what
the stored text can rebuild. Shown after an unclean shutdown when the check finds something,
and from File → Check library…. The checking itself runs in desktop/check_wiring.py."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QStyle, QVBoxLayout)

_ICONS = {"error": QStyle.SP_MessageBoxCritical, "warning": QStyle.SP_MessageBoxWarning,
          "info": QStyle.SP_MessageBoxInformation}


class CheckDialog(QDialog):
    repairRequested = Signal()
    checkRequested = Signal()

    def __init__(self, reason: str | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Check library")
        self.setAccessibleName("Check library")
        self.reason = QLabel(reason or "", self)
        self.reason.setWordWrap(True)
        self.reason.setVisible(bool(reason))
        self.summary = QLabel("Checking the library…", self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Check findings")
        self.list.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.repair = QPushButton("Repair", self)
        self.repair.setToolTip("Rebuild what the stored articles can give back (stories, word "
                               "pairs, facet columns, duplicates), then check again")
        self.again = QPushButton("Check again", self)
        self.buttons.addButton(self.repair, QDialogButtonBox.ActionRole)
        self.buttons.addButton(self.again, QDialogButtonBox.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.repair.clicked.connect(self._repair)
        self.again.clicked.connect(self._again)
        lay = QVBoxLayout(self)
        lay.addWidget(self.reason)
        lay.addWidget(self.summary)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.buttons)
        self.set_busy("Checking the library…")
        self.resize(640, 380)

    def set_busy(self, text: str) -> None:
        self.summary.setText(text)
        self.repair.setEnabled(False)
        self.again.setEnabled(False)

    def show_report(self, report) -> None:
        self.list.clear()
        for f in report.findings:
            item = QListWidgetItem(self.style().standardIcon(_ICONS[f.level]), _line(f))
            item.setToolTip(f.message)
            self.list.addItem(item)
        self.summary.setText(f"<b>{'Sound' if report.ok else 'Problems found'}</b>: "
                             f"{_escape(report.summary())}")
        self.repair.setEnabled(any(f.repairable and not f.repaired for f in report.problems))
        self.again.setEnabled(True)

    def show_error(self, message: str) -> None:
        self.summary.setText(f"<b>The check could not run</b>: {_escape(message)}")
        self.again.setEnabled(True)

    def _repair(self) -> None:
        self.set_busy("Repairing…")
        self.repairRequested.emit()

    def _again(self) -> None:
        self.set_busy("Checking the library…")
        self.checkRequested.emit()


def _line(f) -> str:
    tail = " — repaired" if f.repaired else " — Repair rebuilds it" if f.repairable else ""
    return f"{f.level.capitalize()} ({f.area}): {f.message}{tail}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
