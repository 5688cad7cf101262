"""Desktop models and pure helpers: qtmodeltester on every custom model, lazy paging, timeline
buckets, reader highlighting, CLI/window dispatch. No library needed here."""
from __future__ import annotations

import datetime as dt
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402

from desktop.launch import wants_cli  # noqa: E402
from desktop.models.facet_model import EXCLUDED, SELECTED, STATE_ROLE, FacetModel  # noqa: E402
from desktop.models.results_model import ID_ROLE, ResultsModel  # noqa: E402
from desktop.views.reader_html import article_html, query_terms  # noqa: E402
from desktop.views.timeline import bucket_range  # noqa: E402
from index.model import Article, Hit, SearchRequest, SearchResult  # noqa: E402


def hits(n: int, start: int = 0) -> list[Hit]:
    return [Hit(id=f"a{i}", title=f"Article {i}", outlet="Reuters" if i % 2 else None,
                published=dt.date(2025, 5, 1 + i % 28) if i % 3 else None, language="en",
                score=1.0 / (i + 1), snippet="a «hit» here", persons=["Vladimir Putin"] * (i % 2))
            for i in range(start, start + n)]


def result(n: int, total: int) -> SearchResult:
    return SearchResult(request=SearchRequest(), total=total, hits=hits(n))


def test_results_model_passes_modeltester(qtmodeltester):
    model = ResultsModel()
    model.reset(1, result(30, 30))
    qtmodeltester.check(model)


def test_results_model_fetches_more_lazily_and_refuses_stale_pages(qtbot, qtmodeltester):
    model = ResultsModel()
    model.reset(7, result(100, 1000))
    assert model.rowCount() == 100 and model.canFetchMore()
    with qtbot.waitSignal(model.fetchRequested) as sig:
        model.fetchMore()
    assert sig.args == [100]
    assert not model.canFetchMore()          # one page in flight at a time
    assert not model.append(6, 100, hits(50, 100))    # an older search's page is dropped
    assert model.rowCount() == 100
    assert model.append(7, 100, hits(50, 100))
    assert model.rowCount() == 150 and model.canFetchMore()
    assert model.index(120, 0).data(ID_ROLE) == "a120"
    assert model.index(0, 2).data() == "no date"
    qtmodeltester.check(model)


def test_results_model_sort_asks_the_core(qtbot):
    model = ResultsModel()
    with qtbot.waitSignal(model.sortRequested) as sig:
        model.sort(2, Qt.DescendingOrder)
    assert sig.args == ["newest"]


def test_facet_model_passes_modeltester_and_keeps_selections(qtbot, qtmodeltester):
    model = FacetModel("country")
    model.set_values([("RU", 5), ("UA", 3), ("US", 2)], selected=["UA"], excluded=["FR"])
    qtmodeltester.check(model)
    assert model.values() == ["RU", "UA", "US", "FR"]      # the excluded value stays listed
    assert "Russia" in model.index(0).data()
    assert model.index(1).data(Qt.CheckStateRole) == Qt.Checked
    assert model.index(3).data(STATE_ROLE) == EXCLUDED
    with qtbot.waitSignal(model.toggled) as sig:
        assert model.setData(model.index(0), Qt.Checked, Qt.CheckStateRole)
    assert sig.args == ["country", "RU", True]
    assert model.index(0).data(STATE_ROLE) == SELECTED
    qtmodeltester.check(model)


def test_facet_refresh_updates_in_place_without_a_reset(qtbot, qtmodeltester):
    """A refresh during an import changes counts and order; views keep their rows (no reset)."""
    from PySide6.QtCore import QPersistentModelIndex
    model = FacetModel("outlet")
    model.set_values([("Reuters", 5), ("TASS", 3), ("AP", 2)])
    qtmodeltester.check(model)
    resets, changed = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), b.row())))
    model.set_values([("Reuters", 5), ("TASS", 4), ("AP", 2)])       # only one count moved
    assert changed == [(1, 1)] and not resets
    assert model.count_of("TASS") == 4 and model.index(1).data(Qt.ToolTipRole).startswith("TASS: 4")
    ap = QPersistentModelIndex(model.index(2))
    model.set_values([("AP", 9), ("Reuters", 6), ("TASS", 4)])       # reordered: a layout change
    assert not resets and model.values() == ["AP", "Reuters", "TASS"]
    assert ap.isValid() and ap.row() == 0 and model.count_of("AP") == 9
    model.set_values([("AP", 9), ("Reuters", 6), ("Kyodo", 1)])      # a value replaced
    assert not resets and model.values()[2] == "Kyodo"
    model.set_values([("AP", 9)])                                    # fewer values: a reset
    assert resets == [1] and model.values() == ["AP"]
    qtmodeltester.check(model)


