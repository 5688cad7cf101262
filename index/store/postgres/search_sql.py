"""One SearchRequest as SQL: the hit set, the facet counts (GROUP BY over ``mw_values``), the date
histogram and a page of hits with ``ts_headline`` snippets.

The facet rules are the local library's (index/store/search/facets.py): values within a facet
are OR-ed, facets AND-ed, exclusions removed; the counts of facet F apply every selection but
F's own; ``date_from``/``date_to`` filter hits and histogram, and the no-date count ignores
them. The query is evaluated once per search: a MATERIALIZED CTE holds the matching rows with
one boolean column per facet selection, and every count reads that.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from index.model import SORTS, QueryError, SearchRequest
from index.store.schema import day_from_number, day_number
from index.store.search.facets import NO_DATE_LABEL, VALUE_FACETS, choose_bucket, period
from index.store.search.highlight import MARK_CLOSE, MARK_OPEN
from index.store.postgres.query_sql import Condition, lexeme
from index.vocab.countries import country_code

HEADLINE_OPTIONS = (f'StartSel="{MARK_OPEN}", StopSel="{MARK_CLOSE}", MaxWords=40, MinWords=18, '
                    'ShortWord=1, MaxFragments=2, FragmentDelimiter=" … "')


# The planner counts a sequential scan of mw_articles as cheap, but each row's text vector is
# stored out of line (TOAST) and must be fetched to test it; the GIN indexes answer the same
# test without reading a vector. Searches therefore go through the indexes.
SEARCH_SETTINGS = "SET LOCAL enable_seqscan = off; SET LOCAL jit = off"

# Facet values and the date histogram are counted over at most about this many hits: a
# broader query counts every Nth hit (by article number, N a power of two) and multiplies by N,
# and says so (SearchResult.facet_stride). Counting reads each counted hit's row and its ~10
# value rows, so an exact count of a quarter of a million-article library reads millions of
# rows; the sample's cost stays that of a narrow query. The total is always exact (a count
# from the indexes).
FACET_SAMPLE_HITS = 20_000
# mw_sample(seq) (migration 6) is the article number's low 16 bits reversed: ``seq`` is a
# multiple of N (a power of two up to this) exactly when mw_sample(seq) < SAMPLE_SPAN / N
SAMPLE_SPAN = 1 << 16


@dataclass
class Plan:
    """The pieces of SQL a request needs, each with its parameters."""
    where: str                                   # the query's condition (TRUE when empty)
    where_params: list
    range_sql: str                               # the range in view (TRUE when none)
    range_params: list
    selections: dict[str, tuple[str, list]] = field(default_factory=dict)   # facet -> predicate
    cond: Condition | None = None

    def filters(self, skip: str | None = None) -> tuple[str, list]:
        """Every selection but ``skip``'s, AND-ed, as (sql, params)."""
        parts, params = [], []
        for facet, (sql, ps) in self.selections.items():
            if facet != skip:
                parts.append(sql)
                params += ps
        return (" AND ".join(parts) or "TRUE"), params

    def final(self) -> tuple[str, list]:
        sel, sp = self.filters()
        return (f"({self.where}) AND ({self.range_sql}) AND ({sel})",
                self.where_params + self.range_params + sp)


def _date_predicate(labels: list[str]) -> tuple[str, list]:
    parts, params = [], []
    for label in labels:
        p = period(label)
        if p is None:
            parts.append("a.published IS NULL")
        else:
            parts.append("(a.published IS NOT NULL AND a.published BETWEEN %s AND %s)")
            params += [day_from_number(p[0]), day_from_number(p[1])]
    return "(" + " OR ".join(parts) + ")", params


def _keys(facet: str, values: list[str]) -> list[str]:
    out = []
    for v in values:
        v = str(v)
        if facet == "country":
            v = country_code(v) or v
        out.append(v.strip().lower())
    return out


def _selection(facet: str, selected: list[str], excluded: list[str]) -> tuple[str, list]:
    parts, params = [], []
    if facet == "date":
        if selected:
            s, p = _date_predicate(selected)
            parts.append(s)
            params += p
        if excluded:
            s, p = _date_predicate(excluded)
            parts.append(f"NOT {s}")
            params += p
    else:
        sub = "SELECT seq FROM mw_values WHERE facet = %s AND key = ANY(%s)"
        if selected:
            parts.append(f"a.seq IN ({sub})")
            params += [facet, _keys(facet, selected)]
        if excluded:
            parts.append(f"a.seq NOT IN ({sub})")
            params += [facet, _keys(facet, excluded)]
    return "(" + " AND ".join(parts) + ")", params


