"""The alerts features inside the main window: docks, restoring a saved search, opening an alert."""
from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from desktop.main_window import MainWindow  # noqa: E402
from index.alerts import inbox, saved  # noqa: E402
from index.library import open_library  # noqa: E402
from index.model import SearchRequest  # noqa: E402


def test_window_restores_saved_search_and_opens_alerts(qtbot, tmp_path):
    lib = open_library(tmp_path / "lib")
    request = SearchRequest(query="Putin", filters={"language": ["en"]}, excludes={"country": ["CN"]},
                            sort="newest")
    saved.add(lib.state, "Putin", request, watched=True)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "p.txt").write_text(
        "Putin speaks\n\nPresident Vladimir Putin spoke about a ceasefire in Moscow on Tuesday, "
        "officials said. The Kremlin called the talks useful.\n", encoding="utf-8")
    lib.import_all([tmp_path / "in"])
    window = MainWindow(lib)
    window.show_reports = False
    qtbot.addWidget(window)
    ui = window.alerts_ui
    assert ui.saved.list.count() == 1 and ui.tray.unread == 1
    assert ui.inbox_dock.windowTitle() == "Alerts (1)"

    with qtbot.waitSignal(window.search.resultReady, timeout=10_000):
        ui.saved.list.itemActivated.emit(ui.saved.list.item(0))
    s = window.search
    assert (s.query, s.filters, s.excludes, s.sort) == ("Putin", {"language": ["en"]},
                                                        {"country": ["CN"]}, "newest")
    assert window.search_bar.text() == "Putin"

    (alert,) = inbox.list_alerts(lib.state)
    with qtbot.waitSignal(window.search.articleReady, timeout=10_000) as got:
        ui.inbox.list.itemActivated.emit(ui.inbox.list.item(0))
    assert got.args[0].id == alert.article_id
    assert ui.tray.unread == 0 and ui.inbox_dock.windowTitle() == "Alerts"
    window.close()
