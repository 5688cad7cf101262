"""Rich-text widgets that never load anything: the second wall around imported pages.

The first wall is escaping: the reader, the comparison panes and every export write article
text as escaped text (desktop/views/reader_html.py, index/export/), so an imported page's
``<script>``, ``<iframe>``, ``<img src=http://...>`` or ``<link rel=stylesheet>`` arrives as
visible characters, never as markup. Should markup slip through anyway, Qt's rich text would
still ask ``loadResource`` for images and style sheets (local files, ``file://``, ``qrc:``);
here every such request is refused and remembered, so nothing leaves the page. Qt's rich text
has no script engine and no frames, so there is nothing to run.
"""
from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser


class SafeTextBrowser(QTextBrowser):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.refused: list[str] = []     # what the text asked for and did not get
        self.setOpenExternalLinks(False)

    def loadResource(self, kind, url):   # noqa: N802 - Qt's name
        self.refused.append(url.toString())
        return None


class SafeTextDocument(QTextDocument):
    """For printing briefings to PDF: the same refusal outside a widget."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.refused: list[str] = []

    def loadResource(self, kind, url):   # noqa: N802
        self.refused.append(url.toString())
        return None
