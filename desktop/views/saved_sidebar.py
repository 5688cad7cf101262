"""Saved searches in the sidebar: name, total, "N new since you last looked", watch/mute state.

Opening one restores its request exactly (query, facet selections, exclusions, dates, sort) in
the window's SearchController and resets its "new" count. Totals are searches, so they run on
the search runner when one is given; the list itself is a quick SQLite read.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem,
                               QMenu, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from desktop.icons import icon
from desktop.tasks import FunctionTask, describe_error
from index.alerts import saved
from index.model import SearchRequest

ID_ROLE = Qt.UserRole


def apply_request(controller, request: SearchRequest) -> None:
    """Put a saved request into the SearchController's state and run it."""
    controller.query = request.query
    controller.filters = {k: list(v) for k, v in request.filters.items()}
    controller.excludes = {k: list(v) for k, v in request.excludes.items()}
    controller.date_from, controller.date_to = request.date_from, request.date_to
    controller.no_date = request.no_date
    controller.sort = request.sort
    controller.stateChanged.emit()
    controller.search()


def _totals(library, searches) -> dict[int, int | None]:
    out = {}
    for s in searches:
        req = SearchRequest.from_json({**s.request.to_json(), "offset": 0, "limit": 0,
                                       "facets": False, "snippets": False})
        try:
            out[s.id] = library.search(req).total
        except ValueError:
            out[s.id] = None
    return out


