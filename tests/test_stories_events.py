"""Two events of one day with the same leaders stay two stories, and a round-up covering both does
not chain them (issue 13: a story is one happening; shared persons and countries alone never make
two happenings one). Small clusters written for the test (tests/fixtures/stories/same_people.json),
imported through the real importer."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from index.library import open_library
from index.stories import grouping, service, similarity
from index.stories.corrections import Locks
from index.stories.lookup import Idf
from index.stories.signature import build

FIXTURE = Path(__file__).parent / "fixtures" / "stories" / "same_people.json"
ARTICLES = json.loads(FIXTURE.read_text(encoding="utf-8"))["articles"]


def write(folder: Path, keys) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for a in ARTICLES:
        if a["key"] in keys:
            rec = {"title": a["title"], "text": a["body"], "source": a["outlet"], "date": a["date"],
                   "lang": "en"}
            (folder / f"{a['key']}.json").write_text(json.dumps(rec), encoding="utf-8")
    return folder


def story_by_key(lib) -> dict[str, int]:
    story = {a.id: s.id for s in service.stories(lib) for a in s.articles}
    return {Path(a.path).stem: story[a.id] for a in lib.store.iter_articles()}


def events(story: dict[str, int], event: str) -> set[int]:
    return {story[a["key"]] for a in ARTICLES if a["event"] == event}


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("same_people")
    lib = open_library(tmp / "lib")
    # The two events first, the round-up of the next morning in a later import (as it arrives).
    first = {a["key"] for a in ARTICLES if a["event"] != "roundup"}
    assert lib.import_all([write(tmp / "day", first)]).imported == len(first)
    before = story_by_key(lib)
    assert lib.import_all([write(tmp / "morning", {"roundup"})]).imported == 1
    yield lib, before, story_by_key(lib)
    lib.close()


def test_the_leaders_are_tagged_in_every_article(library):
    lib, _, _ = library
    for a in lib.store.iter_articles():     # the premise: both events name the same persons
        assert {"Friedrich Merz", "Emmanuel Macron"} <= set(a.persons), a.title


def test_two_events_of_one_day_with_the_same_leaders_are_two_stories(library):
    _, before, _ = library
    (plant,), (jet,) = events(before, "plant"), events(before, "jet")
    assert plant != jet


def test_a_round_up_covering_both_events_does_not_chain_them(library):
    _, before, after = library
    (plant,), (jet,) = events(after, "plant"), events(after, "jet")
    assert plant != jet
    # nothing already placed moved: the round-up joined one story or none, and merged none
    assert {k: v for k, v in after.items() if k != "roundup"} == before


def test_the_two_events_share_leaders_but_no_event_content(library):
    """What keeps them apart is content, not persons: every plant-jet pair has both leaders in
    common and stays below the evidence a link needs; every pair inside one event clears it."""
    lib, _, _ = library
    arts = {Path(a.path).stem: a for a in lib.store.iter_articles()}
    gate = similarity.model().evidence
    assert gate > 0
    with lib.state.tx() as conn:
        idf = Idf(conn)

        def score(a, b):
            return similarity.pair_score(build(arts[a["key"]]), build(arts[b["key"]]), idf)
        across = [score(p, j) for p in ARTICLES if p["event"] == "plant"
                  for j in ARTICLES if j["event"] == "jet"]
        inside = [score(a, b) for ev in ("plant", "jet") for a in ARTICLES if a["event"] == ev
                  for b in ARTICLES if b["event"] == ev and a["key"] < b["key"]]
    assert all({"Emmanuel Macron", "Friedrich Merz"} <= set(s.shared_persons) for s in across)
    assert all(s.evidence < gate for s in across)
    assert all(s.evidence >= gate for s in inside)


def _score(score: float, evidence: float) -> similarity.PairScore:
    return similarity.PairScore(score, 0, 0, ["Emmanuel Macron"], [], [], 0, 0, 0, 1.0, False,
                                evidence)


@pytest.mark.parametrize("evidence, joins", [(0.05, False), (0.6, True)])
def test_a_story_is_joined_only_through_a_link_with_event_evidence(evidence, joins):
    # Links the model scores at 0.95 from shared persons alone (the samples' Trump-Putin call and
    # the next day's EU sanctions, across languages) join nothing; with shared content they do.
    conn = sqlite3.connect(":memory:")
    grouping.ensure_schema(conn)
    links = [("a", _score(0.95, evidence)), ("b", _score(0.9, evidence))]
    story_of = {"a": 7, "b": 7}
    by_story = grouping.story_scores(links, story_of, {7: 2}, linkage=2, share=0.5)
    assert by_story[7] >= similarity.model().attach
    sid, merged = grouping._choose(conn, "new", by_story, links, story_of, {}, None,
                                   Locks(conn))
    assert (sid == 7 if joins else sid is None) and merged == []


def test_event_evidence_counts_content_and_figures_not_persons():
    x = dict.fromkeys(similarity.FEATURES, 0.0)
    x.update(bias=1.0, names=1.0, persons=1.0, x_names=1.0, x_persons=1.0)
    vec = [x[f] for f in similarity.FEATURES]
    assert similarity.event_evidence(vec) == 0.0                     # persons and names alone
    assert similarity.event_evidence(vec, copy=True) == 1.0          # a syndicated copy
    vec[similarity.FEATURES.index("title")] = 0.4
    assert similarity.event_evidence(vec) == 0.4
    vec[similarity.FEATURES.index("title")] = 0.0
    vec[similarity.CROSS] = 1.0          # across languages no word can be shared: the model decides
    assert similarity.event_evidence(vec) == 1.0
