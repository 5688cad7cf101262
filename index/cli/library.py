"""``library``: moving a library between a folder and a team library (PostgreSQL).

``mediawatch library copy SRC DST``: SRC and DST are each a library folder or a
``postgresql://`` address; the copy is lossless and resumable (``index.library_copy``).
``mediawatch library roles ADDRESS``: the team library's read-only and analyst roles.
"""
from __future__ import annotations

import sys

from .common import add_actions, add_command, ctrl_c_cancels, drain, print_json


def register(sub) -> None:
    p = add_command(sub, "library", _info, "copy a library between a folder and a team library (PostgreSQL)",
                    description="Team libraries live on a PostgreSQL server and are opened with "
                                "`--library postgresql://user@host/db` (passwords from ~/.pgpass, a "
                                "service file, PGPASSWORD or a prompt; sslmode=... is honoured). "
                                "Without an action: what the chosen library is.",
                    example=["mediawatch library copy ~/Mediawatch postgresql://ann@news-db/desk",
                             "mediawatch library copy postgresql://ann@news-db/desk ~/desk-copy"])
    sa = add_actions(p, "library_cmd", "describe the library chosen by --library")
    c = add_command(sa, "copy", _copy, "copy every article, story, saved search, alert and "
                    "correction from SRC into DST (resumable: run it again after an interruption)",
                    example="mediawatch library copy ~/Mediawatch postgresql://ann@news-db/desk")
    c.add_argument("src", metavar="SRC", help="a library folder or a postgresql:// address")
    c.add_argument("dst", metavar="DST", help="a library folder or a postgresql:// address "
                   "(created when missing)")
    c.add_argument("--quiet", "-q", action="store_true", help="no progress line")
    r = add_command(sa, "roles", _roles, "create the team library's roles: mediawatch_reader "
                    "(search, own saved searches) and mediawatch_analyst (also import, retag); "
                    "saved searches become per analyst (own and shared ones)",
                    example="mediawatch library roles --library postgresql://admin@news-db/desk")
    r.add_argument("--grant", nargs=2, action="append", default=[], metavar=("USER", "ROLE"),
                   help="also grant ROLE (reader or analyst) to an existing database user")


def _info(args, open_library) -> int:
    library = open_library(create=False)
    try:
        info = {"library": library.name, "team": library.is_team, "articles": library.count()}
    finally:
        library.close()
    if args.json:
        print_json(info)
    else:
        kind = "team library (PostgreSQL)" if info["team"] else "local library"
        print(f"{info['library']}: {kind}, {info['articles']:,} articles")
    return 0


def _copy(args, open_library) -> int:
    from ..library_copy import copy_library, report_json
    show = not args.json and not args.quiet and sys.stderr.isatty()

    def line(prog) -> str:
        return f"{prog.phase}: {prog.done:,}/{prog.total:,} {prog.table or prog.phase:<20}"
    with ctrl_c_cancels() as cancel:
        report = drain(copy_library(args.src, args.dst, cancel), line if show else None)
    if args.json:
        print_json(report_json(report))
    else:
        state = sum(report.rows.values())
        print(f"copied {report.articles:,} articles ({report.skipped:,} were already there) and "
              f"{state:,} rows of stories, saved searches, alerts and logs"
              + (" — interrupted: run the same command again to finish" if report.cancelled else ""))
    return 130 if report.cancelled else 0


def _roles(args, open_library) -> int:
    from ..errors import LibraryError
    library = open_library(create=False)
    try:
        if not library.is_team:
            raise LibraryError("roles are for team libraries (--library postgresql://...)")
        from ..library_copy import ensure_schemas
        from ..store.postgres.roles import create_roles, grant, personal_saved_searches
        ensure_schemas(library.state)           # every table exists before rights are granted
        create_roles(library.store)
        personal_saved_searches(library.store)
        for user, role in args.grant:
            grant(library.store, user, role)
    finally:
        library.close()
    print("roles mediawatch_reader and mediawatch_analyst are ready"
          + "".join(f"; {u} is {r}" for u, r in args.grant))
    return 0
