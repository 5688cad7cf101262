"""The search box: as-you-type (debounced), query history, and the query error shown inline."""
from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop import ui_state
from desktop.icons import icon

DEBOUNCE_MS = 250


class SearchBar(QWidget):
    queryChanged = Signal(str)      # after the analyst paused typing, or pressed Enter
    submitted = Signal(str)         # Enter: also moves on to the results

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("searchEdit")
        self.edit.setPlaceholderText(
            'Search articles — e.g.  Putin AND ceasefire,  "peace talks",  country:UA   (Ctrl+F)')
        self.edit.setClearButtonEnabled(True)
        self.edit.addAction(icon("search"), QLineEdit.LeadingPosition)
        self.edit.setAccessibleName("Search query")
        self.edit.setAccessibleDescription("Type to search; results update as you type")
        self.error = QLabel(self)
        self.error.setObjectName("queryError")
        self.error.setAccessibleName("Query error")
        self.error.setWordWrap(True)
        self.error.hide()

        self.history = QStringListModel(ui_state.query_history(), self)
        completer = QCompleter(self.history, self)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        self.edit.setCompleter(completer)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._emit)
        self.edit.textEdited.connect(self._typed)
        self.edit.textChanged.connect(self._cleared)
        self.edit.returnPressed.connect(self._enter)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(row)
        lay.addWidget(self.error)
        self._last = ""

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str, search: bool = True) -> None:
        self.edit.setText(text)
        if search:
            self._emit()

    def focus(self) -> None:
        self.edit.setFocus(Qt.ShortcutFocusReason)
        self.edit.selectAll()

    def show_error(self, message: str | None) -> None:
        self.edit.setProperty("invalid", bool(message))
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)
        if message:
            self.error.setText("⚠ " + message)
            self.error.show()
        else:
            self.error.hide()

    def remember(self) -> None:
        """Put the current query in the history (Enter, or an article opened from it)."""
        self.history.setStringList(ui_state.add_query(self.edit.text()))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape:
            self.edit.clear()
            self._emit()
            return
        super().keyPressEvent(event)

    def _typed(self, _text: str) -> None:
        self.timer.start()

    def _cleared(self, text: str) -> None:
        if not text and self._last:       # the clear button: no need to wait
            self._emit()

    def _enter(self) -> None:
        self._emit()
        self.remember()
        self.submitted.emit(self.edit.text())

    def _emit(self) -> None:
        self.timer.stop()
        text = self.edit.text().strip()
        if text == self._last and not self.error.isVisible():
            return
        self._last = text
        self.queryChanged.emit(text)
