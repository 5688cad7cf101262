"""The main window: composes the panels and wires them to the search and import controllers.

Kept thin on purpose. Other features plug in with ``add_panel`` (a dock) and ``add_menu``; the
controllers (``self.search``, ``self.imports``) are the bridge to the core.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QLabel, QMainWindow, QMenu, QMessageBox, QSplitter,
                               QVBoxLayout, QWidget)

from desktop import library_actions, ui_state
from desktop.views.dialogs import ImportReportDialog, report_summary, show_about
from desktop.icons import app_icon, icon
from desktop.import_controller import ImportController
from desktop.search_controller import FACETS, SearchController
from desktop.tasks import TaskRunner
from desktop.views.chips import ChipBar
from desktop.views.facet_panel import FacetPanel
from desktop.views.import_status import ImportStatus
from desktop.views.reader import ReaderPane
from desktop.views.results_table import ResultsPanel
from desktop.views.search_bar import SearchBar
from desktop.views.timeline import TimelineWidget

# While an import commits, results refresh at most this often (a search competes for the GIL).
REFRESH_MS = 1500


class MainWindow(QMainWindow):
    libraryChanged = Signal(object)

    def __init__(self, library=None, parent=None):
        super().__init__(parent)
        self.library = None
        self.show_reports = True            # tests, self-test and benchmarks turn the pop-up off
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.search_runner = TaskRunner(2, self)
        self.import_runner = TaskRunner(1, self)
        self.search = SearchController(self.search_runner, self)
        self.imports = ImportController(self.import_runner, self)
        self._build()
        self._menus()
        self._wire()
        from desktop import stories_wiring   # stories: reader button, Stories menu, dock
        stories_wiring.install(self)
        from desktop import alerts_wiring    # saved searches, alerts inbox, tray, watch folders
        alerts_wiring.install(self)
        from desktop import export_wiring    # results, facets, timeline, saved-search briefings
        export_wiring.install(self)
        from desktop import check_wiring     # check after an unclean shutdown, File → Check library
        check_wiring.install(self)
        if not ui_state.restore_window(self, self.splitters):
            self.resize(1280, 800)
        if library is not None:
            self.set_library(library)

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        self.search_bar = SearchBar(self)
        self.facets = FacetPanel(FACETS, self)
        self.chips = ChipBar(self)
        self.timeline = TimelineWidget(self)
        self.results = ResultsPanel(self)
        self.reader = ReaderPane(self)
        center = QWidget(self)
        c = QVBoxLayout(center)
        c.setContentsMargins(0, 0, 0, 0)
        c.addWidget(self.chips)
        c.addWidget(self.timeline)
        c.addWidget(self.results, 1)
        self.main_split = QSplitter(Qt.Horizontal, self)
        self.main_split.addWidget(self.facets)
        self.main_split.addWidget(center)
        self.main_split.addWidget(self.reader)
        self.main_split.setStretchFactor(1, 3)
        self.main_split.setStretchFactor(2, 2)
        self.main_split.setSizes([220, 640, 420])
        self.main_split.setChildrenCollapsible(False)
        self.splitters = {"main": self.main_split}
        root = QWidget(self)
        lay = QVBoxLayout(root)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addWidget(self.search_bar)
        lay.addWidget(self.main_split, 1)
        self.setCentralWidget(root)
        self.library_label = QLabel("", self)
        self.library_label.setAccessibleName("Library size")
        self.import_status = ImportStatus(self)
        self.statusBar().addWidget(self.library_label, 1)
        self.statusBar().addPermanentWidget(self.import_status)

    def _menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.import_action = self._action(self.file_menu, "&Import…", "document-import",
                                          QKeySequence.Open, lambda: library_actions.import_dialog(self))
        self._action(self.file_menu, "Import &folder…", "folder", None,
                     lambda: library_actions.import_folder_dialog(self))
        self._action(self.file_menu, "Import &log…", None, None, lambda: library_actions.show_log(self))
        self.file_menu.addSeparator()
        self._action(self.file_menu, "&New library…", None, QKeySequence.New,
                     lambda: library_actions.new_library(self))
        self._action(self.file_menu, "Open librar&y…", None, None,
                     lambda: library_actions.open_library_dialog(self))
        self.recent_menu = self.file_menu.addMenu("&Recent libraries")
        self.recent_menu.aboutToShow.connect(lambda: library_actions.fill_recent(self))
        self.file_menu.addSeparator()
        self._action(self.file_menu, "&Quit", None, QKeySequence.Quit, self.close)
        self.help_menu = bar.addMenu("&Help")
        self._action(self.help_menu, "&About Mediawatch", None, None, lambda: show_about(self))
        find = QAction("Find", self)
        find.setShortcut(QKeySequence.Find)
        find.triggered.connect(self.search_bar.focus)
        self.addAction(find)

    def _action(self, menu: QMenu, text, icon_name, shortcut, slot) -> QAction:
        action = menu.addAction(icon(icon_name) if icon_name else icon("none"), text)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    # ------------------------------------------------------------ extension points
    def add_menu(self, title: str) -> QMenu:
        """A top-level menu placed before Help (for other features)."""
        menu = QMenu(title, self)
        self.menuBar().insertMenu(self.help_menu.menuAction(), menu)
        return menu

    def add_panel(self, widget: QWidget, title: str, area=Qt.RightDockWidgetArea) -> QDockWidget:
        """Dock ``widget`` (compare view, alerts inbox, ...); its state is remembered with the window."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # ------------------------------------------------------------ wiring
    def _wire(self) -> None:
        s, r = self.search, self.results
        self.search_bar.queryChanged.connect(s.set_query)
        self.search_bar.submitted.connect(lambda _t: self._focus_results())
        s.resultReady.connect(self._show_result)
        s.queryFailed.connect(self.search_bar.show_error)
        s.stateChanged.connect(self._state_changed)
        s.countChanged.connect(self._count_changed)
        s.pageReady.connect(r.model.append)
        s.pageFailed.connect(r.model.page_failed)
        s.articleReady.connect(self._show_article)
        s.articleFailed.connect(self.reader.show_message)
        r.model.fetchRequested.connect(s.fetch_page)
        r.sortChanged.connect(s.set_sort)
        self._reader_timer = QTimer(self, singleShot=True, interval=80)
        self._reader_timer.timeout.connect(lambda: s.load_article(self._reader_id))
        self._reader_id = None
        r.currentChanged.connect(self._current_changed)
        r.opened.connect(lambda _id: (self.search_bar.remember(), self.reader.browser.setFocus()))
        self.facets.toggled.connect(s.toggle)
        self.facets.excluded.connect(s.exclude)
        self.facets.only.connect(self._only)
        self.reader.entityClicked.connect(lambda f, v: s.toggle(f, v, True))
        self.chips.removeRequested.connect(s.remove)
        self.chips.datesCleared.connect(s.clear_dates)
        self.chips.clearAll.connect(s.clear_filters)
        self.timeline.rangeSelected.connect(s.set_dates)
        self.timeline.noDateClicked.connect(lambda: s.set_no_date(not s.no_date))
        self.timeline.cleared.connect(s.clear_dates)
        im = self.imports
        im.started.connect(self.import_status.start)
        im.progress.connect(self.import_status.update_progress)
        im.committed.connect(self._committed)
        im.finished.connect(self._import_finished)
        im.failed.connect(lambda msg: self.notify("Import failed", msg))
        im.idle.connect(self.import_status.finish)
        self.import_status.cancelRequested.connect(im.cancel)
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh_timer.timeout.connect(self._refresh_after_commit)
        self._state_changed()

    # ------------------------------------------------------------ library
    def set_library(self, library) -> None:
        old, self.library = self.library, library
        self.search.set_library(library)
        self.imports.library = library
        self.reader.show_message(library_actions.welcome_html(library))
        self.setWindowTitle(f"Mediawatch — {library.path.name}")
        self.library_label.setText(f"Library {library.path}")
        ui_state.add_recent_library(str(library.path))
        if old is not None and old is not library:
            self.search_runner.wait(5000)
            old.close()
        self.libraryChanged.emit(library)

    # ------------------------------------------------------------ slots
    def _show_result(self, gen: int, result) -> None:
        keep = self._reader_id
        self.search_bar.show_error(None)
        self.results.table.setProperty("searched", bool(self.search.query or self.search.has_filters()))
        self.results.model.reset(gen, result)
        self.results.set_summary(result.total, result.elapsed_ms, self._count)
        self.facets.set_result(result, self.search.filters, self.search.excludes)
        self.timeline.set_data(result.facets.get("date", []), result.date_bucket, result.no_date,
                               (self.search.date_from, self.search.date_to), self.search.no_date)
        self.results.select_id(keep)

    _count = None

    def _count_changed(self, count: int) -> None:
        self._count = count
        if self.library is not None:
            self.library_label.setText(
                f"{count:,} article{'s' if count != 1 else ''} in library {self.library.path}")

    def _state_changed(self) -> None:
        s = self.search
        self.chips.set_state(s.filters, s.excludes, s.date_from, s.date_to, s.no_date)

    def _reader_key(self, article_id):
        return article_id, self.search.query, tuple(self.search.filters.get("person", []))

    def _current_changed(self, article_id: str) -> None:
        self._reader_id = article_id
        # A refresh that reselects the article already shown must not re-render (and re-scroll) it.
        if self.reader.article is not None and self._reader_key(article_id) == self._shown_key:
            return
        self._reader_timer.start()

    _shown_key = None

    def _show_article(self, article) -> None:
        self._shown_key = self._reader_key(article.id)
        self.reader.show_article(article, self.search.query, self.search.filters.get("person", []))

    def _only(self, facet: str, value: str) -> None:
        self.search.filters[facet] = []
        self.search.toggle(facet, value, True)

    def _focus_results(self) -> None:
        if self.results.model.rowCount():
            self.results.table.setFocus()
            if not self.results.table.currentIndex().isValid():
                self.results.table.selectRow(0)

    def _committed(self, _n: int) -> None:
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _refresh_after_commit(self) -> None:
        # A search still running will show fresh enough results; another would queue behind it.
        if self.search.busy:
            self._refresh_timer.start()
        else:
            self.search.refresh()

    def _import_finished(self, report) -> None:
        self.search.refresh()
        self.statusBar().showMessage("Import finished: " + report_summary(report)
                                     + " — File → Import log shows every report", 20000)
        # A clean run only needs the status line; problems get the report with their reasons.
        if self.show_reports and (report.failed or report.skipped or report.cancelled):
            self.report_dialog = ImportReportDialog(report, self)
            self.report_dialog.show()

    def notify(self, title: str, text: str) -> QMessageBox:
        """A non-blocking message (background errors never stop the event loop)."""
        box = QMessageBox(QMessageBox.Warning, title, text, QMessageBox.Ok, self)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.show()
        return box

    # ------------------------------------------------------------ drops and closing
    def dragEnterEvent(self, event) -> None:
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
            self.imports.prepare()          # files are coming: warm up the import process

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            return
        event.acceptProposedAction()
        # Accept at once; the import starts on the next event-loop turn (the drag source is freed).
        QTimer.singleShot(0, lambda: self.imports.start(paths))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and self.search.has_filters():
            self.search.clear_filters()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        self.imports.cancel()
        self.import_runner.wait(3000)
        self.search_runner.wait(3000)
        ui_state.save_window(self, self.splitters)
        if self.library is not None:
            self.library.close()
            self.library = None
        super().closeEvent(event)
