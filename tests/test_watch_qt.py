"""The window's watch-folder service: files present at start-up and new files get imported."""
from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from desktop.tasks import TaskRunner  # noqa: E402
from desktop.views.watch_folders_panel import WatchFoldersPanel  # noqa: E402
from desktop.watch_folders import WatchFolderService  # noqa: E402
from index.alerts import folders  # noqa: E402
from index.library import open_library  # noqa: E402


def article(n: int) -> str:
    return f"Harbour report {n}\n\nThe harbour in town {n} counted {n * 7} ships this week, officials " \
           f"said. Dockers in district {n} expect more traffic as season {n} goes on.\n"


def test_service_imports_files_found_at_start_and_new_ones(qtbot, tmp_path):
    watch = tmp_path / "w"
    watch.mkdir()
    (watch / "before.txt").write_text(article(1), encoding="utf-8")   # arrived while closed
    lib = open_library(tmp_path / "lib")
    folders.add_folder(lib.state, watch)
    runner = TaskRunner(1)
    service = WatchFolderService(runner, poll_ms=300)
    panel = WatchFoldersPanel(service)
    qtbot.addWidget(panel)
    try:
        with qtbot.waitSignal(service.imported, timeout=15_000) as got:
            service.set_library(lib)
        assert got.args[0].imported == 1 and lib.count() == 1
        panel.refresh()
        assert panel.list.count() == 1
        (watch / "later.txt").write_text(article(2), encoding="utf-8")
        with qtbot.waitSignal(service.imported, timeout=15_000) as got:
            pass
        assert got.args[0].imported == 1 and lib.count() == 2
        assert {r.paths[0].rsplit("/", 1)[-1] for r in lib.import_log()} == {"before.txt", "later.txt"}
    finally:
        service.set_library(None)
        runner.wait(10_000)
        lib.close()
