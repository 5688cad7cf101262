"""The pure rules behind alerts and watch folders: stability, copy grouping, batch matching."""
from __future__ import annotations

import datetime as dt

from index.alerts import clock
from index.alerts.saved import SavedSearch
from index.alerts.stability import Settler, is_stable
from index.alerts.watch import Planned, match_batch, plan_copies
from index.model import Article, SearchRequest


class FakeClock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


def test_stable_only_after_two_equal_looks_settle_apart():
    c = FakeClock()
    s = Settler(settle=2.0, clock=c)
    assert not s.observe("f", 10, 1.0)          # first sight is never enough
    c.t += 1.0
    assert not s.observe("f", 10, 1.0)          # unchanged, but too soon
    c.t += 1.0
    assert s.observe("f", 10, 1.0)              # unchanged 2 s after the first look
    assert s.pending() == []


def test_growing_file_restarts_the_wait():
    c = FakeClock()
    s = Settler(settle=2.0, clock=c)
    s.observe("f", 10, 1.0)
    c.t += 5
    assert not s.observe("f", 20, 2.0)          # second chunk arrived
    assert s.wait_needed() == 2.0
    c.t += 2
    assert s.observe("f", 20, 2.0)


def test_mtime_change_alone_is_not_stable():
    assert not is_stable(None, 1, 1.0, 100.0)
    from index.alerts.stability import Observation
    assert not is_stable(Observation(5, 1.0, 0.0), 5, 1.5, 100.0)
    assert is_stable(Observation(5, 1.0, 0.0), 5, 1.0, 2.0)


def test_copies_fold_under_the_first_alert():
    copies = {"b": {"a"}, "a": {"b", "c"}, "c": {"a"}}
    plan = plan_copies([(1, "a"), (1, "b"), (2, "b"), (1, "x")], copies, {})
    assert plan == [Planned(1, "a"), Planned(1, "b", lead_article="a"), Planned(2, "b"),
                    Planned(1, "x")]
    # a later batch: c is a copy of a, which already has alert 7 for search 1
    assert plan_copies([(1, "c")], copies, {(1, "a"): 7}) == [Planned(1, "c", lead_alert=7)]
    # no copy info: every article its own alert
    assert plan_copies([(1, "c")], {}, {(1, "a"): 7}) == [Planned(1, "c")]


def _art(i, imported=None):
    return Article(id=i, title=i, body="", path="", sha256=i, imported=imported)


def _search(i, baseline, watched=True, muted=False, query="q"):
    return SavedSearch(id=i, name=f"s{i}", request=SearchRequest(query=query), watched=watched,
                       muted=muted, baseline=baseline)


def test_match_batch_respects_baseline_watch_and_mute():
    now = dt.datetime(2026, 1, 2, 12, 0, 0, 500000, tzinfo=dt.timezone.utc)
    saved_at = clock.stamp(now - dt.timedelta(hours=1))
    old = _art("old", now - dt.timedelta(days=1))   # imported before the search was saved
    new = _art("new", now.replace(microsecond=0))    # the importer's whole-second stamp
    calls = []

    def match_ids(request, ids):
        calls.append((request.query, sorted(ids)))
        return set(ids)

    searches = [_search(1, saved_at), _search(2, saved_at, watched=False),
                _search(3, saved_at, muted=True), _search(4, saved_at, query="other")]
    drafts = match_batch([old, new], searches, match_ids, now=now)
    assert {(d.search_id, d.article_id, d.alert) for d in drafts} == {
        (1, "new", True), (2, "new", False), (3, "new", False), (4, "new", True)}
    # searches with the same question share one lookup; "old" is never even asked about
    assert calls == [("q", ["new"]), ("other", ["new"])]


def test_search_saved_in_the_same_second_as_the_import_still_alerts():
    now = dt.datetime(2026, 1, 2, 12, 0, 0, 900000, tzinfo=dt.timezone.utc)
    saved_at = clock.stamp(now - dt.timedelta(microseconds=300000))
    art = _art("a", now.replace(microsecond=0))      # truncated: looks earlier than saved_at
    drafts = match_batch([art], [_search(1, saved_at)], lambda r, ids: set(ids), now=now)
    assert [d.article_id for d in drafts] == ["a"]


def test_search_saved_after_the_batch_does_not_alert():
    now = dt.datetime(2026, 1, 2, 12, 0, 0, tzinfo=dt.timezone.utc)
    later = clock.stamp(now + dt.timedelta(seconds=5))
    assert match_batch([_art("a")], [_search(1, later)], lambda r, ids: set(ids), now=now) == []


def test_a_broken_stored_query_does_not_stop_the_others():
    from index.model import QueryError
    now = dt.datetime(2026, 1, 2, 12, 0, 0, tzinfo=dt.timezone.utc)
    saved_at = clock.stamp(now - dt.timedelta(hours=1))

    def match_ids(request, ids):
        if request.query == "bad (":
            raise QueryError("unbalanced parenthesis", 4)
        return set(ids)
    drafts = match_batch([_art("a")], [_search(1, saved_at, query="bad ("), _search(2, saved_at)],
                         match_ids, now=now)
    assert [(d.search_id, d.article_id) for d in drafts] == [(2, "a")]
