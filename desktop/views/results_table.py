"""The results table with its header line (total, sort order). Rows are fetched lazily."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QTableView, QVBoxLayout, QWidget)

from desktop.models.results_model import DATE_COLUMN, ID_ROLE, ResultsModel

SORT_LABELS = {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first"}
TITLE_MIN = 220          # the title keeps this much room to be read before other columns shrink
PERSONS_WIDTH, PERSONS_MIN = 150, 80
PERSONS_COLUMN = 4


class ResultsTable(QTableView):
    opened = Signal(str)          # Enter / double-click: article id
    hint = ("Drop article files, folders or .zip archives anywhere on the window to import them\n"
            "(text, HTML, e-mail, PDF, Word, RSS/Atom, JSON) — or use File → Import (Ctrl+O)")

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        # The empty space under the rows says how to get more articles in.
        rows = self.model().rowCount() if self.model() else 0
        used = rows * self.verticalHeader().defaultSectionSize()
        free = self.viewport().height() - used
        if free < 90:
            return
        from PySide6.QtCore import QRect
        from PySide6.QtGui import QPainter, QPalette
        p = QPainter(self.viewport())
        p.setPen(self.palette().color(QPalette.PlaceholderText))
        text = ("No articles match. Remove a filter or change the query.\n\n" if rows == 0
                and self.model().total == 0 and self.property("searched") else "") + self.hint
        p.drawText(QRect(12, used, self.viewport().width() - 24, free), Qt.AlignCenter | Qt.TextWordWrap, text)
        p.end()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """In a narrow pane the persons column gives way to the title: it shrinks, then hides
        (the reader lists the persons anyway); the stretching title takes what is left."""
        header = self.horizontalHeader()
        if header.count() <= PERSONS_COLUMN:
            return
        fixed = sum(header.sectionSize(c) for c in range(1, PERSONS_COLUMN))
        persons = min(PERSONS_WIDTH, self.viewport().width() - fixed - TITLE_MIN)
        self.setColumnHidden(PERSONS_COLUMN, persons < PERSONS_MIN)
        if persons >= PERSONS_MIN and header.sectionSize(PERSONS_COLUMN) != persons:
            header.resizeSection(PERSONS_COLUMN, persons)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            idx = self.currentIndex()
            if idx.isValid():
                self.opened.emit(idx.data(ID_ROLE))
                return
        super().keyPressEvent(event)


class ResultsPanel(QWidget):
    currentChanged = Signal(str)     # article id of the current row
    opened = Signal(str)
    sortChanged = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = ResultsModel(self)
        self.summary = QLabel("", self)
        self.summary.setObjectName("resultSummary")
        self.summary.setAccessibleName("Result count")
        self.sort = QComboBox(self)
        self.sort.setAccessibleName("Sort results by")
        for key, label in SORT_LABELS.items():
            self.sort.addItem(label, key)
        self.sort.currentIndexChanged.connect(self._sort_changed)
        self.model.sortRequested.connect(self.set_sort_and_emit)
        self.table = ResultsTable(self)
        self.table.setObjectName("results")
        self.table.setAccessibleName("Search results")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._header_clicked)
        for col, width in ((1, 130), (2, 84), (3, 44), (PERSONS_COLUMN, PERSONS_WIDTH)):
            header.resizeSection(col, width)
        self.table.selectionModel().currentRowChanged.connect(self._current)
        self.table.doubleClicked.connect(lambda idx: self.opened.emit(idx.data(ID_ROLE)))
        self.table.opened.connect(self.opened)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel("Sort:", self))
        top.addWidget(self.sort)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)

    def _sort_changed(self, _index: int) -> None:
        key = self.sort.currentData()
        header = self.table.horizontalHeader()
        # The arrow on the Date column says the order; relevance has no column of its own.
        header.setSortIndicatorShown(key != "relevance")
        if key != "relevance":
            header.setSortIndicator(DATE_COLUMN, Qt.AscendingOrder if key == "oldest" else Qt.DescendingOrder)
        self.sortChanged.emit(key)

    def _current(self, current, _previous) -> None:
        if current.isValid():
            self.currentChanged.emit(current.data(ID_ROLE))

    def _header_clicked(self, section: int) -> None:
        if section == DATE_COLUMN:
            self.set_sort_and_emit("oldest" if self.sort.currentData() == "newest" else "newest")
        elif section == 0:
            self.set_sort_and_emit("relevance")

    def set_sort_and_emit(self, key: str) -> None:
        i = self.sort.findData(key)
        if i >= 0 and i != self.sort.currentIndex():
            self.sort.setCurrentIndex(i)      # emits sortChanged

    def set_summary(self, total: int, elapsed_ms: float, library_count: int | None = None) -> None:
        text = f"{total:,} article{'s' if total != 1 else ''}"
        if library_count is not None and library_count != total:
            text += f" of {library_count:,}"
        self.summary.setText(f"<b>{text}</b>  <span style='color:gray'>· {elapsed_ms:.0f} ms</span>")

    def select_id(self, article_id: str | None) -> bool:
        row = self.model.row_of(article_id) if article_id else -1
        if row < 0:
            return False
        self.table.selectRow(row)
        return True
