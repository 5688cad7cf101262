"""Exports in the window, driven with qtbot: the Export dialog (results as XLSX, facet counts,
cancel), the timeline as PNG and SVG at print resolution, a saved-search briefing as PDF."""
from __future__ import annotations

import csv
import datetime as dt
import threading
import xml.etree.ElementTree as ET

import openpyxl
import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402

from desktop.main_window import MainWindow  # noqa: E402
from desktop.tasks import FunctionTask  # noqa: E402
from index.alerts import saved  # noqa: E402
from index.export.table import KEYS  # noqa: E402
from index.model import Article, SearchRequest  # noqa: E402

WAIT = 20_000


def _articles(n: int) -> list[Article]:
    return [Article(
        id=f"w{i:04d}", title=f"Саммит {i}: talks on a ceasefire" if i % 2 else f"Grain corridor {i}",
        body=f"Delegations met for round {i} of talks. Владимир Путин и Дональд Трамп обсудили перемирие.",
        path=f"in/{i}.txt", sha256=f"h{i}", outlet=["ТАСС", "Reuters", "Le Monde"][i % 3],
        language=["ru", "en", "fr"][i % 3], persons=["Vladimir Putin", "Donald Trump"][: 1 + i % 2],
        countries=["RU", "US"], agencies=["AFP"] if i % 4 == 0 else [],
        published=None if i % 10 == 0 else dt.date(2025, 5, 1) + dt.timedelta(days=i % 20),
        published_source="meta", imported=dt.datetime(2025, 5, 25, 10, 0)) for i in range(n)]


@pytest.fixture
def window(qtbot, lib):
    with lib.writing():
        lib.store.add(_articles(300))
    w = MainWindow(lib)
    w.show_reports = False
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitUntil(lambda: w.search.last_result is not None, timeout=WAIT)
    with qtbot.waitSignal(w.search.resultReady, timeout=WAIT):
        w.search_bar.set_text("talks", search=False)
        w.search.set_query("talks")
    return w


def _open_from_menu(window, action):
    action.trigger()
    dlg = window.export_ui.dialog
    assert dlg is not None and dlg.isVisible()
    return dlg


def test_export_dialog_writes_every_result_as_xlsx(qtbot, window, tmp_path):
    assert window.export_ui.results_action.shortcut().toString() == "Ctrl+E"
    assert window.export_ui.button.text() == "Export…"
    dlg = _open_from_menu(window, window.export_ui.results_action)
    assert "300 articles" in dlg.summary.text() and "talks" in dlg.summary.text()
    dlg.format.setCurrentIndex(dlg.format.findData("xlsx"))
    assert dlg.path.text().endswith(".xlsx")              # the extension follows the format
    target = tmp_path / "results.xlsx"
    dlg.path.setText(str(target))
    with qtbot.waitSignal(dlg.finished_export, timeout=WAIT) as done:
        qtbot.mouseClick(dlg.export_btn, Qt.LeftButton)
    assert done.args[0].startswith("Exported 300 articles to") and "XLSX" in done.args[0]
    assert dlg.message.text().startswith("✔") and dlg.open_btn.isVisible()
    assert dlg.cancel_btn.text() == "Close" and dlg.progress.value() == dlg.progress.maximum()
    want = window.library.search(SearchRequest(query="talks", limit=2000)).hits
    rows = list(openpyxl.load_workbook(target)["Results"].iter_rows(values_only=True))[1:]
    assert [r[KEYS.index("id")] for r in rows] == [h.id for h in want]     # not only the page
    assert window.results.model.rowCount() < len(rows)
    first = dict(zip(KEYS, rows[0]))
    a = window.library.get(first["id"])
    assert first["title"] == a.title and first["persons"] == "; ".join(a.persons)
    assert "Export" in window.statusBar().currentMessage()


def test_export_dialog_cancel_leaves_no_file(qtbot, window, tmp_path):
    dlg = window.export_ui.open("results")
    target = tmp_path / "cancelled.csv"
    dlg.path.setText(str(target))
    gate = threading.Event()
    hold = FunctionTask(lambda: gate.wait(10))          # the export queues behind this
    window.export_runner.start(hold)
    qtbot.mouseClick(dlg.export_btn, Qt.LeftButton)
    assert dlg.running and dlg.cancel_btn.text() == "Cancel" and not dlg.export_btn.isEnabled()
    qtbot.mouseClick(dlg.cancel_btn, Qt.LeftButton)
    with qtbot.waitSignal(dlg.finished_export, timeout=WAIT) as done:
        gate.set()
    assert "cancelled" in done.args[0] and "no file was written" in done.args[0]
    assert list(tmp_path.iterdir()) == [tmp_path / "lib"]
    assert not dlg.running and dlg.export_btn.isEnabled()


