"""The team library's schema, as numbered migrations applied in order when a library is opened.

``mw_schema`` records the versions applied. Each migration runs in its own transaction under an
advisory lock, so two analysts opening a new library at the same moment do not both create it.
A database whose version is newer than this program knows is refused (an older Mediawatch must
not write into a schema it does not understand).

Design (docs/scaling.md says why it scales):
- ``mw_articles``: one row per article. ``seq`` (identity) is the join key and the tie order
  ("index order"); ``id`` (from the content hash) is unique, so concurrent imports of the same
  file meet in ``ON CONFLICT (id) DO NOTHING``. ``tsv`` is title (weight A) and body (D) under
  the article's own text-search configuration, ``exact`` the unstemmed words (phrases,
  wildcards); both are generated columns with GIN indexes. ``doc`` holds the other Article
  fields as JSON for an exact round trip.
- ``mw_values``: the facet values (person, country, outlet, language, agency) one row each,
  with the display value, a lower-case key for selections and its words for ``person:putin``.
  Facet counts are ``GROUP BY value`` over it.
- ``mw_words``: the library's vocabulary with a trigram index: fuzzy terms and wildcards are
  expanded against it (``pg_trgm``, ``fuzzystrmatch``), as Whoosh expands them against its terms.
- ``mw_english`` ... ``mw_spanish``: copies of PostgreSQL's configurations whose Snowball
  dictionaries keep stop words, so "US" and "IT" are words (as in the local library).
"""
from __future__ import annotations

from index.errors import LibraryError

LOCK_KEY = 0x6D77_0001          # pg_advisory_xact_lock key for migrations ("mw" 1)

# PostgreSQL configuration per language code; other languages use ``simple``.
CONFIGS = {"en": "mw_english", "ru": "mw_russian", "de": "mw_german", "fr": "mw_french",
           "es": "mw_spanish"}

_WORD_TYPES = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"


def _config_sql(lang: str, name: str) -> str:
    base = {"mw_english": "english", "mw_russian": "russian", "mw_german": "german",
            "mw_french": "french", "mw_spanish": "spanish"}[name]
    ascii_dict = "mw_english_stem" if base == "russian" else f"{name}_stem"
    sql = f"""
CREATE TEXT SEARCH DICTIONARY {name}_stem (TEMPLATE = snowball, Language = {base});
CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {base});
ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR word, hword, hword_part WITH {name}_stem;
ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR asciiword, asciihword, hword_asciipart
    WITH {ascii_dict};
"""
    return sql


_V1_TABLES = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

CREATE TABLE mw_meta (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE mw_articles (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text NOT NULL UNIQUE,
    sha256 text NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    language text,
    config regconfig NOT NULL,
    published date,
    imported timestamp,
    doc jsonb NOT NULL,
    tsv tsvector GENERATED ALWAYS AS
        (setweight(to_tsvector(config, title), 'A') || setweight(to_tsvector(config, body), 'D')) STORED,
    exact tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title || E'\\n' || body)) STORED
);
CREATE INDEX mw_articles_tsv ON mw_articles USING gin (tsv);
CREATE INDEX mw_articles_exact ON mw_articles USING gin (exact);
CREATE INDEX mw_articles_published ON mw_articles (published, seq);
CREATE INDEX mw_articles_sha256 ON mw_articles (sha256);

CREATE TABLE mw_values (
    seq bigint NOT NULL REFERENCES mw_articles (seq) ON DELETE CASCADE,
    facet text NOT NULL,
    key text NOT NULL,
    value text NOT NULL,
    words tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, value)) STORED,
    PRIMARY KEY (facet, key, seq)
);
CREATE INDEX mw_values_seq ON mw_values (seq);
CREATE INDEX mw_values_words ON mw_values USING gin (words);

CREATE TABLE mw_words (word text COLLATE "C" PRIMARY KEY);
CREATE INDEX mw_words_trgm ON mw_words USING gin (word gin_trgm_ops);

