"""The team library's search plans that keep a big library fast (bench/team_bench.py measures
them): a page of date-sorted hits is read in order from an index and never sorts the hit set.
The answers themselves are checked on both backends by test_search.py and test_facets.py."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from index.model import Article, SearchRequest
from index.store.postgres import search_sql as ss


@pytest.fixture
def team_store(team_lib):
    store = team_lib.store
    docs = []
    for k in range(400):
        published = None if k % 7 == 0 else dt.date(2024, 1, 1) + dt.timedelta(days=k % 50)
        docs.append(Article(id=f"a{k:03d}", title=f"Report {k}", body=f"the government said {k}",
                            path=f"a{k}", sha256=f"a{k}", language="en", published=published,
                            countries=["RU"] if k % 3 else ["UA"], outlet=f"outlet{k % 5}"))
    store.add(docs)
    store.optimize()
    return store


def _page_plan(store, request: SearchRequest) -> dict:
    with store._conn() as c, c.transaction():
        c.execute(ss.SEARCH_SETTINGS)
        p = ss.plan(request, store.condition_for(c, request.query))
        sql, params = ss.page_sql(p, request, body=False, limit=request.limit, offset=request.offset)
        row = c.execute("EXPLAIN (FORMAT JSON) " + sql, params).fetchone()
    return row[0][0]["Plan"]


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


@pytest.mark.parametrize("request_", [
    SearchRequest(limit=20),
    SearchRequest(limit=20, filters={"country": ["RU"]}),
    SearchRequest(limit=20, offset=40, sort="newest", excludes={"outlet": ["outlet1"]}),
    SearchRequest(limit=20, sort="oldest"),
], ids=["empty", "filtered", "newest-offset", "oldest"])
def test_a_date_sorted_page_is_read_in_order_from_an_index(team_store, request_):
    nodes = list(_nodes(_page_plan(team_store, request_)))
    assert not any(n["Node Type"] in ("Sort", "Incremental Sort") for n in nodes), json.dumps(nodes[0])
    names = {n.get("Index Name") for n in nodes}
    assert names & {"mw_articles_newest", "mw_articles_published"}
    # and the page is the date order: newest (or oldest) first, undated last, ties by index
    # order (the ids were added in order)
    got = [h.id for h in team_store.search(request_).hits]
    every = team_store.search(SearchRequest(limit=1000, filters=request_.filters,
                                            excludes=request_.excludes)).hits
    sign = 1 if request_.sort == "oldest" else -1
    order = sorted(every, key=lambda h: (h.published is None,
                                         sign * h.published.toordinal() if h.published else 0, h.id))
    assert len(every) > request_.offset + request_.limit
    assert got == [h.id for h in order][request_.offset:request_.offset + request_.limit]
