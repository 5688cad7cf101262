"""The team library's access roles, as PostgreSQL roles (group roles without login).

- ``mediawatch_reader``: searches and reads everything; keeps saved searches and alerts
  (creates, renames, watches them, marks alerts read); cannot import, delete or retag: the
  server refuses, and the library says so in a sentence (``PgStore._writing``, ``PgState``).
- ``mediawatch_analyst``: also imports, retags and deletes.
Analysts log in as their own database users, members of one of the two (``grant``). Run by
the library's owner (``mediawatch library roles``), after which new tables get the same rights.
"""
from __future__ import annotations

from index.errors import LibraryError

READER, ANALYST = "mediawatch_reader", "mediawatch_analyst"
ROLES = {"reader": READER, "analyst": ANALYST}
# What a reader may change: their own saved searches and alerts.
READER_WRITES = ("saved_searches", "saved_arrivals", "alerts")


def create_roles(store) -> None:
    with store.pool.connection() as c, c.transaction():
        db = c.execute("SELECT current_database()").fetchone()[0]
        for role in (READER, ANALYST):
            c.execute(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') "
                      f"THEN CREATE ROLE {role} NOLOGIN; END IF; END $$")
            c.execute(f'GRANT CONNECT ON DATABASE "{db}" TO {role}')
            c.execute(f"GRANT USAGE ON SCHEMA public TO {role}")
            c.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
            c.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {role}")
        c.execute(f"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {ANALYST}")
        c.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT INSERT, UPDATE, DELETE ON "
                  f"TABLES TO {ANALYST}")
        c.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {ANALYST}")
        for table in READER_WRITES:
            c.execute(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {READER}")


# Saved searches per analyst (row-level security, forced, so the tables' owner is scoped too;
# a superuser, the server's administrator, sees everything): an analyst sees their own and the
# shared ones and changes only their own; alerts and arrivals are the owner's alone (a shared
# search is for opening; to be alerted, an analyst saves it under a name of their own).
# An import's alert matching must see every analyst's watched searches: the state sets
# ``mediawatch.scope = all`` while it writes for an import (``PgState.all_scope``), and only a
# role that may import (INSERT on mw_articles) is let through by it, so a read-only analyst who
# sets the variable by hand still sees only their own and the shared searches.
PERSONAL_VERSION = "2"          # mw_meta 'saved_searches_personal': the policies below
_PERSONAL = """
CREATE OR REPLACE FUNCTION mw_sees_all() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('mediawatch.scope', true), '') = 'all'
       AND has_table_privilege('mw_articles', 'INSERT') $$;
ALTER TABLE saved_searches ADD COLUMN IF NOT EXISTS owner text NOT NULL DEFAULT current_user;
ALTER TABLE saved_searches ADD COLUMN IF NOT EXISTS shared bigint NOT NULL DEFAULT 0;
ALTER TABLE saved_searches DROP CONSTRAINT IF EXISTS saved_searches_name_key;
CREATE UNIQUE INDEX IF NOT EXISTS saved_searches_owner_name ON saved_searches (owner, lower(name));
ALTER TABLE saved_searches ENABLE ROW LEVEL SECURITY;
ALTER TABLE saved_searches FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS mw_seen ON saved_searches;
CREATE POLICY mw_seen ON saved_searches FOR SELECT USING (owner = current_user OR shared = 1
    OR mw_sees_all());
DROP POLICY IF EXISTS mw_own ON saved_searches;
CREATE POLICY mw_own ON saved_searches FOR ALL USING (owner = current_user)
    WITH CHECK (owner = current_user);
"""
_FOLLOWS = """
ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;
ALTER TABLE {t} FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS mw_follow ON {t};
CREATE POLICY mw_follow ON {t} FOR ALL
    USING (mw_sees_all() OR search_id IN (SELECT id FROM saved_searches WHERE owner = current_user))
    WITH CHECK (mw_sees_all() OR search_id IN (SELECT id FROM saved_searches WHERE owner = current_user));
"""


def personal_saved_searches(store) -> None:
    """Turn on saved searches per analyst (the tables exist: ``alerts.schema.ensure``). Run by
    the tables' owner; recorded in ``mw_meta``, so it is done once per library."""
    with store.pool.connection() as c, c.transaction():
        c.execute(_PERSONAL)
        for table in ("alerts", "saved_arrivals"):
            c.execute(_FOLLOWS.format(t=table))
        c.execute("INSERT INTO mw_meta (key, value) VALUES ('saved_searches_personal', %s) "
                  "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", (PERSONAL_VERSION,))


def ensure_personal(state, store) -> bool:
    """On opening: saved searches per analyst from the start (not only after ``library roles``).
    Returns whether they are. The owner of the tables turns it on; another role finds it on,
    or (a library the owner has not opened since this version) keeps the shared list."""
    import psycopg
    from index.alerts import schema
    with store.pool.connection() as c:
        row = c.execute("SELECT value FROM mw_meta WHERE key = 'saved_searches_personal'").fetchone()
        if row and row[0] == PERSONAL_VERSION:
            return True
        owns = c.execute("SELECT to_regclass('saved_searches') IS NULL OR pg_has_role("
                         "(SELECT relowner FROM pg_class WHERE oid = to_regclass('saved_searches')),"
                         " 'USAGE')").fetchone()[0]
    if not owns:
        return bool(row)
    try:
        schema.ensure(state)
        personal_saved_searches(store)
    except psycopg.errors.InsufficientPrivilege:     # e.g. may not create the function
        return bool(row)
    return True


def grant(store, user: str, kind: str) -> None:
    role = ROLES.get(kind.lower())
    if role is None:
        raise LibraryError(f'unknown role "{kind}" (use reader or analyst)')
    import psycopg
    from psycopg import sql
    with store.pool.connection() as c:
        try:
            c.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(role), sql.Identifier(user)))
        except psycopg.errors.UndefinedObject:
            raise LibraryError(f'there is no database user "{user}" (create it first: '
                               f'CREATE ROLE "{user}" LOGIN)') from None
