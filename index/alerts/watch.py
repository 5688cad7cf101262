"""New articles x saved searches -> arrivals and alerts.

``match_batch`` and ``plan_copies`` are pure (no SQLite, no clock of their own) so the rules are
tested on plain data; ``check_new_articles`` is the after-commit step that feeds them from the
library and records the outcome. Nothing here sleeps or runs timers.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from index.alerts import clock, schema
from index.alerts.saved import SavedSearch, list_saved
from index.model import Article, QueryError, SearchRequest

log = logging.getLogger(__name__)


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
        try:
            hits = match_ids(group[0].request, candidates)
        except QueryError as e:   # one stored query that no longer parses must not stop the rest
            log.warning("saved search %s: %s", ", ".join(s.name for s in group), e)
            continue
        if not hits:
            continue
        for s in group:
            alert = s.watched and not s.muted
            drafts += [Draft(s.id, i, alert) for i in candidates
                       if i in hits and imported[i] >= s.baseline[:19]]
    return drafts


def plan_copies(pairs: Iterable[tuple[int, str]], copies_of: Mapping[str, Iterable[str]],
                existing: Mapping[tuple[int, str], int]) -> list[Planned]:
    """Fold copies of one wire story into one alert per search ("+N copies").

    ``copies_of`` maps an article id to the ids it is a near-identical copy of (absent: none);
    ``existing`` maps (search id, article id) -> the inbox alert that article is shown under,
    for alerts recorded by earlier batches. The first copy to arrive leads; later ones hang
    under it, whichever copy they were matched against.
    """
    lead_in_batch: dict[tuple[int, str], str] = {}
    out: list[Planned] = []
    for search_id, article_id in pairs:
        plan = Planned(search_id, article_id)
        for other in sorted(copies_of.get(article_id, ())):
            if (search_id, other) in existing:
                plan = Planned(search_id, article_id, lead_alert=existing[(search_id, other)])
                break
            if (search_id, other) in lead_in_batch:
                plan = Planned(search_id, article_id, lead_article=lead_in_batch[(search_id, other)])
                break
        lead_in_batch[(search_id, article_id)] = plan.lead_article or article_id
        out.append(plan)
    return out


def record(state, drafts: list[Draft], articles: Mapping[str, Article],
           copies_of: Mapping[str, Iterable[str]], now: dt.datetime) -> list[int]:
    """Store arrivals and alerts in one transaction; returns the ids of new inbox alerts."""
    if not drafts:
        return []
    stamp = clock.stamp(now)
    new_leads: list[int] = []
    with state.tx() as conn:
        conn.executemany("INSERT OR IGNORE INTO saved_arrivals (search_id, article_id, arrived)"
                         " VALUES (?, ?, ?)", [(d.search_id, d.article_id, stamp) for d in drafts])
        alerting = [(d.search_id, d.article_id) for d in drafts if d.alert]
        others = sorted({o for _, a in alerting for o in copies_of.get(a, ())})
        existing: dict[tuple[int, str], int] = {}
        for i in range(0, len(others), 500):
            chunk = others[i:i + 500]
            existing.update({(s, a): lead or aid for s, a, aid, lead in conn.execute(
                "SELECT search_id, article_id, id, lead_id FROM alerts WHERE article_id IN"
                f" ({','.join('?' * len(chunk))})", chunk)})
        for p in plan_copies(alerting, copies_of, existing):
            lead = p.lead_alert
            if p.lead_article is not None:
                row = conn.execute("SELECT COALESCE(lead_id, id) FROM alerts WHERE search_id = ?"
                                   " AND article_id = ?", (p.search_id, p.lead_article)).fetchone()
                lead = row[0] if row else None
            a = articles[p.article_id]
            cur = conn.execute(
                "INSERT OR IGNORE INTO alerts (search_id, article_id, title, outlet, published,"
                " created, copy_group, lead_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (p.search_id, p.article_id, a.title or "", a.outlet,
                 a.published.isoformat() if a.published else None, stamp, p.lead_article, lead))
            if cur.rowcount and lead is None:
                new_leads.append(cur.lastrowid)
    return new_leads


def copy_links(state, ids: list[str]) -> dict[str, set[str]]:
    """Near-identical copies among stories' links (``story_links.copy``), for these articles.

    The stories step runs before this one (``Library.after_commit``), so a new batch's links exist. With no
    stories table (yet) there is simply no grouping: an alert is never lost because of it.
    """
    out: dict[str, set[str]] = {}
    try:
        for i in range(0, len(ids), 400):
            chunk = ids[i:i + 400]
            marks = ",".join("?" * len(chunk))
            for a, b in state.execute(f"SELECT a, b FROM story_links WHERE copy = 1 AND"
                                      f" (a IN ({marks}) OR b IN ({marks}))", chunk + chunk):
                out.setdefault(a, set()).add(b)
                out.setdefault(b, set()).add(a)
    except sqlite3.OperationalError:
        return {}
    return out


def check_new_articles(library, articles: list[Article], *, now: dt.datetime | None = None) -> list[int]:
    """After-commit step (``Library.after_commit``): record arrivals and alerts for a committed batch."""
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
    copies = copy_links(state, alert_ids) if alert_ids else {}
    return record(state, drafts, {a.id: a for a in articles}, copies, now)