def test_export_dialog_facet_counts(qtbot, window, tmp_path):
    dlg = _open_from_menu(window, window.export_ui.facets_action)
    assert dlg.kind.currentData() == "facets" and dlg.format.currentData() == "csv"
    target = tmp_path / "facets.csv"
    dlg.path.setText(str(target))
    with qtbot.waitSignal(dlg.finished_export, timeout=WAIT) as done:
        qtbot.mouseClick(dlg.export_btn, Qt.LeftButton)
    assert "facet counts of 300 articles" in done.args[0]
    with open(target, encoding="utf-8-sig", newline="") as fh:
        rows = {(r[0], r[1]): (r[2], int(r[3])) for r in list(csv.reader(fh))[1:]}
    assert rows[("country", "RU")] == ("Russia", 300)         # the window's own labels
    assert rows[("outlet", "ТАСС")][1] == 100 and rows[("date", "none")] == ("no date", 30)


def test_timeline_png_and_svg_at_print_resolution(qtbot, window, tmp_path):
    dlg = _open_from_menu(window, window.export_ui.timeline_action)
    tl = window.timeline
    assert tl.buckets and tl.width() >= 320
    png = tmp_path / "timeline.png"
    dlg.path.setText(str(png))
    with qtbot.waitSignal(dlg.finished_export, timeout=WAIT) as done:
        qtbot.mouseClick(dlg.export_btn, Qt.LeftButton)
    image = QImage(str(png))
    w, h = tl.width(), tl.height() + 22                        # the caption band on top
    assert (image.width(), image.height()) == (round(w * 300 / 96), round(h * 300 / 96))
    assert round(image.dotsPerMeterX() * 0.0254) == 300
    assert f"{image.width()} × {image.height()} px, 300 dpi" in done.args[0]
    # bars in the highlight colour, as on screen
    bar = tl.palette().highlight().color()
    assert any(image.pixelColor(x, image.height() // 2 + 40).rgb() == bar.rgb()
               for x in range(0, image.width() // 2, 5))

    dlg.format.setCurrentIndex(dlg.format.findData("svg"))
    svg = tmp_path / "timeline.svg"
    assert dlg.path.text().endswith(".svg")
    dlg.path.setText(str(svg))
    with qtbot.waitSignal(dlg.finished_export, timeout=WAIT):
        qtbot.mouseClick(dlg.export_btn, Qt.LeftButton)
    root = ET.parse(svg).getroot()
    assert root.get("viewBox").split() == ["0", "0", str(w), str(h)]
    text = svg.read_text(encoding="utf-8")
    assert tl.buckets[0][0] in text and "drag to filter" not in text and "talks" in text
    assert not list(tmp_path.glob("*.partial"))


def test_saved_search_briefing_as_pdf(qtbot, window, tmp_path):
    ui = window.alerts_ui.saved
    assert any(text.startswith("Briefing") for text, _ in ui.extra_actions)
    s = saved.add(window.library.state, "Ceasefire talks", SearchRequest(query="ceasefire"))
    dlg = window.export_ui.open_briefing(s)
    dlg.since.setDate(dlg.since.date().fromString("2025-05-10", "yyyy-MM-dd"))
    dlg.format.setCurrentIndex(dlg.format.findData("pdf"))
    target = tmp_path / "briefing.pdf"
    dlg.path.setText(str(target))
    with qtbot.waitSignal(dlg.finished_briefing, timeout=WAIT) as done:
        qtbot.mouseClick(dlg.write_btn, Qt.LeftButton)
    assert "Wrote the briefing of “Ceasefire talks”" in done.args[0], done.args[0]
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 2
    assert ": 90 new matches" in done.args[0]      # odd titles say ceasefire; 6 in 20 days from May 10
    dlg.format.setCurrentIndex(dlg.format.findData("html"))
    with qtbot.waitSignal(dlg.finished_briefing, timeout=WAIT):
        qtbot.mouseClick(dlg.write_btn, Qt.LeftButton)
    page = (tmp_path / "briefing.html").read_text(encoding="utf-8")
    assert "Ceasefire talks" in page and "<script" not in page


def test_mediawatch_command_writes_a_pdf_briefing(lib, tmp_path):
    """`mediawatch saved briefing NAME --since DATE --out FILE.pdf` on the command line: Qt's
    printer is loaded for it (offscreen, no display needed); the core alone says what to do."""
    import os
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    with lib.writing():
        lib.store.add(_articles(40))
    saved.add(lib.state, "Ceasefire talks", SearchRequest(query="ceasefire"))
    libdir = str(lib.path)
    lib.close()
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    out = tmp_path / "week.pdf"
    args = ["--library", libdir, "saved", "briefing", "Ceasefire talks", "--since", "2025-05-01",
            "--out", str(out)]
    proc = subprocess.run([sys.executable, "-m", "desktop", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "20 new matches" in proc.stderr and str(out) in proc.stderr   # the odd ones, all dated
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"/Type /Page" in data and b"Mediawatch" in data
    assert not list(tmp_path.glob("*.partial"))
    out.unlink()
    proc = subprocess.run([sys.executable, "-m", "index", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode != 0 and "PDF needs" in proc.stderr and "write .html instead" in proc.stderr
    assert not out.exists()
