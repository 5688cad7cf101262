"""The Export dialog: what (results, facet counts, timeline picture), format, file; progress,
cancel and a clear message at the end.

The search is the window's current one, taken when the dialog opens (the summary line says
which). Results are written by the core generator (index/export/results.py) in a
``GeneratorTask`` on the window's export runner, so the window stays live and Cancel stops it
between pages; the facet counts are one search on the same runner; the timeline is painted on
the GUI thread (it is the widget's own painting, a few milliseconds).
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget)

from desktop.tasks import FunctionTask, GeneratorTask, describe_error
from index.cancel import CancelToken
from index.export.results import describe

KINDS = {"results": "Results (every matching article)", "facets": "Facet counts",
         "timeline": "Timeline picture"}
FORMATS = {
    "results": (("csv", "CSV for Excel and LibreOffice (.csv)"), ("xlsx", "Excel workbook (.xlsx)"),
                ("jsonl", "JSON Lines (.jsonl)")),
    "facets": (("csv", "CSV (.csv)"),),
    "timeline": (("png", "PNG picture, 300 dpi (.png)"), ("svg", "SVG drawing (.svg)")),
}
STEMS = {"results": "mediawatch-results", "facets": "mediawatch-facets", "timeline": "mediawatch-timeline"}


def default_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or str(Path.home())


def facet_label(facet: str, value: str) -> str:
    from desktop.labels import country_name, language_name
    if facet == "country":
        return country_name(value)
    if facet == "language":
        return language_name(value)
    return value


class ExportDialog(QDialog):
    finished_export = Signal(str)      # the message shown at the end (tests, status bar)

    def __init__(self, window, kind: str = "results", parent: QWidget | None = None):
        super().__init__(parent or window)
        self.setWindowTitle("Export")
        self.setObjectName("exportDialog")
        self.window_ = window
        self.library = window.library
        self.request = window.search.request(offset=0, limit=0, facets=False)
        last = window.search.last_result
        self.total = last.total if last is not None else None
        self.token: CancelToken | None = None
        self.task = None
        self.result_message = ""
        self.folder = getattr(window, "export_folder", None) or default_folder()

        count = f"{self.total:,} article{'s' if self.total != 1 else ''}" if self.total is not None else "…"
        self.summary = QLabel(f"<b>{count}</b> · {describe(self.request)}", self)
        self.summary.setTextFormat(Qt.RichText)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Search to export")
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("What to export")
        for key, label in KINDS.items():
            self.kind.addItem(label, key)
        self.format = QComboBox(self)
        self.format.setAccessibleName("Format")
        self.path = QLineEdit(self)
        self.path.setAccessibleName("File")
        self.path.setMinimumWidth(380)
        self.browse = QPushButton("Choose…", self)
        self.note = QLabel("", self)
        self.note.setObjectName("exportNote")
        self.note.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Export progress")
        self.progress.hide()
        self.message = QLabel("", self)
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.export_btn = QPushButton("Export", self)
        self.export_btn.setDefault(True)
        self.cancel_btn = QPushButton("Cancel", self)
        self.open_btn = QPushButton("Open folder", self)
        self.open_btn.hide()

        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow("Export:", self.kind)
        form.addRow("Format:", self.format)
        form.addRow("File:", file_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.export_btn)
        buttons.addWidget(self.cancel_btn)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addLayout(form)
        lay.addWidget(self.note)
        lay.addWidget(self.progress)
        lay.addWidget(self.message)
        lay.addStretch(1)
        lay.addLayout(buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.path.textChanged.connect(self._check_path)
        self.browse.clicked.connect(self._choose)
        self.export_btn.clicked.connect(self.start)
        self.cancel_btn.clicked.connect(self._cancel_or_close)
        self.open_btn.clicked.connect(self._open_folder)
        self.set_kind(kind)
        self.resize(560, 260)

    # ------------------------------------------------------------ choices
    def set_kind(self, kind: str) -> None:
        i = self.kind.findData(kind)
        if i >= 0:
            if i == self.kind.currentIndex():
                self._kind_changed()
            else:
                self.kind.setCurrentIndex(i)

    def set_format(self, fmt: str) -> None:
        i = self.format.findData(fmt)
        if i >= 0:
            self.format.setCurrentIndex(i)

    def _kind_changed(self, *_args) -> None:
        kind = self.kind.currentData()
        self.format.blockSignals(True)
        self.format.clear()
        for key, label in FORMATS[kind]:
            self.format.addItem(label, key)
        self.format.blockSignals(False)
        name = f"{STEMS[kind]}-{dt.date.today().isoformat()}.{self.format.currentData()}"
        folder = str(Path(self.path.text()).parent) if self.path.text() else self.folder
        self.path.setText(os.path.join(folder, name))
        self.message.clear()
        self.open_btn.hide()

    def _format_changed(self, *_args) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix("." + self.format.currentData())))

    def _check_path(self, text: str) -> None:
        p = Path(text.strip()) if text.strip() else None
        if p is not None and p.exists():
            self.note.setText("A file of this name exists: it is replaced only when the export is complete.")
        else:
            self.note.clear()

    def _choose(self) -> None:
        fmt = self.format.currentData()
        path, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text(),
                                              f"{fmt.upper()} (*.{fmt})")
        if path:
            if not Path(path).suffix:
                path += "." + fmt
            self.path.setText(path)

    # ------------------------------------------------------------ running
    @property
    def running(self) -> bool:
        return self.task is not None

    def start(self) -> bool:
        if self.running or self.library is None:
            return False
        text = self.path.text().strip()
        if not text:
            self._done("Choose a file to export to.", ok=False)
            return False
        path = Path(text).expanduser()
        kind, fmt = self.kind.currentData(), self.format.currentData()
        self.window_.export_folder = str(path.parent)
        self.message.setText("Exporting…")
        self.open_btn.hide()
        self.progress.hide()
        self._set_running(True)
        if kind == "timeline":
            self._timeline(path, fmt)
            return True
        runner = self.window_.export_runner
        library, request = self.library, self.request
        if kind == "results":
            from index.export.results import export_results
            self.token = token = CancelToken()
            self.progress.setRange(0, max(1, self.total or 1))
            self.progress.setValue(0)
            self.progress.show()
            task = GeneratorTask(lambda: export_results(library, request, path, fmt, token))
            task.signals.progress.connect(self._progress)
            task.signals.finished.connect(self._results_done)
        else:
            from index.export.facets import export_facets
            self.progress.setRange(0, 0)           # busy: one search
            self.progress.show()
            task = FunctionTask(lambda: (export_facets(library, request, path, facet_label), path))
            task.signals.finished.connect(self._facets_done)
        task.signals.failed.connect(self._failed)
        self.task = task
        runner.start(task)
        return True

    def _progress(self, p) -> None:
        self.progress.setRange(0, max(1, p.total))
        self.progress.setValue(p.done)
        self.message.setText(f"Exporting {p.done:,} of {p.total:,} articles…")

    def _results_done(self, report) -> None:
        self.task = None
        self._done(report.summary(), ok=not report.cancelled)

    def _facets_done(self, payload) -> None:
        self.task = None
        (rows, result), path = payload
        self._done(f"Exported {rows:,} facet counts of {result.total:,} articles to {path}.", ok=True)

    def _timeline(self, path: Path, fmt: str) -> None:
        from desktop.views.timeline_image import save_timeline
        try:
            size = save_timeline(self.window_.timeline, path, fmt, caption=self.caption())
        except Exception as e:
            self._done(f"The timeline could not be saved: {describe_error(e)}", ok=False)
            return
        what = f"{size.width()} × {size.height()} px, 300 dpi" if fmt == "png" else "vector drawing"
        self._done(f"Saved the timeline to {path} ({what}).", ok=True)

    def caption(self) -> str:
        tl = self.window_.timeline
        per = f"per {tl.kind}" if tl.kind else "per period"
        return f"Articles {per} — {describe(self.request)}"

    def _failed(self, exc) -> None:
        self.task = None
        self._done(f"Export failed: {describe_error(exc)}", ok=False)

    def _done(self, text: str, ok: bool) -> None:
        self._set_running(False)
        used = not self.progress.isHidden()          # results and facets show their progress
        self.progress.setVisible(used and ok and self.progress.maximum() > 0)
        if used and ok and self.progress.maximum() > 0:
            self.progress.setValue(self.progress.maximum())
        self.result_message = text
        self.message.setText(("✔ " if ok else "") + text)
        self.open_btn.setVisible(ok)
        self.finished_export.emit(text)

    def _set_running(self, on: bool) -> None:
        for w in (self.kind, self.format, self.path, self.browse, self.export_btn):
            w.setEnabled(not on)
        self.cancel_btn.setText("Cancel" if on else "Close")

    def cancel(self) -> None:
        if self.token is not None:
            self.token.cancel()
            self.message.setText("Cancelling…")

    def _cancel_or_close(self) -> None:
        if self.running:
            self.cancel()
        else:
            self.close()

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.path.text()).parent)))

    def closeEvent(self, event) -> None:
        self.cancel()          # a running export stops and removes its partial file
        super().closeEvent(event)
