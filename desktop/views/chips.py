"""Removable chips: the active facet selections above the results, and entity chips in the reader."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLayout, QPushButton, QSizePolicy, QToolButton, QWidget

from desktop.labels import FACET_SINGULAR, value_label


class FlowLayout(QLayout):
    """Lays widgets out left to right, wrapping to new lines (Qt's classic flow layout example)."""

    def __init__(self, parent=None, spacing: int = 4):
        super().__init__(parent)
        self._items = []
        self.setSpacing(spacing)

    def addItem(self, item):
        self._items.append(item)

    def count(self):
        return len(self._items)

    def itemAt(self, i):
        return self._items[i] if 0 <= i < len(self._items) else None

    def takeAt(self, i):
        return self._items.pop(i) if 0 <= i < len(self._items) else None

    def expandingDirections(self):
        return Qt.Orientations(0)

    def hasHeightForWidth(self):
        return True

    def heightForWidth(self, width):
        return self._layout(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect):
        super().setGeometry(rect)
        self._layout(rect, apply=True)

    def sizeHint(self):
        return self.minimumSize()

    def minimumSize(self):
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _layout(self, rect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > area.right() and line > 0:
                x, y, line = area.x(), y + line + self.spacing(), 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self.spacing()
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


def make_chip(text: str, tooltip: str, parent, closable: bool = True) -> QToolButton:
    chip = QToolButton(parent)
    chip.setObjectName("chip")
    chip.setText(f"{text}  ✕" if closable else text)
    chip.setToolTip(tooltip)
    chip.setAccessibleName(tooltip)
    chip.setCursor(Qt.PointingHandCursor)
    chip.setAutoRaise(False)
    return chip


class ChipBar(QWidget):
    """Shows the controller's selections; a click on a chip removes that selection."""
    removeRequested = Signal(str, str)     # facet, value
    datesCleared = Signal()
    clearAll = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("chipBar")
        self.setAccessibleName("Active filters")
        self.flow = FlowLayout(self)
        self.flow.setContentsMargins(0, 2, 0, 2)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        self.chips: list[QToolButton] = []

    def set_state(self, filters: dict, excludes: dict, date_from=None, date_to=None,
                  no_date: bool = False) -> None:
        for chip in self.chips:
            self.flow.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        for facet, values in filters.items():
            for value in values:
                self._add(f"{FACET_SINGULAR.get(facet, facet)}: {value_label(facet, value)}",
                          f"Remove filter {facet} = {value}", facet, value)
        for facet, values in excludes.items():
            for value in values:
                self._add(f"not {FACET_SINGULAR.get(facet, facet)}: {value_label(facet, value)}",
                          f"Stop excluding {facet} = {value}", facet, value)
        if date_from or date_to:
            text = f"Date: {date_from.isoformat() if date_from else '…'} – " \
                   f"{date_to.isoformat() if date_to else '…'}"
            chip = make_chip(text, "Remove the date range", self)
            chip.clicked.connect(self.datesCleared)
            self._append(chip)
        if no_date:
            chip = make_chip("Date: none", "Show dated articles too", self)
            chip.clicked.connect(self.datesCleared)
            self._append(chip)
        if len(self.chips) > 1:
            clear = QPushButton("Clear all", self)
            clear.setObjectName("clearAll")
            clear.setFlat(True)
            clear.setAccessibleName("Clear all filters")
            clear.clicked.connect(self.clearAll)
            self._append(clear)
        self.setVisible(bool(self.chips))
        self.updateGeometry()

    def _add(self, text: str, tip: str, facet: str, value: str) -> None:
        chip = make_chip(text, tip, self)
        chip.clicked.connect(lambda: self.removeRequested.emit(facet, value))
        self._append(chip)

    def _append(self, widget) -> None:
        self.chips.append(widget)
        self.flow.addWidget(widget)
        widget.show()
