"""`mediawatch saved ...`, `mediawatch alerts ...`, `mediawatch watch-folder ...`."""
from __future__ import annotations

import argparse
import datetime as dt
import sys

from ..alerts import folders, inbox, saved
from ..alerts.folders import FolderScanner
from ..errors import LibraryError
from ..model import QueryError, SearchRequest
from .common import add_actions, add_command, print_json
from .helptext import ALERT_ID_HELP


def _add_request_args(p: argparse.ArgumentParser) -> None:
    from .searching import add_request_args
    add_request_args(p, "query text (as in `mediawatch search`); empty: the filters alone")
    p.set_defaults(limit=50, offset=0, facets=False)


def _request(args) -> SearchRequest:
    from .searching import UsageError, build_request
    try:
        request = build_request(args)
    except UsageError as e:
        raise LibraryError(str(e)) from None
    request.limit, request.facets = 50, True      # what the window asks for when it is opened
    return request


def _total(library, request: SearchRequest) -> int | None:
    req = SearchRequest.from_json({**request.to_json(), "limit": 0, "offset": 0,
                                   "facets": False, "snippets": False})
    try:
        return library.search(req).total
    except ValueError:      # QueryError: the stored query no longer parses
        return None


# ---------------------------------------------------------------- saved

def _saved_add(args, open_library) -> int:
    with open_library() as lib:
        request = _request(args)
        if request.query:   # refuse a query that does not parse, with the parser's reason
            try:
                lib.search(SearchRequest.from_json({**request.to_json(), "limit": 0, "facets": False}))
            except QueryError as e:
                raise LibraryError(f"the query does not parse: {e}") from None
        s = saved.add(lib.state, args.name, request, watched=args.watch)
        if args.json:
            print_json(s.to_json())
        else:
            print(f"saved “{s.name}”" + (" (watched)" if s.watched else ""))
    return 0


def _describe(r: SearchRequest) -> str:
    parts = [r.query] if r.query else []
    parts += [f"{f}={'|'.join(v)}" for f, v in r.filters.items() if v]
    parts += [f"not {f}={'|'.join(v)}" for f, v in r.excludes.items() if v]
    if r.date_from or r.date_to:
        parts.append(f"{r.date_from or ''}..{r.date_to or ''}")
    return " ".join(parts) or "(everything)"


def _saved_list(args, open_library) -> int:
    with open_library() as lib:
        searches = saved.list_saved(lib.state)
        totals = {s.id: _total(lib, s.request) for s in searches}
    if args.json:
        print_json([{**s.to_json(), "total": totals[s.id]} for s in searches])
        return 0
    if not searches:
        print("mediawatch saved: no saved searches (save one with `mediawatch saved add NAME QUERY`)",
              file=sys.stderr)
    for s in searches:
        flags = [f for f, on in (("watched", s.watched), ("muted", s.muted), ("snoozed", s.snoozed()),
                                 ("shared", s.shared and s.mine)) if on]
        total = totals[s.id]
        print(f"{s.label()}\t{total if total is not None else '?'} articles\t{s.new} new\t"
              f"{' '.join(flags)}\t{_describe(s.request)}")
    return 0


def _saved_rm(args, open_library) -> int:
    with open_library() as lib:
        saved.remove(lib.state, args.name)
    print(f"removed “{args.name}”", file=sys.stderr)
    return 0


def _saved_rename(args, open_library) -> int:
    with open_library() as lib:
        saved.update(lib.state, args.name, name=args.new_name)
    return 0


def _saved_flag(args, open_library) -> int:
    kw = {"watch": {"watched": True}, "unwatch": {"watched": False},
          "mute": {"muted": True}, "unmute": {"muted": False}}.get(args.action)
    if kw is None:   # snooze
        until = None if args.hours <= 0 else dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=args.hours)
        kw = {"snoozed_until": until}
    with open_library() as lib:
        s = saved.update(lib.state, args.name, **kw)
        if args.json:
            print_json(s.to_json())
    return 0


def _saved_share(args, open_library) -> int:
    with open_library() as lib:
        s = saved.share(lib.state, args.name, shared=args.action == "share")
    if args.json:
        print_json(s.to_json())
    else:
        print(f"“{s.name}” is now " + ("shared with the team: every analyst of this library sees it"
                                      if s.shared else "yours alone again"))
    return 0


# ---------------------------------------------------------------- alerts

