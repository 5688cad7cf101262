"""Dialogs: the import report, the import log (reopens past reports), About, first start."""
from __future__ import annotations

import platform
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QMessageBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)


def report_summary(report) -> str:
    parts = [f"{report.imported:,} imported", f"{report.duplicates:,} duplicates",
             f"{len(report.failed):,} failed", f"{len(report.skipped):,} skipped"]
    text = ", ".join(parts)
    return text + (" — cancelled" if report.cancelled else "")


class ImportReportDialog(QDialog):
    """Imported / duplicates counts and every failed or skipped file with its reason."""

    def __init__(self, report, parent=None):
        super().__init__(parent)
        self.report = report
        when = report.started.strftime("%Y-%m-%d %H:%M") if report.started else ""
        self.setWindowTitle(f"Import report {when}")
        self.setAccessibleName("Import report")
        head = QLabel(f"<b>{report_summary(report)}</b><br>"
                      f"<span>{'; '.join(report.paths[:3])}{' …' if len(report.paths) > 3 else ''}"
                      f"</span>", self)
        head.setTextInteractionFlags(Qt.TextSelectableByMouse)
        head.setWordWrap(True)
        problems = [("failed", p) for p in report.failed] + [("skipped", p) for p in report.skipped]
        self.table = QTableWidget(len(problems), 3, self)
        self.table.setAccessibleName("Failed and skipped files")
        self.table.setHorizontalHeaderLabels(["", "File", "Reason"])
        for row, (kind, p) in enumerate(problems):
            for col, text in enumerate((kind, p.path, p.reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setVisible(bool(problems))
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.resize(760, 420 if problems else 140)


class ImportLogDialog(QDialog):
    """Past imports of the library, newest first; double-click (or Enter) reopens a report."""

    def __init__(self, reports, parent=None):
        super().__init__(parent)
        self.reports = list(reports)
        self.setWindowTitle("Import log")
        self.table = QTableWidget(len(self.reports), 3, self)
        self.table.setAccessibleName("Past imports")
        self.table.setHorizontalHeaderLabels(["Started", "Result", "Paths"])
        for row, r in enumerate(self.reports):
            started = r.started.strftime("%Y-%m-%d %H:%M:%S") if r.started else ""
            for col, text in enumerate((started, report_summary(r), "; ".join(r.paths))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.cellActivated.connect(self.open_report)
        self.table.cellDoubleClicked.connect(self.open_report)
        empty = QLabel("No imports yet.", self)
        empty.setVisible(not self.reports)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(empty)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.resize(820, 360)

    def open_report(self, row: int, _col: int = 0) -> None:
        if 0 <= row < len(self.reports):
            ImportReportDialog(self.reports[row], self).exec()


def versions() -> dict[str, str]:
    import PySide6
    from PySide6.QtCore import qVersion
    from index import __version__
    out = {"Mediawatch": __version__, "Python": platform.python_version(),
           "Qt": qVersion(), "PySide6": PySide6.__version__}
    try:
        from importlib.metadata import version
        out["Whoosh"] = version("Whoosh-Reloaded")
    except Exception:      # frozen builds may lack dist metadata
        import whoosh
        out["Whoosh"] = ".".join(map(str, getattr(whoosh, "__version__", ()))) or "?"
    out["Platform"] = f"{platform.system()} {platform.release()}" + (" (frozen)" if getattr(sys, "frozen", False) else "")
    return out


def show_about(parent) -> None:
    rows = "".join(f"<tr><td>{k}</td><td>&nbsp;{v}</td></tr>" for k, v in versions().items())
    QMessageBox.about(parent, "About Mediawatch",
                      "<h3>Mediawatch</h3><p>Offline media monitoring: import news articles, "
                      "search them with facets, read, compare coverage and get alerts.</p>"
                      f"<table>{rows}</table>")
