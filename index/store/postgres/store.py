"""The team library's Store: the same API as ``index.store.whoosh_store.Store`` on PostgreSQL.

Thread contract: any thread may read, search or write; each call takes a connection from the
pool for its own statements. Every write is one transaction, so a crash or kill mid-import
leaves the library as of the last committed batch. Several processes (several analysts'
machines) may write at once: there is no global lock; the article id is unique, and
``ON CONFLICT (id) DO NOTHING`` makes the second import of the same article a no-op.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
from typing import Iterable, Iterator

from index.errors import LibraryError
from index.model import Article, Hit, SearchRequest, SearchResult
from index.store.postgres import migrations
from index.store.postgres.connect import display_url, first_connection, make_pool
from index.store.postgres.query_sql import Condition, condition, wildcard_regex
from index.store.postgres import search_sql as ss
from index.store.postgres.rows import article_from_row, hit_snippet as _snippet
from index.store.search.facets import VALUE_FACETS
from index.store.schema import FACET_FIELDS

log = logging.getLogger(__name__)

DEADLOCK_RETRIES = 5
# The new words of some articles into the vocabulary, in the unique index's own order ("C"),
# so that concurrent importers take the words' locks in one order.
WORDS_SQL = ("INSERT INTO mw_words (word) SELECT DISTINCT w COLLATE \"C\" FROM mw_articles a, "
             "unnest(tsvector_to_array(a.exact)) w WHERE a.seq = ANY(%s) "
             "ORDER BY 1 ON CONFLICT DO NOTHING")

_INSERT = ("INSERT INTO mw_articles (id, sha256, title, body, language, config, published, "
           "imported, doc) VALUES (%s, %s, %s, %s, %s, %s::regconfig, %s, %s, %s)")
_COLUMNS_SET = ("sha256 = EXCLUDED.sha256, title = EXCLUDED.title, body = EXCLUDED.body, "
                "language = EXCLUDED.language, config = EXCLUDED.config, "
                "published = EXCLUDED.published, imported = EXCLUDED.imported, doc = EXCLUDED.doc")


def _clean(text: str | None) -> str | None:
    # PostgreSQL text cannot hold NUL; a NUL in an article is never meaningful text
    return text.replace("\x00", "") if isinstance(text, str) else text


def _row(a: Article) -> tuple:
    from psycopg.types.json import Jsonb
    doc = a.to_json()
    title, body = _clean(doc.pop("title") or ""), _clean(doc.pop("body") or "")
    doc = {k: ([_clean(x) for x in v] if isinstance(v, list) else _clean(v)) for k, v in doc.items()}
    lang = (a.language or "").lower()
    return (a.id, a.sha256 or "", title, body, a.language,
            migrations.CONFIGS.get(lang, "simple"), a.published, a.imported, Jsonb(doc))


def _values(a: Article) -> Iterator[tuple[str, str, str]]:
    """(facet, key, display value) of an article, one per key. The country facet holds the
    countries the article is about (``Article.focus_countries``, as the local library counts
    them); ``country_all`` every country it names, for ``country:`` in queries."""
    for facet, (_, _, attr) in FACET_FIELDS.items():
        v = a.focus_countries() if facet == "country" else getattr(a, attr)
        yield from _facet_rows(facet, [v] if isinstance(v, str) else list(v or []))
    yield from _facet_rows("country_all", list(a.countries or []))


def _facet_rows(facet: str, values: list) -> Iterator[tuple[str, str, str]]:
    seen = set()
    for x in values:
        if not x or not str(x).strip():
            continue
        x = _clean(str(x))
        if facet == "language":
            x = x.lower()
        key = x.strip().lower()
        if key not in seen:
            seen.add(key)
            yield facet, key, x


class PgStore:
    def __init__(self, url: str, pool):
        self.url = url
        self.name = display_url(url)
        self.pool = pool
        self._closed = False

    # ------------------------------------------------------------------ open / close
    @classmethod
    def open(cls, url: str, create: bool = True) -> "PgStore":
        """Connect, apply the schema's migrations (creating the library when ``create``) and
        open a connection pool. Raises LibraryError with a sentence for the user."""
        import psycopg
        shown = display_url(url)
        conn = first_connection(url)
        try:
            enc = conn.execute("SHOW server_encoding").fetchone()[0]
            if enc.upper() not in ("UTF8", "UTF-8"):
                raise LibraryError(f"the database {shown} uses the encoding {enc}; a team "
                                   "library needs a UTF8 database")
            migrations.apply(conn, create, shown)
        except psycopg.errors.InsufficientPrivilege as e:
            raise LibraryError(f"the team library {shown} has no Mediawatch schema yet, and "
                               f"this role may not create it ({e.diag.message_primary}); ask "
                               "the library's owner to open it once") from None
        except psycopg.Error as e:
            raise LibraryError(f"the team library {shown} cannot be opened: "
                               f"{e.diag.message_primary or e}") from None
        finally:
            conn.close()
        return cls(url, make_pool(url))

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.pool.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @contextlib.contextmanager
    def _conn(self):
        with self.pool.connection() as conn:
            yield conn

    # ------------------------------------------------------------------ reading
    def count(self) -> int:
        with self._conn() as c:
            return c.execute("SELECT count(*) FROM mw_articles").fetchone()[0]

    def existing(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        with self._conn() as c:
            return {r[0] for r in c.execute("SELECT id FROM mw_articles WHERE id = ANY(%s)", (ids,))}

    def get(self, article_id: str) -> Article | None:
        got = self.get_many([article_id])
        return got[0] if got else None

    def get_many(self, ids: Iterable[str]) -> list[Article]:
        """The articles that exist, in the order asked."""
        ids = list(ids)
        if not ids:
            return []
        with self._conn() as c:
            rows = c.execute("SELECT id, title, body, doc FROM mw_articles WHERE id = ANY(%s)",
                             (ids,)).fetchall()
        found = {r[0]: article_from_row(r[1], r[2], r[3]) for r in rows}
        return [found[i] for i in ids if i in found]

    def iter_articles(self) -> Iterator[Article]:
        """Every article in index order, streamed (a server-side cursor, one snapshot)."""
        with self._conn() as c, c.transaction():
            with c.cursor(name="mw_iter") as cur:
                cur.itersize = 500
                cur.execute("SELECT title, body, doc FROM mw_articles ORDER BY seq")
                for title, body, doc in cur:
                    yield article_from_row(title, body, doc)

    # ------------------------------------------------------------------ search
    def _expander(self, conn):
        def expand(kind: str, value: str, distance: int) -> list:
            if kind == "tokens":            # the parser's, so pairs match mw_pairs' exactly
                return [(r[0], r[1]) for r in conn.execute(
                    "SELECT t.lexeme, p FROM unnest(to_tsvector('simple', %s)) t, "
                    "unnest(t.positions) p ORDER BY p", (value,))]
            if kind == "wildcard":
                sql = "SELECT word FROM mw_words WHERE word ~ %s ORDER BY word LIMIT %s"
                params = (wildcard_regex(value), 200)
            else:
                # fuzzy: at most ``distance`` edits, the first letter kept (as Whoosh's fuzzy
                # terms); candidates from pg_trgm's index (similar trigrams), and for short
                # words, whose trigrams say little, the words of about their length
                first = value[:1].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                sql = ("SELECT word FROM mw_words WHERE word LIKE %s AND (word %% %s OR "
                       "(length(%s) <= 5 AND length(word) BETWEEN %s AND %s)) AND "
                       "levenshtein_less_equal(word, %s, %s) <= %s ORDER BY word LIMIT %s")
                params = (first + "%", value, value, len(value) - distance, len(value) + distance,
                          value, distance, distance, 200)
            return [r[0] for r in conn.execute(sql, params)]
        return expand

    def condition_for(self, conn, query: str) -> Condition | None:
        return condition(query, self._expander(conn))

    def search(self, request: SearchRequest) -> SearchResult:
        """Raises model.QueryError for a malformed query."""
        import time
        t0 = time.perf_counter()
        with self._conn() as c, c.transaction():
            c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            c.execute(ss.SEARCH_SETTINGS)
            p = ss.plan(request, self.condition_for(c, request.query))
            result = self._counts(c, p, request)
            if result.total and request.limit > 0 and request.offset < result.total:
                result.hits = [self._hit(row) for row in self._page(c, p, request, result.total)]
        result.elapsed_ms = (time.perf_counter() - t0) * 1000
        return result

    @staticmethod
    def _page(c, p: ss.Plan, request: SearchRequest, total: int) -> list:
        """The page's rows: a broad relevance-sorted query tries the hits that score above 0
        first (ss.page_sql's lead_first); when they do not fill the page, every hit is ranked."""
        kw = {"body": False, "limit": max(0, request.limit), "offset": max(0, request.offset)}
        if ss.lead_first_applies(p, request, total):
            rows = c.execute(*ss.page_sql(p, request, lead_first=True, **kw)).fetchall()
            if len(rows) == kw["limit"]:
                return rows
        return c.execute(*ss.page_sql(p, request, **kw)).fetchall()

    def _counts(self, c, p: ss.Plan, request: SearchRequest) -> SearchResult:
        sql, params = ss.totals_sql(p)
        in_range, total = c.execute(sql, params).fetchone()
        result = SearchResult(request=request, total=int(in_range if total is None else total),
                              hits=[])
        facets: dict[str, list] = {f: [] for f in VALUE_FACETS} if request.facets else {}
        days: dict[dt.date, int] = {}
        if request.facets:
            result.facet_stride = ss.stride_for(int(in_range))
            sql, params = ss.counts_sql(p, request, result.facet_stride)
            for kind, value, n in c.execute(sql, params):
                if kind == "date":
                    if value is None:
                        result.no_date = int(n) * result.facet_stride
                    else:
                        days[dt.date.fromisoformat(value)] = int(n) * result.facet_stride
                else:
                    facets[kind].append((value, int(n)))
        if result.facet_stride > 1:                # a sample: scaled to the whole hit set
            facets = {f: [(v, n * result.facet_stride) for v, n in vals] for f, vals in facets.items()}
        for f in facets:                           # the local library's order exactly
            facets[f].sort(key=lambda vc: (-vc[1], vc[0]))
            del facets[f][max(0, request.facet_limit):]
        result.facets = facets
        if request.facets:
            result.date_bucket, result.facets["date"] = ss.histogram(days, request)
        return result

    @staticmethod
    def _hit(row) -> Hit:
        id_, title, _, doc, score, head, start, end = row
        a = article_from_row(title, "", doc)
        return Hit(id=id_, title=title, outlet=a.outlet, published=a.published,
                   language=a.language, score=float(score or 0.0),
                   snippet=_snippet(head, start, end, a.language),
                   persons=list(a.persons), countries=list(a.focus_countries()))

    def match_ids(self, request: SearchRequest, ids: Iterable[str]) -> set[str]:
        """Which of these ids match the request's query, filters and date range."""
        ids = list(ids)
        if not ids:
            return set()
        with self._conn() as c:
            p = ss.plan(request, self.condition_for(c, request.query))
            where, params = p.final()
            rows = c.execute(f"SELECT a.id FROM mw_articles a WHERE a.id = ANY(%s) AND {where}",
                             [ids] + params)
            return {r[0] for r in rows}

    def scan(self, request: SearchRequest):
        """Every hit in result order, in pages (see ``PgScan``); for exports. Raises QueryError."""
        from index.store.postgres.scan import PgScan
        return PgScan(self, request)

    # ------------------------------------------------------------------ writing
    @contextlib.contextmanager
    def _writing(self):
        """A write transaction; a role without write rights gets a sentence, not a traceback."""
        import psycopg
        try:
            with self._conn() as c, c.transaction():
                yield c
        except psycopg.errors.InsufficientPrivilege:
            raise LibraryError(f"you can search the team library {self.name} but not change "
                               "it: your database role has read-only access") from None

    def can_write(self) -> bool:
        """Whether this role may add, change and delete articles."""
        with self._conn() as c:
            return bool(c.execute("SELECT has_table_privilege('mw_articles', 'INSERT') AND "
                                  "has_table_privilege('mw_articles', 'DELETE')").fetchone()[0])

    def add(self, articles: Iterable[Article]) -> int:
        """Add new articles in one transaction; returns how many were new (an id already in
        the library, also one another analyst's import just added, is skipped)."""
        return self._write(list(articles), f"{_INSERT} ON CONFLICT (id) DO NOTHING RETURNING seq, id")

    def replace(self, articles: Iterable[Article]) -> int:
        """Update (or add) articles by id in one transaction."""
        return self._write(list(articles),
                           f"{_INSERT} ON CONFLICT (id) DO UPDATE SET {_COLUMNS_SET} RETURNING seq, id",
                           replace=True)

    def _write(self, articles: list[Article], sql: str, replace: bool = False) -> int:
        if not articles:
            return 0
        import psycopg
        # Two importers lock rows in one order (ids sorted here, words sorted in _write_once),
        # so they wait for each other rather than deadlock; the server may still pick one as
        # a deadlock victim (speculative inserts of a word both are adding): that transaction
        # is rolled back whole, and running it again is always right.
        by_id = {a.id: a for a in sorted(articles, key=lambda a: a.id)}
        for attempt in range(DEADLOCK_RETRIES):
            try:
                return self._write_once(by_id, sql, replace)
            except psycopg.errors.DeadlockDetected:
                if attempt == DEADLOCK_RETRIES - 1:
                    raise
                log.info("import batch was a deadlock victim; writing it again")
        return 0

    def _write_once(self, by_id: dict[str, Article], sql: str, replace: bool) -> int:
        with self._writing() as c:
            with c.cursor() as cur:
                cur.executemany(sql, [_row(a) for a in by_id.values()], returning=True)
                written: list[tuple[int, str]] = []
                while True:
                    written += cur.fetchall()
                    if not cur.nextset():
                        break
            seqs = [s for s, _ in written]
            if replace and seqs:
                c.execute("DELETE FROM mw_values WHERE seq = ANY(%s)", (seqs,))
            with c.cursor().copy("COPY mw_values (seq, facet, key, value) FROM STDIN") as cp:
                for seq, id_ in written:
                    for facet, key, value in _values(by_id[id_]):
                        cp.write_row((seq, facet, key, value))
            if seqs:
                c.execute(WORDS_SQL, (seqs,))
        return len(written)

    def delete(self, ids: Iterable[str]) -> int:
        ids = list(ids)
        if not ids:
            return 0
        with self._writing() as c:
            return c.execute("DELETE FROM mw_articles WHERE id = ANY(%s)", (ids,)).rowcount

    def optimize(self) -> None:
        """After a big import: the planner's statistics, and the visibility map that lets
        facet values be counted from their index alone (autovacuum does it too, later)."""
        with self._conn() as c:
            for table in ("mw_articles", "mw_values", "mw_words"):
                c.execute(f"VACUUM (ANALYZE) {table}")
