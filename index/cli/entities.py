"""``retag`` and ``entities``: the analyst's entity corrections and re-tagging the library.

``mediawatch entities --merge Zelenskyy "Volodymyr Zelensky" --place Mariupol UA`` edits
<library>/entities.json (the file's format is documented in index/extract/corrections.py);
``mediawatch retag`` then re-runs persons, countries and those corrections on every stored article.
"""
from __future__ import annotations

import sys

from .common import add_command, ctrl_c_cancels, drain, print_json


def register(sub) -> None:
    p = add_command(sub, "retag", cmd_retag,
                    "re-run person/country tagging and the entity corrections on every article in the library",
                    description="Re-run person and country tagging and the library's entity corrections "
                                "(`mediawatch entities`) on every stored article; Ctrl+C stops between "
                                "batches and keeps what is done.",
                    example="mediawatch retag")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress line")
    p.add_argument("--batch-size", type=int, default=200, metavar="N", help="articles per commit")

    p = add_command(sub, "entities", cmd_entities,
                    "show or edit the library's entity corrections (then run retag to apply them)",
                    description="Show the library's entity corrections, or add and remove some. "
                                "Names are persons as the person facet spells them; codes are ISO "
                                "3166-1 alpha-2 country codes (RU, UA, ...). New articles get the "
                                "corrections at import; `mediawatch retag` applies them to the others.",
                    example=['mediawatch entities --merge Zelenskyy "Volodymyr Zelensky" --place Mariupol UA',
                             "mediawatch entities --remove places Mariupol"])
    p.add_argument("--merge", nargs=2, action="append", default=[], metavar=("NAME", "INTO"),
                   help="merge a person name into another (canonical) name")
    p.add_argument("--drop-person", action="append", default=[], metavar="NAME", help="never tag this person")
    p.add_argument("--place", nargs=2, action="append", default=[], metavar=("PLACE", "CODE"),
                   help="map a place name to a country code (ISO 3166-1 alpha-2)")
    p.add_argument("--drop-country", action="append", default=[], metavar="CODE", help="never tag this country")
    p.add_argument("--remove", nargs=2, action="append", default=[], metavar=("KIND", "KEY"),
                   help="undo a correction; KIND is merge, drop_persons, places or drop_countries, "
                        "KEY the name, place or code as listed")


def cmd_retag(args, open_library) -> int:
    from ..extract.retag import retag
    library = open_library(create=False)
    show = not args.json and not args.quiet and sys.stderr.isatty()

    def line(prog) -> str:
        return f"{prog.done}/{prog.total} articles  {prog.changed} changed"
    try:
        with ctrl_c_cancels() as cancel, library.writing():
            result = drain(retag(library, cancel, batch_size=max(1, args.batch_size)),
                           line if show else None)
    finally:
        library.close()
    if args.json:
        print_json({"total": result.total, "done": result.done, "changed": result.changed,
                    "cancelled": result.cancelled})
    elif not result.total:
        print("mediawatch retag: no articles in the library: nothing to retag", file=sys.stderr)
    else:
        print(f"retagged {result.done} of {result.total} articles, {result.changed} changed"
              + (" (cancelled)" if result.cancelled else ""))
    return 0


def cmd_entities(args, open_library) -> int:
    library = open_library()
    try:
        corr = library.corrections
        edited = False
        try:
            for name, into in args.merge:
                corr.add_merge(name, into)
                edited = True
            for name in args.drop_person:
                corr.add_drop_person(name)
                edited = True
            for place, code in args.place:
                corr.add_place(place, code)
                edited = True
            for code in args.drop_country:
                corr.add_drop_country(code)
                edited = True
            for kind, key in args.remove:
                if kind not in ("merge", "drop_persons", "places", "drop_countries"):
                    raise ValueError(f"unknown correction kind {kind!r}: use merge, drop_persons, places or "
                                     "drop_countries")
                if not corr.remove(kind, key):
                    print(f"mediawatch: no {kind} correction for {key!r}", file=sys.stderr)
                edited = True
        except ValueError as e:
            print(f"mediawatch: {e}", file=sys.stderr)
            return 2
        if edited:
            with library.writing():
                corr.save(library.path)
        data = corr.to_json()
    finally:
        library.close()
    if args.json:
        print_json(data)
    else:
        for src, dst in data["merge"].items():
            print(f"merge    {src} -> {dst}")
        for name in data["drop_persons"]:
            print(f"drop     person {name}")
        for place, code in data["places"].items():
            print(f"place    {place} -> {code}")
        for code in data["drop_countries"]:
            print(f"drop     country {code}")
        if edited:
            print("saved; run `mediawatch retag` to apply the corrections to articles already imported")
        elif not any(data[k] for k in ("merge", "drop_persons", "places", "drop_countries")):
            print("mediawatch entities: no entity corrections yet (add one with --merge, --drop-person, "
                  "--place or --drop-country)", file=sys.stderr)
    return 0
