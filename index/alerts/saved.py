"""Saved searches: a SearchRequest under a name, stored in the library's SQLite.

A saved search remembers when it was saved (``baseline``: only articles imported after it can
raise alerts, so saving a search never floods the inbox with the existing library) and when the
analyst last looked at it (``last_seen``: the "new since you last looked" count).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from index.alerts import clock, schema
from index.errors import LibraryError
from index.model import SearchRequest

_COLUMNS = "id, name, request, watched, muted, snoozed_until, last_seen, created, baseline"
# owner, shared, mine: a team library's saved searches have owners (state.sharing); a local
# library's are all its analyst's own
_TEAM_COLUMNS = ", owner, shared, owner = current_user"
_LOCAL_COLUMNS = ", NULL, 0, 1"


def _columns(state) -> str:
    return _COLUMNS + (_TEAM_COLUMNS if getattr(state, "sharing", False) else _LOCAL_COLUMNS)


def _mine(state) -> str:
    """SQL: the row is this analyst's own."""
    return "owner = current_user" if getattr(state, "sharing", False) else "1 = 1"


@dataclass
class SavedSearch:
    id: int
    name: str
    request: SearchRequest
    watched: bool = False
    muted: bool = False
    snoozed_until: dt.datetime | None = None
    last_seen: dt.datetime | None = None
    created: dt.datetime | None = None
    baseline: str = ""                       # UTC stamp, compared as text
    new: int = field(default=0, compare=False)   # filled by list_saved(counts=True)
    owner: str | None = None                 # team library: the analyst (database user) who saved it
    shared: bool = False                     # team library: the owner shared it with the team
    mine: bool = True                        # this analyst's own (only those can be changed)

    def snoozed(self, now: dt.datetime | None = None) -> bool:
        return bool(self.snoozed_until and self.snoozed_until > (now or clock.utcnow()))

    def silent(self, now: dt.datetime | None = None) -> bool:
        """Muted or snoozed: its alerts are not counted or notified right now."""
        return self.muted or self.snoozed(now)

    def to_json(self) -> dict:
        return {
            "id": self.id, "name": self.name, "request": self.request.to_json(),
            "watched": self.watched, "muted": self.muted,
            "snoozed_until": clock.stamp(self.snoozed_until) if self.snoozed_until else None,
            "last_seen": clock.stamp(self.last_seen) if self.last_seen else None,
            "created": clock.stamp(self.created) if self.created else None,
            "new": self.new, "owner": self.owner, "shared": self.shared, "mine": self.mine,
        }

    def label(self) -> str:
        """The name, and whose it is when it is another analyst's shared search."""
        return self.name if self.mine else f"{self.name} (shared by {self.owner})"


def _row(r) -> SavedSearch:
    return SavedSearch(
        id=r[0], name=r[1], request=SearchRequest.from_json(json.loads(r[2])),
        watched=bool(r[3]), muted=bool(r[4]), snoozed_until=clock.parse(r[5]),
        last_seen=clock.parse(r[6]), created=clock.parse(r[7]), baseline=r[8],
        owner=r[9], shared=bool(r[10]), mine=bool(r[11]))


def _not_yours(s: SavedSearch) -> LibraryError:
    return LibraryError(f"“{s.name}” is {s.owner}'s saved search, shared with the team: you can "
                        "open it but not change it (save it under a name of your own to watch it)")


def _stored_request(request: SearchRequest) -> str:
    # Paging is not part of a standing question: opening the search starts at the top.
    d = request.to_json()
    d["offset"] = 0
    return json.dumps(d, sort_keys=True, ensure_ascii=False)


def add(state, name: str, request: SearchRequest, *, watched: bool = False) -> SavedSearch:
    name = name.strip()
    if not name:
        raise LibraryError("A saved search needs a name.")
    schema.ensure(state)
    now = clock.stamp()
    with state.tx() as conn:
        if conn.execute(f"SELECT 1 FROM saved_searches WHERE lower(name) = lower(?) AND {_mine(state)}",
                        (name,)).fetchone():
            raise LibraryError(f"There is already a saved search named “{name}”.")
        cur = conn.execute(
            "INSERT INTO saved_searches (name, request, watched, last_seen, created, baseline)"
            " VALUES (?, ?, ?, ?, ?, ?)", (name, _stored_request(request), int(watched), now, now, now))
        new_id = cur.lastrowid
    return get(state, new_id)


