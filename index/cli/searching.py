"""``mediawatch search``: full-text search with facet filters, sorting, paging and facet counts."""
from __future__ import annotations

import datetime as dt
import sys

from ..model import FACETS, SORTS, QueryError, SearchRequest
from .common import add_command, print_json

_FACET_OPTIONS = (("person", "person"), ("country", "country"), ("outlet", "outlet"),
                  ("lang", "language"), ("agency", "agency"))
_FACET_NAMES = {**{f: f for f in FACETS}, "lang": "language"}


class UsageError(Exception):
    pass


QUERY_HELP = ("Query language: words are AND-ed; OR, NOT or -word, \"exact phrases\", \"phrase\"~N "
              "(words within N), wild*, fuzzy~, (parentheses); fields title: person: country: (code "
              "or name) outlet: lang: agency: and published:[2025-05-01 TO 2025-05-31].")


def register(sub) -> None:
    p = add_command(sub, "search", cmd_search,
                    "search the library with the query language, facet filters and facet counts",
                    description="Search the library: the best matches first, each with its id in "
                                "[brackets] for `show`, `similar` and `compare`.\n\n" + QUERY_HELP,
                    example=["mediawatch search 'ceasefire AND (Putin OR Zelensky)' --facets",
                             "mediawatch search '\"peace talks\"~3' --country RU --from 2025-05-01 --sort newest",
                             "mediawatch search --person \"Vladimir Putin\" --exclude outlet=TASS --json"])
    add_request_args(p, "query text; empty lists everything that matches the filters")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="how many matches to print")
    p.add_argument("--offset", type=int, default=0, metavar="N",
                   help="skip the first N matches (the next page: --offset 20)")
    p.add_argument("--facets", action="store_true",
                   help="print facet counts too: person, country, date, outlet, language, agency "
                        "(--json always has them)")
    from .exporting import add_export_args
    add_export_args(p)


def add_request_args(p, query_help: str) -> None:
    """The query and filter options shared by `search` and `saved add` (spelled the same)."""
    p.add_argument("query", nargs="?", default="", metavar="QUERY", help=query_help)
    for opt, facet in _FACET_OPTIONS:
        p.add_argument(f"--{opt}", dest=f"f_{facet}", action="append", default=[], metavar="VALUE",
                       help=f"only articles with this {facet}, as the facet counts spell it "
                            f"(repeat: any of them)")
    p.add_argument("--exclude", action="append", default=[], metavar="FACET=VALUE",
                   help="leave out articles with this value, e.g. --exclude country=RU (repeatable)")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="published on or after")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="published on or before")
    p.add_argument("--no-date", action="store_true", help="only articles without a date")
    p.add_argument("--sort", choices=SORTS, default="relevance", help="order of the matches")


def _day(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f'{option} "{value}" is not a date (use YYYY-MM-DD)') from None


def build_request(args) -> SearchRequest:
    excludes: dict[str, list[str]] = {}
    for item in args.exclude:
        facet, sep, value = item.partition("=")
        facet = _FACET_NAMES.get(facet.strip().lower())
        if not sep or not facet or not value.strip():
            raise UsageError(f'--exclude "{item}": use FACET=VALUE with FACET one of '
                             f'{", ".join(FACETS)}')
        excludes.setdefault(facet, []).append(value.strip())
    if args.limit < 0 or args.offset < 0:
        raise UsageError("--limit and --offset must not be negative")
    return SearchRequest(
        query=args.query or "",
        filters={f: getattr(args, f"f_{f}") for _, f in _FACET_OPTIONS if getattr(args, f"f_{f}")},
        excludes=excludes, date_from=_day(args.date_from, "--from"), date_to=_day(args.date_to, "--to"),
        no_date=args.no_date, sort=args.sort, limit=args.limit, offset=args.offset,
        facets=bool(args.facets or args.json))


def cmd_search(args, open_library) -> int:
    try:
        request = build_request(args)
    except UsageError as e:
        print(f"mediawatch search: {e}", file=sys.stderr)
        return 2
    library = open_library()
    try:
        from .exporting import run_search_export, wants_export
        if wants_export(args):
            return run_search_export(args, library, request)
        result = library.search(request)
    except QueryError as e:
        print(f"mediawatch search: {e}", file=sys.stderr)
        if e.position is not None and not args.json:
            print(f"  {request.query}\n  {' ' * e.position}^", file=sys.stderr)
        return 2
    finally:
        library.close()
    if args.json:
        out = result.to_json()
        out["facets"] = {f: [[v, n] for v, n in result.facets.get(f, [])] for f in FACETS}
        print_json(out)
        return 0
    if not result.total:
        print(f"mediawatch search: {_nothing(request)}", file=sys.stderr)
        return 0
    if not result.hits and request.limit:
        print(f"mediawatch search: no matches on this page: {result.total} in all, "
              f"--offset {request.offset} is past the last", file=sys.stderr)
    _print_text(result, args.facets, sys.stdout.isatty())
    return 0


def _nothing(request: SearchRequest) -> str:
    """What was asked, so that "none" reads as an answer to it."""
    said = [f"“{request.query}”"] if request.query else []
    said += [f"{f}={'|'.join(v)}" for f, v in request.filters.items() if v]
    said += [f"not {f}={'|'.join(v)}" for f, v in request.excludes.items() if v]
    if request.date_from or request.date_to:
        said.append(f"published {request.date_from or '…'} to {request.date_to or '…'}")
    if request.no_date:
        said.append("without a date")
    return "no matches for " + " ".join(said) if said else "no articles in the library yet " \
        "(import some with `mediawatch import PATH`, or `mediawatch import --samples`)"


def _print_text(result, with_facets: bool, tty: bool) -> None:
    req = result.request
    shown = f"{req.offset + 1}-{req.offset + len(result.hits)} of " if result.hits else ""
    print(f"{shown}{result.total} articles ({result.elapsed_ms:.0f} ms)")
    for k, h in enumerate(result.hits, start=req.offset + 1):
        meta = " · ".join(x for x in (h.published.isoformat() if h.published else "no date",
                                      h.outlet or "", h.language or "") if x)
        print(f"\n{k}. {h.title}\n   {meta}  [{h.id}]")
        if h.snippet:
            snippet = h.snippet
            if tty:     # bold instead of the [[ ]] markers on a terminal
                snippet = snippet.replace("[[", "\033[1m").replace("]]", "\033[0m")
            print(f"   {snippet}")
    if with_facets:
        if result.facets_estimated:
            print(f"\n(facet and date counts estimated from 1 in {result.facet_stride} hits; "
                  "the total is exact)")
        for facet in FACETS:
            values = result.facets.get(facet, [])
            title = facet + (f" (by {result.date_bucket})" if facet == "date" and result.date_bucket else "")
            print(f"\n{title}:")
            for v, n in values[:15]:
                print(f"  {n:6d}  {v}")
            if facet == "date" and result.no_date:
                print(f"  {result.no_date:6d}  (no date)")
            if len(values) > 15:
                print(f"     ...  {len(values) - 15} more")
