"""The whole result set of a search, in the window's order, read a page of articles at a time.

An export needs every hit, not the page on screen. The hit set and its order are computed once
with the same masks, facet selections and ranking as ``engine.execute`` (numpy over document
numbers: a 100,000-hit order costs a few megabytes), and the stored articles are then read
``page`` at a time, so memory is bounded by the page however many articles match.

A scan holds its own Whoosh searcher, opened for it and closed with it: the export sees the
library as it was when the export started, even while an import commits (and the thread's
shared searcher may be refreshed under it by other calls).
"""
from __future__ import annotations

import json
from typing import Iterator

import numpy as np

from index.model import SORTS, Article, Match, QueryError, SearchRequest
from index.store.search import engine, ranking
from index.store.search import facets as fc
from index.store.search.columns import ColumnCache
from index.store.search.highlight import query_terms, snippet
from index.store.search.masks import Memo

PAGE = 500


class Scan:
    """``total`` hits of ``request``; iterate ``pages()`` for lists of ``Match`` in order.

    Raises QueryError (from the constructor) for a malformed query. Not thread-safe: one scan
    is read by one thread (it owns its searcher)."""

    def __init__(self, searcher, parser, cache: ColumnCache, request: SearchRequest,
                 owns_searcher: bool = True):
        if request.sort not in SORTS:
            raise QueryError(f'unknown sort "{request.sort}" (use {", ".join(SORTS)})')
        self.searcher = searcher
        self.request = request
        self._owns = owns_searcher
        memo = Memo(pairs=cache.pairs)
        q, cols, base, masks, rng = engine.filtered(searcher, parser, cache, request, memo)
        in_view = base if rng is None else base & rng
        final = fc.others(masks, in_view, skip="")
        docs = np.flatnonzero(final)
        if request.sort == "relevance" and q is not None and len(docs):
            scores = ranking.scores(q, searcher, len(final), memo)[docs]
            order = np.lexsort((docs, -scores))          # ties by docnum, as ranking.top
            self.docs, self.scores = docs[order], scores[order]
        else:
            self.docs = engine.date_order(cols, docs, request.sort)
            self.scores = None
        self.total = int(len(self.docs))
        self._terms = query_terms(q, searcher.reader()) if request.snippets else None

    def pages(self, page: int = PAGE, start: int = 0) -> Iterator[list[Match]]:
        """Pages of up to ``page`` matches from rank ``start`` on, in result order."""
        stored = self.searcher.stored_fields
        terms = self._terms
        for lo in range(max(0, start), self.total, max(1, page)):
            chunk = self.docs[lo:lo + page]
            out = []
            for k, docnum in enumerate(chunk.tolist()):
                article = Article.from_json(json.loads(stored(docnum)["doc"]))
                out.append(Match(
                    article=article,
                    score=float(self.scores[lo + k]) if self.scores is not None else 0.0,
                    snippet=snippet(article.body, terms, article.language) if terms is not None else ""))
            yield out

    def close(self) -> None:
        if self._owns and self.searcher is not None:
            try:
                self.searcher.close()
            except Exception:       # closing a searcher of a closed index: nothing to release
                pass
        self.searcher = None

    def __enter__(self) -> "Scan":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
