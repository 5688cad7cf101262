"""The reader pane: the clean article, hits highlighted, hit-to-hit navigation, entity chips."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMessageBox, QToolButton,
                               QVBoxLayout, QWidget)

from desktop.icons import icon
from desktop.views.reader_html import article_html
from desktop.views.safe_text import SafeTextBrowser

WELCOME = """<h2>Mediawatch</h2>
<p>Search your library with the box above; narrow the results with the facets on the left and the
timeline; select a result to read it here.</p>
<p><b>Import articles</b> by dropping files, folders or .zip archives anywhere on this window, or
with File → Import (Ctrl+O): text, HTML, e-mail, PDF, Word, RSS/Atom and JSON.</p>"""


def original_file(path: str) -> str:
    """The file to open for an article's path: the archive itself for zip members."""
    return path.split("!/", 1)[0] if "!/" in path else path


class ReaderPane(QWidget):
    entityClicked = Signal(str, str)     # facet, value

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("reader")
        self.article = None
        self.hits = 0
        self.current_hit = -1
        self.prev_btn = self._button("go-previous", "Previous hit", "Previous hit (Shift+F3)")
        self.next_btn = self._button("go-next", "Next hit", "Next hit (F3)")
        self.hit_label = QLabel("", self)
        self.hit_label.setAccessibleName("Hit position")
        self.open_btn = self._button("document-open", "Open original", "Open the original file")
        self.open_btn.setToolButtonStyle(self.open_btn.toolButtonStyle().ToolButtonTextBesideIcon)
        self.prev_btn.clicked.connect(lambda: self.go_hit(-1))
        self.next_btn.clicked.connect(lambda: self.go_hit(+1))
        self.open_btn.clicked.connect(self.open_original)
        self.prev_btn.setShortcut("Shift+F3")
        self.next_btn.setShortcut("F3")
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 0, 4, 0)
        bar.addWidget(self.prev_btn)
        bar.addWidget(self.next_btn)
        bar.addWidget(self.hit_label)
        bar.addStretch(1)
        bar.addWidget(self.open_btn)
        self.browser = SafeTextBrowser(self)     # loads no image, style or file (safe_text.py)
        self.browser.setObjectName("readerText")
        self.browser.setAccessibleName("Article text")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(bar)
        lay.addWidget(self.browser, 1)
        self.show_message(WELCOME)

    def _button(self, icon_name: str, text: str, tip: str) -> QToolButton:
        b = QToolButton(self)
        b.setIcon(icon(icon_name))
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(text)
        return b

    def _colors(self) -> dict:
        pal = self.palette()
        dark = pal.color(QPalette.Base).lightness() < 128
        chip_bg = "#2d4466" if dark else "#dde7f5"
        chip_fg = "#dce8ff" if dark else "#10305a"
        return {"dim": pal.color(QPalette.PlaceholderText).name(),
                "chip": f"background-color:{chip_bg}; color:{chip_fg}; text-decoration:none;",
                "mark": "background-color:#ffd84d; color:#000000;"}

    def show_message(self, html_text: str) -> None:
        self.article = None
        self.hits, self.current_hit = 0, -1
        self.browser.setHtml(html_text)
        self._update_bar()

    def show_article(self, article, query: str = "", persons=()) -> None:
        self.article = article
        doc, self.hits = article_html(article, query, persons, self._colors())
        self.browser.setHtml(doc)
        self.current_hit = -1          # start at the top (title, metadata); F3 walks the hits
        self._update_bar()

    def go_hit(self, step: int) -> None:
        if not self.hits:
            return
        self.current_hit = (self.current_hit + step) % self.hits
        self.browser.scrollToAnchor(f"hit-{self.current_hit}")
        # scrollToAnchor puts the hit on the top line; keep some lines of context above it.
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.value() - self.browser.viewport().height() // 3)
        self._update_bar()

    def _update_bar(self) -> None:
        has = self.hits > 0
        self.prev_btn.setEnabled(has)
        self.next_btn.setEnabled(has)
        self.open_btn.setEnabled(self.article is not None)
        if self.article is None:
            self.hit_label.setText("")
        elif has and self.current_hit < 0:
            self.hit_label.setText(f"{self.hits} hit{'s' if self.hits != 1 else ''} highlighted")
        elif has:
            self.hit_label.setText(f"hit {self.current_hit + 1} of {self.hits}")
        else:
            self.hit_label.setText("no highlighted hits")

    def open_original(self) -> None:
        if self.article is None:
            return
        path = original_file(self.article.path)
        if not Path(path).exists():
            QMessageBox.information(self, "Open original file",
                                    f"The original file is no longer there:\n{path}")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _link(self, url: QUrl) -> None:
        text = unquote(url.toString())
        if text.startswith("mw:"):
            _, facet, value = text.split(":", 2)
            self.entityClicked.emit(facet, value)
        elif url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)
