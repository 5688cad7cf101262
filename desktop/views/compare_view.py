"""Side-by-side comparison of 2-4 articles: one pane each, scrolling together.

The panes only render ``index.stories.panes.Pane`` data: shared passages (verbatim or reworded)
and quotes found in another article in one colour family, passages only this article has in
another, differing numbers and persons the others name but this one does not flagged under the
headline. A summary line gives outlets, first/last publication and syndicated copies; "Export
briefing" writes the same comparison as a self-contained HTML file with citations.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QPushButton, QSplitter,
                               QTextBrowser, QVBoxLayout, QWidget)

from index.stories.briefing import COLOURS, write_briefing
from index.stories.panes import Pane, build_panes, story_summary

from desktop.views.safe_text import SafeTextBrowser


def pane_html(pane: Pane) -> str:
    """Qt rich text for one pane (the subset QTextBrowser renders: spans with backgrounds)."""
    e = html.escape
    s = pane.side
    parts = [f"<h3>{e(s.title)}</h3>",
             f"<p><b>{e(s.outlet or 'unknown outlet')}</b> · {e(s.published or 'no date')}</p>"]
    flags = []
    for f in pane.numbers:
        flags.append(f"{e(', '.join(f.here))} {e(f.unit)} (vs {e(', '.join(f.others))} in "
                     f"{e(f.other_outlet or f.other_id)})")
    if pane.persons_missing:
        flags.append("does not name " + e(", ".join(pane.persons_missing)))
    if flags:
        parts.append(f"<p style='background-color:{COLOURS['flag']}'>⚑ " + "<br>⚑ ".join(flags) + "</p>")
    for sentence, status in zip(pane.sentences, pane.status):
        text = e(sentence)
        for q in pane.quotes_shared:
            eq = e(q)
            if eq in text:
                text = text.replace(eq, f"<span style='background-color:{COLOURS['quote']}'>{eq}</span>", 1)
        parts.append(f"<p><span style='background-color:{COLOURS[status]}'>{text}</span></p>")
    return "".join(parts)


class CompareView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent, Qt.Window)
        self.setObjectName("compareView")
        self.setWindowTitle("Compare coverage")
        self.resize(1200, 760)
        self.articles = []
        self.copies: list[list[str]] = []
        self.panes: list[Pane] = []
        self.browsers: list[QTextBrowser] = []
        self._syncing = False
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Story summary")
        legend = QLabel(
            f"<span style='background-color:{COLOURS['verbatim']}'>&nbsp;shared&nbsp;</span> "
            f"<span style='background-color:{COLOURS['paraphrase']}'>&nbsp;shared, reworded&nbsp;</span> "
            f"<span style='background-color:{COLOURS['unique']}'>&nbsp;only here&nbsp;</span> "
            f"<span style='background-color:{COLOURS['quote']}'>&nbsp;quote in several&nbsp;</span> "
            f"<span style='background-color:{COLOURS['flag']}'>&nbsp;⚑ differs / missing&nbsp;</span>", self)
        self.export_btn = QPushButton("Export briefing…", self)
        self.export_btn.clicked.connect(self._export_dialog)
        top = QHBoxLayout()
        top.addWidget(legend, 1)
        top.addWidget(self.export_btn)
        self.splitter = QSplitter(Qt.Horizontal, self)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addLayout(top)
        lay.addWidget(self.splitter, 1)

    def set_articles(self, articles, copies: list[list[str]] | None = None) -> None:
        self.articles = list(articles)
        self.copies = [g for g in (copies or []) if len(g) > 1]
        self.panes = build_panes(self.articles)
        for b in self.browsers:
            b.deleteLater()
        self.browsers = []
        for pane in self.panes:
            b = SafeTextBrowser(self.splitter)
            b.setAccessibleName(f"Article from {pane.side.outlet or 'unknown outlet'}")
            b.setOpenLinks(False)
            b.setHtml(pane_html(pane))
            b.verticalScrollBar().valueChanged.connect(lambda _v, src=b: self._sync_from(src))
            self.splitter.addWidget(b)
            self.browsers.append(b)
        self.summary.setText(self._summary_text())
        self.setWindowTitle(f"Compare coverage: {self.panes[0].side.title}")

    def _summary_text(self) -> str:
        s = story_summary(self.articles, self.copies)
        span = s["first"] if s["first"] == s["last"] else f"{s['first'] or '?'} to {s['last'] or '?'}"
        copies = "; copies: " + ", ".join(
            " → ".join(self._outlet(i) for i in g) for g in s["copies"]) if s["copies"] else ""
        return (f"{s['articles']} articles, {len(s['outlets'])} outlets "
                f"({', '.join(s['outlets']) or 'unknown'}); published {span or 'on unknown dates'}{copies}")

    def _outlet(self, article_id: str) -> str:
        a = next((x for x in self.articles if x.id == article_id), None)
        return (a.outlet or a.id) if a is not None else article_id

    def _sync_from(self, src: QTextBrowser) -> None:
        """Scroll the other panes to the same relative position (texts differ in length)."""
        if self._syncing:
            return
        self._syncing = True
        try:
            sb = src.verticalScrollBar()
            frac = sb.value() / sb.maximum() if sb.maximum() else 0.0
            for b in self.browsers:
                if b is not src:
                    o = b.verticalScrollBar()
                    o.setValue(round(frac * o.maximum()))
        finally:
            self._syncing = False

    def export_to(self, path: str) -> str:
        write_briefing(path, self.articles, self.copies, self.panes)
        return path

    def _export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export briefing", "briefing.html", "HTML (*.html)")
        if path:
            self.export_to(path)
