"""The headless CLI: ``mediawatch SUBCOMMAND`` (also ``python -m index``).

Each module in COMMANDS has ``register(sub)`` adding its subcommands through
``common.add_command``; a handler is ``func(args, open_library) -> int`` where
``open_library(create=True)`` opens the library chosen by ``--library`` / $MEDIAWATCH_LIBRARY.
``--library DIR`` and ``--json`` are accepted anywhere on the command line.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys

from ..errors import MediawatchError
from .common import extract_globals

COMMANDS = ("importing", "searching", "entities", "stories", "alerts")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mediawatch",
        description="Mediawatch: import news articles, search them with facets, compare coverage, "
                    "watch for new matches. Without a command, opens the window.")
    parser.add_argument("--library", metavar="DIR",
                        help="library folder (default: $MEDIAWATCH_LIBRARY or the per-user data folder)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--version", action="version", version=f"mediawatch {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def command_names() -> set[str]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="mediawatch: %(message)s")
    argv, library, as_json = extract_globals(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    args.library = library or args.library
    args.json = as_json or args.json
    if not getattr(args, "func", None):
        parser.print_help()
        return 2

    def opener(create: bool = True):
        from ..library import open_library
        return open_library(args.library, create=create)

    try:
        return int(args.func(args, opener) or 0)
    except MediawatchError as e:
        print(f"mediawatch: {e}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("mediawatch: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _version() -> str:
    from .. import __version__
    return __version__
