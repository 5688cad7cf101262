"""``import``, ``extract``, ``show`` and ``log``: getting articles in and looking at them."""
from __future__ import annotations

import sys

from ..errors import ReadError, Rejected
from ..model import Problem
from .common import add_command, ctrl_c_cancels, drain, print_json, print_jsonl
from .helptext import ARTICLE_ID_HELP


# How each reader module is named in `import --help` (its extensions come from the reader itself).
_FORMAT_NAMES = {"text": "plain text, Markdown", "webpage": "saved web pages", "mail": "e-mail, mailboxes",
                 "pdf": "PDF (text layer)", "word": "Word", "feed": "RSS and Atom feeds",
                 "jsondata": "JSON exports (news APIs, scrapers)"}


def formats_text() -> str:
    """The supported formats, read from the readers, as an indented table for the help."""
    from ..ingest.readers import READERS
    by_module: dict[str, list[str]] = {}
    for ext, module in READERS.items():
        by_module.setdefault(module.__name__.rsplit(".", 1)[-1], []).append(f".{ext}")
    rows = [(_FORMAT_NAMES.get(name, name), " ".join(exts)) for name, exts in by_module.items()]
    rows.append(("archives, folders", ".zip (nested too), folders (recursively, hidden files skipped)"))
    width = max(len(label) for label, _ in rows) + 2
    return "supported formats:\n" + "\n".join(f"  {label:<{width}}{exts}" for label, exts in rows)


def register(sub) -> None:
    p = add_command(
        sub, "import", cmd_import, "import files, folders or zip archives into the library",
        description="Import files, folders or zip archives into the library. Each file is read by "
                    "the reader of its format; an article already in the library (same text) is "
                    "counted as a duplicate, a file that cannot be read is reported with its reason "
                    "and harms nothing.\n\n" + formats_text(),
        example=["mediawatch import ~/Downloads/articles/ news-export.zip",
                 "mediawatch import --samples      (the bundled sample articles and their saved search)"])
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="article files, folders (read recursively) or .zip archives")
    p.add_argument("--samples", action="store_true",
                   help="import the bundled sample library: its articles and its watched saved search")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress line")

    p = add_command(sub, "extract", cmd_extract,
                    "extract articles from files and print them, without touching any library",
                    description="Extract articles from files exactly as `import` would and print "
                                "them (title, outlet, date and where it came from, language, persons, "
                                "countries); no library is opened or changed. With --json: one JSON "
                                "object per article (JSON Lines).\n\n" + formats_text(),
                    example="mediawatch extract --body saved-page.html")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders or .zip archives")
    p.add_argument("--body", action="store_true", help="print the clean body too (text output)")

    p = add_command(sub, "show", cmd_show, "show one article of the library: metadata and clean text",
                    example="mediawatch show 3f9c2a1b7d0e4c55")
    p.add_argument("id", metavar="ID", help=ARTICLE_ID_HELP)

    p = add_command(sub, "log", cmd_log, "the import log: past runs, or one run's report",
                    example=["mediawatch log", "mediawatch log 12      (the report of run #12)"])
    p.add_argument("run", nargs="?", type=int, metavar="RUN_ID",
                   help="one run's number (#N in `mediawatch log`): its full report with every failed "
                        "and skipped file")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="how many recent runs to list")


def cmd_import(args, open_library) -> int:
    if not args.paths and not args.samples:
        print("mediawatch import: nothing to import: give files, folders or .zip archives "
              "(or --samples for the sample library)", file=sys.stderr)
        return 2
    if args.paths and args.samples:
        # The samples are grouped as one batch of their own (samples.import_samples).
        print("mediawatch import: --samples imports the sample library alone; import the "
              "other paths in a second run", file=sys.stderr)
        return 2
    library = open_library()
    paths = list(args.paths)
    if args.samples:
        from .. import samples
        for name in samples.prepare(library):
            if not args.json:
                print(f"saved and watching “{name}” (its alerts come with the samples)", file=sys.stderr)
    show_progress = not args.json and not args.quiet and sys.stderr.isatty()

    def line(prog) -> str:
        return f"{prog.done}/{prog.total} files  {prog.imported} new  {prog.current[-60:]:<60}"
    # Ctrl+C stops between files; batches already committed stay in the library.
    try:
        with ctrl_c_cancels() as cancel:
            run = (samples.import_samples(library, cancel=cancel, origin="cli") if args.samples
                   else library.import_paths(paths, cancel, origin="cli"))
            report = drain(run, line if show_progress else None)
    finally:
        library.close()
    if args.json:
        print_json(report.to_json())
        return 0
    print(f"imported {report.imported}, duplicates {report.duplicates}, failed {len(report.failed)}"
          f", skipped {len(report.skipped)}" + (" (cancelled)" if report.cancelled else ""))
    if not (report.imported or report.duplicates or report.failed or report.skipped or report.cancelled):
        print(f"mediawatch import: no files found in {', '.join(paths) or 'the sample library'}",
              file=sys.stderr)
    for p in report.failed:
        print(f"  failed  {p.path}: {p.reason}")
    for p in report.skipped:
        print(f"  skipped {p.path}: {p.reason}")
    return 130 if report.cancelled else 0


