"""The alerts inbox: listing, unread counts, read state, and the per-batch summary line.

Only lead alerts are listed; copies of the same wire story hang under their lead and show as
"+N copies". Alerts of muted or currently snoozed searches are left out of the inbox and the
unread count (snoozed ones come back when the snooze ends).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from index.alerts import clock, schema


@dataclass
class Alert:
    id: int
    search_id: int
    search: str              # the saved search's name
    article_id: str
    title: str
    outlet: str | None
    published: str | None    # YYYY-MM-DD
    created: str             # UTC stamp
    read: bool
    copies: int = 0          # other copies of the same wire story folded into this alert

    def to_json(self) -> dict:
        return {"id": self.id, "search": self.search, "article_id": self.article_id,
                "title": self.title, "outlet": self.outlet, "published": self.published,
                "created": self.created, "read": self.read, "copies": self.copies}

    def label(self) -> str:
        extra = f" (+{self.copies} copies)" if self.copies else ""
        where = " — ".join(x for x in (self.outlet, self.published) if x)
        return f"{self.title or self.article_id}{extra}" + (f" — {where}" if where else "")


_VISIBLE = ("a.lead_id IS NULL AND s.muted = 0"
            " AND (s.snoozed_until IS NULL OR s.snoozed_until <= ?)")


def list_alerts(state, *, unread: bool = False, since_id: int = 0, search_id: int | None = None,
                limit: int | None = None, now: dt.datetime | None = None) -> list[Alert]:
    """Newest first."""
    schema.ensure(state)
    where = [_VISIBLE, "a.id > ?"]
    params: list = [clock.stamp(now), since_id]
    if unread:
        where.append("a.read = 0")
    if search_id is not None:
        where.append("a.search_id = ?"); params.append(search_id)
    sql = ("SELECT a.id, a.search_id, s.name, a.article_id, a.title, a.outlet, a.published,"
           " a.created, a.read, (SELECT COUNT(*) FROM alerts c WHERE c.lead_id = a.id)"
           " FROM alerts a JOIN saved_searches s ON s.id = a.search_id"
           f" WHERE {' AND '.join(where)} ORDER BY a.id DESC")
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [Alert(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]), r[9])
            for r in state.execute(sql, params).fetchall()]


def unread_count(state, now: dt.datetime | None = None) -> int:
    schema.ensure(state)
    return state.execute(
        "SELECT COUNT(*) FROM alerts a JOIN saved_searches s ON s.id = a.search_id"
        f" WHERE {_VISIBLE} AND a.read = 0", (clock.stamp(now),)).fetchone()[0]


def latest_id(state) -> int:
    """The newest alert id (0 when none): the window polls it to notice imports from anywhere."""
    schema.ensure(state)
    return state.execute("SELECT COALESCE(MAX(id), 0) FROM alerts").fetchone()[0]


def mark_read(state, alert_id: int, read: bool = True) -> bool:
    """Mark one alert (and the copies folded into it) read or unread; False if there is none."""
    schema.ensure(state)
    with state.tx() as conn:
        n = conn.execute("UPDATE alerts SET read = ? WHERE id = ? OR lead_id = ?",
                         (int(read), alert_id, alert_id)).rowcount
    return n > 0


def mark_all_read(state, search_id: int | None = None) -> int:
    schema.ensure(state)
    sql, params = "UPDATE alerts SET read = 1 WHERE read = 0", []
    if search_id is not None:
        sql += " AND search_id = ?"; params.append(search_id)
    with state.tx() as conn:
        return conn.execute(sql, params).rowcount


def summarize(alerts: list[Alert], limit: int = 3) -> tuple[str, str] | None:
    """One notification for a batch of new alerts: (title, message), or None when there are none."""
    if not alerts:
        return None
    by_search: dict[str, int] = {}
    for a in alerts:
        by_search[a.search] = by_search.get(a.search, 0) + 1
    n = len(alerts)
    title = f"{n} new alert{'s' if n != 1 else ''}"
    parts = [f"{name}: {k}" for name, k in sorted(by_search.items(), key=lambda x: (-x[1], x[0]))]
    lines = [", ".join(parts[:limit]) + (f" and {len(parts) - limit} more searches" if len(parts) > limit else "")]
    lines += [f"• {a.label()}" for a in alerts[:limit]]
    return title, "\n".join(lines)
