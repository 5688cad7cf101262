"""One search: query -> hit mask -> facet selections -> total, facet counts, a page of hits.

Whoosh parses the query and holds the postings; matching (masks.py, phrases.py), ranking
(ranking.py), facet selection and counting (facets.py over columns.py) all run on numpy arrays
over global document numbers, so facets and date filters cost milliseconds whatever the number
of hits. Only the page of hits shown touches stored documents (for titles and snippets).
"""
from __future__ import annotations

import json
import time

import numpy as np

from index.model import Article, Hit, SearchRequest, SearchResult, SORTS, QueryError
from index.store.search import facets as fc
from index.store.search.columns import NO_DATE, ColumnCache, Columns
from index.store.search.highlight import query_terms, snippet
from index.store.search import ranking
from index.store.search.masks import Memo, query_mask
from index.store.search.query import parse


def hit_mask(searcher, q, cols: Columns, memo: Memo | None = None) -> np.ndarray:
    """Documents matching the Whoosh query, as a bool mask (all live documents if q is None)."""
    if q is None:
        return cols.live.copy()
    return query_mask(q, searcher, cols.live, memo)


def filtered(searcher, parser, cache: ColumnCache, request: SearchRequest, memo: Memo | None = None):
    """(query, columns, hits-of-query mask, selection masks, range mask)."""
    q = parse(request.query, parser)
    cols = cache.columns(searcher.reader())
    base = hit_mask(searcher, q, cols, memo)
    masks = fc.selection_masks(cols, cache.dictionaries, request)
    rng = fc.range_mask(cols, request)
    return q, cols, base, masks, rng


def execute(searcher, parser, cache: ColumnCache, request: SearchRequest) -> SearchResult:
    t0 = time.perf_counter()
    if request.sort not in SORTS:
        raise QueryError(f'unknown sort "{request.sort}" (use {", ".join(SORTS)})')
    memo = Memo(pairs=cache.pairs)
    q, cols, base, masks, rng = filtered(searcher, parser, cache, request, memo)
    in_view = base if rng is None else base & rng
    final = fc.others(masks, in_view, skip="")
    total = int(np.count_nonzero(final))
    result = SearchResult(request=request, total=total, hits=[])

    if request.facets:
        for facet in fc.VALUE_FACETS:
            counts = cols.count(facet, fc.others(masks, in_view, facet),
                                len(cache.dictionaries[facet].values))
            result.facets[facet] = fc.top_values(counts, cache.dictionaries[facet],
                                                 request.facet_limit)
        date_scope = fc.others(masks, base, "date")
        result.date_bucket, result.facets["date"] = fc.histogram(
            cols, date_scope if rng is None else date_scope & rng, request)
        result.no_date = int(np.count_nonzero(date_scope & ~cols.has_date))

    result.hits = _page(searcher, q, cols, final, total, request, memo)
    result.elapsed_ms = (time.perf_counter() - t0) * 1000
    return result


def date_order(cols: Columns, docs: np.ndarray, sort: str) -> np.ndarray:
    """``docs`` by date (newest first, or oldest for "oldest"); undated last, ties by index
    order. Also the order of "relevance" without a query. (The export reads the whole order.)"""
    days = cols.days[docs].astype(np.int64)
    if sort == "oldest":
        key = np.where(days == NO_DATE, np.iinfo(np.int64).max, days)
    else:
        key = np.where(days == NO_DATE, np.iinfo(np.int64).max, -days)
    return docs[np.lexsort((docs, key))]


def _page(searcher, q, cols: Columns, final: np.ndarray, total: int, request: SearchRequest,
          memo: Memo):
    lo, hi = max(0, request.offset), max(0, request.offset) + max(0, request.limit)
    if hi <= lo or total == 0 or lo >= total:
        return []
    if request.sort == "relevance" and q is not None:
        scored = ranking.top(q, searcher, final, lo, hi, memo)
    else:
        docs = date_order(cols, np.flatnonzero(final), request.sort)[lo:hi]
        scored = [(int(d), 0.0) for d in docs]
    terms = query_terms(q, searcher.reader()) if request.snippets else None
    hits = []
    for docnum, score in scored:
        article = Article.from_json(json.loads(searcher.stored_fields(docnum)["doc"]))
        hits.append(Hit(id=article.id, title=article.title, outlet=article.outlet,
                        published=article.published, language=article.language, score=score,
                        snippet=snippet(article.body, terms, article.language) if terms is not None else "",
                        persons=list(article.persons), countries=list(article.focus_countries())))
    return hits