def cmd_extract(args, open_library) -> int:
    """Runs discovery, readers and the pipeline exactly as import does, minus the library."""
    from ..extract.pipeline import ExtractContext, extract
    from ..ingest.discover import discover
    from ..ingest.readers import reader_for

    ctx = ExtractContext()
    problems: list[Problem] = []
    found = 0
    for item in discover(args.paths):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        reader = reader_for(item.ext)
        if reader is None:
            problems.append(Problem(item.path, f"unsupported file type {item.ext or '(none)'}"))
            continue
        try:
            raws = reader.read(item.load(), item.path)
        except ReadError as e:
            problems.append(Problem(item.path, str(e)))
            continue
        for raw in raws:
            try:
                art = extract(raw, ctx)
            except Rejected as e:
                problems.append(Problem(raw.path, str(e)))
                continue
            found += 1
            if args.json:
                print_jsonl(art.to_json())
            else:
                _print_article(art, body=args.body)
    for p in problems:
        print(f"mediawatch: {p.path}: {p.reason}", file=sys.stderr)
    if not found:       # JSON Lines: no line is the empty answer
        print(f"mediawatch extract: no articles found in {', '.join(args.paths)}", file=sys.stderr)
    return 0


def cmd_show(args, open_library) -> int:
    library = open_library(create=False)
    try:
        art = library.get(args.id)
    finally:
        library.close()
    if art is None:
        print(f"mediawatch: no article with id {args.id}", file=sys.stderr)
        return 1
    if args.json:
        print_json(art.to_json())
    else:
        _print_article(art, body=True)
    return 0


def cmd_log(args, open_library) -> int:
    library = open_library(create=False)
    try:
        runs = [library.state.run(args.run)] if args.run else library.import_log(args.limit)
    finally:
        library.close()
    if args.run and runs[0] is None:
        print(f"mediawatch: no import run {args.run}", file=sys.stderr)
        return 1
    if not runs and not args.json:
        print("mediawatch log: no imports yet (import with `mediawatch import PATH`)", file=sys.stderr)
    if args.json:
        print_json([{"run": r.run_id, "started": r.started.isoformat(), "paths": r.paths,
                     "finished": r.finished.isoformat() if r.finished else None, **r.to_json()}
                    for r in runs])
        return 0
    for r in runs:
        state = "interrupted" if r.finished is None else ("cancelled" if r.cancelled else "done")
        print(f"#{r.run_id}  {r.started:%Y-%m-%d %H:%M}  {state:<11} imported {r.imported}, "
              f"duplicates {r.duplicates}, failed {len(r.failed)}, skipped {len(r.skipped)}  "
              f"{', '.join(r.paths)[:80]}")
        if args.run:
            for p in r.failed:
                print(f"  failed  {p.path}: {p.reason}")
            for p in r.skipped:
                print(f"  skipped {p.path}: {p.reason}")
    return 0


def _print_article(art, body: bool = False) -> None:
    from ..vocab.countries import describe_countries
    date = art.published.isoformat() if art.published else "no date"
    src = f" ({art.published_source})" if art.published_source else ""
    print(f"{art.id}  {art.title}")
    print(f"  outlet: {art.outlet or '-'}   agencies: {', '.join(art.agencies) or '-'}   "
          f"authors: {', '.join(art.authors) or '-'}")
    print(f"  published: {date}{src}   language: {art.language or '-'}   url: {art.url or '-'}")
    print(f"  persons: {', '.join(art.persons) or '-'}")
    print(f"  countries: {describe_countries(art)}")
    print(f"  file: {art.path}")
    if body:
        print()
        print(art.body)
    print()