class SavedSearchesPanel(QWidget):
    openSearch = Signal(object)       # SearchRequest to restore
    changed = Signal()                # watch / mute / snooze / delete: alert counts may change

    def __init__(self, runner=None, parent=None):
        super().__init__(parent)
        self.runner = runner
        self.library = None
        self.current_request = None   # callable -> SearchRequest (the window's current search)
        self.searches: list[saved.SavedSearch] = []
        self.totals: dict[int, int | None] = {}
        # (menu text, fn(SavedSearch)) added to each search's context menu by other features
        self.extra_actions: list[tuple[str, object]] = []
        self.list = QListWidget()
        self.list.setWordWrap(True)         # a long name wraps in the slim dock instead of being cut
        self.list.setContextMenuPolicy(Qt.CustomContextMenu)
        self.save_btn = QPushButton("Save search…")
        self.save_btn.setToolTip("Save the current query and filters under a name")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        head = QHBoxLayout()
        head.addWidget(QLabel("Saved searches"), 1)
        head.addWidget(self.save_btn)
        lay.addLayout(head)
        lay.addWidget(self.list, 1)
        self.list.itemActivated.connect(lambda it: self.open(it.data(ID_ROLE)))
        self.list.customContextMenuRequested.connect(self._menu)
        self.save_btn.clicked.connect(self._ask_save)

    def set_library(self, library) -> None:
        self.library = library
        self.totals = {}
        self.refresh()

    # ------------------------------------------------------------ listing
    def refresh(self, totals: bool = True) -> None:
        self.searches = saved.list_saved(self.library.state) if self.library is not None else []
        self._render()
        if totals and self.searches:
            lib, searches = self.library, list(self.searches)
            if self.runner is None:
                self._got_totals(lib, _totals(lib, searches))
            else:
                task = FunctionTask(lambda: _totals(lib, searches))
                task.signals.finished.connect(lambda t: self._got_totals(lib, t))
                self.runner.start(task)

    def _got_totals(self, library, totals) -> None:
        if library is self.library and totals is not None:
            self.totals.update(totals)
            self._render()

    def _render(self) -> None:
        self.list.clear()
        for s in self.searches:
            total = self.totals.get(s.id)
            parts = [s.label(), f"{total:,}" if total is not None else "…"]
            if s.shared and s.mine:
                parts.append("shared")
            if s.new:
                parts.append(f"{s.new} new")
            # Icons, not emoji: many desktops (and the offscreen platform) have no emoji font.
            flag = "muted" if s.muted else "snoozed" if s.snoozed() else "watched" if s.watched else None
            item = QListWidgetItem(icon(flag) if flag else icon("none"), "  ·  ".join(parts))
            item.setData(ID_ROLE, s.id)
            tip = s.request.query or "(no query: filters only)"
            if not s.mine:
                tip += f"\nShared by {s.owner}: you can open it; only {s.owner} can change it"
            item.setToolTip(tip)
            if s.new:
                f = QFont(item.font())
                f.setBold(True)
                item.setFont(f)
            self.list.addItem(item)

    def search_by_name(self, name: str) -> saved.SavedSearch | None:
        return next((s for s in self.searches if s.name.lower() == name.lower()), None)

    # ------------------------------------------------------------ actions
    def open(self, search_id: int) -> SearchRequest:
        s = saved.mark_seen(self.library.state, search_id)
        self.refresh(totals=False)
        self.openSearch.emit(s.request)
        return s.request

    def save_current(self, name: str, watched: bool = True) -> saved.SavedSearch:
        request = self.current_request() if self.current_request else SearchRequest()
        s = saved.add(self.library.state, name, request, watched=watched)
        self.refresh()
        self.changed.emit()
        return s

    def update(self, search_id: int, **changes) -> saved.SavedSearch:
        s = saved.update(self.library.state, search_id, **changes)
        self.refresh(totals="request" in changes)
        self.changed.emit()
        return s

    def share(self, search_id: int, shared: bool = True) -> saved.SavedSearch:
        """Show one of your searches to the whole team (team library), or stop."""
        s = saved.share(self.library.state, search_id, shared)
        self.refresh(totals=False)
        self.changed.emit()
        return s

    def remove(self, search_id: int) -> None:
        saved.remove(self.library.state, search_id)
        self.refresh(totals=False)
        self.changed.emit()

    # ------------------------------------------------------------ dialogs
    def _ask_save(self) -> None:
        if self.library is None:
            return
        name, ok = QInputDialog.getText(self, "Save search", "Name for this search:")
        if ok and name.strip():
            self._guard(lambda: self.save_current(name))

    def _copy(self, s: saved.SavedSearch) -> None:
        name, ok = QInputDialog.getText(self, "Save a copy", "Name for your copy:", text=s.name)
        if ok and name.strip():
            saved.add(self.library.state, name, s.request, watched=True)
            self.refresh()
            self.changed.emit()

    def _guard(self, fn) -> None:
        try:
            fn()
        except Exception as e:
            QMessageBox.warning(self, "Saved searches", describe_error(e))

    def _menu(self, pos) -> None:
        item = self.list.itemAt(pos)
        if item is None or self.library is None:
            return
        s = next(x for x in self.searches if x.id == item.data(ID_ROLE))
        menu = self.build_menu(s)
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def build_menu(self, s: saved.SavedSearch) -> QMenu:
        """The context menu of one saved search (each action runs guarded: errors in a box)."""
        sid = s.id
        menu = QMenu(self)
        now = dt.datetime.now(dt.timezone.utc)

        def add(text, fn):
            act = QAction(text, menu)
            act.triggered.connect(lambda: self._guard(fn))
            menu.addAction(act)
        add("Open", lambda: self.open(sid))
        if not s.mine:                 # a colleague's shared search: open it, or keep a copy
            add("Save a copy as mine…", lambda: self._copy(s))
            for text, fn in self.extra_actions:
                add(text, lambda fn=fn: fn(s))
            return menu
        if getattr(self.library.state, "sharing", False):
            add("Stop sharing" if s.shared else "Share with the team",
                lambda: self.share(sid, not s.shared))
        add("Stop watching" if s.watched else "Watch (alert on new matches)",
            lambda: self.update(sid, watched=not s.watched))
        add("Unmute" if s.muted else "Mute", lambda: self.update(sid, muted=not s.muted))
        if s.snoozed():
            add("End snooze", lambda: self.update(sid, snoozed_until=None))
        for hours in (1, 8, 24):
            add(f"Snooze {hours} h", lambda h=hours: self.update(sid, snoozed_until=now + dt.timedelta(hours=h)))
        if self.current_request:
            add("Replace with the current search", lambda: self.update(sid, request=self.current_request()))
        for text, fn in self.extra_actions:
            add(text, lambda fn=fn: fn(s))

        def rename():
            name, ok = QInputDialog.getText(self, "Rename", "New name:", text=s.name)
            if ok and name.strip():
                self.update(sid, name=name)
        add("Rename…", rename)

        def delete():
            if QMessageBox.question(self, "Delete", f"Delete the saved search “{s.name}” and its alerts?") \
                    == QMessageBox.Yes:
                self.remove(sid)
        add("Delete…", delete)
        return menu
