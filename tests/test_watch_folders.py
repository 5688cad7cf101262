"""Watch folders in the core: registry, stability before import, memory across restarts, CLI."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from index.alerts import folders
from index.alerts.folders import FolderScanner
from index.alerts.stability import Settler
from index.cli import main
from index.library import open_library
from index.model import SearchRequest

PARA1 = ("Harbour officials counted forty ships arriving this week, dockers said on a windy "
         "afternoon, and expect traffic to grow as the season goes on.\n\n")
PARA2 = ("A second paragraph, written later, says the lighthouse keeper retired after thirty "
         "years of service and the town will hold a farewell concert.\n")


class Clock:
    def __init__(self):
        self.t = 100.0

    def __call__(self):
        return self.t

    def sleep(self, seconds):
        self.t += seconds


def article(n: int) -> str:
    return f"Harbour report {n}\n\nThe harbour in town {n} counted {n * 7} ships this week, officials " \
           f"said. Dockers in district {n} expect more traffic as season {n} goes on.\n"


def test_registry(tmp_path, lib):
    (tmp_path / "w").mkdir()
    path = folders.add_folder(lib.state, tmp_path / "w")
    folders.add_folder(lib.state, tmp_path / "w")                    # twice: still one
    assert folders.list_folders(lib.state) == [path]
    with pytest.raises(Exception, match="not a folder"):
        folders.add_folder(lib.state, tmp_path / "missing")
    assert folders.remove_folder(lib.state, tmp_path / "w")
    assert folders.list_folders(lib.state) == []


def test_file_written_in_two_chunks_is_imported_once_complete(tmp_path, lib):
    watch = tmp_path / "w"
    watch.mkdir()
    watch = watch.resolve()
    folders.add_folder(lib.state, watch)
    clock = Clock()
    scanner = FolderScanner(lib, Settler(settle=2.0, clock=clock))
    target = watch / "harbour.txt"
    with open(target, "w", encoding="utf-8") as f:
        f.write("Harbour news\n\n" + PARA1)
        f.flush()
        assert scanner.look() == []                 # first sight: wait
        clock.t += 1.0
        assert scanner.look() == []                 # unchanged but not settled yet
        f.write(PARA2)                              # the writer goes on
        f.flush()
        os.utime(target, (1_700_000_100, 1_700_000_100))
        clock.t += 5.0
        assert scanner.look() == []                 # it changed: the wait starts again
    clock.t += 2.0
    ready = scanner.look()
    assert ready == [str(target)]
    report = scanner.import_files(ready)
    assert report.imported == 1 and report.failed == []
    (art,) = lib.store.get_many(report.ids)
    assert "lighthouse keeper" in art.body and "forty ships" in art.body
    clock.t += 10
    assert scanner.look() == [] and scanner.look() == []  # remembered: never imported again
    assert lib.count() == 1
    assert lib.import_log()[0].paths == [str(target)]


def test_closed_app_restart_changed_files_and_failures(tmp_path):
    watch = tmp_path / "w"
    watch.mkdir()
    watch = watch.resolve()
    (watch / "one.txt").write_text(article(1), encoding="utf-8")
    (watch / ".hidden.txt").write_text(article(9), encoding="utf-8")
    (watch / "download.txt.part").write_text(article(8), encoding="utf-8")
    (watch / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    clock = Clock()
    lib = open_library(tmp_path / "lib")
    folders.add_folder(lib.state, watch)
    result = FolderScanner(lib, Settler(clock=clock)).scan(sleep=clock.sleep)
    assert result.imported == sorted([str(watch / "one.txt"), str(watch / "broken.pdf")])
    assert result.reports[0].imported == 1
    assert [p.path for p in result.reports[0].failed] == [str(watch / "broken.pdf")]
    assert lib.import_log()[0].failed                   # the failure is in the import log
    lib.close()
    # while "closed": a new file arrives, one is rewritten with the same text, one is changed
    (watch / "two.txt").write_text(article(2), encoding="utf-8")
    os.utime(watch / "one.txt", (1_700_000_000, 1_700_000_000))
    lib = open_library(tmp_path / "lib")
    try:
        result = FolderScanner(lib, Settler(clock=clock)).scan(sleep=clock.sleep)
        assert result.imported == [str(watch / "two.txt")] and result.unchanged == 1
        assert lib.count() == 2
        (watch / "two.txt").write_text(article(3), encoding="utf-8")
        result = FolderScanner(lib, Settler(clock=clock)).scan(sleep=clock.sleep)
        assert result.imported == [str(watch / "two.txt")] and result.reports[0].imported == 1
        assert lib.search(SearchRequest(query="district 3")).total == 1
        result = FolderScanner(lib, Settler(clock=clock)).scan(sleep=clock.sleep)
        assert result.imported == [] and result.reports == []
    finally:
        lib.close()


def test_cli_watch_folder(tmp_path, capsys):
    libdir, watch = tmp_path / "lib", tmp_path / "w"
    watch.mkdir()
    (watch / "one.txt").write_text(article(1), encoding="utf-8")

    def run(*args):
        code = main(["--library", str(libdir), *map(str, args)])
        return code, capsys.readouterr()

    assert run("saved", "add", "Harbour", "harbour", "--watch")[0] == 0
    assert run("watch-folder", "add", watch)[0] == 0
    assert json.loads(run("watch-folder", "list", "--json")[1].out) == [str(watch.resolve())]
    code, out = run("watch-folder", "scan", "--json")      # one pass: waits ~2 s for stability
    data = json.loads(out.out)
    assert code == 0 and data["imported"] == 1 and data["files"] == [str((watch / "one.txt").resolve())]
    assert [a["search"] for a in data["alerts"]] == ["Harbour"]
    data = json.loads(run("watch-folder", "scan", "--json")[1].out)
    assert data["imported"] == 0 and data["files"] == [] and data["alerts"] == []
    assert run("watch-folder", "rm", watch)[0] == 0
    assert run("watch-folder", "rm", watch)[0] == 3


def test_missing_folder_goes_to_the_import_log_once(tmp_path, lib):
    gone = tmp_path / "gone"
    gone.mkdir()
    folders.add_folder(lib.state, gone)
    gone.rmdir()
    clock = Clock()
    scanner = FolderScanner(lib, Settler(clock=clock))
    result = scanner.scan(sleep=clock.sleep)
    assert [p.reason for p in result.problems] == ["watch folder is missing"]
    scanner.scan(sleep=clock.sleep)
    runs = lib.import_log()
    assert len(runs) == 1 and runs[0].failed[0].reason == "watch folder is missing"
