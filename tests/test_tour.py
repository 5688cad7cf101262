"""The first ten minutes, as a new user spends them: the window on the sample library, a search,
a facet clicked, an article opened, its other coverage, and two reports of one night compared.

Every step is driven like a user (keys into the search box, mouse clicks on the facet's check box,
the results row, the reader's "Other coverage" button and the Compare button) and saves a
screenshot. They go to tmp_path, or to $MEDIAWATCH_TOUR_DIR when set: `make tour` writes
docs/tour/*.png, which the README shows.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPoint, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDockWidget, QStyle, QStyleOptionViewItem  # noqa: E402

from desktop.library_actions import import_samples  # noqa: E402
from desktop.main_window import MainWindow  # noqa: E402
from index import samples  # noqa: E402
from index.library import open_library  # noqa: E402
from index.resources import seeds_dir  # noqa: E402
from index.stories import service  # noqa: E402

WAIT = 120_000
SIZE = (1760, 990)
QUERY = "prisoners OR Gefangene OR prisonniers OR пленными OR drones"   # four languages
OUTLET = "Harbor Line News"
ARTICLE = "Russia hits Kyiv with 264 drones"           # Harbor Line, 24 May: the night attack
OTHER = "Kyiv shelters in the metro"                  # Lakeshore Courier, 24 May: the same night


@pytest.fixture
def tour_dir(tmp_path) -> Path:
    where = os.environ.get("MEDIAWATCH_TOUR_DIR")
    folder = Path(where) if where else tmp_path / "tour"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def base():
    """A short neutral folder: the screenshots show the library's and the files' paths."""
    folder = Path(tempfile.mkdtemp(prefix="mediawatch-tour-"))
    shutil.copytree(seeds_dir(), folder / "samples")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def window(qtbot, base, monkeypatch):
    monkeypatch.setenv("MEDIAWATCH_SETTINGS_DIR", str(base / "settings"))
    w = MainWindow(open_library(base / "library", create=True))
    w.show_reports = False
    qtbot.addWidget(w)
    w.resize(*SIZE)
    w.show()
    qtbot.waitExposed(w)
    # Slim side docks and a reader wide enough to read, as a user would set them once.
    docks = [d for d in w.findChildren(QDockWidget) if d.isVisible()]
    w.resizeDocks(docks, [250] * len(docks), Qt.Horizontal)
    centre = w.main_split.width()
    w.main_split.setSizes([220, int((centre - 220) * 0.55), int((centre - 220) * 0.45)])
    yield w
    w.close()


def shot(widget, folder: Path, name: str) -> Path:
    QTest.qWait(250)                   # let layouts, scroll positions and repaints settle
    path = folder / name
    image = widget.grab().toImage()
    assert image.save(str(path)), path
    # A blank grab (an unpainted offscreen window) would be one colour: count a few.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 23)}
    assert len(colours) > 20, f"{name} looks empty"
    return path


def partition(library) -> set[frozenset[str]]:
    return {frozenset(a.id for a in s.articles) for s in service.stories(library)}


def cli_import(folder: Path, library_path: Path):
    """The CLI's sample import (``mediawatch import --samples``) of the same folder."""
    library = open_library(library_path, create=True)
    gen = samples.import_samples(library, folder)
    while True:
        try:
            next(gen)
        except StopIteration:
            return library


def type_text(widget, text: str) -> None:
    """Key by key, each key event carrying its character, as a keyboard layout or input method
    delivers them (QTest.keyClicks knows ASCII keys only)."""
    for ch in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))
        QApplication.processEvents()


def settled(qtbot, w, total=None, query=None):
    qtbot.waitUntil(lambda: w.search.last_result is not None and not w.search.busy
                    and w.results.model.generation == w.search.generation
                    and (query is None or w.search.query == query)
                    and (total is None or w.results.model.total == total), timeout=WAIT)


def row_of(w, title_start: str) -> int:
    model = w.results.model
    return next(i for i in range(model.rowCount()) if (model.hit(i).title or "").startswith(title_start))


def click_facet(qtbot, w, facet: str, value: str) -> None:
    """A mouse click on the value's check box, where a user clicks."""
    section = w.facets.sections[facet]
    model = section.model
    src = model.index(model.values().index(value))
    index = section.proxy.mapFromSource(src)
    section.view.scrollTo(index)
    option = QStyleOptionViewItem()
    option.initFrom(section.view)
    option.rect = section.view.visualRect(index)
    option.features |= QStyleOptionViewItem.HasCheckIndicator
    box = section.view.style().subElementRect(QStyle.SE_ItemViewItemCheckIndicator, option, section.view)
    QTest.mouseClick(section.view.viewport(), Qt.LeftButton, Qt.NoModifier, box.center())


