"""The compare view and the "Other coverage" panel on a real library (pytest-qt, offscreen)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")
sys.path.insert(0, str(Path(__file__).parent))
from test_stories_grouping import load  # noqa: E402

from PySide6.QtCore import Qt  # noqa: E402

from desktop.views.compare_view import CompareView  # noqa: E402
from desktop.views.coverage_panel import CoveragePanel  # noqa: E402
from index.library import open_library  # noqa: E402
from index.stories import service  # noqa: E402
from index.stories.briefing import COLOURS  # noqa: E402

NAMES = ("wire-drones", "daily-copy", "gazette-own-report", "putin-factory")


@pytest.fixture
def library(tmp_path):
    lib = open_library(tmp_path / "lib")
    arts = [load(n) for n in NAMES]
    with lib.writing():
        lib.store.add(arts)
        service.group_new(lib, arts)
    yield lib, arts
    lib.close()


def test_compare_view_panes_highlights_and_sync(qtbot, tmp_path):
    wire, copy, own = load("wire-drones"), load("daily-copy"), load("gazette-own-report")
    view = CompareView()
    qtbot.addWidget(view)
    view.set_articles([wire, copy, own], copies=[[wire.id, copy.id]])
    assert len(view.browsers) == 3 and view.splitter.count() == 3
    texts = [b.toPlainText() for b in view.browsers]
    assert "Wire" in texts[0] and "Daily" in texts[1] and "Gazette" in texts[2]
    assert "Bila Tserkva" in texts[1] and "Bila Tserkva" not in texts[0]
    # Flags: the gazette counts other drones, and does not name the governor.
    assert "100 drones" in texts[2] and "112" in texts[2] and "Oleh Kiper" in texts[2]
    html_own = view.browsers[2].toHtml().lower()
    assert COLOURS["unique"] in html_own and COLOURS["paraphrase"] in html_own
    assert COLOURS["quote"] in html_own        # "the root causes of the conflict" is in both
    assert COLOURS["unique"] in view.browsers[1].toHtml().lower()   # the added paragraph
    assert "Wire → Daily" in view.summary.text() and "2025-05-19 to 2025-05-20" in view.summary.text()

    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)
    bars = [b.verticalScrollBar() for b in view.browsers]
    assert all(sb.maximum() > 0 for sb in bars)
    bars[0].setValue(bars[0].maximum())
    assert all(sb.value() == sb.maximum() for sb in bars)
    bars[2].setValue(0)
    assert all(sb.value() == 0 for sb in bars)

    out = view.export_to(str(tmp_path / "brief.html"))
    text = Path(out).read_text(encoding="utf-8")
    assert wire.sha256 in text and own.sha256 in text and "Bila Tserkva" in text


def test_coverage_panel_lists_story_and_opens_compare(qtbot, library):
    lib, (wire, copy, own, factory) = library
    panel = CoveragePanel()
    qtbot.addWidget(panel)
    panel.set_library(lib)
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.show_article(wire.id)
    ids = [panel.tree.topLevelItem(i).data(0, Qt.UserRole) for i in range(panel.tree.topLevelItemCount())]
    assert ids[0] == wire.id and set(ids[1:]) == {copy.id, own.id}    # not the factory visit
    rows = {panel.tree.topLevelItem(i).data(0, Qt.UserRole): panel.tree.topLevelItem(i)
            for i in range(len(ids))}
    assert "copy" in rows[copy.id].text(2) and rows[own.id].text(0) == "Gazette"
    assert "3 articles from 3 outlets" in panel.summary.text() and "1 syndicated copy" in panel.summary.text()
    assert not panel.compare_btn.isEnabled()        # only this article is checked
    panel.set_checked([wire.id, own.id])
    assert panel.compare_btn.isEnabled()
    with qtbot.waitSignal(panel.compareOpened) as sig:
        panel.compare_btn.click()
    view = sig.args[0]
    qtbot.addWidget(view)
    assert [p.side.id for p in view.panes] == [wire.id, own.id]
    panel.set_checked(ids)
    assert panel.compare_btn.isEnabled()           # three of at most four
    view.close()


def test_main_window_reader_opens_other_coverage(qtbot, library):
    from desktop.main_window import MainWindow
    lib, (wire, copy, own, factory) = library
    win = MainWindow(lib)
    win.show_reports = False
    qtbot.addWidget(win)
    panel = win.coverage_panel
    assert win.reader_coverage_button.text() == "Other coverage"
    assert win.reader.layout().itemAt(0).layout().indexOf(win.reader_coverage_button) >= 0
    win.reader.show_article(wire, "", [])
    with qtbot.waitSignal(panel.loaded, timeout=10000) as sig:
        win.reader_coverage_button.click()
    assert sig.args == [wire.id]
    assert panel.tree.topLevelItemCount() == 3 and not panel.parentWidget().isHidden()


def test_coverage_panel_corrections_move_out_and_merge_back(qtbot, library, tmp_path):
    lib, (wire, copy, own, factory) = library
    panel = CoveragePanel()
    qtbot.addWidget(panel)
    panel.set_library(lib)
    panel.resize(640, 360)
    panel.show()
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.show_article(wire.id)
    assert panel.correct_btn.isEnabled() and not panel.merge_act.isEnabled()
    rows = {panel.tree.topLevelItem(i).data(0, Qt.UserRole): panel.tree.topLevelItem(i)
            for i in range(panel.tree.topLevelItemCount())}
    panel.tree.setCurrentItem(rows[own.id])
    assert panel.move_out_act.isEnabled()
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.move_out_act.trigger()
    assert service.story_of(lib, own.id).id != service.story_of(lib, wire.id).id
    assert "2 articles" in panel.summary.text() and "corrected by you" in panel.summary.text()
    ids = [panel.tree.topLevelItem(i).data(0, Qt.UserRole) for i in range(panel.tree.topLevelItemCount())]
    assert own.id in ids                               # still listed, now as related coverage
    panel.set_checked([wire.id, own.id])
    assert panel.merge_act.isEnabled()
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.merge_act.trigger()
    assert service.story_of(lib, own.id).id == service.story_of(lib, wire.id).id
    assert "3 articles" in panel.summary.text()
    panel.grab().save(str(tmp_path / "coverage-corrected.png"))
    assert [c.action for c in service.correction_history(lib)] == ["move-out", "merge"]
