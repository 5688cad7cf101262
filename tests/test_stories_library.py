"""Stories end to end: real imports into a library in tmp_path, the hook, the CLI's JSON."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index.cli import main
from index.library import open_library
from index.stories import service

FIX = Path(__file__).parent / "fixtures" / "stories"


def run_json(capsys, *argv) -> object:
    assert main(list(argv) + ["--json"]) == 0
    return json.loads(capsys.readouterr().out)


def by_title(stories, word):
    return next(s for s in stories if any(word in (a["title"] or "") for a in s["articles"]))


@pytest.fixture
def lib_dir(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("2025-05-19-wire-drones.txt", "2025-05-19-putin-factory.txt"):
        shutil.copy(FIX / name, src / name)
    d = tmp_path / "lib"
    with open_library(d) as lib:
        report = lib.import_all([src])
    assert report.imported == 2
    return d


def test_import_hook_groups_incrementally_and_cli_json(lib_dir, tmp_path, capsys):
    first = run_json(capsys, "--library", str(lib_dir), "stories")
    assert len(first) == 2 and all(len(s["articles"]) == 1 and s["copies"] == [] for s in first)
    wire_story = by_title(first, "drones")["id"]

    more = tmp_path / "more"
    more.mkdir()
    for name in ("2025-05-19-daily-copy.txt", "2025-05-20-gazette-own-report.txt"):
        shutil.copy(FIX / name, more / name)
    with open_library(lib_dir) as lib:
        assert lib.import_all([more]).imported == 2

    stories = run_json(capsys, "--library", str(lib_dir), "stories")
    assert len(stories) == 2
    drones = by_title(stories, "drones")
    assert drones["id"] == wire_story                        # the story kept its id as it grew
    assert set(drones["articles"][0]) == {"id", "title", "outlet", "published", "url"}
    dates = [a["published"] for a in drones["articles"]]
    assert dates == sorted(dates) and dates[-1] == "2025-05-20"
    assert len(drones["articles"]) == 3 and len(drones["copies"]) == 1 and len(drones["copies"][0]) == 2
    factory = by_title(stories, "tractor")
    assert len(factory["articles"]) == 1

    wire_id, copy_id = drones["copies"][0]
    own_id = next(a["id"] for a in drones["articles"] if a["id"] not in (wire_id, copy_id))
    similar = run_json(capsys, "--library", str(lib_dir), "similar", wire_id)
    assert [s["id"] for s in similar] == [copy_id, own_id]
    assert similar[0]["copy"] is True and similar[1]["copy"] is False
    assert similar[0]["score"] >= similar[1]["score"] > 0.3

    brief = tmp_path / "brief.html"
    cmp = run_json(capsys, "--library", str(lib_dir), "compare", wire_id, own_id, "--html", str(brief))
    assert cmp["a"]["id"] == wire_id and cmp["b"]["published"] == "2025-05-20"
    assert {"unit": "drones", "a": ["112"], "b": ["100"]}.items() <= cmp["numbers_differ"][0].items()
    assert {"a": "the root causes of the conflict", "b": "the root causes of the conflict"} in cmp["quotes_both"]
    assert len(cmp["aligned"]) >= 2 and cmp["only_a"] and cmp["only_b"]
    assert "SHA-256" in brief.read_text(encoding="utf-8")

    assert main(["--library", str(lib_dir), "compare", wire_id, "nosuchid"]) == 1

    # Lineage: same day, so import order decides; the wire came first, the copy added a paragraph.
    with_lineage = by_title(run_json(capsys, "--library", str(lib_dir), "stories", "--lineage"), "drones")
    (lin,) = with_lineage["lineage"]
    assert lin["lead"]["id"] == wire_id and [c["id"] for c in lin["copies"]] == [copy_id]
    assert lin["copies"][0]["cut"] == [] and "Bila Tserkva" in lin["copies"][0]["added"][0]


def test_backfill_groups_articles_imported_before_stories(lib_dir, capsys):
    with open_library(lib_dir) as lib:
        lib.state.execute("DELETE FROM story_articles")          # as if stories never ran
        assert lib.state.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0] == 0
    stories = run_json(capsys, "--library", str(lib_dir), "stories")
    assert sorted(len(s["articles"]) for s in stories) == [1, 1]
    with open_library(lib_dir) as lib:
        assert service.backfill(lib) == 0                       # nothing left to do
        lin = service.lineages(lib, service.stories(lib)[0])
        assert lin == []
