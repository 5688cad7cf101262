"""The main window on real libraries in tmp_path: drops, as-you-type search, facets, cancelling an
import, failed files in the report, stale results, the reader. Offscreen (see conftest)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDropEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.main_window import MainWindow  # noqa: E402
from index.library import open_library  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WAIT = 60_000

ARTICLES = {
    "putin-trump-call.txt": (
        "Putin and Trump discuss a ceasefire in Ukraine\n\n"
        "May 19, 2025\n\n"
        "Russian President Vladimir Putin spoke with U.S. President Donald Trump for two hours on "
        "Monday about a ceasefire in Ukraine. The Kremlin said the call was frank and useful. "
        "Putin told Trump that Moscow was ready to work on a memorandum with Kyiv about future "
        "peace talks. Ukrainian President Volodymyr Zelensky said Ukraine insists on a full and "
        "unconditional ceasefire before any negotiations can begin in Istanbul.\n"),
    "zelensky-europe.txt": (
        "Zelensky asks European leaders for more air defence\n\n"
        "Ukrainian President Volodymyr Zelensky met French President Emmanuel Macron in Paris on "
        "Tuesday and asked European governments for more air defence systems. He said Russian "
        "drones had hit energy plants across Ukraine overnight. Macron promised further help and "
        "said France would keep supporting Ukraine for as long as necessary. Vladimir Putin did "
        "not comment on the meeting.\n"),
    "german-economy.txt": (
        "German industry orders fall again\n\n"
        "Orders for German industrial goods fell for the third month in a row, the statistics "
        "office in Wiesbaden said on Thursday. Economists had expected a small rise. Chancellor "
        "Friedrich Merz said the government in Berlin would cut energy costs for factories and "
        "speed up planning permits to help manufacturers in Germany recover.\n"),
    "deutsch-nachrichten.txt": (
        "Bundestag debattiert über den Haushalt\n\n"
        "Der Bundestag in Berlin hat am Mittwoch über den Haushalt für das kommende Jahr "
        "debattiert. Die Regierung will mehr Geld für Verteidigung und Infrastruktur ausgeben. "
        "Die Opposition kritisierte die hohe Neuverschuldung und forderte Einsparungen bei den "
        "Ministerien. Die Abstimmung soll im Dezember stattfinden.\n"),
    "francais-actualite.txt": (
        "Le gouvernement présente son budget\n\n"
        "Le gouvernement français a présenté mercredi à Paris son projet de budget pour l'année "
        "prochaine. Le ministre de l'Économie a annoncé des économies dans plusieurs ministères "
        "et une hausse des dépenses pour la défense. Les syndicats ont critiqué ces mesures et "
        "appellent à manifester la semaine prochaine dans toute la France.\n"),
}


def write_articles(folder: Path, articles: dict[str, str] = ARTICLES) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in articles.items():
        p = folder / name
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def many_articles(folder: Path, n: int) -> list[Path]:
    words = ("ministers", "talks", "harbour", "grain", "export", "railway", "budget", "court",
             "election", "summit", "drought", "bank", "strike", "vaccine", "pipeline", "festival")
    texts = {}
    for i in range(n):
        w = [words[(i * 7 + k) % len(words)] for k in range(6)]
        texts[f"bulk-{i:04d}.txt"] = (
            f"Report number {i} on the {w[0]} and the {w[1]}\n\n"
            f"Officials met on day {i} to discuss the {w[2]} and the {w[3]}. The meeting about the "
            f"{w[4]} lasted {i % 9 + 1} hours and ended with a statement on the {w[5]}. Observers "
            f"said item {i} of the agenda would return at the next session of the council.\n")
    return write_articles(folder, texts)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIAWATCH_SETTINGS_DIR", str(tmp_path / "settings"))
    library = open_library(tmp_path / "library", create=True)
    w = MainWindow(library)
    w.show_reports = False
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def import_and_wait(qtbot, w: MainWindow, paths):
    with qtbot.waitSignal(w.imports.finished, timeout=WAIT) as blocker:
        assert w.imports.start([str(p) for p in paths])
    return blocker.args[0]


def wait_total(qtbot, w: MainWindow, total: int, query: str | None = None) -> None:
    qtbot.waitUntil(lambda: w.results.model.total == total
                    and (query is None or w.search.query == query)
                    and w.search.last_result is not None
                    and w.results.model.generation == w.search.generation, timeout=WAIT)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # QDragEnterEvent takes a QPoint only
def test_drop_of_real_files_imports_them(qtbot, window, tmp_path):
    paths = write_articles(tmp_path / "drop")[:2]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()                   # the window takes file drops anywhere
    event = QDropEvent(QPointF(200, 200), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    with qtbot.waitSignal(window.imports.finished, timeout=WAIT) as blocker:
        QApplication.sendEvent(window, event)
        assert event.isAccepted()               # accepted at once, the import starts later
    report = blocker.args[0]
    assert report.imported == 2 and not report.failed
    wait_total(qtbot, window, 2)
    assert "2 articles" in window.library_label.text()


def test_typing_a_query_fills_the_results_and_the_reader(qtbot, window, tmp_path):
    import_and_wait(qtbot, window, write_articles(tmp_path / "a"))
    wait_total(qtbot, window, 5)
    qtbot.keyClicks(window.search_bar.edit, "Zelensky")
    wait_total(qtbot, window, 2, "Zelensky")
    titles = {window.results.model.hit(r).title for r in range(2)}
    assert titles == {"Putin and Trump discuss a ceasefire in Ukraine",
                      "Zelensky asks European leaders for more air defence"}
    with qtbot.waitSignal(window.search.articleReady, timeout=WAIT):
        window.results.table.selectRow(0)
    assert window.reader.hits >= 1
    assert window.reader.article.title in titles
    assert "Zelensky" in window.reader.browser.toPlainText()
    # A click on the Date header asks the core for newest first (all pages, not just these rows).
    with qtbot.waitSignal(window.search.resultReady, timeout=WAIT) as blocker:
        window.results.table.horizontalHeader().sectionClicked.emit(2)
    assert blocker.args[1].request.sort == "newest" and window.search.sort == "newest"
    # A malformed query shows an inline error instead of results.
    window.search_bar.set_text('(Putin AND')
    qtbot.waitUntil(lambda: window.search_bar.error.isVisible(), timeout=WAIT)
    assert "parenthesis" in window.search_bar.error.text()
    window.search_bar.set_text("Putin")                  # fixing the query clears the error
    wait_total(qtbot, window, 2, "Putin")
    assert not window.search_bar.error.isVisible()


def test_checking_a_facet_narrows_results_and_counts_follow(qtbot, window, tmp_path):
    import_and_wait(qtbot, window, write_articles(tmp_path / "a"))
    wait_total(qtbot, window, 5)
    lang = window.facets.model("language")
    assert dict((r.value, r.count) for r in lang.rows())["en"] == 3
    row = lang.values().index("en")
    lang.setData(lang.index(row), Qt.Checked, Qt.CheckStateRole)       # the analyst ticks English
    wait_total(qtbot, window, 3)
    assert window.search.filters == {"language": ["en"]}
    hits = [window.results.model.hit(r) for r in range(window.results.model.rowCount())]
    assert {h.language for h in hits} == {"en"}
    # Every other facet now counts only the English results.
    for facet in ("person", "country"):
        for r in window.facets.model(facet).rows():
            attr = "persons" if facet == "person" else "countries"
            assert r.count == sum(r.value in getattr(h, attr) for h in hits), (facet, r)
    assert [c.text() for c in window.chips.chips][0].startswith("Language: English")
    window.chips.chips[0].click()                                        # remove the chip
    wait_total(qtbot, window, 5)
    assert window.search.filters.get("language") == []
    window.facets.excluded.emit("language", "en", True)                 # context menu: exclude
    wait_total(qtbot, window, 2)
    assert lang.rows()[[r.value for r in lang.rows()].index("en")].state == 2
    assert any(c.text().startswith("not Language: English") for c in window.chips.chips)


def test_cancelling_an_import_stops_it_and_keeps_committed_articles(qtbot, window, tmp_path):
    paths = many_articles(tmp_path / "bulk", 1500)   # enough that a loaded machine cannot finish before the click
    window.imports.batch_size = 10
    with qtbot.waitSignal(window.imports.committed, timeout=WAIT) as first:
        window.imports.start([str(tmp_path / "bulk")])
    with qtbot.waitSignal(window.imports.finished, timeout=WAIT) as blocker:
        window.import_status.cancel.click()
    report = blocker.args[0]
    assert report.cancelled
    # What was committed before the click is kept. The first commit comes after batch_size
    # articles or after COMMIT_SECONDS, whichever is first, so on a loaded machine it can hold
    # fewer than batch_size: compare with what the signal said, not with the batch size.
    assert first.args[0] >= 1
    assert first.args[0] <= report.imported < len(paths)
    wait_total(qtbot, window, report.imported)
    assert window.library.count() == report.imported
    qtbot.waitUntil(lambda: not window.import_status.isVisible(), timeout=WAIT)
    # The same folder again: the rest comes in, what was committed counts as duplicates.
    window.imports.batch_size = None
    with qtbot.waitSignal(window.imports.finished, timeout=2 * WAIT) as blocker:
        window.imports.start([str(tmp_path / "bulk")])
    second = blocker.args[0]
    assert not second.cancelled
    assert report.imported + second.imported == len(paths)
    wait_total(qtbot, window, len(paths))


def test_a_failed_file_appears_in_the_report(qtbot, window, tmp_path):
    folder = tmp_path / "mixed"
    write_articles(folder, {"good.txt": ARTICLES["german-economy.txt"]})
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not really a pdf\n")
    window.show_reports = True
    report = import_and_wait(qtbot, window, [folder])
    assert report.imported == 1
    failed = {Path(p.path).name: p.reason for p in report.failed}
    assert "broken.pdf" in failed and failed["broken.pdf"]
    table = window.report_dialog.table
    cells = {table.item(r, 1).text() for r in range(table.rowCount())}
    assert any(c.endswith("broken.pdf") for c in cells)
    # The import log reopens the same report later.
    from desktop.views.dialogs import ImportLogDialog
    log = ImportLogDialog(window.library.import_log(10), window)
    qtbot.addWidget(log)
    assert log.table.rowCount() == 1 and "1 failed" in log.table.item(0, 1).text()


def test_stale_search_results_are_dropped(qtbot, window, tmp_path):
    import_and_wait(qtbot, window, write_articles(tmp_path / "a"))
    search = window.search
    search.set_query("Putin")
    wait_total(qtbot, window, 2, "Putin")
    old_gen, old_result = search.generation, search.last_result
    # Three quick queries: only the newest may reach the view.
    shown = []
    search.resultReady.connect(lambda gen, _r: shown.append(gen))
    for q in ("Zelensky", "Merz", "Bundestag"):
        search.set_query(q)
    wait_total(qtbot, window, 1, "Bundestag")
    assert shown and set(shown) == {search.generation}
    # The first query's result arriving late is dropped, and the view keeps the newest.
    before = search.dropped
    assert not search.deliver(old_gen, (old_result, 5))
    assert search.dropped == before + 1
    assert window.results.model.hit(0).title == "Bundestag debattiert über den Haushalt"


def test_commit_refresh_waits_for_a_running_search(qtbot, window, tmp_path):
    """While an import commits, a refresh never piles onto a search still in flight."""
    import_and_wait(qtbot, window, write_articles(tmp_path / "a"))
    wait_total(qtbot, window, 5)
    search = window.search
    assert not search.busy
    search.set_query("Putin")
    assert search.busy
    gen = search.generation
    window._refresh_after_commit()                 # the commit timer fires during that search
    assert search.generation == gen and window._refresh_timer.isActive()
    wait_total(qtbot, window, 2, "Putin")
    assert not search.busy
    window._refresh_timer.stop()
    window._refresh_after_commit()                 # idle: the refresh runs now
    assert search.generation == gen + 1
    wait_total(qtbot, window, 2, "Putin")


def test_reader_entity_chip_adds_a_facet_filter(qtbot, window, tmp_path):
    import_and_wait(qtbot, window, write_articles(tmp_path / "a"))
    wait_total(qtbot, window, 5)
    with qtbot.waitSignal(window.search.stateChanged):
        window.reader.browser.anchorClicked.emit(QUrl("mw:country:FR"))
    assert window.search.filters == {"country": ["FR"]}
    assert any("France" in c.text() for c in window.chips.chips)


def test_cli_subcommands_never_load_qt(tmp_path):
    code = ("import sys; from desktop.launch import main; "
            f"rc = main(['--library', {str(tmp_path / 'lib')!r}, 'search', 'anything']); "
            "print(rc, any(m.startswith('PySide6') for m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.stdout.strip().splitlines()[-1] == "0 False", proc.stdout + proc.stderr


def test_self_test_command_passes():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "desktop", "--self-test"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "self-test OK" in proc.stdout


def test_minimized_start_keeps_the_window_in_the_tray_or_minimized(qtbot, tmp_path, monkeypatch):
    from desktop.app import present
    from desktop.launch import window_parser
    from desktop.launch import wants_cli
    assert window_parser().parse_args(["--minimized"]).minimized
    assert not wants_cli(["--minimized"]) and not wants_cli(["--minimized", "--library", "x"])
    monkeypatch.setenv("MEDIAWATCH_SETTINGS_DIR", str(tmp_path / "settings"))
    w = MainWindow(open_library(tmp_path / "library", create=True))
    qtbot.addWidget(w)
    assert present(w, minimized=True, tray=True) == "tray" and not w.isVisible()
    w.alerts_ui.tray.show_window()                 # what the tray icon does when clicked
    qtbot.waitUntil(w.isVisible, timeout=WAIT)
    w.hide()
    assert present(w, minimized=True, tray=False) == "minimized"
    qtbot.waitUntil(lambda: w.isVisible() and w.isMinimized(), timeout=WAIT)
    assert present(w) == "shown" and w.isVisible()
    w.close()


def test_files_given_to_the_launcher_open_the_window_not_the_cli(tmp_path, monkeypatch):
    from desktop.launch import wants_cli, window_parser
    f = tmp_path / "a.txt"
    f.write_text("x", encoding="utf-8")
    assert not wants_cli([str(f), str(tmp_path)])             # "Open with Mediawatch"
    assert window_parser().parse_args([str(f)]).paths == [str(f)]
    assert wants_cli(["import", str(f)]) and wants_cli(["search", "putin"])
    monkeypatch.chdir(tmp_path)
    (tmp_path / "search").write_text("", encoding="utf-8")    # a file named like a command
    assert wants_cli(["search", "putin"])