def test_first_ten_minutes(qtbot, window, base, tour_dir):
    w = window
    # 1. First start: the sample library, with its saved search (saved before the import).
    with qtbot.waitSignal(w.imports.finished, timeout=WAIT) as done:
        assert import_samples(w, base / "samples")
    report = done.args[0]
    assert report.imported >= 36 and not report.failed and not report.skipped
    settled(qtbot, w, total=report.imported)
    names = {s.name for s in samples.sample_searches()}
    qtbot.waitUntil(lambda: w.alerts_ui.inbox_dock.windowTitle().startswith("Alerts ("), timeout=WAIT)
    saved_list = w.alerts_ui.saved.list
    qtbot.waitUntil(lambda: saved_list.count() == len(names), timeout=WAIT)
    assert all(any(n in saved_list.item(i).text() for i in range(saved_list.count())) for n in names)
    facets = {f: w.facets.model(f).values() for f in ("person", "country", "outlet", "language")}
    assert {"en", "de", "ru", "fr"} <= set(facets["language"])
    assert len(facets["outlet"]) >= 8 and len(facets["person"]) >= 15 and "UA" in facets["country"]
    dated = [n for _, n, *_ in w.timeline.buckets]
    assert len(dated) >= 10 and max(dated) >= 3 * min(n for n in dated if n)   # peaks, not a flat line
    shot(w, tour_dir, "01-sample-library.png")
    # The window groups the samples as the CLI does (one sample import in index/; the window's
    # import process once made a story of 7 that the CLI split).
    cli = cli_import(base / "samples", base / "cli-library")
    try:
        assert partition(w.library) == partition(cli)
    finally:
        cli.close()

    # 2. A search typed into the box, key by key.
    w.search_bar.edit.setFocus()
    type_text(w.search_bar.edit, QUERY)
    settled(qtbot, w, query=QUERY)
    found = w.results.model.total
    assert 5 <= found < report.imported
    assert {"en", "de", "fr", "ru"} <= set(w.facets.model("language").values())
    shot(w, tour_dir, "02-search.png")

    # 3. One outlet ticked in its facet: the results, facets and timeline narrow, a chip appears.
    click_facet(qtbot, w, "outlet", OUTLET)
    qtbot.waitUntil(lambda: w.search.filters.get("outlet") == [OUTLET], timeout=WAIT)
    settled(qtbot, w, query=QUERY)
    assert 1 <= w.results.model.total < found
    assert all(w.results.model.hit(i).outlet == OUTLET for i in range(w.results.model.rowCount()))
    shot(w, tour_dir, "03-facet.png")

    # 4. An article opened from the results: the reader shows it with the hits marked.
    row = row_of(w, ARTICLE)
    rect = w.results.table.visualRect(w.results.model.index(row, 0))
    with qtbot.waitSignal(w.search.articleReady, timeout=WAIT):
        QTest.mouseClick(w.results.table.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())
    qtbot.waitUntil(lambda: w.reader.article is not None and w.reader.article.title.startswith(ARTICLE),
                    timeout=WAIT)
    assert "264" in w.reader.browser.toPlainText()
    shot(w, tour_dir, "04-article.png")

    # 5. Other coverage of the same day, then two reports compared side by side.
    panel = w.coverage_panel
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        QTest.mouseClick(w.reader_coverage_button, Qt.LeftButton)
    right = [d for d in w.findChildren(QDockWidget)
             if d.isVisible() and w.dockWidgetArea(d) == Qt.RightDockWidgetArea]
    w.resizeDocks(right, [430] * len(right), Qt.Horizontal)   # dragged wider, to read the titles
    titles = [panel.tree.topLevelItem(i).text(3) for i in range(panel.tree.topLevelItemCount())]
    other = next(i for i, t in enumerate(titles) if t.startswith(OTHER))
    item = panel.tree.topLevelItem(other)
    panel.tree.scrollToItem(item)
    rect = panel.tree.visualItemRect(item)
    option = QStyleOptionViewItem()
    option.initFrom(panel.tree)
    option.rect = rect
    option.features |= QStyleOptionViewItem.HasCheckIndicator
    box = panel.tree.style().subElementRect(QStyle.SE_ItemViewItemCheckIndicator, option, panel.tree)
    QTest.mouseClick(panel.tree.viewport(), Qt.LeftButton, Qt.NoModifier,
                     QPoint(box.center().x(), rect.center().y()))
    assert item.checkState(0) == Qt.Checked and panel.compare_btn.isEnabled()
    shot(w, tour_dir, "05-other-coverage.png")
    with qtbot.waitSignal(panel.compareOpened, timeout=WAIT) as opened:
        QTest.mouseClick(panel.compare_btn, Qt.LeftButton)
    view = opened.args[0]
    qtbot.addWidget(view)
    view.resize(*SIZE)
    qtbot.waitExposed(view)
    texts = [b.toPlainText() for b in view.browsers]
    assert len(texts) == 2
    # The two reports disagree on the night's figures: each pane flags the other's numbers.
    joined = "\n".join(texts)
    assert "264" in joined and "250" in joined and ("15" in joined and "16" in joined)
    shot(view, tour_dir, "06-compare.png")
    view.close()
