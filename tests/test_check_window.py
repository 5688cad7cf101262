"""The window checks a library after an unclean shutdown: a session marker left by a dead
process (or an import run that never finished) starts ``check`` off the GUI thread; a sound
library gets a status line, problems open the check dialog, whose Repair makes it sound.
Real libraries and a real window (offscreen)."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.main_window import MainWindow  # noqa: E402
from index.check import session  # noqa: E402
from index.library import open_library  # noqa: E402

WAIT = 60_000
TEXT = ("Ceasefire talks resume in Istanbul\n\nMay 19, 2025\n\nDelegations from Russia and "
        "Ukraine met in Istanbul on Monday for a second round of talks about a ceasefire. The "
        "Turkish foreign minister said both sides agreed to exchange prisoners of war and to "
        "meet again within weeks. Observers in Kyiv and Moscow were cautious about progress.\n")


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIAWATCH_SETTINGS_DIR", str(tmp_path / "settings"))
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"a{i}.txt").write_text(TEXT.replace("second", f"round {i} and a second"), "utf-8")
    path = tmp_path / "lib"
    with open_library(path) as lib:
        assert lib.import_all([src], workers=0).imported == 3
    return path


def open_window(qtbot, folder) -> MainWindow:
    w = MainWindow(open_library(folder))
    w.show_reports = False
    qtbot.addWidget(w)
    w.show()
    return w


def test_marker_lives_while_the_window_has_the_library(qtbot, folder):
    w = open_window(qtbot, folder)
    mine = folder / f"session-{os.getpid()}.json"
    assert mine.exists()
    w.close()
    assert not mine.exists()
    assert session.needs_check(folder) is None


def test_after_a_crash_a_sound_library_gets_a_status_line(qtbot, folder):
    (folder / f"session-{dead_pid()}.json").write_text("{}")
    assert "did not close properly" in session.needs_check(folder)
    w = open_window(qtbot, folder)
    qtbot.waitUntil(lambda: w.checks.last_report is not None, timeout=WAIT)
    assert w.checks.last_report.ok and w.checks.dialog is None
    assert "sound" in w.statusBar().currentMessage()
    assert session.dead_sessions(folder) == []        # dealt with: no check at the next start
    w.close()


def test_after_a_killed_import_problems_open_the_dialog_and_repair_fixes_them(qtbot, folder):
    with sqlite3.connect(folder / "library.sqlite3") as conn:
        conn.execute("INSERT INTO import_runs(started, paths) VALUES ('2026-01-01T00:00:00', '[]')")
        conn.execute("DELETE FROM story_articles")    # killed between its commit and the grouping
    assert "stopped before it finished" in session.needs_check(folder)
    w = open_window(qtbot, folder)
    qtbot.waitUntil(lambda: w.checks.dialog is not None and w.checks.last_report is not None,
                    timeout=WAIT)
    dialog = w.checks.dialog
    assert not w.checks.last_report.ok
    assert dialog.list.count() >= 1 and "stories" in dialog.list.item(0).text()
    assert dialog.repair.isEnabled()
    dialog.grab().save(str(folder.parent / "check-dialog.png"))
    dialog.repair.click()
    qtbot.waitUntil(lambda: w.checks.last_report.repaired and not w.checks.running, timeout=WAIT)
    assert w.checks.last_report.ok and "Sound" in dialog.summary.text()
    assert not dialog.repair.isEnabled()
    assert session.needs_check(folder) is None
    w.close()


def test_menu_check_says_when_an_import_holds_the_library(qtbot, folder):
    w = open_window(qtbot, folder)
    other = subprocess.Popen([sys.executable, "-c",
                              "import sys, time\nfrom index.library import open_library\n"
                              f"lib = open_library({str(folder)!r})\n"
                              "with lib.writing():\n    print('held', flush=True)\n    time.sleep(30)\n"],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "held"
        w.checks.action.trigger()
        qtbot.waitUntil(lambda: w.checks.dialog is not None and not w.checks.running, timeout=WAIT)
        assert "in use" in w.checks.dialog.summary.text()
    finally:
        other.kill()
        other.wait()
    w.close()
