"""A whole result set read in pages, for exports: the team library's ``Store.scan``.

Same contract as ``index.store.search.stream.Scan`` (``total``, ``pages(n, start)``,
``close()``): the scan holds one connection in a REPEATABLE READ transaction, so it reads one
state of the library from start to end while others import, and each page is read through a
server-side cursor, so memory stays flat however many articles match.
"""
from __future__ import annotations

from typing import Iterator

from index.model import Match, SearchRequest
from index.store.postgres import search_sql as ss

PAGE = 500


class PgScan:
    def __init__(self, store, request: SearchRequest):
        self.request = request
        self._pool = store.pool
        self._conn = self._pool.getconn()
        try:
            self._conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            self._plan = ss.plan(request, store._condition(self._conn, request.query))
            where, params = self._plan.final()
            self.total = int(self._conn.execute(
                f"SELECT count(*) FROM mw_articles a WHERE {where}", params).fetchone()[0])
        except BaseException:
            self.close()
            raise
        self._n = 0

    def pages(self, page: int = PAGE, start: int = 0) -> Iterator[list[Match]]:
        """Pages of up to ``page`` matches from rank ``start`` on, in result order."""
        from index.store.postgres.store import _snippet, article_from_row
        sql, params = ss.page_sql(self._plan, self.request, body=True, limit=None,
                                  offset=max(0, start))
        self._n += 1
        with self._conn.cursor(name=f"mw_scan_{self._n}") as cur:
            cur.itersize = max(1, page)
            cur.execute(sql, params)
            while True:
                rows = cur.fetchmany(max(1, page))
                if not rows:
                    break
                out = []
                for id_, title, body, doc, score, head, lead, tail in rows:
                    a = article_from_row(title, body, doc)
                    scored = self.request.sort == "relevance" and self._plan.cond is not None
                    out.append(Match(article=a, score=float(score or 0.0) if scored else 0.0,
                                     snippet=_snippet(head, lead, tail, a.language)
                                     if self.request.snippets else ""))
                yield out

    def close(self) -> None:
        conn, self._conn = getattr(self, "_conn", None), None
        if conn is not None:
            try:
                conn.execute("ROLLBACK")
            except Exception:        # a broken connection: the pool discards it
                pass
            self._pool.putconn(conn)

    def __enter__(self) -> "PgScan":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
