"""The window's search state and the only path from the GUI to ``Library.search``/``get``.

Every search carries a generation number; results of an older search (a slow query finishing
after the analyst typed on) are dropped, never shown. Searches and page fetches run on the
search runner's threads; slots here run on the GUI thread.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal

from desktop.labels import country_name, language_name
from desktop.tasks import FunctionTask, TaskRunner, describe_error
from index.model import QueryError, SearchRequest, SearchResult

def warm_labels(result) -> None:
    """Look up country and language names here, on the worker thread: the first pycountry
    lookup loads its database (~0.3 s), which must never happen on the GUI thread."""
    for value, _ in result.facets.get("country", []):
        country_name(value)
    for value, _ in result.facets.get("language", []):
        language_name(value)
    for hit in result.hits:
        if hit.language:
            language_name(hit.language)


FIRST_PAGE = 60         # two screens of rows; each row costs ~0.3 ms to build on the GUI thread
MORE_PAGE = 100
FACETS = ("person", "country", "outlet", "language", "agency")


class SearchController(QObject):
    resultReady = Signal(int, object)        # generation, SearchResult (first page with facets)
    pageReady = Signal(int, int, object)     # generation, offset, list[Hit]
    pageFailed = Signal()
    queryFailed = Signal(str)                # a message for the inline error
    stateChanged = Signal()                  # filters / dates / sort changed (chips, timeline)
    countChanged = Signal(int)               # articles in the library
    articleReady = Signal(object)            # Article for the reader
    articleFailed = Signal(str)

    def __init__(self, runner: TaskRunner, parent=None):
        super().__init__(parent)
        self.runner = runner
        self.library = None
        self.generation = 0
        self.dropped = 0                      # stale results dropped (tests and diagnostics)
        self._article_generation = 0
        self._in_flight = 0                   # searches started and not yet reported back
        self.clear_state()

    def clear_state(self) -> None:
        self.query = ""
        self.filters: dict[str, list[str]] = {}
        self.excludes: dict[str, list[str]] = {}
        self.date_from: dt.date | None = None
        self.date_to: dt.date | None = None
        self.no_date = False
        self.sort = "relevance"
        self.last_result: SearchResult | None = None

    def set_library(self, library) -> None:
        self.library = library
        self.clear_state()
        self.search()

    # ------------------------------------------------------------ state changes
    def request(self, offset: int = 0, limit: int = FIRST_PAGE, facets: bool = True) -> SearchRequest:
        return SearchRequest(
            query=self.query, filters={k: list(v) for k, v in self.filters.items() if v},
            excludes={k: list(v) for k, v in self.excludes.items() if v},
            date_from=self.date_from, date_to=self.date_to, no_date=self.no_date,
            sort=self.sort, offset=offset, limit=limit, facets=facets, snippets=True)

    def set_query(self, text: str) -> None:
        self.query = text.strip()
        self.search()

    def toggle(self, facet: str, value: str, selected: bool) -> None:
        values = self.filters.setdefault(facet, [])
        if selected and value not in values:
            values.append(value)
            if value in self.excludes.get(facet, []):
                self.excludes[facet].remove(value)
        elif not selected and value in values:
            values.remove(value)
        self._changed()

    def exclude(self, facet: str, value: str, excluded: bool = True) -> None:
        values = self.excludes.setdefault(facet, [])
        if excluded and value not in values:
            values.append(value)
            if value in self.filters.get(facet, []):
                self.filters[facet].remove(value)
        elif not excluded and value in values:
            values.remove(value)
        self._changed()

    def remove(self, facet: str, value: str) -> None:
        """Drop a value from both selections (a chip's close button)."""
        for d in (self.filters, self.excludes):
            if value in d.get(facet, []):
                d[facet].remove(value)
        self._changed()

    def set_dates(self, date_from: dt.date | None, date_to: dt.date | None) -> None:
        self.date_from, self.date_to = date_from, date_to
        if date_from or date_to:
            self.no_date = False
        self._changed()

    def clear_dates(self) -> None:
        self.date_from = self.date_to = None
        self.no_date = False
        self._changed()

    def set_no_date(self, on: bool) -> None:
        self.no_date = on
        if on:
            self.date_from = self.date_to = None
        self._changed()

    def set_sort(self, sort: str) -> None:
        if sort != self.sort:
            self.sort = sort
            self._changed()

    def clear_filters(self) -> None:
        self.filters, self.excludes = {}, {}
        self.date_from = self.date_to = None
        self.no_date = False
        self._changed()

    def has_filters(self) -> bool:
        return bool(any(self.filters.values()) or any(self.excludes.values())
                    or self.date_from or self.date_to or self.no_date)

    def _changed(self) -> None:
        self.stateChanged.emit()
        self.search()

    # ------------------------------------------------------------ running searches
    def search(self) -> int:
        """Start a search for the current state; returns its generation."""
        self.generation += 1
        gen = self.generation
        library = self.library
        if library is None:
            return gen
        req = self.request()

        def work():
            result = library.search(req)
            warm_labels(result)
            return result, library.count()

        task = FunctionTask(work, tag=gen)
        task.skip = lambda: gen != self.generation      # a newer search is queued: skip this one
        # Bound methods, not lambdas: Qt drops the connection if this controller is destroyed
        # (a window closed while its last search still runs).
        task.signals.tag = gen
        task.signals.finished.connect(self._search_done)
        task.signals.failed.connect(self._search_failed)
        self._in_flight += 1
        self.runner.start(task)
        return gen

    @property
    def busy(self) -> bool:
        """A search is running (an import's periodic refresh waits rather than pile up)."""
        return self._in_flight > 0

    def _search_done(self, payload) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        self.deliver(self.sender().tag, payload)

    def _search_failed(self, exc) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        self._failed(self.sender().tag, exc)

    def refresh(self) -> int:
        return self.search()

    def deliver(self, gen: int, payload) -> bool:
        """Apply a finished search; an older generation than the newest is dropped."""
        if gen != self.generation:
            self.dropped += 1
            return False
        if payload is None:           # skipped because it was already stale
            return False
        result, count = payload
        self.countChanged.emit(int(count))
        if result.error:
            self.queryFailed.emit(result.error)
            return False
        self.last_result = result
        self.resultReady.emit(gen, result)
        return True

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen != self.generation:
            self.dropped += 1
            return
        if isinstance(exc, QueryError):
            self.queryFailed.emit(str(exc))
        else:
            self.queryFailed.emit("Search failed: " + describe_error(exc))

    def fetch_page(self, offset: int) -> None:
        library, gen = self.library, self.generation
        if library is None:
            self.pageFailed.emit()
            return
        req = self.request(offset=offset, limit=MORE_PAGE, facets=False)
        task = FunctionTask(lambda: library.search(req).hits, tag=gen)
        task.signals.tag = (gen, offset)
        task.signals.finished.connect(self._page_done)
        task.signals.failed.connect(self._page_failed)
        self.runner.start(task)

    def _page_done(self, hits) -> None:
        gen, offset = self.sender().tag
        self.pageReady.emit(gen, offset, hits)

    def _page_failed(self, _exc) -> None:
        self.pageFailed.emit()

    def load_article(self, article_id: str) -> None:
        library = self.library
        self._article_generation += 1
        gen = self._article_generation
        if library is None:
            return

        task = FunctionTask(lambda: library.get(article_id))
        task.signals.tag = gen
        task.signals.finished.connect(self._article_done)
        task.signals.failed.connect(self._article_failed)
        self.runner.start(task)

    def _article_done(self, article) -> None:
        if self.sender().tag != self._article_generation:
            return
        if article is None:
            self.articleFailed.emit("This article is no longer in the library.")
        else:
            self.articleReady.emit(article)

    def _article_failed(self, exc) -> None:
        if self.sender().tag == self._article_generation:
            self.articleFailed.emit(describe_error(exc))
