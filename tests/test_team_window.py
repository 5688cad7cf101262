"""The window on a team library (a real PostgreSQL, real widgets with qtbot, offscreen): the Open
library dialog and its connection test, importing by drop, and another analyst's articles and
alerts reaching an open window within two seconds (LISTEN/NOTIFY)."""
from __future__ import annotations

import os
import time

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.main_window import MainWindow  # noqa: E402
from desktop.views.open_library_dialog import OpenLibraryDialog, team_url  # noqa: E402
from index.library import open_library  # noqa: E402
from index.model import Article  # noqa: E402
from pg_support import db_name, new_library_url  # noqa: E402

WAIT = 60_000


@pytest.fixture
def team(pg_cluster, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIAWATCH_SETTINGS_DIR", str(tmp_path / "settings"))
    monkeypatch.setenv("MEDIAWATCH_TEAM_DIR", str(tmp_path / "team"))
    url = new_library_url(pg_cluster)
    yield url
    pg_cluster.drop_database(db_name(url))


def test_team_url_from_the_dialog_fields():
    assert team_url("db.example.org", 5432, "desk", "ann", "require") == \
        "postgresql://ann@db.example.org/desk?sslmode=require"
    assert team_url("db", 6543, "desk", "", "prefer") == "postgresql://db:6543/desk"
    assert team_url("/run/pg", 5432, "desk", "ann", "prefer") == "postgresql://ann@/desk?host=/run/pg"
    assert team_url("/run/pg", 5433, "desk", "", "prefer") == "postgresql:///desk?host=/run/pg&port=5433"


def test_open_library_dialog_tests_the_connection(qtbot, team, pg_cluster, tmp_path):
    from desktop.tasks import TaskRunner
    runner = TaskRunner(1)
    d = OpenLibraryDialog(runner=runner)
    qtbot.addWidget(d)
    d.tabs.setCurrentIndex(1)
    d.host.setText(str(pg_cluster.socket_dir))
    d.port.setValue(pg_cluster.port)
    d.user.setText(pg_cluster.SUPERUSER)
    d.database.setText(db_name(team))
    assert d.is_team() and d.location().startswith("postgresql://mediawatch@/mwlib_")
    d.test_connection()
    qtbot.waitUntil(lambda: d.test_button.isEnabled() and "Connected" in d.status.text(), timeout=WAIT)
    assert "team library of 0 articles" in d.status.text()
    d.database.setText("no_such_db")
    d.test_connection()
    qtbot.waitUntil(lambda: d.test_button.isEnabled() and "cannot connect" in d.status.text(),
                    timeout=WAIT)
    assert "b00020" in d.status.styleSheet()                 # the failure shows in red
    d.grab().save(str(tmp_path / "dialog-team.png"))
    d.tabs.setCurrentIndex(0)
    d.folder.setText(str(tmp_path / "lib"))
    assert not d.is_team() and d.location() == str(tmp_path / "lib")
    d.grab().save(str(tmp_path / "dialog.png"))


def test_another_analysts_articles_reach_the_window_within_two_seconds(qtbot, team, tmp_path):
    w = MainWindow(open_library(team))
    w.show_reports = False
    qtbot.addWidget(w)
    w.show()
    try:
        assert w.library.is_team and team.split("?")[0] in w.windowTitle()
        qtbot.waitUntil(lambda: w.search.last_result is not None, timeout=WAIT)
        assert w.results.model.total == 0
        other = open_library(team)                            # another analyst's machine
        try:
            t0 = time.monotonic()
            other.store.add([Article(id=f"n{i}", title=f"News {i}", body="ceasefire talks",
                                     path="p", sha256=f"n{i}") for i in range(3)])
            qtbot.waitUntil(lambda: w.results.model.total == 3, timeout=5000)
            assert time.monotonic() - t0 < 2.0
            assert w.team_ui.refreshes >= 1
        finally:
            other.close()
        w.grab().save(str(tmp_path / "team-window.png"))
    finally:
        w.close()


def test_saved_searches_panel_shares_with_the_team(qtbot, team, pg_cluster, capsys):
    """(Database roles are the whole server's: names of their own, not the other tests'.)
    Two analysts' windows: each lists their own saved searches; "Share with the team" in one
    puts it in the other's list, marked as the colleague's, with only Open and a copy offered."""
    import psycopg
    from index.cli import main
    from desktop.views.saved_sidebar import SavedSearchesPanel
    from index.model import SearchRequest
    open_library(team).close()
    with psycopg.connect(team, autocommit=True) as c:
        for user in ("wann", "wbob"):
            c.execute(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{user}') "
                      f"THEN CREATE ROLE {user} LOGIN; END IF; END $$")
    assert main(["library", "roles", "--grant", "wann", "analyst", "--grant", "wbob", "reader",
                 "--library", team]) == 0
    capsys.readouterr()
    ann_lib = open_library(pg_cluster.url(db_name(team), user="wann"))
    bob_lib = open_library(pg_cluster.url(db_name(team), user="wbob"))
    panels = []
    try:
        for lib in (ann_lib, bob_lib):
            p = SavedSearchesPanel()
            qtbot.addWidget(p)
            p.set_library(lib)
            panels.append(p)
        ann, bob = panels
        bob.current_request = lambda: SearchRequest(query="kremlin")
        bob.save_current("Kremlin")
        ann.refresh()
        assert ann.list.count() == 0                           # bob's, not shared yet
        menu = bob.build_menu(bob.searches[0])
        share = next(a for a in menu.actions() if a.text() == "Share with the team")
        share.trigger()
        assert bob.searches[0].shared and "shared" in bob.list.item(0).text()
        ann.refresh()
        assert ann.list.count() == 1 and ann.list.item(0).text().startswith("Kremlin (shared by wbob)")
        texts = [a.text() for a in ann.build_menu(ann.searches[0]).actions()]
        assert texts == ["Open", "Save a copy as mine…"]       # not hers to change
        assert ann.open(ann.searches[0].id).query == "kremlin"
        menu = bob.build_menu(bob.searches[0])
        next(a for a in menu.actions() if a.text() == "Stop sharing").trigger()
        ann.refresh()
        assert ann.list.count() == 0
    finally:
        ann_lib.close()
        bob_lib.close()