@pytest.mark.parametrize("key,kind,expected", [
    ("2025-05", "month", (dt.date(2025, 5, 1), dt.date(2025, 5, 31))),
    ("2024-02", None, (dt.date(2024, 2, 1), dt.date(2024, 2, 29))),
    ("2025-05-19", "day", (dt.date(2025, 5, 19), dt.date(2025, 5, 19))),
    ("2025-05-19", "week", (dt.date(2025, 5, 19), dt.date(2025, 5, 25))),
    ("2025-W21", "week", (dt.date(2025, 5, 19), dt.date(2025, 5, 25))),
    ("2023", "year", (dt.date(2023, 1, 1), dt.date(2023, 12, 31))),
    ("garbage", "day", None),
])
def test_timeline_bucket_ranges(key, kind, expected):
    assert bucket_range(key, kind) == expected


def test_timeline_drag_sets_a_date_range(qtbot):
    from PySide6.QtCore import QPoint
    from desktop.views.timeline import TimelineWidget
    w = TimelineWidget()
    qtbot.addWidget(w)
    w.resize(600, 92)
    w.show()
    w.set_data([("2025-03", 4), ("2025-04", 0), ("2025-05", 9)], "month", 2)
    plot = w._plot()
    y = int(plot.center().y())
    with qtbot.waitSignal(w.rangeSelected) as sig:
        qtbot.mousePress(w, Qt.LeftButton, pos=QPoint(int(plot.left()) + 5, y))
        qtbot.mouseMove(w, QPoint(int(plot.right()) - 5, y))
        qtbot.mouseRelease(w, Qt.LeftButton, pos=QPoint(int(plot.right()) - 5, y))
    assert sig.args == [dt.date(2025, 3, 1), dt.date(2025, 5, 31)]
    with qtbot.waitSignal(w.noDateClicked):
        qtbot.mouseClick(w, Qt.LeftButton, pos=w._no_date_rect().center().toPoint())


def test_query_terms_skip_operators_fields_and_negations():
    assert query_terms('Putin AND "peace talks" -Biden country:RU title:Kremlin talk*') == \
        ["putin", "peace", "talks", "kremlin", "talk*"]


def test_reader_highlights_hits_and_links_entities():
    a = Article(id="x", title="Putin and Trump talk", body="Putin called.\n\nThe talks went on.",
                path="/tmp/a.txt", sha256="0", outlet="The Moscow Times",
                published=dt.date(2025, 5, 19), published_source="text", language="en",
                persons=["Vladimir Putin"], countries=["RU"])
    html, n = article_html(a, "Putin talks")
    assert n == 4                            # Putin ×2, talk, talks
    assert 'name="hit-0"' in html and 'name="hit-3"' in html
    assert 'href="mw:person:Vladimir Putin"' in html and 'href="mw:country:RU"' in html
    assert "from a date line in the text" in html


@pytest.mark.parametrize("argv,cli", [
    ([], False), (["--library", "/x"], False), (["--self-test"], False), (["--library=/x"], False),
    (["search", "Putin"], True), (["--library", "/x", "import", "a.txt"], True), (["--json"], True),
])
def test_launch_dispatches_subcommands_to_the_cli(argv, cli):
    assert wants_cli(argv) is cli


def test_timeline_fills_empty_periods(qtbot):
    from desktop.views.timeline import TimelineWidget
    w = TimelineWidget()
    w.set_data([("2025-W20", 2), ("2025-W23", 1)], "week", 0)
    assert [(k, n) for k, n, _, _ in w.buckets] == [
        ("2025-W20", 2), ("2025-W21", 0), ("2025-W22", 0), ("2025-W23", 1)]
    w.set_data([("2024-11", 2), ("2025-02", 1)], "month", 0)
    assert [k for k, *_ in w.buckets] == ["2024-11", "2024-12", "2025-01", "2025-02"]
