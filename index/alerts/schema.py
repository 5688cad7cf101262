"""SQLite tables for saved searches, alerts and watch folders (in the library's state database).

``UNIQUE(search_id, article_id)`` is what makes an alert fire exactly once: re-imports, restarts
and retags can only ever hit ``INSERT OR IGNORE``.
"""
from __future__ import annotations

SCHEMA = """
CREATE TABLE IF NOT EXISTS saved_searches (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    request TEXT NOT NULL,              -- SearchRequest.to_json()
    watched INTEGER NOT NULL DEFAULT 0,
    muted INTEGER NOT NULL DEFAULT 0,
    snoozed_until TEXT,                 -- UTC stamp; alerts are kept but hidden until then
    last_seen TEXT NOT NULL,            -- "new since you last looked" counts from here
    created TEXT NOT NULL,
    baseline TEXT NOT NULL              -- only articles imported after this can alert
);
-- Matching articles that arrived after the search was saved, for the "new" count of any
-- saved search (watched or not). Pruned when the analyst looks at the search.
CREATE TABLE IF NOT EXISTS saved_arrivals (
    search_id INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    arrived TEXT NOT NULL,
    PRIMARY KEY (search_id, article_id)
);
CREATE TABLE IF NOT EXISTS alerts (
    id INTEGER PRIMARY KEY,
    search_id INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    outlet TEXT,
    published TEXT,
    created TEXT NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    copy_group TEXT,                    -- the article this copy was grouped with, if any
    lead_id INTEGER,                    -- NULL: shown in the inbox; else the alert it is a copy of
    UNIQUE (search_id, article_id)
);
CREATE INDEX IF NOT EXISTS alerts_lead ON alerts (lead_id, read);
CREATE INDEX IF NOT EXISTS alerts_article ON alerts (article_id);
CREATE TABLE IF NOT EXISTS watch_folders (
    path TEXT PRIMARY KEY,
    added TEXT NOT NULL
);
-- Files a watch folder has already handed to the importer (or failed on), so a restart or a
-- cron scan never imports the same unchanged file twice.
CREATE TABLE IF NOT EXISTS watch_files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    sha256 TEXT NOT NULL,
    seen TEXT NOT NULL
);
"""


def ensure(state) -> None:
    """Create the tables once per process (State.ensure remembers what it has run)."""
    state.ensure("alerts.v1", SCHEMA)
