"""The results table's model: the hits of the current search as C++ items, filled lazily.

The first page arrives with the search; further pages are asked for through ``fetchRequested``
(the search controller runs them off the GUI thread and hands them back with ``append``), so
100,000 hits cost only the rows the analyst scrolls to.

Why QStandardItemModel rather than a Python ``data()``: the view asks ~6 roles per visible cell
on every repaint (~700 calls for one screen). While a search or an import relay thread runs,
each of those calls from C++ into Python must win the GIL back, which made one repaint take
60-90 ms (event-loop stalls). Items built once per page keep painting in C++.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QPalette, QStandardItemModel
from PySide6.QtWidgets import QApplication

from desktop.labels import language_name
from index.model import Hit, SearchResult

ID_ROLE = Qt.UserRole + 1
HIT_ROLE = Qt.UserRole + 2
SORT_ROLE = Qt.UserRole + 3

COLUMNS = ("Title", "Outlet", "Date", "Lang", "Persons")
DATE_COLUMN = 2
FLAGS = Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemNeverHasChildren
FLAGS_ROLE = Qt.UserRole - 1      # where QStandardItem keeps its flags


def snippet_plain(snippet: str) -> str:
    """The snippet without the core's match markers ([[word]], see index.store.search.highlight)."""
    return snippet.replace("[[", "").replace("]]", "")


class ResultsModel(QStandardItemModel):
    fetchRequested = Signal(int)      # offset of the next page
    sortRequested = Signal(str)       # one of index.model.SORTS

    def __init__(self, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self._hits: list[Hit] = []
        self._total = 0
        self._generation = -1
        self._loading = False

    # ------------------------------------------------------------ filling
    # Only calls that return a value are used on the items: PySide6 6.12 on Python 3.11 drops a
    # reference to None on every call of a void Qt method (QStandardItem.setData, setRowCount,
    # appendRow...), and thousands per refresh soon end the process ("deallocating None").
    def reset(self, generation: int, result: SearchResult | None) -> None:
        hits = list(result.hits) if result else []
        self.beginResetModel()
        self.blockSignals(True)          # inside a reset the views rebuild once, at the end
        try:
            self.removeRows(0, self.rowCount())
            self._fill(0, hits)
        finally:
            self.blockSignals(False)
        self._generation = generation
        self._hits = hits
        self._total = result.total if result else 0
        self._loading = False
        self.endResetModel()

    def append(self, generation: int, offset: int, hits: list[Hit]) -> bool:
        """Add a page; False (and nothing changes) when it belongs to an older search."""
        if generation != self._generation or offset != len(self._hits):
            return False
        self._loading = False
        if hits:
            first = len(self._hits)
            self._hits.extend(hits)
            self.insertRows(first, len(hits))
            self.blockSignals(True)      # one dataChanged for the page, not one per cell
            try:
                self._fill(first, hits, insert=False)
            finally:
                self.blockSignals(False)
            self.dataChanged.emit(self.index(first, 0), self.index(first + len(hits) - 1, len(COLUMNS) - 1))
        else:
            self._total = len(self._hits)     # the index shrank under us: stop asking
        return True

    def _fill(self, first: int, hits: list[Hit], insert: bool = True) -> None:
        if insert and hits:
            self.insertRows(first, len(hits))
        flags = int(FLAGS.value if hasattr(FLAGS, "value") else FLAGS)
        dim = QApplication.palette().brush(QPalette.Disabled, QPalette.Text)
        for r, hit in enumerate(hits, first):
            texts = (hit.title or "(untitled)", hit.outlet or "",
                     hit.published.isoformat() if hit.published else "no date", hit.language or "",
                     ", ".join(hit.persons[:4]) + (" …" if len(hit.persons) > 4 else ""))
            tips = (snippet_plain(hit.snippet) if hit.snippet else None, None, None,
                    language_name(hit.language) if hit.language else None,
                    ", ".join(hit.persons) if hit.persons else None)
            for col, (text, tip) in enumerate(zip(texts, tips)):
                roles = {Qt.DisplayRole: text, ID_ROLE: hit.id, HIT_ROLE: hit, FLAGS_ROLE: flags,
                         SORT_ROLE: hit.published.isoformat() if (col == DATE_COLUMN and hit.published)
                         else hit.score}
                if tip:
                    roles[Qt.ToolTipRole] = tip
                if col == DATE_COLUMN and not hit.published:
                    roles[Qt.ForegroundRole] = dim
                self.setItemData(self.index(r, col), roles)

    def page_failed(self) -> None:
        self._loading = False

    @property
    def total(self) -> int:
        return self._total

    @property
    def generation(self) -> int:
        return self._generation

    def hit(self, row: int) -> Hit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def row_of(self, article_id: str) -> int:
        for i, h in enumerate(self._hits):
            if h.id == article_id:
                return i
        return -1

    # ------------------------------------------------------------ lazy loading
    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and not self._loading and len(self._hits) < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        self.fetchRequested.emit(len(self._hits))

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        """The core sorts (all pages, not just the loaded ones): ask for a new search."""
        if column == DATE_COLUMN:
            self.sortRequested.emit("oldest" if order == Qt.AscendingOrder else "newest")
        else:
            self.sortRequested.emit("relevance")
