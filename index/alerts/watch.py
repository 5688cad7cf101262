"""New articles x saved searches -> arrivals and alerts.

``match_batch`` and ``plan_copies`` are pure (no SQLite, no clock of their own) so the rules are
tested on plain data; ``check_new_articles`` is the AFTER_COMMIT hook that feeds them from the
library and records the outcome. Nothing here sleeps or runs timers.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from index.alerts import clock, schema
from index.alerts.saved import SavedSearch, list_saved
from index.model import Article, SearchRequest


@dataclass(frozen=True)
class Draft:
    """One matching (search, article) pair from a committed batch."""
    search_id: int
    article_id: str
    alert: bool          # False: counts as "new" for the search but raises no alert


@dataclass(frozen=True)
class Planned:
    search_id: int
    article_id: str
    copy_group: str | None
    lead_article: str | None = None   # a copy of this batch's alert for that article
    lead_alert: int | None = None     # a copy of an alert recorded by an earlier batch


def _request_key(request: SearchRequest) -> str:
    d = request.to_json()
    for k in ("offset", "limit", "sort", "facets", "facet_limit", "snippets"):
        d.pop(k, None)
    return json.dumps(d, sort_keys=True)


def match_batch(articles: Iterable[Article], searches: Iterable[SavedSearch],
                match_ids: Callable[[SearchRequest, list[str]], set[str]], *,
                now: dt.datetime) -> list[Draft]:
    """Which saved searches each new article matches.

    Only articles imported after a search was saved count for it (its baseline), so a search
    saved over an existing library never alerts on what was already there. Searches asking the
    same question share one ``match_ids`` call. Muted and unwatched searches still record
    arrivals (their "new" count) but never alerts; snoozed ones record alerts that stay hidden
    until the snooze ends, so nothing is lost.
    """
    # The importer hands hooks only articles it has just added (duplicates never reach them), so
    # the batch arrives "now". Article.imported is an extra guard against a caller passing old
    # articles; it has whole-second precision, so it is compared to the second.
    now_stamp = clock.stamp(now)
    imported = {a.id: (clock.stamp(a.imported) if a.imported else now_stamp)[:19] for a in articles}
    by_request: dict[str, list[SavedSearch]] = {}
    for s in searches:
        if s.baseline <= now_stamp:
            by_request.setdefault(_request_key(s.request), []).append(s)
    drafts: list[Draft] = []
    for group in by_request.values():
        baseline = min(s.baseline for s in group)[:19]
        candidates = [i for i, t in imported.items() if t >= baseline]
        if not candidates:
            continue
        hits = match_ids(group[0].request, candidates)
        if not hits:
            continue
        for s in group:
            alert = s.watched and not s.muted
            drafts += [Draft(s.id, i, alert) for i in candidates
                       if i in hits and imported[i] >= s.baseline[:19]]
    return drafts


def plan_copies(pairs: Iterable[tuple[int, str]], copy_group: Mapping[str, str | None],
                existing_leads: Mapping[tuple[int, str], int]) -> list[Planned]:
    """Fold copies of one wire story into one alert per search ("+N copies").

    ``copy_group`` maps article id -> copy-group key (None or absent: not a copy of anything);
    ``existing_leads`` maps (search id, group key) -> the alert already shown for that group.
    The first copy to arrive leads; later ones hang under it.
    """
    leads: dict[tuple[int, str], str] = {}
    out: list[Planned] = []
    for search_id, article_id in pairs:
        g = copy_group.get(article_id)
        if not g:
            out.append(Planned(search_id, article_id, None))
        elif (search_id, g) in existing_leads:
            out.append(Planned(search_id, article_id, g, lead_alert=existing_leads[(search_id, g)]))
        elif (search_id, g) in leads:
            out.append(Planned(search_id, article_id, g, lead_article=leads[(search_id, g)]))
        else:
            leads[(search_id, g)] = article_id
            out.append(Planned(search_id, article_id, g))
    return out


def record(state, drafts: list[Draft], articles: Mapping[str, Article],
           copy_group: Mapping[str, str | None], now: dt.datetime) -> list[int]:
    """Store arrivals and alerts in one transaction; returns the ids of new inbox alerts."""
    if not drafts:
        return []
    stamp = clock.stamp(now)
    new_leads: list[int] = []
    with state.tx() as conn:
        conn.executemany("INSERT OR IGNORE INTO saved_arrivals (search_id, article_id, arrived)"
                         " VALUES (?, ?, ?)", [(d.search_id, d.article_id, stamp) for d in drafts])
        alerting = [(d.search_id, d.article_id) for d in drafts if d.alert]
        groups = {g for i in {a for _, a in alerting} if (g := copy_group.get(i))}
        existing: dict[tuple[int, str], int] = {}
        if groups:
            marks = ",".join("?" * len(groups))
            existing = {(s, g): i for s, g, i in conn.execute(
                f"SELECT search_id, copy_group, id FROM alerts WHERE lead_id IS NULL"
                f" AND copy_group IN ({marks})", sorted(groups))}
        for p in plan_copies(alerting, copy_group, existing):
            lead = p.lead_alert
            if p.lead_article is not None:
                row = conn.execute("SELECT id FROM alerts WHERE search_id = ? AND article_id = ?",
                                   (p.search_id, p.lead_article)).fetchone()
                lead = row[0] if row else None
            a = articles[p.article_id]
            cur = conn.execute(
                "INSERT OR IGNORE INTO alerts (search_id, article_id, title, outlet, published,"
                " created, copy_group, lead_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (p.search_id, p.article_id, a.title or "", a.outlet,
                 a.published.isoformat() if a.published else None, stamp, p.copy_group, lead))
            if cur.rowcount and lead is None:
                new_leads.append(cur.lastrowid)
    return new_leads


def _copy_groups(library, ids: list[str]) -> dict[str, str | None]:
    """Copy-group keys from the stories module, when it can say; otherwise no grouping."""
    try:
        from index.stories import copy_groups
    except ImportError:
        return {}
    try:
        return dict(copy_groups(library, ids))
    except Exception:   # grouping is a nicety: an alert must never be lost because of it
        return {}


def check_new_articles(library, articles: list[Article], *, now: dt.datetime | None = None) -> list[int]:
    """AFTER_COMMIT hook: record arrivals and alerts for a committed batch."""
    if not articles:
        return []
    state = library.state
    schema.ensure(state)
    searches = list_saved(state, counts=False)
    if not searches:
        return []
    now = now or clock.utcnow()
    drafts = match_batch(articles, searches, library.store.match_ids, now=now)
    alert_ids = sorted({d.article_id for d in drafts if d.alert})
    groups = _copy_groups(library, alert_ids) if alert_ids else {}
    return record(state, drafts, {a.id: a for a in articles}, groups, now)
