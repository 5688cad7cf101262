"""Saved searches in the library's SQLite: add, restore exactly, rename, edit, delete, flags."""
from __future__ import annotations

import datetime as dt

import pytest

from index.alerts import saved
from index.errors import LibraryError
from index.model import SearchRequest
from index.state import State


@pytest.fixture
def state(tmp_path):
    s = State(tmp_path / "library.sqlite3")
    yield s
    s.close()


def _request():
    return SearchRequest(query='Putin AND "ceasefire"', filters={"country": ["UA", "RU"], "language": ["en"]},
                         excludes={"outlet": ["Tass"]}, date_from=dt.date(2025, 3, 1),
                         date_to=dt.date(2025, 3, 31), sort="newest", offset=100)


def test_saved_search_restores_the_request_exactly(state, tmp_path):
    s = saved.add(state, "Putin ceasefire", _request(), watched=True)
    assert s.watched and not s.muted and s.created and s.baseline
    state.close()
    again = State(tmp_path / "library.sqlite3")          # a restart sees the same search
    got = saved.get(again, "putin CEASEFIRE")             # names are case-insensitive
    expected = _request()
    expected.offset = 0                                   # opening a search starts at the top
    assert got.request == expected
    assert got.id == s.id and got.watched
    again.close()


def test_names_are_unique_and_required(state):
    saved.add(state, "Ukraine", SearchRequest(query="Ukraine"))
    with pytest.raises(LibraryError, match="already"):
        saved.add(state, "ukraine", SearchRequest(query="Kyiv"))
    with pytest.raises(LibraryError, match="name"):
        saved.add(state, "  ", SearchRequest(query="Kyiv"))
    with pytest.raises(LibraryError, match="no saved search"):
        saved.get(state, "nothing")


def test_rename_edit_and_delete(state):
    a = saved.add(state, "A", SearchRequest(query="one"))
    saved.add(state, "B", SearchRequest(query="two"))
    with pytest.raises(LibraryError, match="already"):
        saved.update(state, "A", name="b")
    renamed = saved.update(state, "A", name="Alpha")
    assert renamed.name == "Alpha" and renamed.baseline == a.baseline   # a rename keeps history
    edited = saved.update(state, "Alpha", request=SearchRequest(query="uno"))
    assert edited.request.query == "uno" and edited.baseline > a.baseline
    saved.remove(state, "Alpha")
    assert [s.name for s in saved.list_saved(state)] == ["B"]


def test_mute_and_snooze_flags(state):
    saved.add(state, "S", SearchRequest(query="x"), watched=True)
    s = saved.update(state, "S", muted=True)
    assert s.muted and s.silent()
    s = saved.update(state, "S", muted=False, snoozed_until=dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1))
    assert not s.muted and s.snoozed() and s.silent()
    assert not s.snoozed(dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=2))
    s = saved.update(state, "S", snoozed_until=None)
    assert not s.silent()
