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
from .helptext import Parser, add_common_options

COMMANDS = ("importing", "searching", "entities", "stories", "alerts", "checking")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="mediawatch",
        description="Mediawatch: import news articles, search them with facets, compare coverage, "
                    "watch for new matches. Without a command, `mediawatch` opens the window.",
        examples=["mediawatch import ~/Downloads/articles/", "mediawatch search 'ceasefire Putin' --facets",
                  "mediawatch COMMAND --help"])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands",
                                description="`mediawatch COMMAND --help` shows a command's options "
                                            "and an example")
    add_common_options(parser, version=f"mediawatch {_version()}")
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
    args.library = library or getattr(args, "library", None)
    args.json = as_json or getattr(args, "json", False)
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
    from ..version import __version__
    return __version__
