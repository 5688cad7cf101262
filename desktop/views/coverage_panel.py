"""The "Other coverage" panel: the rest of an article's story (outlet, date, similarity, copy),
checkboxes to pick 2-4 articles, and a Compare button that opens the side-by-side view. The
Correct menu holds the analyst's corrections of the story (move the selected article out, split
the checked articles off, merge the checked related articles' stories in); they are kept in the
library (index/stories/corrections.py).

Threading contract: ``similar`` runs on the panel's own one-thread pool (it reads SQLite and may
group an article imported before stories existed); results come back on the GUI thread and are
dropped when the user has moved to another article meanwhile (generation number).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from desktop.views.compare_view import CompareView
from desktop.tasks import FunctionTask, TaskRunner, describe_error
from index.stories import service
from index.stories.panes import MAX_PANES

COLUMNS = ("Outlet", "Date", "Similarity", "Title")


class CoveragePanel(QWidget):
    loaded = Signal(str)            # article id whose coverage is now listed
    compareOpened = Signal(object)  # the CompareView
    corrected = Signal(str)         # a correction was made (what, for the status line)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("coveragePanel")
        self.library = None
        self.article_id: str | None = None
        self.items: list[service.Coverage] = []
        self.views: list[CompareView] = []      # open compare windows, kept alive here
        self._gen = 0
        self.runner = TaskRunner(1, self)
        self.summary = QLabel("Select an article to see its other coverage.", self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Story summary")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("Other coverage")
        self.tree.itemChanged.connect(lambda *_: self._update_button())
        self.tree.currentItemChanged.connect(lambda *_: self._update_button())
        self.compare_btn = QPushButton("Compare", self)
        self.compare_btn.setToolTip(f"Compare the checked articles side by side (2 to {MAX_PANES})")
        self.compare_btn.clicked.connect(self.open_compare)
        self.correct_btn = QToolButton(self)
        self.correct_btn.setText("Correct")
        self.correct_btn.setAccessibleName("Correct this story")
        self.correct_btn.setToolTip("Correct the grouping: your corrections are kept through "
                                    "new imports")
        self.correct_btn.setPopupMode(QToolButton.InstantPopup)
        menu = QMenu(self.correct_btn)
        self.move_out_act = menu.addAction("Move the selected article out of this story",
                                           self.move_out_selected)
        self.split_act = menu.addAction("Split the checked articles into a story of their own",
                                        self.split_checked)
        self.merge_act = menu.addAction("Merge the checked related articles' stories into this one",
                                        self.merge_checked)
        self.correct_btn.setMenu(menu)
        self.story = None
        row = QHBoxLayout()
        row.addWidget(self.correct_btn)
        row.addStretch(1)
        row.addWidget(self.compare_btn)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.summary)
        lay.addWidget(self.tree, 1)
        lay.addLayout(row)
        self._update_button()

    def set_library(self, library) -> None:
        self.library = library
        self.article_id = None
        self.story = None
        self.tree.clear()
        self._update_button()

    # -------------------------------------------------------------- loading
    def show_article(self, article_id: str | None) -> None:
        """List other coverage of ``article_id`` (in the background)."""
        self.article_id = article_id
        self._gen += 1
        if self.library is None or not article_id:
            return
        gen, library = self._gen, self.library
        self.summary.setText("Looking for other coverage…")
        task = FunctionTask(lambda: (service.similar(library, article_id),
                                     service.story_of(library, article_id)), tag=gen)
        task.signals.finished.connect(lambda res: self._loaded(gen, article_id, res))
        task.signals.failed.connect(lambda exc: self._failed(gen, exc))
        self.runner.start(task)

    def _failed(self, gen: int, exc) -> None:
        if gen == self._gen:
            self.summary.setText(f"Other coverage is unavailable: {describe_error(exc)}")

    def _loaded(self, gen: int, article_id: str, res) -> None:
        if gen != self._gen or res is None:
            return
        self.items, story = res
        self.story = story
        self.tree.blockSignals(True)
        self.tree.clear()
        me = next((a for a in story.articles if a.id == article_id), None) if story else None
        if me is not None:
            self._add_row(article_id, me.outlet, me.published, None, me.title, "this article")
        for c in self.items:
            note = "copy" if c.copy else ("" if c.same_story else "related")
            self._add_row(c.id, c.outlet, c.published, c.score, c.title, note)
        self.tree.blockSignals(False)
        for i in range(len(COLUMNS)):
            self.tree.resizeColumnToContents(i)
        self.summary.setText(self._summary_text(story))
        self._update_button()
        self.loaded.emit(article_id)

    def _add_row(self, aid, outlet, published, score, title, note) -> None:
        sim = "—" if score is None else f"{score:.0%}"
        if note:
            sim = f"{sim} ({note})" if score is not None else note
        it = QTreeWidgetItem([outlet or "?", published or "no date", sim, title or ""])
        it.setData(0, Qt.UserRole, aid)
        it.setFlags(it.flags() | Qt.ItemIsUserCheckable)
        it.setCheckState(0, Qt.Checked if note == "this article" else Qt.Unchecked)
        it.setToolTip(3, title or "")
        self.tree.addTopLevelItem(it)

    @staticmethod
    def _summary_text(story) -> str:
        if story is None or len(story.articles) < 2:
            return "No other coverage of this story in the library yet."
        s = story.summary()
        span = s["first"] if s["first"] == s["last"] else f"{s['first'] or '?'} to {s['last'] or '?'}"
        copies = sum(len(g) - 1 for g in s["copies"])
        return (f"Story of {s['articles']} articles from {len(s['outlets'])} outlets "
                f"({', '.join(s['outlets']) or 'unknown'}), published {span or 'on unknown dates'}"
                + (f"; {copies} syndicated {'copy' if copies == 1 else 'copies'}" if copies else "")
                + ("; corrected by you." if s.get("corrected") else "."))

    # -------------------------------------------------------------- comparing
    def checked_ids(self) -> list[str]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            it = self.tree.topLevelItem(i)
            if it.checkState(0) == Qt.Checked:
                out.append(it.data(0, Qt.UserRole))
        return out

    def set_checked(self, ids: list[str]) -> None:
        for i in range(self.tree.topLevelItemCount()):
            it = self.tree.topLevelItem(i)
            it.setCheckState(0, Qt.Checked if it.data(0, Qt.UserRole) in ids else Qt.Unchecked)

    def _update_button(self) -> None:
        n = len(self.checked_ids())
        self.compare_btn.setEnabled(2 <= n <= MAX_PANES)
        self.compare_btn.setText(f"Compare {n}" if n >= 2 else "Compare")
        members = self._story_ids()
        checked = self.checked_ids()
        self.correct_btn.setEnabled(self.library is not None and self.story is not None)
        self.move_out_act.setEnabled(len(members) > 1 and self._selected_id() in members)
        inside = [i for i in checked if i in members]
        self.split_act.setEnabled(0 < len(inside) < len(members))
        self.merge_act.setEnabled(any(i not in members for i in checked))

    # -------------------------------------------------------------- correcting
    def _story_ids(self) -> set[str]:
        return {a.id for a in self.story.articles} if self.story is not None else set()

    def _selected_id(self) -> str | None:
        it = self.tree.currentItem()
        return it.data(0, Qt.UserRole) if it is not None else None

    def move_out_selected(self) -> None:
        aid = self._selected_id()
        if aid and aid in self._story_ids():
            self._correct(lambda lib: service.move_out(lib, aid), "Moved the article out of the story")

    def split_checked(self) -> None:
        members, ids = self._story_ids(), self.checked_ids()
        inside = [i for i in ids if i in members]
        if self.story is not None and 0 < len(inside) < len(members):
            sid = self.story.id
            self._correct(lambda lib: service.split_story(lib, sid, inside),
                          f"Split {len(inside)} article(s) into a story of their own")

    def merge_checked(self) -> None:
        members = self._story_ids()
        others = [i for i in self.checked_ids() if i not in members]
        if self.story is None or not others:
            return
        sid = self.story.id

        def run(lib):
            stories = {sid} | {service.story_of(lib, i).id for i in others}
            return service.merge_stories(lib, sorted(stories))
        self._correct(run, f"Merged {len(others)} related article(s)' stories into this one")

    def _correct(self, fn, what: str) -> None:
        """Run a correction off the GUI thread, then list the article's story again."""
        library, article_id = self.library, self.article_id
        if library is None:
            return
        task = FunctionTask(lambda: fn(library))
        task.signals.finished.connect(lambda *_: (self.corrected.emit(what),
                                                  self.show_article(article_id)))
        task.signals.failed.connect(lambda exc: self.summary.setText(
            f"The story could not be corrected: {describe_error(exc)}"))
        self.runner.start(task)

    def open_compare(self) -> CompareView | None:
        ids = self.checked_ids()
        if self.library is None or not 2 <= len(ids) <= MAX_PANES:
            return None
        arts = service.articles(self.library, ids)
        story = service.story_of(self.library, ids[0])
        copies = [g for g in (story.copies if story else []) if len(set(g) & set(ids)) > 1]
        view = CompareView()
        view.setAttribute(Qt.WA_DeleteOnClose)
        view.destroyed.connect(lambda *_: self.views.remove(view) if view in self.views else None)
        view.set_articles(arts, copies=[[i for i in g if i in ids] for g in copies])
        self.views.append(view)
        view.show()
        self.compareOpened.emit(view)
        return view
