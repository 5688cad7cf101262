"""The sample library does what it is for on first start: facets with real counts in four
languages, a timeline with shape, a comparison with differing numbers and quotes, a watched
saved search with alerts; the seed article stays exactly as it came."""
from __future__ import annotations

import hashlib
import json
from collections import Counter

import pytest

from index import samples
from index.alerts import inbox, saved
from index.extract.text.outlets import directory
from index.model import SearchRequest
from index.resources import data_path, seeds_dir
from index.stories import service
from index.stories.compare import compare

SAMPLE_ARTICLES = 40
SEED = "moscow-times-trump-putin-call.txt"
SEED_SHA256 = "f601b22a1a6780e1538739913129e1cf88893792655285b95ceb027b5f946e86"


@pytest.fixture(scope="module")
def sample_lib(tmp_path_factory):
    from index.library import open_library
    lib = open_library(tmp_path_factory.mktemp("samples") / "lib")
    assert samples.prepare(lib) == [s.name for s in samples.sample_searches()]
    report = drain(samples.import_samples(lib))
    yield lib, report
    lib.close()


def drain(gen):
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


def facets(lib, query="") -> dict:
    result = lib.search(SearchRequest(query=query, limit=0, facets=True, facet_limit=100))
    return {f: dict(v) for f, v in result.facets.items()}


def test_the_seed_article_is_byte_identical():
    assert hashlib.sha256((seeds_dir() / SEED).read_bytes()).hexdigest() == SEED_SHA256


def test_every_sample_imports_cleanly(sample_lib):
    lib, report = sample_lib
    assert report.imported == SAMPLE_ARTICLES and lib.count() == SAMPLE_ARTICLES
    assert not report.failed and not report.skipped and not report.duplicates
    kinds = {p.suffix for p in seeds_dir().iterdir()}
    assert {".txt", ".md", ".html", ".eml", ".mbox", ".json", ".jsonl", ".xml", ".atom"} <= kinds


def test_facets_have_real_counts(sample_lib):
    lib, _ = sample_lib
    f = facets(lib)
    assert set(f["language"]) == {"en", "de", "ru", "fr"} and min(f["language"].values()) >= 5
    assert len(f["outlet"]) >= 8
    assert sum(1 for n in f["outlet"].values() if n >= 3) >= 8
    assert len(f["person"]) >= 15 and sorted(f["person"].values())[-5] >= 10
    assert len(f["country"]) >= 10 and f["country"]["RU"] >= 30
    # Articles that name no person or country would make the facets lie about coverage.
    assert all(a.persons and a.countries for a in lib.store.iter_articles())


def test_sample_outlets_resolve_through_the_directory(sample_lib):
    lib, _ = sample_lib
    outlets = set(facets(lib)["outlet"])
    d = directory()
    assert all(d.resolve(o) is not None and d.resolve(o).name == o for o in outlets)
    doc = json.loads(data_path("outlets.json").read_text(encoding="utf-8"))
    fictional = {e["name"] for e in doc["outlets"] if "note" in e}
    assert len(fictional) >= 8 and fictional <= outlets


def test_timeline_has_shape(sample_lib):
    lib, _ = sample_lib
    days = facets(lib)["date"]
    assert len(days) >= 10
    first, last = min(days), max(days)
    import datetime as dt
    span = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days
    assert 12 <= span <= 16                                    # two weeks
    assert max(days.values()) >= 3 * min(days.values())        # peaks on the event days


def test_a_comparison_shows_differing_numbers_and_quotes(sample_lib):
    lib, _ = sample_lib
    by_title = {a.title: a for a in lib.store.iter_articles()}
    a = next(v for t, v in by_title.items() if t.startswith("Russia hits Kyiv with 264 drones"))
    b = next(v for t, v in by_title.items() if t.startswith("Kyiv shelters in the metro"))
    c = compare(a, b)
    units = {d.unit: (d.a, d.b) for d in c.numbers_differ}
    assert units["drones"] == (["264"], ["245", "250"]) and units["people"] == (["16"], ["15"])
    assert c.quotes_only_a and c.quotes_only_b and c.aligned and c.only_a and c.only_b


def test_the_watched_saved_search_raised_alerts(sample_lib):
    lib, _ = sample_lib
    (s,) = saved.list_saved(lib.state)
    assert s.watched and s.name == samples.sample_searches()[0].name
    alerts = inbox.list_alerts(lib.state, unread=True)
    languages = Counter(lib.get(a.article_id).language for a in alerts)
    assert len(alerts) >= 5 and len(languages) == 4           # one question, four languages
    assert s.new == len(alerts) + sum(a.copies for a in alerts)


def test_preparing_twice_adds_nothing(sample_lib):
    lib, _ = sample_lib
    assert samples.prepare(lib) == []
    assert lib.import_all(samples.paths()).imported == 0
    assert drain(samples.import_samples(lib)).imported == 0


def test_stories_have_three_to_six_articles(sample_lib):
    lib, _ = sample_lib
    service.backfill(lib)
    sizes = sorted((len(s.articles) for s in service.stories(lib)), reverse=True)
    # Every event its own story (one happening: its own place, numbers, quotes and key actors,
    # told by several outlets): no story of two, none past six, a few single reports.
    grouped = [n for n in sizes if n > 1]
    assert all(3 <= n <= 6 for n in grouped) and len(grouped) >= 6, sizes
    assert sum(grouped) >= 30, sizes


def partition(lib) -> set[frozenset[str]]:
    return {frozenset(a.title for a in s.articles) for s in service.stories(lib)}


def test_the_stories_do_not_depend_on_where_the_commits_fall(sample_lib, tmp_path, monkeypatch):
    """The import commits every few seconds as well as by size, so a loaded machine cuts the
    samples into other batches (the window's import process did): the stories stay the same."""
    from index.ingest import pipeline
    from index.library import open_library
    lib, _ = sample_lib
    monkeypatch.setattr(pipeline, "COMMIT_SECONDS", 0.0)       # a commit after every file
    other = open_library(tmp_path / "lib")
    commits = []
    add = other.store.add
    monkeypatch.setattr(other.store, "add", lambda arts: (commits.append(len(arts)), add(arts))[1])
    try:
        report = drain(samples.import_samples(other))
        assert report.imported == SAMPLE_ARTICLES and len(commits) > 5, commits
        assert partition(other) == partition(lib)
    finally:
        other.close()
