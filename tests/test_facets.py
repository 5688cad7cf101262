"""Exact facet counts on a small real library of each backend (Whoosh, PostgreSQL): multi-select OR, AND across facets, exclusions,
the "other facets" rule, the date histogram and its no-date bucket."""
from __future__ import annotations

import datetime as dt

import pytest

from index.model import Article, QueryError, SearchRequest

D = dt.date
ROWS = [
    # id, persons, countries, outlet, language, agencies, published
    ("a", ["Vladimir Putin", "Donald Trump"], ["RU", "US"], "The Moscow Times", "en", ["AFP"], D(2025, 5, 3)),
    ("b", ["Vladimir Putin"], ["RU"], "TASS", "ru", ["TASS"], D(2025, 5, 20)),
    ("c", ["Donald Trump"], ["US"], "Reuters", "en", ["Reuters"], D(2025, 6, 2)),
    ("d", ["Volodymyr Zelensky", "Donald Trump"], ["UA", "US"], "Kyiv Independent", "uk", [], D(2025, 6, 15)),
    ("e", ["Olaf Scholz"], ["DE"], "Der Spiegel", "de", ["dpa"], None),
    ("f", [], ["RU", "UA"], "The Moscow Times", "en", ["AFP", "Reuters"], None),
]


@pytest.fixture(scope="module")
def store(module_stores):
    s = module_stores.open("facets")
    s.add([Article(id=i, title=f"Story {i}", body=f"Common words for story {i}.", path=i, sha256=i,
                   persons=p, countries=c, outlet=o, language=lang, agencies=ag, published=pub)
           for i, p, c, o, lang, ag, pub in ROWS])
    return s


def ids(result):
    return sorted(h.id for h in result.hits)


def test_counts_without_selection(store):
    r = store.search(SearchRequest())
    assert r.total == 6
    assert r.facets["person"] == [("Donald Trump", 3), ("Vladimir Putin", 2), ("Olaf Scholz", 1),
                                  ("Volodymyr Zelensky", 1)]
    assert r.facets["country"] == [("RU", 3), ("US", 3), ("UA", 2), ("DE", 1)]
    assert r.facets["outlet"][0] == ("The Moscow Times", 2)
    assert r.facets["language"] == [("en", 3), ("de", 1), ("ru", 1), ("uk", 1)]
    assert r.facets["agency"] == [("AFP", 2), ("Reuters", 2), ("TASS", 1), ("dpa", 1)]
    assert r.date_bucket == "day"
    assert r.facets["date"] == [("2025-05-03", 1), ("2025-05-20", 1), ("2025-06-02", 1), ("2025-06-15", 1)]
    assert r.no_date == 2


def test_multi_select_is_or_within_and_across_facets(store):
    r = store.search(SearchRequest(filters={"person": ["Vladimir Putin", "Olaf Scholz"]}))
    assert ids(r) == ["a", "b", "e"]
    r = store.search(SearchRequest(filters={"person": ["Vladimir Putin", "Olaf Scholz"],
                                            "language": ["en"]}))
    assert ids(r) == ["a"]


def test_counts_use_the_other_facets_selections(store):
    r = store.search(SearchRequest(filters={"person": ["Donald Trump"], "language": ["en"]}))
    assert ids(r) == ["a", "c"]
    # person counts: language=en applied, person selection not -> a, c, f
    assert r.facets["person"] == [("Donald Trump", 2), ("Vladimir Putin", 1)]
    # language counts: person=Trump applied, language selection not -> a, c, d
    assert r.facets["language"] == [("en", 2), ("uk", 1)]
    # other facets see both selections
    assert r.facets["country"] == [("US", 2), ("RU", 1)]
    assert r.facets["date"] == [("2025-05-03", 1), ("2025-06-02", 1)]
    assert r.no_date == 0


def test_exclusions(store):
    r = store.search(SearchRequest(excludes={"country": ["RU"]}))
    assert ids(r) == ["c", "d", "e"]
    assert dict(r.facets["country"])["RU"] == 3        # its own exclusion not applied to it
    assert r.facets["person"] == [("Donald Trump", 2), ("Olaf Scholz", 1), ("Volodymyr Zelensky", 1)]
    r = store.search(SearchRequest(filters={"outlet": ["The Moscow Times"]}, excludes={"agency": ["Reuters"]}))
    assert ids(r) == ["a"]


def test_values_match_case_insensitively_and_countries_by_name(store):
    assert ids(store.search(SearchRequest(filters={"person": ["vladimir putin"]}))) == ["a", "b"]
    assert ids(store.search(SearchRequest(filters={"country": ["Ukraine"]}))) == ["d", "f"]
    assert ids(store.search(SearchRequest(filters={"country": ["ua"]}))) == ["d", "f"]
    assert store.search(SearchRequest(filters={"person": ["Nobody Known"]})).total == 0


def test_date_selection_range_and_no_date_bucket(store):
    r = store.search(SearchRequest(no_date=True))
    assert ids(r) == ["e", "f"]
    r = store.search(SearchRequest(filters={"date": ["2025-05"]}))
    assert ids(r) == ["a", "b"]
    assert len(r.facets["date"]) == 4                  # the date facet's own selection is not applied
    r = store.search(SearchRequest(filters={"date": ["2025-06", "none"]}))
    assert ids(r) == ["c", "d", "e", "f"]
    r = store.search(SearchRequest(excludes={"date": ["none"]}))
    assert ids(r) == ["a", "b", "c", "d"]
    r = store.search(SearchRequest(date_from=D(2025, 5, 10), date_to=D(2025, 6, 10)))
    assert ids(r) == ["b", "c"]
    assert r.facets["date"] == [("2025-05-20", 1), ("2025-06-02", 1)]
    assert r.facets["person"] == [("Donald Trump", 1), ("Vladimir Putin", 1)]
    with pytest.raises(QueryError):
        store.search(SearchRequest(filters={"date": ["May 2025"]}))


def test_bucket_follows_the_range_in_view(stores):
    s = stores.open("ix")
    days = [D(2021, 1, 5), D(2021, 1, 6), D(2022, 3, 1), D(2025, 12, 31)]
    s.add([Article(id=str(k), title="t", body="b", path="p", sha256=str(k), published=d)
           for k, d in enumerate(days)])
    r = s.search(SearchRequest())
    assert r.date_bucket == "year"
    assert r.facets["date"] == [("2021", 2), ("2022", 1), ("2025", 1)]
    r = s.search(SearchRequest(date_from=D(2021, 1, 1), date_to=D(2022, 6, 30)))
    assert r.date_bucket == "month"
    assert r.facets["date"] == [("2021-01", 2), ("2022-03", 1)]
    r = s.search(SearchRequest(date_from=D(2021, 1, 1), date_to=D(2021, 4, 1)))
    assert r.date_bucket == "week"
    assert r.facets["date"] == [("2021-W01", 2)]
    assert s.search(SearchRequest(filters={"date": ["2021-W01"]})).total == 2
    s.close()


def test_counts_follow_deletes(stores):
    s = stores.open("ix")
    s.add([Article(id=str(k), title="t", body="b", path="p", sha256=str(k), persons=["A B"]) for k in range(3)])
    assert s.search(SearchRequest()).facets["person"] == [("A B", 3)]
    s.delete(["1"])
    assert s.search(SearchRequest()).facets["person"] == [("A B", 2)]
    s.close()
