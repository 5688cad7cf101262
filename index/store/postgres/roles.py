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


# Saved searches per analyst (row-level security): an analyst sees their own and the shared
# ones, and changes only their own; alerts and arrivals follow their saved search. An import's
# alert matching must see every analyst's watched searches: the state sets
# ``mediawatch.scope = all`` while it writes for an import (``PgState.all_scope``). This keeps
# analysts' lists apart; it is not secrecy from a user who sets that variable by hand.
_PERSONAL = """
ALTER TABLE saved_searches ADD COLUMN IF NOT EXISTS owner text NOT NULL DEFAULT current_user;
ALTER TABLE saved_searches ADD COLUMN IF NOT EXISTS shared bigint NOT NULL DEFAULT 0;
ALTER TABLE saved_searches DROP CONSTRAINT IF EXISTS saved_searches_name_key;
CREATE UNIQUE INDEX IF NOT EXISTS saved_searches_owner_name ON saved_searches (owner, lower(name));
ALTER TABLE saved_searches ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS mw_seen ON saved_searches;
CREATE POLICY mw_seen ON saved_searches FOR SELECT USING (owner = current_user OR shared = 1
    OR current_setting('mediawatch.scope', true) = 'all');
DROP POLICY IF EXISTS mw_own ON saved_searches;
CREATE POLICY mw_own ON saved_searches FOR ALL USING (owner = current_user)
    WITH CHECK (owner = current_user);
"""
_FOLLOWS = """
ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS mw_follow ON {t};
CREATE POLICY mw_follow ON {t} FOR ALL USING (search_id IN (SELECT id FROM saved_searches))
    WITH CHECK (search_id IN (SELECT id FROM saved_searches));
"""


def personal_saved_searches(store) -> None:
    """Turn on saved searches per analyst (the tables exist: ``library_copy.ensure_schemas``)."""
    with store.pool.connection() as c, c.transaction():
        c.execute(_PERSONAL)
        for table in ("alerts", "saved_arrivals"):
            c.execute(_FOLLOWS.format(t=table))


def share(state, name: str, shared: bool = True) -> bool:
    """Share one of your saved searches with the team (or stop sharing it)."""
    cur = state.execute("UPDATE saved_searches SET shared = ? WHERE lower(name) = lower(?) "
                        "AND owner = current_user", (int(shared), name))
    return cur.rowcount > 0


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