def _alerts_list(args, open_library) -> int:
    with open_library() as lib:
        items = inbox.list_alerts(lib.state, unread=args.unread)
    if args.json:
        print_json([a.to_json() for a in items])
        return 0
    if not items:
        print(f"mediawatch alerts: {_no_alerts(args.unread, open_library)}", file=sys.stderr)
    for a in items:
        print(f"{a.id}\t{' ' if a.read else '*'}\t{a.search}\t{a.label()}\t{a.article_id}")
    return 0


def _alerts_read(args, open_library) -> int:
    if args.all == (args.id is not None):
        raise LibraryError("give an alert ID or --all")
    with open_library() as lib:
        if args.all:
            n = inbox.mark_all_read(lib.state)
        elif not inbox.mark_read(lib.state, args.id):
            raise LibraryError(f"there is no alert {args.id}")
        else:
            n = 1
    if args.json:
        print_json({"marked": n})
    else:
        print(f"mediawatch alerts: marked {n} alert{'' if n == 1 else 's'} read" if n
              else "mediawatch alerts: no unread alerts to mark",
              file=sys.stderr)
    return 0


def _no_alerts(unread: bool, open_library) -> str:
    """"No alerts", and why there could not be any yet."""
    with open_library() as lib:
        watched = [s for s in saved.list_saved(lib.state, counts=False) if s.watched]
    said = "no unread alerts" if unread else "no alerts"
    if not watched:
        return f"{said}: no saved search is watched (`mediawatch saved add NAME QUERY --watch`)"
    return f"{said} ({len(watched)} watched saved search{'' if len(watched) == 1 else 'es'})"


# ---------------------------------------------------------------- watch folders

def _wf_add(args, open_library) -> int:
    with open_library() as lib:
        path = folders.add_folder(lib.state, args.dir)
    print(f"watching {path}", file=sys.stderr)
    return 0


def _wf_rm(args, open_library) -> int:
    with open_library() as lib:
        if not folders.remove_folder(lib.state, args.dir):
            raise LibraryError(f"{args.dir} is not a watch folder")
    return 0


def _wf_list(args, open_library) -> int:
    with open_library() as lib:
        paths = folders.list_folders(lib.state)
    if args.json:
        print_json(paths)
    elif paths:
        print("\n".join(paths))
    else:
        print("mediawatch watch-folder: no watch folders (add one with `mediawatch watch-folder add DIR`)",
              file=sys.stderr)
    return 0


def _wf_scan(args, open_library) -> int:
    with open_library() as lib:
        watching = folders.list_folders(lib.state)
        before = inbox.latest_id(lib.state)
        result = FolderScanner(lib).scan()
        new = inbox.list_alerts(lib.state, since_id=before)
    report = result.reports[0] if result.reports else None
    out = {"files": result.imported, "pending": result.pending, "unchanged": result.unchanged,
           "imported": report.imported if report else 0,
           "duplicates": report.duplicates if report else 0,
           "failed": [p.to_json() for p in (report.failed if report else [])] +
                     [p.to_json() for p in result.problems],
           "alerts": [a.to_json() for a in new]}
    if args.json:
        print_json(out)
    elif not watching:
        print("mediawatch watch-folder scan: no watch folders to scan (add one with "
              "`mediawatch watch-folder add DIR`)", file=sys.stderr)
    else:
        print(f"{len(result.imported)} files: {out['imported']} articles imported, "
              f"{out['duplicates']} duplicates, {len(out['failed'])} failed, "
              f"{len(result.pending)} still being written; {len(new)} new alerts")
    return 1 if out["failed"] else 0


NAME_HELP = "the saved search's name, as `mediawatch saved list` shows it (any case)"


