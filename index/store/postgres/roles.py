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
