"""A bulk-loaded team library (index/store/postgres/bulk.py) is the library an import makes: the
same schema and indexes, the same vocabulary, and every search answers the same, on the real
throwaway PostgreSQL."""
from __future__ import annotations

import datetime as dt

import psycopg
import pytest

from index import samples
from index.library import open_library
from index.model import SearchRequest
from index.store.postgres import bulk
from index.store.postgres.store import PgStore
from pg_support import db_name, new_library_url


@pytest.fixture
def sample_articles(pg_cluster, tmp_path, monkeypatch):
    """The sample articles as an import extracts them (persons, countries, dates, outlets)."""
    monkeypatch.setenv("MEDIAWATCH_TEAM_DIR", str(tmp_path / "team"))
    url = new_library_url(pg_cluster)
    lib = open_library(url)
    try:
        lib.import_all(samples.paths(), workers=0)
        arts = list(lib.store.iter_articles())
    finally:
        lib.close()
        pg_cluster.drop_database(db_name(url))
    assert len(arts) >= 30
    return arts


@pytest.fixture
def two_urls(pg_cluster):
    urls = [new_library_url(pg_cluster), new_library_url(pg_cluster)]
    yield urls
    for u in urls:
        pg_cluster.drop_database(db_name(u))


def _answer(store, req: SearchRequest):
    r = store.search(req)
    return (r.total, r.no_date, r.date_bucket, r.facets,
            [(h.id, round(h.score, 6), h.snippet, h.persons, h.countries) for h in r.hits])


def _requests(arts) -> list[SearchRequest]:
    dated = sorted(a.published for a in arts if a.published)
    mid = dated[len(dated) // 2]
    person = next(p for a in arts for p in a.persons)
    reqs = [SearchRequest(query=q, limit=50) for q in
            ("", "putin", "minister*", "ukrane~", '"prime minister"', "gas OR oil",
             "russia NOT ukraine", "title:election", f'person:"{person}"', "country:DE")]
    reqs += [s.request for s in samples.sample_searches()]
    reqs += [SearchRequest(filters={"person": [person]}, excludes={"country": ["US"]}),
             SearchRequest(date_from=mid - dt.timedelta(days=30), date_to=mid, sort="newest"),
             SearchRequest(query="the", sort="oldest", offset=5, limit=10)]
    return reqs


def _indexes(url):
    with psycopg.connect(url) as c:
        return sorted(r[0] for r in c.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename LIKE 'mw_%'"))


def test_a_bulk_built_library_answers_like_an_imported_one(sample_articles, two_urls):
    imported_url, bulk_url = two_urls
    half = len(sample_articles) // 2
    batches = [sample_articles[:half], sample_articles[half:]]
    ref = PgStore.open(imported_url)
    for b in batches:
        ref.add(b)
    ref.optimize()

    with psycopg.connect(bulk_url, autocommit=True) as c:
        bulk.begin(c)
        assert bulk.pending(c)
        assert not bulk.secondary_indexes(c)          # the load writes no secondary index
        assert [bulk.load(c, b) for b in batches] == [half, len(sample_articles) - half]
        # loading again (a resumed load, a second loader) adds nothing: one row per article
        assert bulk.load(c, sample_articles[:3]) == 0
    bulk.finish(bulk_url)
    with psycopg.connect(bulk_url) as c:
        assert not bulk.pending(c)
    assert _indexes(bulk_url) == _indexes(imported_url)

    got = PgStore.open(bulk_url)
    try:
        assert got.count() == ref.count() == len(sample_articles)
        with ref._conn() as a, got._conn() as b:
            words = "SELECT array_agg(word ORDER BY word) FROM mw_words"
            assert a.execute(words).fetchone() == b.execute(words).fetchone()
            values = "SELECT count(*), count(DISTINCT (facet, key)) FROM mw_values"
            assert a.execute(values).fetchone() == b.execute(values).fetchone()
        for req in _requests(sample_articles):
            assert _answer(got, req) == _answer(ref, req), req
        assert [a.to_json() for a in got.iter_articles()] == [a.to_json() for a in ref.iter_articles()]
    finally:
        got.close()
        ref.close()


def test_a_killed_bulk_load_resumes_and_finish_restores_every_index(sample_articles, two_urls):
    url = two_urls[0]
    PgStore.open(url).close()
    want = _indexes(url)
    with psycopg.connect(url, autocommit=True) as c:
        bulk.begin(c)
        bulk.load(c, sample_articles[:10])
    # the loader was killed here; the next run begins again (nothing is lost) and finishes
    with psycopg.connect(url, autocommit=True) as c:
        bulk.begin(c)
        assert bulk.load(c, sample_articles) == len(sample_articles) - 10
    bulk.finish(url)
    bulk.finish(url)                                  # nothing pending: a no-op
    assert _indexes(url) == want
    store = PgStore.open(url)
    try:
        assert store.search(SearchRequest(query="putin")).total > 0
        assert store.count() == len(sample_articles)
    finally:
        store.close()