def register(sub) -> None:
    p = add_command(sub, "saved", _saved_list, "saved searches: add, list, rm, rename, watch, mute, "
                    "snooze, share",
                    description="Saved searches: a search under a name, with its total and how many "
                                "articles are new since you last looked. A watched search raises an "
                                "alert for every new article that matches (`mediawatch alerts`). "
                                "On a team library each analyst has their own; `share` shows one "
                                "to the whole team.",
                    example=["mediawatch saved add ceasefire 'ceasefire Putin' --country UA --watch",
                             "mediawatch saved", "mediawatch saved snooze ceasefire 12"])
    ss = add_actions(p, "saved_cmd", "list the saved searches")
    a = add_command(ss, "add", _saved_add, "save a search under a name",
                    example="mediawatch saved add 'shadow fleet' '\"shadow fleet\" OR tanker*' --watch")
    a.add_argument("name", metavar="NAME", help="a name of your choice (quote it if it has spaces)")
    _add_request_args(a)
    a.add_argument("--watch", action="store_true", help="alert on new articles that match")
    add_command(ss, "list", _saved_list, "list saved searches with totals and new counts",
                example="mediawatch saved list --json")
    add_command(ss, "rm", _saved_rm, "delete a saved search and its alerts",
                example="mediawatch saved rm ceasefire").add_argument("name", metavar="NAME", help=NAME_HELP)
    r = add_command(ss, "rename", _saved_rename, "rename a saved search",
                    example="mediawatch saved rename ceasefire 'ceasefire talks'")
    r.add_argument("name", metavar="NAME", help=NAME_HELP)
    r.add_argument("new_name", metavar="NEW_NAME", help="the new name")
    for action, what in (("watch", "alert on its new matches"), ("unwatch", "stop alerting on it"),
                         ("mute", "keep it watched but hide its alerts"), ("unmute", "show its alerts again")):
        f = add_command(ss, action, _saved_flag, f"{action} a saved search: {what}",
                        example=f"mediawatch saved {action} ceasefire")
        f.add_argument("name", metavar="NAME", help=NAME_HELP)
        f.set_defaults(action=action)
    z = add_command(ss, "snooze", _saved_flag, "hide a search's alerts for some hours (0: unsnooze)",
                    example="mediawatch saved snooze ceasefire 12")
    z.add_argument("name", metavar="NAME", help=NAME_HELP)
    z.add_argument("hours", type=float, metavar="HOURS", help="how long; 0 ends the snooze")
    z.set_defaults(action="snooze")
    for action, what in (("share", "show it to every analyst of the team library (they can open "
                                   "it; only you change it)"),
                         ("unshare", "make it yours alone again")):
        f = add_command(ss, action, _saved_share, f"{action} a saved search: {what}",
                        example=f"mediawatch saved {action} ceasefire --library postgresql://ann@news-db/desk")
        f.add_argument("name", metavar="NAME", help=NAME_HELP)
        f.set_defaults(action=action)
    from .exporting import add_briefing_command
    add_briefing_command(ss)

    p = add_command(sub, "alerts", _alerts_list, "watch alerts: new articles of watched saved searches",
                    description="Alerts, newest first: one line per new article that matched a watched "
                                "saved search (`mediawatch saved add NAME QUERY --watch`), with the "
                                "alert id, * when unread, the search, the article and its id.",
                    example=["mediawatch alerts --unread", "mediawatch alerts read --all"])
    p.add_argument("--unread", action="store_true", help="only unread alerts")
    sa = add_actions(p, "alerts_cmd", "list the alerts")
    r = add_command(sa, "read", _alerts_read, "mark an alert (or --all) read",
                    example=["mediawatch alerts read 7", "mediawatch alerts read --all"])
    r.add_argument("id", nargs="?", type=int, metavar="ALERT_ID",
                   help=ALERT_ID_HELP)
    r.add_argument("--all", action="store_true", help="mark every alert read")

    p = add_command(sub, "watch-folder", _wf_list, "folders imported automatically",
                    description="Watch folders: folders whose new and changed files are imported "
                                "automatically while the window runs (or by `watch-folder scan`, "
                                "e.g. from cron); their new articles raise alerts like any import.",
                    example=["mediawatch watch-folder add ~/NewsExports", "mediawatch watch-folder scan"])
    sw = add_actions(p, "wf_cmd", "list the watch folders")
    add_command(sw, "add", _wf_add, "watch a folder",
                example="mediawatch watch-folder add ~/NewsExports").add_argument(
        "dir", metavar="DIR", help="a folder; its files are imported now and whenever they change")
    add_command(sw, "rm", _wf_rm, "stop watching a folder",
                example="mediawatch watch-folder rm ~/NewsExports").add_argument(
        "dir", metavar="DIR", help="a watch folder, as `mediawatch watch-folder list` shows it")
    add_command(sw, "list", _wf_list, "list watch folders", example="mediawatch watch-folder list")
    add_command(sw, "scan", _wf_scan, "one pass: import new and changed files (for scripts and cron)",
                example="mediawatch watch-folder scan --json")
