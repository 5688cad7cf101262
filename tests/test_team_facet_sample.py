"""A team library's broad query counts facets over every Nth hit (search_sql.FACET_SAMPLE_HITS)
and says so in the result, the JSON and the window; the total and the dates stay exact, and a
query under the cap counts exactly (the parametrized store tests check those counts)."""
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
    k = -(-exact.total // 5)
    assert est.facet_stride == k > 1
    assert est.total == exact.total and [h.id for h in est.hits] == [h.id for h in exact.hits]
    assert est.facets["date"] == exact.facets["date"] and est.no_date == exact.no_date
    counted = [n for f in ("person", "country", "outlet", "language") for _, n in est.facets[f]]
    assert counted and all(n % k == 0 for n in counted)
    # the language facet of every Nth hit, scaled: about the exact share
    assert sum(n for _, n in est.facets["language"]) == pytest.approx(
        sum(n for _, n in exact.facets["language"]), abs=k)
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
