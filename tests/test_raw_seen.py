"""The re-import check before extraction (index/ingest/raw_seen.py): a raw article the library
holds is not extracted again, and the check never costs an article (its map is only a cache)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index.extract.pipeline import ExtractContext
from index.ingest.raw_seen import Known, RawSeen, raw_hash
from index.ingest.read_extract import read_and_extract
from index.ingest.readers import reader_for
from index.library import open_library

BODY = ("The harbour authority of {town} counted {n} ships this week, officials said on Monday. "
        "Dockers in {town} expect more traffic as the grain corridor season goes on, and the "
        "port's director promised {n} new cranes before winter.")


def write_inputs(folder: Path, n: int = 6) -> Path:
    folder.mkdir(parents=True)
    for i in range(2):
        (folder / f"note-{i}.txt").write_text(
            f"Harbour note {i}\n\n" + BODY.format(town=f"Town{i}", n=100 + i) + "\n",
            encoding="utf-8")
    with open(folder / "export.jsonl", "w", encoding="utf-8") as f:
        for i in range(2, n):
            f.write(json.dumps({"title": f"Harbour report {i}", "date": "2025-05-16",
                                "text": BODY.format(town=f"Town{i}", n=100 + i)}) + "\n")
    return folder


def ids(lib) -> list[str]:
    return sorted(a.id for a in lib.store.iter_articles())


def test_a_reimport_finds_every_article_before_extracting_it(tmp_path):
    src = write_inputs(tmp_path / "in")
    with open_library(tmp_path / "lib") as lib:
        first = lib.import_all([src], workers=0)
        assert first.imported == 6
        # what the importer's read stage now gives for a file it imported: ids, no extraction
        ctx = ExtractContext(raw_seen=RawSeen(lib.state))
        data = (src / "export.jsonl").read_bytes()
        arts, problems, readable = read_and_extract(str(src / "export.jsonl"), "jsonl", data, ctx)
        assert readable and not problems and len(arts) == 4
        assert all(isinstance(a, Known) for a in arts)
        assert {a.id for a in arts} <= set(ids(lib))
        again = lib.import_all([src], workers=0)
        assert again.imported == 0 and again.duplicates == 6 and not again.failed
        assert sorted(again.duplicate_ids) == ids(lib) == sorted(first.ids)


def test_without_the_check_everything_is_extracted(tmp_path):
    src = write_inputs(tmp_path / "in")
    with open_library(tmp_path / "lib") as lib:
        lib.import_all([src], workers=0)
    data = (src / "export.jsonl").read_bytes()
    arts, _, _ = read_and_extract("export.jsonl", "jsonl", data, ExtractContext())
    assert len(arts) == 4 and not any(isinstance(a, Known) for a in arts)


def test_a_copy_in_another_folder_is_a_duplicate_and_a_changed_text_is_new(tmp_path):
    src = write_inputs(tmp_path / "in")
    with open_library(tmp_path / "lib") as lib:
        lib.import_all([src], workers=0)
        copy = tmp_path / "elsewhere"
        shutil.copytree(src, copy)
        note = copy / "note-0.txt"
        note.write_text(note.read_text(encoding="utf-8").replace("Monday", "Tuesday"),
                        encoding="utf-8")
        again = lib.import_all([copy], workers=0)
        assert again.imported == 1 and again.duplicates == 5
        assert lib.count() == 7 and len(set(ids(lib))) == 7


def test_a_deleted_article_is_imported_again(tmp_path):
    src = write_inputs(tmp_path / "in")
    with open_library(tmp_path / "lib") as lib:
        first = lib.import_all([src], workers=0)
        gone = sorted(first.ids)[0]
        assert lib.store.delete([gone]) == 1
        again = lib.import_all([src], workers=0)
        assert again.ids == [gone] and again.duplicates == 5
        assert ids(lib) == sorted(first.ids)


def test_a_map_out_of_step_with_the_index_costs_no_article(tmp_path):
    """As a kill between the commit and the recording, or a damaged map, would leave it."""
    src = write_inputs(tmp_path / "in")
    with open_library(tmp_path / "lib") as lib:
        first = lib.import_all([src], workers=0)
        raws = reader_for("jsonl").read((src / "export.jsonl").read_bytes(), "export.jsonl")
        wrong = [("0000000000000000", raw_hash(r)) for r in raws]
        lib.state.executemany("UPDATE raw_hashes SET article_id=? WHERE raw=?", wrong)
        again = lib.import_all([src], workers=0)     # extracted, found by id: not doubled
        assert again.imported == 0 and again.duplicates == 6 and ids(lib) == sorted(first.ids)
        lib.state.executemany("UPDATE raw_hashes SET article_id=? WHERE raw=?", wrong)
        lib.store.delete(sorted(first.ids))
        again = lib.import_all([src], workers=0)
        assert again.imported == 6 and not again.failed
        assert ids(lib) == sorted(first.ids)
        # and the map is right again
        assert set(RawSeen(lib.state).known([raw_hash(r) for r in raws]).values()) <= set(first.ids)


@pytest.mark.parametrize("workers", [1])
def test_worker_processes_check_too(tmp_path, workers):
    src = write_inputs(tmp_path / "in", n=30)
    with open_library(tmp_path / "lib") as lib:
        first = lib.import_all([src], workers=workers)
        again = lib.import_all([src], workers=workers)
        assert first.imported == 30 and again.imported == 0 and again.duplicates == 30
        assert lib.count() == 30


def test_the_hash_ignores_the_path_and_sees_every_field():
    raw = reader_for("txt").read(b"Title\n\n" + BODY.format(town="A", n=1).encode(), "a.txt")[0]
    moved = reader_for("txt").read(b"Title\n\n" + BODY.format(town="A", n=1).encode(), "b/c.txt")[0]
    assert raw_hash(raw) == raw_hash(moved)
    moved.url = "https://example.org/a"
    assert raw_hash(raw) != raw_hash(moved)
    raw.text = "\ud800 a lone surrogate"
    assert len(raw_hash(raw)) == 64
