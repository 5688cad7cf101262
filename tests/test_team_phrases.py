"""Phrases on the team library go through the word pairs' GIN index (migration 4): the plan
reads ``mw_articles_pairs``, never ``exact``'s index, and a two-word phrase needs no look at
any article's text vector; the answers are the positions' answers (test_search.py has the
query forms on both backends)."""
from __future__ import annotations

import json

import pytest

from index.model import Article, SearchRequest
from index.store.postgres import search_sql as ss

COMMON = "the government said on Monday that the talks would go on. "


@pytest.fixture
def team_store(team_lib):
    store = team_lib.store
    docs = [Article(id=f"c{k}", title=f"Report {k}", body=COMMON * 3 + f"number {k} government the",
                    path=f"c{k}", sha256=f"c{k}", language="en") for k in range(300)]
    docs += [Article(id="p1", title="Cabinet", body="Officials of the central bank met.", path="p1",
                     sha256="p1", language="en"),
             Article(id="p2", title="Rates", body="The central bank of the country raised rates; "
                     "bank central", path="p2", sha256="p2", language="en"),
             Article(id="p3", title="Banks", body="A bank in the central square.", path="p3",
                     sha256="p3", language="en")]
    store.add(docs)
    store.optimize()
    return store


def _plan(store, query: str) -> dict:
    with store._conn() as c, c.transaction():
        c.execute(ss.SEARCH_SETTINGS)
        cond = store.condition_for(c, query)
        row = c.execute(f"EXPLAIN (FORMAT JSON) SELECT a.seq FROM mw_articles a WHERE {cond.sql}",
                        cond.params).fetchone()
    return row[0][0]["Plan"]


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def test_a_two_word_phrase_is_one_pairs_lookup(team_store):
    plan = _plan(team_store, '"central bank"')
    nodes = list(_nodes(plan))
    assert any(n.get("Index Name") == "mw_articles_pairs" for n in nodes)
    assert not any(n.get("Index Name") == "mw_articles_exact" for n in nodes)
    text = json.dumps(plan)
    assert "exact" not in text                     # no recheck reads the article's text vector
    ids = [h.id for h in team_store.search(SearchRequest(query='"central bank"')).hits]
    assert sorted(ids) == ["p1", "p2"]


def test_a_longer_phrase_checks_positions_of_the_pairs_candidates_only(team_store):
    plan = _plan(team_store, '"the central bank"')
    nodes = list(_nodes(plan))
    assert any(n.get("Index Name") == "mw_articles_pairs" for n in nodes)
    assert not any(n.get("Index Name") == "mw_articles_exact" for n in nodes)
    got = team_store.search(SearchRequest(query='"the central bank"'))
    assert sorted(h.id for h in got.hits) == ["p1", "p2"]
    # every pair present, not in this order: the positions say no
    assert team_store.search(SearchRequest(query='"bank central bank"')).total == 0
    assert team_store.search(SearchRequest(query='"government the government"')).total == 0


def test_common_word_phrases_count_what_the_positions_count(team_store):
    # the words of "said on" are in every article; the phrase too, "government talks" in none
    assert team_store.search(SearchRequest(query='"said on"')).total == 300
    assert team_store.search(SearchRequest(query='"government said on monday"')).total == 300
    assert team_store.search(SearchRequest(query='"government talks"')).total == 0
    with team_store._conn() as c:                    # the same answer as the positions give
        n = c.execute("SELECT count(*) FROM mw_articles WHERE exact @@ "
                      "phraseto_tsquery('simple', 'number 7 government')").fetchone()[0]
    assert team_store.search(SearchRequest(query='"number 7 government"')).total == n == 1


def test_a_library_of_schema_3_gets_the_pairs_on_open(pg_cluster):
    """Migration 4 on a library that already holds articles: the pairs are computed for them."""
    import psycopg
    from index.store.postgres import migrations
    from index.store.postgres.store import PgStore
    url = pg_cluster.create_database("mw_schema3")
    try:
        with psycopg.connect(url, autocommit=True) as c, c.transaction():
            c.execute("CREATE TABLE mw_schema (version int PRIMARY KEY, applied timestamptz "
                      "NOT NULL DEFAULT now())")
            for v in (1, 2, 3):
                c.execute(migrations.MIGRATIONS[v])
                c.execute("INSERT INTO mw_schema (version) VALUES (%s)", (v,))
            c.execute("INSERT INTO mw_articles (id, sha256, title, body, config, doc) VALUES "
                      "('old', 'old', 'Old news', 'The central bank met.', 'simple', "
                      "'{\"id\": \"old\", \"path\": \"p\", \"sha256\": \"old\"}')")
        store = PgStore.open(url, create=False)
        try:
            with store._conn() as c:
                assert c.execute("SELECT max(version) FROM mw_schema").fetchone()[0] == migrations.LATEST
            assert [h.id for h in store.search(SearchRequest(query='"central bank"')).hits] == ["old"]
            assert store.search(SearchRequest(query='"bank central"')).total == 0
        finally:
            store.close()
    finally:
        pg_cluster.drop_database("mw_schema3")
