"""Grouping on small clusters written for the test (tests/fixtures/stories/clusters.json), imported
through the real importer: two events of one day with the same persons, one event told by five
outlets under different headlines, a wire story with its copy and rewrites, undated articles.
Then the analyst's corrections: split, merge, move out; kept through new imports and regrouping,
shown by `mediawatch stories`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.cli import main
from index.library import open_library
from index.stories import service
from index.stories.corrections import CorrectionError

CLUSTERS = Path(__file__).parent / "fixtures" / "stories" / "clusters.json"
ARTICLES = json.loads(CLUSTERS.read_text(encoding="utf-8"))["articles"]


def write(folder: Path, keys=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for a in ARTICLES:
        if keys is None or a["key"] in keys:
            rec = {"title": a["title"], "text": a["body"], "source": a["outlet"], "date": a["date"],
                   "lang": "en"}
            (folder / f"{a['key']}.json").write_text(json.dumps(rec), encoding="utf-8")
    return folder


def stories_by_key(lib) -> dict[str, int]:
    key_of = {Path(a.path).stem: a.id for a in lib.store.iter_articles()}
    story = {a.id: s.id for s in service.stories(lib) for a in s.articles}
    return {k: story[i] for k, i in key_of.items()}


def ids_by_key(lib) -> dict[str, str]:
    return {Path(a.path).stem: a.id for a in lib.store.iter_articles()}


@pytest.fixture(scope="module")
def grouped(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("clusters")
    lib = open_library(tmp / "lib")
    report = lib.import_all([write(tmp / "in")])
    assert report.imported == len(ARTICLES), report.failed
    yield lib, stories_by_key(lib)
    lib.close()


def members(story: dict[str, int], event: str) -> set[int]:
    return {story[a["key"]] for a in ARTICLES if a["event"] == event}


def test_two_events_of_one_day_with_the_same_persons_stay_apart(grouped):
    _, story = grouped
    assert len(members(story, "tariff")) == 1 and len(members(story, "flood")) == 1
    assert members(story, "tariff") != members(story, "flood")


def test_one_event_from_five_outlets_with_different_headlines_is_one_story(grouped):
    lib, story = grouped
    (sid,) = members(story, "quake")
    s = next(x for x in service.stories(lib) if x.id == sid)
    assert len(s.outlets) == 6                       # the five dated reports and an undated one
    assert {k for k, v in story.items() if v == sid} == {
        a["key"] for a in ARTICLES if a["event"] == "quake"}


def test_a_wire_copy_and_its_rewrites_are_one_story_with_the_copy_marked(grouped):
    lib, story = grouped
    (sid,) = members(story, "strike")
    ids = ids_by_key(lib)
    s = next(x for x in service.stories(lib) if x.id == sid)
    copies = [set(g) for g in s.copies]
    assert {ids["strike-wire"], ids["strike-copy"]} <= set().union(*copies)
    assert not any(ids["strike-rewrite"] in g for g in copies)   # reworded: same story, no copy


def test_undated_articles_join_their_event_and_an_unrelated_one_stays_alone(grouped):
    _, story = grouped
    assert story["quake-undated"] == story["quake-1"]
    assert story["strike-undated"] == story["strike-wire"]
    alone = story["orchestra-undated"]
    assert sum(1 for v in story.values() if v == alone) == 1     # Bergen, but not the flood


# -- the analyst's corrections -------------------------------------------------------------

@pytest.fixture
def quake_lib(tmp_path):
    keys = {a["key"] for a in ARTICLES if a["event"] in ("quake", "strike")} - {"quake-undated"}
    lib_dir = tmp_path / "lib"
    with open_library(lib_dir) as lib:
        lib.import_all([write(tmp_path / "in", keys)])
    return lib_dir, tmp_path


def test_move_out_split_and_merge_hold_through_imports_and_regrouping(quake_lib):
    lib_dir, tmp = quake_lib
    with open_library(lib_dir) as lib:
        ids, story = ids_by_key(lib), stories_by_key(lib)
        quake, strike = story["quake-1"], story["strike-wire"]
        assert quake != strike and story["quake-5"] == quake
        moved = service.move_out(lib, ids["quake-5"])
        half = service.split_story(lib, quake, [ids["quake-3"], ids["quake-4"]])
        merged = service.merge_stories(lib, [strike, half])
        assert merged == min(strike, half)
        with pytest.raises(CorrectionError, match="alone"):
            service.move_out(lib, ids["quake-5"])
        with pytest.raises(CorrectionError, match="not in story"):
            service.split_story(lib, quake, [ids["strike-wire"]])

        def check():
            st = stories_by_key(lib)
            assert st["quake-5"] not in (st["quake-1"], st["quake-3"])
            assert st["quake-1"] == st["quake-2"] != st["quake-3"]
            assert st["quake-3"] == st["quake-4"] == st["strike-wire"] == st["strike-rewrite"]
            return st

        check()
        # A new report of the quake names what every part has: it joins one, bridges none.
        lib.import_all([write(tmp / "more", {"quake-undated"})])
        st = check()
        assert st["quake-undated"] in {st["quake-1"], st["quake-3"], st["quake-5"]}
        service.regroup(lib)
        check()
        corrected = {s.id for s in service.stories(lib) if s.corrected}
        assert {stories_by_key(lib)[k] for k in ("quake-1", "quake-3", "quake-5")} <= corrected
        assert [c.action for c in service.correction_history(lib)] == ["move-out", "split", "merge"]


def test_cli_corrections_and_their_messages(quake_lib, capsys):
    lib_dir, _ = quake_lib
    with open_library(lib_dir) as lib:
        ids, story = ids_by_key(lib), stories_by_key(lib)
    base = ["--library", str(lib_dir), "stories"]
    assert main(base + ["move-out", ids["quake-2"], "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["corrected"] and [a["id"] for a in out["articles"]] == [ids["quake-2"]]
    assert main(base + ["--min-size", "2"]) == 0
    text = capsys.readouterr().out
    assert f"story {story['quake-1']}:" in text and "(corrected)" in text
    assert main(base + ["merge", str(story["quake-1"])]) == 3
    assert "two different stories" in capsys.readouterr().err
    assert main(base + ["corrections"]) == 0
    assert "move-out" in capsys.readouterr().out
