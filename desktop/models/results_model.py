"""The results table: a QAbstractTableModel over ``Hit`` dataclasses, filled lazily.

The first page arrives with the search; further pages are asked for through ``fetchRequested``
(the search controller runs them off the GUI thread and hands them back with ``append``), so
100,000 hits cost only the rows the analyst scrolls to.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from desktop.labels import language_name
from index.model import Hit, SearchResult

ID_ROLE = Qt.UserRole + 1
HIT_ROLE = Qt.UserRole + 2
SORT_ROLE = Qt.UserRole + 3

COLUMNS = ("Title", "Outlet", "Date", "Lang", "Persons")
DATE_COLUMN = 2


def snippet_plain(snippet: str) -> str:
    """The snippet without the core's match markers ([[word]], see index.search.highlight)."""
    return snippet.replace("[[", "").replace("]]", "")


class ResultsModel(QAbstractTableModel):
    fetchRequested = Signal(int)      # offset of the next page
    sortRequested = Signal(str)       # one of index.model.SORTS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._hits: list[Hit] = []
        self._total = 0
        self._generation = -1
        self._loading = False

    # ------------------------------------------------------------ filling
    def reset(self, generation: int, result: SearchResult | None) -> None:
        self.beginResetModel()
        self._generation = generation
        self._hits = list(result.hits) if result else []
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
            self.beginInsertRows(QModelIndex(), first, first + len(hits) - 1)
            self._hits.extend(hits)
            self.endInsertRows()
        else:
            self._total = len(self._hits)     # the index shrank under us: stop asking
        return True

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

    # ------------------------------------------------------------ Qt model API
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._hits)):
            return None
        hit = self._hits[index.row()]
        col = index.column()
        if role == Qt.DisplayRole:
            if col == 0:
                return hit.title or "(untitled)"
            if col == 1:
                return hit.outlet or ""
            if col == DATE_COLUMN:
                return hit.published.isoformat() if hit.published else "no date"
            if col == 3:
                return hit.language or ""
            if col == 4:
                return ", ".join(hit.persons[:4]) + (" …" if len(hit.persons) > 4 else "")
        elif role == Qt.ToolTipRole:
            if col == 0 and hit.snippet:
                return snippet_plain(hit.snippet)
            if col == 3 and hit.language:
                return language_name(hit.language)
            if col == 4 and hit.persons:
                return ", ".join(hit.persons)
        elif role == Qt.ForegroundRole and col == DATE_COLUMN and not hit.published:
            from PySide6.QtGui import QPalette
            from PySide6.QtWidgets import QApplication
            return QApplication.palette().brush(QPalette.Disabled, QPalette.Text)
        elif role == ID_ROLE:
            return hit.id
        elif role == HIT_ROLE:
            return hit
        elif role == SORT_ROLE:
            return hit.published.isoformat() if (col == DATE_COLUMN and hit.published) else hit.score
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemNeverHasChildren

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        """The core sorts (all pages, not just the loaded ones): ask for a new search."""
        if column == DATE_COLUMN:
            self.sortRequested.emit("oldest" if order == Qt.AscendingOrder else "newest")
        else:
            self.sortRequested.emit("relevance")