-- A bare query word in every configuration at once (each article's tsv holds the stems of its
-- own language): the word matches when any language's stem of it is in the article.
CREATE FUNCTION mw_query(words text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT plainto_tsquery('mw_english', words) || plainto_tsquery('mw_russian', words)
        || plainto_tsquery('mw_german', words) || plainto_tsquery('mw_french', words)
        || plainto_tsquery('mw_spanish', words) || plainto_tsquery('simple', words) $$;
"""


def _v1() -> str:
    # the configurations first: mw_query names them
    return "".join(_config_sql(lang, name) for lang, name in CONFIGS.items()) + _V1_TABLES


# 2: every open window hears of new, changed and deleted articles at commit (notify.py)
_V2_NOTIFY = """
CREATE FUNCTION mw_notify_articles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mw_articles', lower(TG_OP));
    RETURN NULL;
END $$;
CREATE TRIGGER mw_articles_notify AFTER INSERT OR UPDATE OR DELETE ON mw_articles
    FOR EACH STATEMENT EXECUTE FUNCTION mw_notify_articles();
"""

# 3: searches that never read the big text vectors of the hits they count. ``lead`` (title and
# the body's first 400 characters, small enough to be stored inline) ranks hits: reading every
# hit's whole ``tsv`` for ts_rank cost most of a broad search. Facet values are read by article
# (an index-only scan per hit set) instead of scanning a whole facet.
_V3_LEAD = """
ALTER TABLE mw_articles ADD COLUMN lead tsvector GENERATED ALWAYS AS
    (setweight(to_tsvector(config, title), 'A') || setweight(to_tsvector(config, left(body, 400)), 'B')) STORED;
CREATE INDEX mw_values_by_article ON mw_values (seq, facet) INCLUDE (value);
DROP INDEX mw_values_seq;
"""

# 4: phrases answered by an index. GIN keeps no positions, so ``exact @@ 'a' <-> 'b'`` finds the
# articles with both words in the index and then reads every candidate's whole ``exact`` vector
# (out of line, TOAST) to check the positions: for "the government" that is most of the library.
# ``pairs`` holds each two neighbouring words as one lexeme ('the government'), from the same
# parser and positions as ``exact``, so a two-word phrase is one GIN lookup with no recheck, and
# a longer one ANDs its pairs in the index and checks positions only for the few articles that
# have all of them (the local library's word pairs do the same: index/store/bigrams.py). Words
# of 100 characters or more make no pairs, nor words past the parser's last position (16383,
# where it piles up every later word): a tsvector is limited to 1 MB.
_V4_PAIRS = """
CREATE FUNCTION mw_pairs(doc text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH w AS (SELECT t.lexeme, p FROM unnest(to_tsvector('simple', doc)) t, unnest(t.positions) p
               WHERE length(t.lexeme) < 100 AND p < 16383)
    SELECT coalesce(array_to_tsvector(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme)), ''::tsvector)
    FROM w a JOIN w b ON b.p = a.p + 1 $$;
ALTER TABLE mw_articles ADD COLUMN pairs tsvector GENERATED ALWAYS AS
    (mw_pairs(title || E'\\n' || body)) STORED;
CREATE INDEX mw_articles_pairs ON mw_articles USING gin (pairs);
"""

# 5: the newest articles first straight from an index. Results sorted by date (every empty
# query, and the "newest" sort) are ``ORDER BY published DESC NULLS LAST, seq``, which the
# (published, seq) index cannot give (read backwards it puts undated articles first and ties
# in reverse), so a page of 20 sorted every hit. With this index the page reads its 20 rows
# in order and stops.
_V5_NEWEST = """
CREATE INDEX mw_articles_newest ON mw_articles (published DESC NULLS LAST, seq);
"""

# 6: a sample of a broad query's hits read from an index. The facet counts of a query with
# more hits than search_sql.FACET_SAMPLE_HITS count every Nth article (N a power of two).
# ``seq % N = 0`` would still read every hit's row to test it; ``mw_sample(seq)``, the low 16
# bits of ``seq`` reversed, turns it into a range: seq is a multiple of 2^k exactly when its
# low k bits are 0, that is when mw_sample(seq) < 2^(16-k). Its index gives the sample as a
# bitmap that PostgreSQL ANDs with the query's GIN bitmap, so only the sampled hits are read.
_V6_SAMPLE = """
CREATE FUNCTION mw_sample(seq bigint) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (""" + " + ".join(f"(((seq >> {i}) & 1) << {15 - i})" for i in range(16)) + """)::int $$;
CREATE INDEX mw_articles_sample ON mw_articles (mw_sample(seq));
"""

# 7: the page of a broad query sorted by relevance ranks only the hits whose ``lead`` has a
# word of the query. Relevance is ts_rank over ``lead``; a lead without any of the query's
# words scores the least a lead can (0, or 1e-20 for an AND or a phrase), so the top of the
# order is the hits whose lead has one (search_sql.page_sql, lead_first), and the GIN index on
# ``lead``, ANDed with the query's own, finds them without reading the other hits. ``mw_any(q)``
# is every lexeme of ``q`` OR-ed (operators, phrase distances and weights dropped, prefixes
# kept): looser than ``q``. OR REPLACE and IF NOT EXISTS: on a big library the administrator
# may build the index ahead with CREATE INDEX CONCURRENTLY (imports go on meanwhile), and the
# migration then only records it.
_V7_LEAD_INDEX = """
CREATE OR REPLACE FUNCTION mw_any(q tsquery) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT coalesce(string_agg('''' || m[1] || '''' ||
                               CASE WHEN m[2] LIKE '%*%' THEN ':*' ELSE '' END, ' | '), '')::tsquery
    FROM regexp_matches(q::text, '''((?:[^'']|'''')*)''(:[*A-D]*)?', 'g') m $$;
CREATE INDEX IF NOT EXISTS mw_articles_lead ON mw_articles USING gin (lead);
"""

# version -> SQL. Append only: a released migration is never edited.
MIGRATIONS: dict[int, str] = {1: _v1(), 2: _V2_NOTIFY, 3: _V3_LEAD, 4: _V4_PAIRS, 5: _V5_NEWEST,
                              6: _V6_SAMPLE, 7: _V7_LEAD_INDEX}
LATEST = max(MIGRATIONS)


def current_version(conn) -> int | None:
    """The schema version of the database; None when it holds no Mediawatch library."""
    row = conn.execute("SELECT to_regclass('mw_schema') IS NOT NULL").fetchone()
    if not row[0]:
        return None
    row = conn.execute("SELECT max(version) FROM mw_schema").fetchone()
    return row[0]


def apply(conn, create: bool, name: str) -> int:
    """Bring the schema up to LATEST; returns the version. ``conn`` is in autocommit mode."""
    version = current_version(conn)
    if version is None and not create:
        raise LibraryError(f"there is no Mediawatch library in the database {name}")
    if version is not None and version > LATEST:
        raise LibraryError(
            f"the team library {name} was made by a newer Mediawatch (schema {version}; this "
            f"version knows schema {LATEST}). Update Mediawatch to open it.")
    if version == LATEST:
        return version
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
        conn.execute("CREATE TABLE IF NOT EXISTS mw_schema (version int PRIMARY KEY, "
                     "applied timestamptz NOT NULL DEFAULT now())")
        done = conn.execute("SELECT coalesce(max(version), 0) FROM mw_schema").fetchone()[0]
        for v in sorted(MIGRATIONS):
            if v > done:
                conn.execute(MIGRATIONS[v])
                conn.execute("INSERT INTO mw_schema (version) VALUES (%s)", (v,))
    return LATEST
