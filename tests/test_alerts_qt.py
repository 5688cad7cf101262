"""The tray count, the alerts inbox and the saved-searches sidebar follow the library (pytest-qt)."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from desktop.views.alerts_panel import ARTICLE_ROLE, AlertsPanel  # noqa: E402
from desktop.views.saved_sidebar import SavedSearchesPanel  # noqa: E402
from desktop.views.tray import AlertTray, badge_icon  # noqa: E402
from index.alerts import inbox, saved  # noqa: E402
from index.model import SearchRequest  # noqa: E402


EXTRA = ["Grain exports through the Black Sea ports fell sharply in the spring.",
         "A new railway line to the north is expected to open next year.",
         "Doctors at the city hospital reported a rise in winter influenza cases.",
         "The central bank kept its key rate unchanged for a third month.",
         "Farmers protested against cheap imports outside the parliament building."]


def write(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / f"p{n}.txt"
    # Distinct texts: near-identical ones would be folded together as copies of one wire story.
    extra = " ".join(EXTRA[(n + k) % len(EXTRA)] + f" Detail {n}-{k}." for k in range(n + 1))
    p.write_text(f"Putin report {n}\n\nPresident Vladimir Putin spoke about a ceasefire in Moscow "
                 f"and the Kremlin commented. {extra}\n", encoding="utf-8")
    return p


def test_tray_count_and_inbox_follow_read_state(qtbot, tmp_path, lib):
    saved.add(lib.state, "Putin", SearchRequest(query="Putin"), watched=True)
    lib.import_all([write(tmp_path / "in", i) for i in range(3)])
    tray = AlertTray(poll_ms=60_000)
    panel = AlertsPanel()
    qtbot.addWidget(panel)
    panel.changed.connect(tray.refresh)
    tray.set_library(lib)
    panel.set_library(lib)
    assert tray.unread == 3 and len(panel.items()) == 3
    assert all(it.font().bold() for it in panel.items())
    assert panel.header.text() == "Alerts — 3 unread"

    first = panel.items()[0]
    article_id = first.data(ARTICLE_ROLE)
    with qtbot.waitSignal(panel.openArticle) as opened, qtbot.waitSignal(tray.unreadChanged) as count:
        panel.list.itemActivated.emit(first)
    assert opened.args == [article_id] and count.args == [2]
    assert not panel.items()[0].font().bold() and panel.items()[1].font().bold()

    panel.unread_only.setChecked(True)
    assert len(panel.items()) == 2
    panel.list.item(0).setSelected(True)
    qtbot.mouseClick(panel.mark_read_btn, Qt.LeftButton)
    assert tray.unread == 1 and len(panel.items()) == 1
    qtbot.mouseClick(panel.mark_all_btn, Qt.LeftButton)
    assert tray.unread == 0 and inbox.unread_count(lib.state) == 0 and panel.items() == []
    assert not panel.mark_all_btn.isEnabled()


def test_one_notification_per_batch_and_muted_stays_silent(qtbot, tmp_path, lib):
    saved.add(lib.state, "Putin", SearchRequest(query="Putin"), watched=True)
    saved.add(lib.state, "Kremlin", SearchRequest(query="Kremlin"), watched=True)
    saved.update(lib.state, "Kremlin", muted=True)
    tray = AlertTray(poll_ms=60_000)
    tray.set_library(lib)
    seen = []
    tray.notified.connect(lambda title, msg: seen.append((title, msg)))
    lib.import_all([write(tmp_path / "a", i) for i in range(4)])
    tray.poll()
    assert len(seen) == 1 and seen[0][0] == "4 new alerts" and "Putin: 4" in seen[0][1]
    assert "Kremlin" not in seen[0][1] and tray.unread == 4
    tray.poll()                                   # nothing new: no second notification
    assert len(seen) == 1
    assert not badge_icon(tray._base, 4).isNull()


def test_saved_sidebar_restores_the_search_exactly(qtbot, tmp_path, lib):
    request = SearchRequest(query="Putin", filters={"language": ["en"]}, excludes={"outlet": ["X"]},
                            sort="newest")
    saved.add(lib.state, "Putin", request)
    lib.import_all([write(tmp_path / "a", 1)])
    panel = SavedSearchesPanel()
    qtbot.addWidget(panel)
    panel.set_library(lib)
    assert panel.list.count() == 1
    assert "Putin  ·  1  ·  1 new" in panel.list.item(0).text()
    with qtbot.waitSignal(panel.openSearch) as got:
        panel.list.itemActivated.emit(panel.list.item(0))
    assert got.args[0] == request
    assert "new" not in panel.list.item(0).text()        # looked at: the new count restarts
    panel.current_request = lambda: SearchRequest(query="ceasefire")
    s = panel.save_current("Ceasefire")
    assert s.watched and panel.list.count() == 2
    panel.update(s.id, muted=True)
    assert saved.get(lib.state, "Ceasefire").muted
    panel.remove(s.id)
    assert panel.list.count() == 1
