"""Exports on the command line: ``search ... --export FILE [--format F] [--export-facets FILE]``
and ``saved briefing NAME --since DATE --out FILE``.

Hooked into ``search`` (searching.py) and ``saved`` (alerts.py) by one call each, so those
modules keep their own shape. Progress goes to stderr on a terminal; Ctrl-C stops an export
and leaves no file behind.
"""
from __future__ import annotations

import datetime as dt
import sys

from ..export import FORMATS, ExportError
from .common import add_command, print_json


def add_export_args(p) -> None:
    g = p.add_argument_group("export")
    g.add_argument("--export", metavar="FILE",
                   help="write every matching article (not only --limit) to FILE: .csv, .jsonl or .xlsx")
    g.add_argument("--format", choices=FORMATS, help="format of --export (default: from the extension)")
    g.add_argument("--export-facets", metavar="FILE",
                   help="write the facet counts (every value, and the dates) to FILE as CSV")


def wants_export(args) -> bool:
    return bool(getattr(args, "export", None) or getattr(args, "export_facets", None))


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\rexporting {done:,} of {total:,} articles")
        sys.stderr.flush()


def run_search_export(args, library, request) -> int:
    """Handle --export / --export-facets for `search` (the library is open; caller closes it)."""
    from ..export.facets import export_facets
    from ..export.results import export_results
    out: dict = {}
    if args.export:
        gen = export_results(library, request, args.export, args.format)
        report = None
        try:
            while True:
                try:
                    p = next(gen)
                except StopIteration as stop:
                    report = stop.value
                    break
                _progress(p.done, p.total)
        except KeyboardInterrupt:
            gen.close()                    # removes the partial file
            if sys.stderr.isatty():
                sys.stderr.write("\n")
            print(f"mediawatch search: export cancelled; {args.export} was not written", file=sys.stderr)
            return 130
        if sys.stderr.isatty():
            sys.stderr.write("\r\033[K")
        out["export"] = report.to_json()
        if not args.json:
            print(report.summary(), file=sys.stderr)
    if args.export_facets:
        rows, result = export_facets(library, request, args.export_facets)
        out["facets"] = {"path": args.export_facets, "rows": rows, "total": result.total}
        if not args.json:
            print(f"Wrote {rows:,} facet counts of {result.total:,} articles to {args.export_facets}.",
                  file=sys.stderr)
    if args.json:
        print_json(out)
    return 0


# ---------------------------------------------------------------- saved briefing

def _briefing(args, open_library) -> int:
    from ..alerts import saved
    from ..export.digest import build_digest, write_digest
    try:
        since = dt.date.fromisoformat(args.since)
    except ValueError:
        raise ExportError(f'--since "{args.since}" is not a date (use YYYY-MM-DD)') from None
    with open_library() as lib:
        s = saved.get(lib.state, args.name)
        digest = build_digest(lib, s.request, since, name=s.name, basis=args.by, limit=args.limit)
        path = write_digest(args.out, digest)
    if args.json:
        print_json({"path": str(path), "new": digest.total, "shown": digest.shown,
                    "stories": len(digest.stories)})
    else:
        k = len(digest.stories)
        print(f"Briefing of “{s.name}”: {digest.total:,} new match{'es' if digest.total != 1 else ''}"
              f" in {k:,} stor{'ies' if k != 1 else 'y'} → {path}", file=sys.stderr)
    return 0


def add_briefing_command(saved_sub) -> None:
    b = add_command(saved_sub, "briefing", _briefing,
                    "write a briefing of a saved search: its new matches since a date, grouped by "
                    "story, with citations (HTML; PDF with the mediawatch command)",
                    example=["mediawatch saved briefing ceasefire --since 2025-05-12 --out briefing.html",
                             "mediawatch saved briefing ceasefire --since 2025-05-12 --by imported --out week.pdf"])
    b.add_argument("name", metavar="NAME", help="the saved search (names: `mediawatch saved list`)")
    b.add_argument("--since", required=True, metavar="YYYY-MM-DD", help="new on or after this day")
    b.add_argument("--by", choices=("published", "imported"), default="published",
                   help="new by publication day (undated: by import) or by import day")
    b.add_argument("--out", required=True, metavar="FILE", help="FILE.html or FILE.pdf")
    b.add_argument("--limit", type=int, default=500, metavar="N", help="at most N articles (newest first)")
