"""The facet sidebar: one checkable list per facet with counts, a filter box, exclude via menu."""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QAbstractItemView, QLabel, QLineEdit, QListView, QMenu, QScrollArea,
                               QStyle, QStyledItemDelegate, QVBoxLayout, QWidget)

from desktop.labels import FACET_TITLES
from desktop.models.facet_model import COUNT_ROLE, EXCLUDED, STATE_ROLE, VALUE_ROLE, FacetModel

FILTER_THRESHOLD = 8       # show the filter box when a facet has more values than this
VISIBLE_ROWS = 7


class CountDelegate(QStyledItemDelegate):
    """Draws the count right-aligned and dimmed, so labels stay readable."""

    def paint(self, painter, option, index):
        count = index.data(COUNT_ROLE)
        text = f"{count:,}" if count is not None else ""
        super().paint(painter, option, index)
        if not text:
            return
        painter.save()
        role = QPalette.HighlightedText if option.state & QStyle.State_Selected else QPalette.PlaceholderText
        painter.setPen(option.palette.color(role))
        rect = option.rect.adjusted(0, 0, -6, 0)
        painter.drawText(rect, Qt.AlignRight | Qt.AlignVCenter, text)
        painter.restore()


class FacetSection(QWidget):
    def __init__(self, facet: str, parent=None):
        super().__init__(parent)
        self.facet = facet
        self.model = FacetModel(facet, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.title = QLabel(FACET_TITLES.get(facet, facet.title()), self)
        self.title.setObjectName("facetTitle")
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(f"Filter {FACET_TITLES.get(facet, facet).lower()}…")
        self.filter.setAccessibleName(f"Filter {facet} values")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.filter.hide()
        self.view = QListView(self)
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(CountDelegate(self.view))
        self.view.setAccessibleName(f"{FACET_TITLES.get(facet, facet)} facet")
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.view.setContextMenuPolicy(Qt.CustomContextMenu)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.view.activated.connect(self._activated)
        self.empty = QLabel("none in these results", self)
        self.empty.setObjectName("facetEmpty")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 4)
        lay.setSpacing(2)
        lay.addWidget(self.title)
        lay.addWidget(self.filter)
        lay.addWidget(self.view)
        lay.addWidget(self.empty)
        self._row_h = 0
        self.model.modelReset.connect(self._resize)
        self.model.rowsInserted.connect(self._resize)
        self.model.rowsRemoved.connect(self._resize)
        self._resize()

    def _resize(self) -> None:
        n = self.model.rowCount()
        self.filter.setVisible(n > FILTER_THRESHOLD or bool(self.filter.text()))
        self.empty.setVisible(n == 0)
        self.view.setVisible(n > 0)
        # Rows are uniform: measure once, not on every refresh (sizeHintForRow asks the delegate).
        if n and not self._row_h:
            self._row_h = max(self.view.sizeHintForRow(0), self.fontMetrics().height() + 4)
        row_h = self._row_h or 20
        height = min(max(n, 1), VISIBLE_ROWS) * row_h + 2 * self.view.frameWidth() + 2
        if height != self.view.height() or self.view.minimumHeight() != height:
            self.view.setFixedHeight(height)

    def _activated(self, index) -> None:
        """Enter / double-click toggles the value like its check box."""
        src = self.proxy.mapToSource(index)
        current = self.model.data(src, Qt.CheckStateRole) == Qt.Checked
        self.model.setData(src, Qt.Unchecked if current else Qt.Checked, Qt.CheckStateRole)


class FacetPanel(QScrollArea):
    toggled = Signal(str, str, bool)      # facet, value, selected
    excluded = Signal(str, str, bool)     # facet, value, excluded
    only = Signal(str, str)               # facet, value: select just this one

    def __init__(self, facets, parent=None):
        super().__init__(parent)
        self.setObjectName("facetPanel")
        self.setAccessibleName("Facets")
        self.setWidgetResizable(True)
        inner = QWidget(self)
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(6, 0, 6, 6)
        # a team library counts a broad query's facets over a sample of its hits: say so
        self.estimate = QLabel("", inner)
        self.estimate.setObjectName("facetEstimate")
        self.estimate.setWordWrap(True)
        self.estimate.hide()
        lay.addWidget(self.estimate)
        self.sections: dict[str, FacetSection] = {}
        for facet in facets:
            section = FacetSection(facet, inner)
            section.model.toggled.connect(self.toggled)
            section.view.customContextMenuRequested.connect(
                lambda pos, s=section: self._menu(s, pos))
            self.sections[facet] = section
            lay.addWidget(section)
        lay.addStretch(1)
        self.setWidget(inner)
        self.setMinimumWidth(200)

    def model(self, facet: str) -> FacetModel:
        return self.sections[facet].model

    def set_result(self, result, filters: dict, excludes: dict) -> None:
        stride = getattr(result, "facet_stride", 1) if result else 1
        self.estimate.setText(f"Counts and dates estimated from 1 in {stride} hits (total exact)"
                              if stride > 1 else "")
        self.estimate.setVisible(stride > 1)
        for facet, section in self.sections.items():
            section.model.set_values(result.facets.get(facet, []) if result else [],
                                     filters.get(facet, []), excludes.get(facet, []))

    def _menu(self, section: FacetSection, pos) -> None:
        index = section.view.indexAt(pos)
        if not index.isValid():
            return
        value = index.data(VALUE_ROLE)
        label = index.data(Qt.DisplayRole)
        menu = QMenu(self)
        if index.data(STATE_ROLE) == EXCLUDED:
            menu.addAction(f"Include “{label}” again",
                           lambda: self.excluded.emit(section.facet, value, False))
        else:
            menu.addAction(f"Exclude “{label}”", lambda: self.excluded.emit(section.facet, value, True))
        menu.addAction(f"Only “{label}”", lambda: self.only.emit(section.facet, value))
        menu.exec(section.view.viewport().mapToGlobal(pos))
