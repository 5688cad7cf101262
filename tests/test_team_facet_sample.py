"""A team library's broad query counts facets and dates over every Nth hit (search_sql.
FACET_SAMPLE_HITS), read through the mw_sample index, and says so in the result, the JSON and
the window; the total and the hits stay exact, and a query under the cap counts exactly (the
parametrized store tests check those counts)."""
from __future__ import annotations

import json

import pytest

from index import samples
from index.model import SearchRequest
from index.store.postgres import search_sql as ss


@pytest.fixture
def team_samples(team_lib):
    team_lib.import_all(samples.paths(), workers=0)
    return team_lib


def test_a_broad_query_counts_facets_over_a_sample_and_says_so(team_samples, monkeypatch):
    store = team_samples.store
    exact = store.search(SearchRequest(limit=5))
    assert exact.facet_stride == 1 and "facets_estimated" not in exact.to_json()
    monkeypatch.setattr(ss, "FACET_SAMPLE_HITS", 5)
    est = store.search(SearchRequest(limit=5))
    k = 1
    while exact.total > 5 * k:               # the power of two that brings the sample under 5
        k *= 2
    assert est.facet_stride == k > 1
    assert est.total == exact.total and [h.id for h in est.hits] == [h.id for h in exact.hits]
    with store._conn() as c:                 # the sample is every article whose number k divides
        sampled = c.execute("SELECT count(*) FROM mw_articles WHERE seq %% %s = 0", (k,)).fetchone()[0]
        undated = c.execute("SELECT count(*) FROM mw_articles WHERE seq %% %s = 0 AND published "
                            "IS NULL", (k,)).fetchone()[0]
    days = [n for _, n in est.facets["date"]]
    assert all(n % k == 0 for n in days) and est.no_date == k * undated
    assert sum(days) + est.no_date == k * sampled
    counted = [n for f in ("person", "country", "outlet", "language") for _, n in est.facets[f]]
    assert counted and all(n % k == 0 for n in counted)
    # every article has one language: the sample's languages sum to k times the sample
    assert sum(n for _, n in est.facets["language"]) == k * sampled
    assert json.loads(json.dumps(est.to_json()))["facets_estimated"] == {"every_nth_hit": k}
    # a narrow query stays under the cap: exact
    narrow = store.search(SearchRequest(query="putin", limit=5))
    monkeypatch.setattr(ss, "FACET_SAMPLE_HITS", 20_000)
    assert narrow.total <= 5 or narrow.facet_stride > 1
    assert store.search(SearchRequest(query="putin", limit=5)).facet_stride == 1


def test_the_window_labels_estimated_counts(team_samples, monkeypatch, qtbot):
    from desktop.views.facet_panel import FacetPanel
    panel = FacetPanel(["person", "country"])
    qtbot.addWidget(panel)
    panel.show()
    store = team_samples.store
    panel.set_result(store.search(SearchRequest()), {}, {})
    assert not panel.estimate.isVisible()
    monkeypatch.setattr(ss, "FACET_SAMPLE_HITS", 5)
    result = store.search(SearchRequest())
    panel.set_result(result, {}, {})
    assert panel.estimate.isVisible()
    assert f"1 in {result.facet_stride} hits" in panel.estimate.text()


def test_the_sample_index_stands_for_every_nth_article(team_samples):
    with team_samples.store._conn() as c:
        for n in (2, 8, 64, 1 << 16):
            wrong = c.execute("SELECT count(*) FROM generate_series(1, 300000) s WHERE "
                              "(s %% %s = 0) <> (mw_sample(s) < %s)", (n, ss.SAMPLE_SPAN // n)).fetchone()[0]
            assert wrong == 0, n


def test_a_sampled_count_reads_only_the_sample_through_its_index(team_samples):
    from index.model import SearchRequest as R
    store = team_samples.store
    with store._conn() as c, c.transaction():
        c.execute(ss.SEARCH_SETTINGS)
        for query in ("", "the"):
            req = R(query=query)
            p = ss.plan(req, store.condition_for(c, query))
            sql, params = ss.counts_sql(p, req, 8)
            plan = "\n".join(r[0] for r in c.execute("EXPLAIN " + sql, params))
            assert "mw_articles_sample" in plan, plan