def plan(request: SearchRequest, cond: Condition | None) -> Plan:
    if request.sort not in SORTS:
        raise QueryError(f'unknown sort "{request.sort}" (use {", ".join(SORTS)})')
    rng, rp = ["TRUE"], []
    if request.date_from is not None or request.date_to is not None:
        rng = ["a.published IS NOT NULL"]
        if request.date_from is not None:
            rng.append("a.published >= %s")
            rp.append(request.date_from)
        if request.date_to is not None:
            rng.append("a.published <= %s")
            rp.append(request.date_to)
    p = Plan(cond.sql if cond else "TRUE", list(cond.params) if cond else [],
             " AND ".join(rng), rp, cond=cond)
    for facet in VALUE_FACETS + ("date",):
        selected = [v for v in request.filters.get(facet, []) if v is not None and str(v).strip()]
        excluded = [v for v in request.excludes.get(facet, []) if v is not None and str(v).strip()]
        if facet == "date":
            if request.no_date:
                selected = selected + [NO_DATE_LABEL]
            for label in selected + excluded:
                period(label)                      # a bad label is a QueryError, as locally
        if selected or excluded:
            p.selections[facet] = _selection(facet, selected, excluded)
    return p


def totals_sql(p: Plan) -> tuple[str, list]:
    """One row: the hits in range whatever the selections (what the facets count at most, so
    what decides the sample), and the total (every selection applied). Plain ``count(*)`` of
    the query's condition: answered from the indexes (a bitmap of the GIN lookups; the rows
    themselves are not read where the visibility map says they are visible)."""
    in_range = (f"SELECT count(*) FROM mw_articles a WHERE ({p.where}) AND ({p.range_sql})",
                p.where_params + p.range_params)
    if not p.selections:
        return in_range[0].replace("count(*)", "count(*), NULL::bigint", 1), in_range[1]
    final, fp = p.final()
    return (f"SELECT ({in_range[0]}), (SELECT count(*) FROM mw_articles a WHERE {final})",
            in_range[1] + fp)


def stride_for(hits: int) -> int:
    """Facets of ``hits`` hits are counted over every Nth article: N = 1 (every hit, exact) up
    to FACET_SAMPLE_HITS hits, else the power of two that brings the sample under it (the
    sample is read through the ``mw_sample`` index, which serves powers of two)."""
    n = 1
    while hits > n * max(1, FACET_SAMPLE_HITS) and n < SAMPLE_SPAN:
        n *= 2
    return n


