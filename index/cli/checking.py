"""``mediawatch check [--repair]``: verify the library (index/check) and say what is wrong."""
from __future__ import annotations

import sys

from .common import add_command, print_json


def register(sub) -> None:
    p = add_command(sub, "check", cmd_check,
                    "verify the library: index segments, database, stories and caches agree",
                    description="Read every segment of the search index, run SQLite's integrity "
                                "check and verify that the database and the index agree (article "
                                "ids and counts, story members and links, word-pair and facet "
                                "files). --repair rebuilds what the stored text gives back. Exit "
                                "status 0: sound (or repaired), 1: problems remain.",
                    example=["mediawatch check", "mediawatch check --repair"])
    p.add_argument("--repair", action="store_true",
                   help="rebuild duplicates, caches and the stories tables, then check again")


def cmd_check(args, open_library) -> int:
    from ..check import check_library
    from ..library import default_library_path
    from pathlib import Path
    folder = Path(args.library).expanduser() if args.library else default_library_path()
    report = check_library(folder, repair=args.repair)
    if args.json:
        print_json(report.to_json())
    else:
        for f in report.findings:
            print(f"  {f}", file=sys.stdout if f.level == "info" or f.repaired else sys.stderr)
        print(report.summary() + f" ({report.seconds:.1f} s)")
    return 0 if report.ok else 1
