"""The library folder: creation, format versions, the write lock across processes."""
import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from index.errors import LibraryError, LibraryInUse
from index.library import MARKER, default_library_path, open_library

ROOT = Path(__file__).resolve().parent.parent


def test_new_library_has_marker_and_database(tmp_path):
    lib = open_library(tmp_path / "lib")
    try:
        assert (tmp_path / "lib" / MARKER).exists()
        assert (tmp_path / "lib" / "library.sqlite3").exists()
        assert lib.count() == 0
    finally:
        lib.close()


def test_newer_format_gives_clear_message(tmp_path):
    folder = tmp_path / "lib"
    open_library(folder).close()
    (folder / MARKER).write_text(json.dumps({"format": 99}))
    with pytest.raises(LibraryError, match="newer Mediawatch.*format 99"):
        open_library(folder)


def test_older_format_gives_clear_message(tmp_path):
    folder = tmp_path / "lib"
    open_library(folder).close()
    (folder / MARKER).write_text(json.dumps({"format": 0}))
    with pytest.raises(LibraryError, match="old library format 0"):
        open_library(folder)


def test_folder_with_other_files_is_not_a_library(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(LibraryError, match="not a Mediawatch library"):
        open_library(tmp_path)


def test_env_variable_chooses_library(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIAWATCH_LIBRARY", str(tmp_path / "envlib"))
    assert default_library_path() == tmp_path / "envlib"


def test_cli_reports_version_mismatch_without_traceback(tmp_path):
    folder = tmp_path / "lib"
    open_library(folder).close()
    (folder / MARKER).write_text(json.dumps({"format": 7}))
    out = subprocess.run([sys.executable, "-m", "index", "search", "x", "--library", str(folder)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert "format 7" in out.stderr


HOLDER = textwrap.dedent("""
    import sys, time
    from index.library import open_library
    lib = open_library(sys.argv[1])
    with lib.writing():
        print("locked", flush=True)
        time.sleep(60)
""")


def test_lock_held_by_live_process_says_in_use(tmp_path):
    folder = tmp_path / "lib"
    open_library(folder).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        lib = open_library(folder)
        with pytest.raises(LibraryInUse, match=f"in use by another Mediawatch process \\(process {proc.pid}\\)"):
            with lib.writing():
                pass
        lib.close()
    finally:
        proc.kill()
        proc.wait()


def test_stale_lock_of_dead_process_is_recovered_with_log(tmp_path, caplog):
    folder = tmp_path / "lib"
    open_library(folder).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    proc.kill()
    proc.wait()
    assert (folder / "library.lock").read_text().strip() == str(proc.pid)
    lib = open_library(folder)
    with caplog.at_level(logging.WARNING, logger="mediawatch"):
        with lib.writing():
            pass
    lib.close()
    assert f"stale lock" in caplog.text and str(proc.pid) in caplog.text