def counts_sql(p: Plan, request: SearchRequest, stride: int = 1) -> tuple[str, list]:
    """One statement: each facet's values and the day counts of the hits whose article number
    is a multiple of ``stride`` (every hit when 1), as rows of (kind, value, count). The caller
    multiplies by ``stride``. ``stride`` > 1 reads the sample through the ``mw_sample`` index
    (migration 6), so a broad query reads only its sampled rows, not every hit."""
    cols, params = ["a.seq", "a.published", f"({p.range_sql}) AS in_range"], list(p.range_params)
    for facet, (sql, ps) in p.selections.items():
        cols.append(f"{sql} AS s_{facet}")
        params += ps
    # the undated hits are counted (no date) whatever the range
    where = f"({p.where}) AND (({p.range_sql}) OR a.published IS NULL)"
    params += p.where_params + p.range_params
    if stride > 1:
        where += " AND mw_sample(a.seq) < %s"
        params.append(SAMPLE_SPAN // stride)
    base = f"WITH base AS MATERIALIZED (SELECT {', '.join(cols)} FROM mw_articles a WHERE {where})"

    def flags(skip: str | None) -> str:
        return " AND ".join([f"b.s_{f}" for f in p.selections if f != skip] or ["TRUE"])

    # every facet in one pass over the hits' values: each value row counts when the
    # selections of the *other* facets let its article through
    cases = " ".join(f"WHEN '{f}' THEN {flags(f)}" for f in VALUE_FACETS)
    facets = ", ".join(f"'{f}'" for f in VALUE_FACETS)
    parts = [f"SELECT v.facet, v.value, count(*) FROM base b JOIN mw_values v ON v.seq = b.seq "
             f"AND v.facet IN ({facets}) WHERE b.in_range AND CASE v.facet {cases} END "
             f"GROUP BY v.facet, v.value",
             f"(SELECT 'date', b.published::text, count(*) FROM base b WHERE "
             f"{flags('date')} AND (b.published IS NULL OR b.in_range) GROUP BY b.published)"]
    return base + "\n" + "\nUNION ALL\n".join(parts), params


def histogram(days: dict[dt.date, int], request: SearchRequest) -> tuple[str | None, list]:
    """The date facet from counts per day, bucketed as the local library does."""
    if not days:
        return None, []
    first = request.date_from or min(days)
    last = request.date_to or max(days)
    bucket = choose_bucket(day_number(first), day_number(last))
    buckets: dict[str, int] = {}
    for d, n in days.items():
        if bucket == "day":
            label = d.isoformat()
        elif bucket == "week":
            y, w, _ = d.isocalendar()
            label = f"{y}-W{w:02d}"
        elif bucket == "month":
            label = f"{d.year:04d}-{d.month:02d}"
        else:
            label = f"{d.year:04d}"
        buckets[label] = buckets.get(label, 0) + n
    return bucket, sorted(buckets.items())


def order_sql(p: Plan, request: SearchRequest) -> tuple[str, str, list]:
    """(score expression, ORDER BY clause, score params)."""
    if request.sort == "relevance" and p.cond is not None:
        return p.cond.rank_sql, "score DESC, a.seq", list(p.cond.rank_params)
    direction = "ASC" if request.sort == "oldest" else "DESC"
    return "0", f"a.published {direction} NULLS LAST, a.seq", []


def headline_query(cond: Condition | None) -> tuple[str, list] | None:
    """The positive words of the query as one OR-ed tsquery for ts_headline (the document is
    parsed with its own configuration, so the words are given in every configuration)."""
    if cond is None or not (cond.highlight_words or cond.highlight_prefixes):
        return None
    parts, params = [], []
    for w in dict.fromkeys(cond.highlight_words):
        parts.append("mw_query(%s)")
        params.append(w)
    for pre in dict.fromkeys(cond.highlight_prefixes):
        parts.append("to_tsquery('simple', %s)")
        params.append(lexeme(pre) + ":*")
    return "(" + " || ".join(parts) + ")", params


# A relevance-sorted page of a query with more hits than this first reads only the hits whose
# lead has a query word (lead_first); below it, ranking every hit costs less than two statements
LEAD_FIRST_HITS = 5_000


# a lead of one word that no query has (the rank's tsqueries hold words, never a space)
_NO_QUERY_WORD = "array_to_tsvector(ARRAY['mw none'])"


def lead_first_applies(p: Plan, request: SearchRequest, total: int) -> bool:
    return (request.sort == "relevance" and p.cond is not None and bool(p.cond.rank_queries)
            and total > LEAD_FIRST_HITS)


def page_sql(p: Plan, request: SearchRequest, *, body: bool, limit: int | None, offset: int,
             lead_first: bool = False) -> tuple[str, list]:
    """The hits in result order with their score and snippet (``body``: whole articles).

    ``lead_first`` (a relevance sort): only the hits whose lead has a query word (the index on
    ``lead``, migration 7) and that score above a lead without one. Every other hit scores at
    most that (ts_rank gives a lead without a query word 0, or 1e-20 for an AND or a phrase;
    an empty lead 0) and comes after them, so when this gives a full page (``limit`` rows) it
    is the page; a shorter answer is not, and the caller asks again without ``lead_first``."""
    score, order, sp = order_sql(p, request)
    where, wp = p.final()
    hq = headline_query(p.cond) if request.snippets else None
    if lead_first:
        qs = p.cond.rank_queries
        floor = score.replace("a.lead", _NO_QUERY_WORD)
        where += (f" AND a.lead @@ mw_any({' || '.join(q for q, _ in qs)}) "
                  f"AND ({score}) > ({floor})")
        wp = wp + [x for _, ps in qs for x in ps] + sp + sp
    inner = (f"SELECT a.seq, a.id, a.title, a.body, a.doc, a.config, {score} AS score "
             f"FROM mw_articles a WHERE {where} ORDER BY {order}")
    params = sp + wp
    if limit is not None:
        inner += " LIMIT %s"
        params.append(limit)
    if offset:
        inner += " OFFSET %s"
        params.append(offset)
    head = "NULL::text"
    if hq is not None:
        head = f"ts_headline(p.config, p.body, {hq[0]}, %s)"
    # the body's ends tell whether the snippet is cut (a "…" on that side)
    outer = (f"SELECT p.id, p.title, {'p.body' if body else 'NULL::text'}, p.doc, p.score, "
             f"{head}, left(p.body, 600), right(p.body, 300) FROM ({inner}) p")
    if hq is not None:
        params = hq[1] + [HEADLINE_OPTIONS] + params
    return outer, params
