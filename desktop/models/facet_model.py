"""One checkable list model per facet: values with counts, selected (include) or excluded.

Counts come from the core's ``SearchResult.facets``. Values the analyst selected or excluded stay
listed even when the current results no longer contain them, so they can always be undone.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from desktop.labels import value_label

VALUE_ROLE = Qt.UserRole + 1
COUNT_ROLE = Qt.UserRole + 2
STATE_ROLE = Qt.UserRole + 3

NONE, SELECTED, EXCLUDED = 0, 1, 2


@dataclass
class FacetRow:
    value: str
    count: int
    state: int = NONE
    label: str = ""


class FacetModel(QAbstractListModel):
    toggled = Signal(str, str, bool)     # facet, value, selected

    def __init__(self, facet: str, parent=None):
        super().__init__(parent)
        self.facet = facet
        self._rows: list[FacetRow] = []

    def set_values(self, values: list[tuple[str, int]], selected=(), excluded=()) -> None:
        selected, excluded = set(selected), set(excluded)
        rows: list[FacetRow] = []
        seen: set[str] = set()
        for value, count in values:
            value = str(value)
            if value in seen:
                continue
            seen.add(value)
            state = SELECTED if value in selected else EXCLUDED if value in excluded else NONE
            rows.append(FacetRow(value, int(count), state, value_label(self.facet, value)))
        # Selections outside the current counts stay visible (count 0) so they can be undone.
        for value in sorted((selected | excluded) - seen):
            rows.append(FacetRow(value, 0, SELECTED if value in selected else EXCLUDED,
                                 value_label(self.facet, value)))
        self._apply(rows)

    def _apply(self, rows: list[FacetRow]) -> None:
        """Swap in new rows with the lightest change signal: a refresh during an import mostly
        changes counts (dataChanged) or order (layoutChanged); a reset makes every view and proxy
        rebuild and lose its scroll position and selection, and is kept for size changes."""
        old = self._rows
        if [r.value for r in old] == [r.value for r in rows]:
            changed = [i for i, (a, b) in enumerate(zip(old, rows)) if a != b]
            self._rows = rows
            if changed:
                self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))
            return
        if len(old) != len(rows) or not rows:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        self.layoutAboutToBeChanged.emit()
        where = {r.value: i for i, r in enumerate(rows)}
        persistent = self.persistentIndexList()
        moved = []
        for idx in persistent:
            row = where.get(old[idx.row()].value) if 0 <= idx.row() < len(old) else None
            moved.append(self.index(row) if row is not None else QModelIndex())
        self._rows = rows
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def rows(self) -> list[FacetRow]:
        return list(self._rows)

    def values(self) -> list[str]:
        return [r.value for r in self._rows]

    def count_of(self, value: str) -> int | None:
        for r in self._rows:
            if r.value == value:
                return r.count
        return None

    # ------------------------------------------------------------ Qt model API
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == Qt.DisplayRole:
            return row.label
        if role == Qt.CheckStateRole:
            return Qt.Checked if row.state == SELECTED else Qt.Unchecked
        if role == Qt.ToolTipRole:
            what = "excluded — right-click to include again" if row.state == EXCLUDED else \
                "right-click to exclude"
            return f"{row.label}: {row.count:,} articles ({what})"
        if role == Qt.FontRole and row.state == EXCLUDED:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.AccessibleTextRole:
            state = {SELECTED: ", selected", EXCLUDED: ", excluded"}.get(row.state, "")
            return f"{row.label}, {row.count} articles{state}"
        if role == VALUE_ROLE:
            return row.value
        if role == COUNT_ROLE:
            return row.count
        if role == STATE_ROLE:
            return row.state
        return None

    def setData(self, index, value, role=Qt.EditRole) -> bool:
        if role != Qt.CheckStateRole or not index.isValid() or index.row() >= len(self._rows):
            return False
        row = self._rows[index.row()]
        checked = Qt.CheckState(value) == Qt.Checked if not isinstance(value, bool) else value
        row.state = SELECTED if checked else NONE
        self.dataChanged.emit(index, index, [Qt.CheckStateRole, Qt.FontRole])
        self.toggled.emit(self.facet, row.value, checked)
        return True

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable | Qt.ItemNeverHasChildren
