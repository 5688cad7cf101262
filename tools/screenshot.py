"""Write docs/screenshot.png: the window on the sample library, a search run, the first hit open.

Imports seeds/ into a temporary library through the window's own import task, types a query,
selects the first result and grabs the window offscreen (or under Xvfb when DISPLAY is set).
    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshot.py [OUT.png] [--query Q]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshot.png"))
    ap.add_argument("--query", default="Putin")
    ap.add_argument("--size", default="1680x940")
    ap.add_argument("--country", default="RU", help="country facet value to tick (if present)")
    ap.add_argument("--extra", nargs="*", default=[], help="more files or folders to import")
    args = ap.parse_args()
    w, h = (int(v) for v in args.size.split("x"))

    with tempfile.TemporaryDirectory(prefix="mediawatch-shot-") as tmp:
        os.environ["MEDIAWATCH_SETTINGS_DIR"] = str(Path(tmp) / "settings")
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from desktop.app import make_app
        from desktop.main_window import MainWindow
        from desktop.selftest import wait_for
        from index.library import open_library

        app = make_app()
        window = MainWindow(open_library(Path(tmp) / "library", create=True))
        window.show_reports = False
        window.resize(w, h)
        window.show()
        # Other features dock panels on the sides (saved searches, alerts): keep them slim.
        from PySide6.QtWidgets import QDockWidget
        docks = [d for d in window.findChildren(QDockWidget) if d.isVisible()]
        if docks:
            window.resizeDocks(docks, [210] * len(docks), Qt.Horizontal)
        centre = window.main_split.width() or int(w * 0.75)
        window.main_split.setSizes([230, int(centre * 0.46), int(centre * 0.54) - 230])
        import shutil
        from desktop.library_actions import import_samples
        from index.resources import seeds_dir
        # A copy under the temporary folder: the reader shows the file's path, not this checkout's.
        shutil.copytree(seeds_dir(), Path(tmp) / "samples")
        import_samples(window, Path(tmp) / "samples")
        if not wait_for(window.imports.finished, 180_000):
            print("the sample import did not finish", file=sys.stderr)
            return 1
        if args.extra and not (window.imports.start(list(args.extra))
                               and wait_for(window.imports.finished, 180_000)):
            print("the import of --extra did not finish", file=sys.stderr)
            return 1
        window.search_bar.edit.setFocus()
        QTest.keyClicks(window.search_bar.edit, args.query)
        got = wait_for(window.search.resultReady, 60_000)
        while got and window.search.query != args.query:
            got = wait_for(window.search.resultReady, 60_000)
        if not got or window.results.model.rowCount() == 0:
            print(f"no results for {args.query!r}", file=sys.stderr)
            return 1
        # Tick one country, as an analyst would, so the facet check and its chip are visible.
        countries = window.facets.model("country")
        if args.country in countries.values():
            row = countries.values().index(args.country)
            countries.setData(countries.index(row), Qt.Checked, Qt.CheckStateRole)
            wait_for(window.search.resultReady, 60_000)
        window.results.table.selectRow(0)
        wait_for(window.search.articleReady, 30_000)
        QTest.qWait(200)           # let the reader lay out and scroll to the first hit
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out)):
            print(f"cannot write {out}", file=sys.stderr)
            return 1
        print(f"wrote {out} ({window.results.model.total} result(s) for {args.query!r})")
        window.close()
        app.quit()
        return 0


if __name__ == "__main__":
    sys.exit(main())