def get(state, key: int | str) -> SavedSearch:
    """By id or (case-insensitive) name, the analyst's own before a colleague's shared one of
    the same name; raises LibraryError when there is none."""
    schema.ensure(state)
    where = "id = ?" if isinstance(key, int) else "lower(name) = lower(?)"
    r = state.execute(f"SELECT {_columns(state)} FROM saved_searches WHERE {where} "
                      f"ORDER BY {_mine(state)} DESC, id LIMIT 1", (key,)).fetchone()
    if r is None:
        raise LibraryError(f"There is no saved search named “{key}”.")
    return _row(r)


def list_saved(state, *, counts: bool = True) -> list[SavedSearch]:
    schema.ensure(state)
    rows = state.execute(f"SELECT {_columns(state)} FROM saved_searches "
                         f"ORDER BY name, {_mine(state)} DESC, id").fetchall()
    out = [_row(r) for r in rows]
    if counts and out:
        new = dict(state.execute(
            "SELECT a.search_id, COUNT(*) FROM saved_arrivals a JOIN saved_searches s"
            " ON s.id = a.search_id WHERE a.arrived > s.last_seen GROUP BY a.search_id").fetchall())
        for s in out:
            s.new = new.get(s.id, 0)
    return out


def update(state, key: int | str, *, name: str | None = None, request: SearchRequest | None = None,
           watched: bool | None = None, muted: bool | None = None,
           snoozed_until: dt.datetime | None | bool = False) -> SavedSearch:
    """Rename, edit, watch/unwatch, mute/unmute, snooze (``snoozed_until=None`` unsnoozes).

    Editing the request moves the baseline: the changed question only alerts on articles imported
    from now on, and its "new" count starts again.
    """
    s = get(state, key)
    if not s.mine:
        raise _not_yours(s)
    sets: list[str] = []
    params: list = []
    if name is not None and name.strip() != s.name:
        name = name.strip()
        if not name:
            raise LibraryError("A saved search needs a name.")
        clash = state.execute(f"SELECT id FROM saved_searches WHERE lower(name) = lower(?) AND "
                              f"{_mine(state)}", (name,)).fetchone()
        if clash and clash[0] != s.id:
            raise LibraryError(f"There is already a saved search named “{name}”.")
        sets.append("name = ?"); params.append(name)
    if request is not None and _stored_request(request) != _stored_request(s.request):
        now = clock.stamp()
        sets += ["request = ?", "baseline = ?", "last_seen = ?"]
        params += [_stored_request(request), now, now]
    if watched is not None:
        sets.append("watched = ?"); params.append(int(watched))
    if muted is not None:
        sets.append("muted = ?"); params.append(int(muted))
    if snoozed_until is not False:
        sets.append("snoozed_until = ?")
        params.append(clock.stamp(snoozed_until) if snoozed_until else None)
    if sets:
        with state.tx() as conn:
            conn.execute(f"UPDATE saved_searches SET {', '.join(sets)} WHERE id = ?", (*params, s.id))
            if request is not None and "baseline = ?" in sets:
                conn.execute("DELETE FROM saved_arrivals WHERE search_id = ?", (s.id,))
    return get(state, s.id)


def mark_seen(state, key: int | str) -> SavedSearch:
    """The analyst opened the search: its "new" count starts again from now (a colleague's
    shared search has no count of this analyst's: nothing to reset)."""
    s = get(state, key)
    if not s.mine:
        return s
    now = clock.stamp()
    with state.tx() as conn:
        conn.execute("UPDATE saved_searches SET last_seen = ? WHERE id = ?", (now, s.id))
        conn.execute("DELETE FROM saved_arrivals WHERE search_id = ? AND arrived <= ?", (s.id, now))
    return get(state, s.id)


def remove(state, key: int | str) -> None:
    s = get(state, key)
    if not s.mine:
        raise _not_yours(s)
    with state.tx() as conn:
        conn.execute("DELETE FROM alerts WHERE search_id = ?", (s.id,))
        conn.execute("DELETE FROM saved_arrivals WHERE search_id = ?", (s.id,))
        conn.execute("DELETE FROM saved_searches WHERE id = ?", (s.id,))


def share(state, key: int | str, shared: bool = True) -> SavedSearch:
    """Share one of your saved searches with the team (every analyst of the team library sees
    and can open it; only you change it), or stop sharing it."""
    if not getattr(state, "sharing", False):
        raise LibraryError("Sharing is for team libraries (--library postgresql://...): a local "
                           "library's saved searches are all its own analyst's.")
    s = get(state, key)
    if not s.mine:
        raise _not_yours(s)
    with state.tx() as conn:
        conn.execute("UPDATE saved_searches SET shared = ? WHERE id = ?", (int(shared), s.id))
    return get(state, s.id)
