"""``mediawatch check``: a sound library passes; each kind of damage is found, named, and (where
the stored text allows) repaired. Real libraries in tmp folders, damaged on disk."""
from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from index.check import check_library
from index.cli import main as cli_main
from index.errors import LibraryError, LibraryInUse
from index.library import open_library
from index import samples


@pytest.fixture(scope="module")
def sound(tmp_path_factory):
    folder = tmp_path_factory.mktemp("check") / "lib"
    with open_library(folder) as lib:
        report = lib.import_all(samples.paths(), workers=0, batch_size=15)
        assert report.imported >= 30
    return folder


@pytest.fixture
def copy(sound, tmp_path):
    dest = tmp_path / "lib"
    shutil.copytree(sound, dest)
    return dest


def areas(report, level=None):
    return {f.area for f in report.problems if level is None or f.level == level}


def test_sound_library_passes(copy):
    report = check_library(copy)
    assert report.ok, [str(f) for f in report.findings]
    assert report.articles >= 30 and report.segments >= 1
    with open_library(copy) as lib:
        assert report.articles == lib.count()


def test_ungrouped_articles_are_found_and_grouped_again(copy):
    with sqlite3.connect(copy / "library.sqlite3") as conn:
        victim = conn.execute("SELECT article_id FROM story_articles LIMIT 1").fetchone()[0]
        conn.execute("DELETE FROM story_articles WHERE article_id=?", (victim,))
    report = check_library(copy)
    assert not report.ok and areas(report) == {"stories"}
    assert victim in " ".join(f.message for f in report.problems)
    fixed = check_library(copy, repair=True)
    assert fixed.ok and any(f.repaired for f in fixed.findings)
    with sqlite3.connect(copy / "library.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM story_articles WHERE article_id=?",
                            (victim,)).fetchone()[0] == 1


def test_story_members_and_links_of_missing_articles_are_removed(copy):
    with sqlite3.connect(copy / "library.sqlite3") as conn:
        sid = conn.execute("SELECT story_id FROM story_articles LIMIT 1").fetchone()[0]
        conn.execute("INSERT INTO story_articles VALUES ('ghost', ?, NULL, 't', NULL, NULL, NULL, "
                     "NULL, '{}', 0)", (sid,))
        conn.execute("INSERT INTO story_links VALUES ('ghost', 'nobody', 0.5, 0)")
    report = check_library(copy)
    text = " ".join(f.message for f in report.problems)
    assert "ghost" in text and "link" in text
    assert check_library(copy, repair=True).ok
    assert check_library(copy).ok


def test_damaged_word_pairs_are_rebuilt(copy):
    pairs = sorted((copy / "index" / "pairs").glob("*.keys.npy"))
    assert pairs
    pairs[0].write_bytes(b"not numpy")
    report = check_library(copy)
    assert areas(report) == {"pairs"}
    assert check_library(copy, repair=True).ok
    with open_library(copy) as lib:     # phrases answer from the rebuilt files
        from index.model import SearchRequest
        assert lib.search(SearchRequest(query='"Vladimir Putin"')).total > 0


def test_ids_file_of_another_segment_is_found(copy):
    ids = sorted((copy / "index" / "pairs").glob("*.ids.json"))[0]
    got = json.loads(ids.read_text())
    ids.write_text(json.dumps(got[::-1] + ["extra"]))
    assert areas(check_library(copy)) == {"pairs"}
    assert check_library(copy, repair=True).ok


def test_damaged_facet_columns_are_rebuilt(copy):
    with open_library(copy) as lib:            # a search writes the column files
        from index.model import SearchRequest
        lib.search(SearchRequest(query="Putin"))
    cols = sorted((copy / "index" / "columns").glob("*.npz"))
    assert cols
    cols[0].write_bytes(b"PK\x03\x04 truncated")
    assert areas(check_library(copy)) == {"columns"}
    assert check_library(copy, repair=True).ok


def test_an_article_indexed_twice_is_found_and_kept_once(copy):
    with open_library(copy) as lib:
        art = next(lib.store.iter_articles())
        lib.store.add([art])                   # bypasses the importer's duplicate check
    report = check_library(copy)
    assert any(art.id in f.message and f.level == "error" for f in report.problems)
    assert check_library(copy, repair=True).ok
    with open_library(copy) as lib:
        assert sum(a.id == art.id for a in lib.store.iter_articles()) == 1


def test_truncated_segment_is_an_error_naming_it(copy):
    seg = max((copy / "index").glob("*.seg"), key=lambda p: p.stat().st_size)
    seg.write_bytes(seg.read_bytes()[: seg.stat().st_size // 2])
    report = check_library(copy)
    errors = [f for f in report.problems if f.area == "index"]
    assert errors and seg.stem.split("_", 1)[-1] in errors[0].message
    assert "re-import" in errors[0].message
    assert not check_library(copy, repair=True).ok     # nothing to rebuild it from: still said


def test_damaged_database_is_an_error(copy):
    db = copy / "library.sqlite3"
    data = bytearray(db.read_bytes())
    for i in range(4096 + 100, min(len(data), 4096 * 3), 7):   # scribble over pages 2-3
        data[i] = 0xA5
    db.write_bytes(bytes(data))
    for extra in ("library.sqlite3-wal", "library.sqlite3-shm"):
        (copy / extra).unlink(missing_ok=True)
    report = check_library(copy)
    assert "database" in areas(report, "error")


def test_unfinished_import_run_is_information_only(copy):
    with sqlite3.connect(copy / "library.sqlite3") as conn:
        conn.execute("INSERT INTO import_runs(started, paths) VALUES ('2026-01-01T00:00:00', '[]')")
    report = check_library(copy)
    assert report.ok and any(f.area == "runs" and f.level == "info" for f in report.findings)


def test_check_waits_for_no_one_while_an_import_holds_the_library(copy):
    with open_library(copy) as lib, lib.writing():
        import subprocess, sys
        out = subprocess.run([sys.executable, "-m", "index", "check", "--library", str(copy)],
                             capture_output=True, text=True, timeout=60)
    assert out.returncode == 3 and "in use" in out.stderr


def test_not_a_library(tmp_path):
    with pytest.raises(LibraryError):
        check_library(tmp_path)


def test_cli_check_json_and_exit_status(copy, capsys):
    assert cli_main(["check", "--library", str(copy), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] and out["articles"] >= 30
    (sorted((copy / "index" / "pairs").glob("*.docs.npy"))[0]).write_bytes(b"")
    assert cli_main(["check", "--library", str(copy)]) == 1
    captured = capsys.readouterr()
    assert "word pairs" in captured.err and "warning" in captured.out
    assert cli_main(["check", "--library", str(copy), "--repair"]) == 0
    assert "repaired" in capsys.readouterr().out


def test_empty_word_pair_file_does_not_break_phrase_search(copy):
    """Found by check's tests: an empty .npy (a crash while writing) raised EOFError in search."""
    for p in (copy / "index" / "pairs").glob("*.docs.npy"):
        p.write_bytes(b"")
    with open_library(copy) as lib:
        from index.model import SearchRequest
        assert lib.search(SearchRequest(query='"Vladimir Putin"')).total > 0
