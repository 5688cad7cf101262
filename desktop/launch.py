"""`mediawatch` entry point: a subcommand runs the headless CLI, otherwise the window opens.

PySide6 is imported only on the window path, so `mediawatch search ...` never loads Qt.
"""
from __future__ import annotations

import argparse
import os
import sys

WINDOW_OPTIONS = {"--self-test", "--minimized", "-h", "--help"}
VALUE_OPTIONS = {"--library"}


def _subcommands() -> set[str]:
    from index.cli import build_parser
    parser = build_parser()
    for action in parser._subparsers._group_actions:      # the one subparsers action
        return set(action.choices)
    return set()


def wants_cli(argv: list[str]) -> bool:
    """True when argv holds anything the window does not know: a subcommand or a CLI option.
    Existing files and folders that are not subcommand names are for the window to import
    ("Open with Mediawatch", dropping files on the launcher)."""
    skip = False
    commands = None
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in VALUE_OPTIONS:
            skip = True
            continue
        if arg.startswith("--library="):
            continue
        if arg in WINDOW_OPTIONS:
            continue
        if not arg.startswith("-") and os.path.exists(arg):
            commands = _subcommands() if commands is None else commands
            if arg not in commands:
                continue
        return True
    return False


class _WindowParser(argparse.ArgumentParser):
    """The window's options; its help also lists the commands (read from the CLI only then)."""

    def format_help(self) -> str:
        if self.description is None:
            from index.cli import build_parser
            from index.cli.helptext import format_command_list
            self.description = (
                "Mediawatch: import news articles, search them with facets, read and compare "
                "coverage, watch for new matches. Without a command the desktop window opens; "
                "with one, it runs in the terminal.\n\n"
                "commands (`mediawatch COMMAND --help` shows its options and an example):\n"
                + format_command_list(build_parser()))
        return super().format_help()


def window_parser() -> argparse.ArgumentParser:
    from index.cli.helptext import HelpFormatter, add_common_options
    from index.version import __version__
    p = _WindowParser(
        prog="mediawatch", formatter_class=HelpFormatter,
        usage="mediawatch [--minimized | --self-test] [--library DIR] [PATH ...]\n"
              "       mediawatch COMMAND [ARGUMENTS] [--library DIR] [--json]",
        epilog="examples:\n"
               "  mediawatch                                  open the window on your library\n"
               "  mediawatch ~/Downloads/article.html         open the window and import the file\n"
               "  mediawatch import --samples                 the sample library, in the terminal\n"
               "  mediawatch search 'ceasefire Putin' --facets\n"
               "  mediawatch search --help")
    g = p.add_argument_group("window options")
    g.add_argument("paths", nargs="*", metavar="PATH",
                   help="files, folders or .zip archives to import when the window opens")
    g.add_argument("--minimized", action="store_true",
                   help="start in the system tray (e.g. at login): watch folders and alerts keep "
                        "working, the tray icon opens the window")
    g.add_argument("--self-test", action="store_true",
                   help="open the window offscreen on a temporary library, import the samples, "
                        "search, check, and exit 0 on success")
    add_common_options(p, version=f"mediawatch {__version__}")
    return p


def main(argv: list[str] | None = None) -> int:
    # In a frozen build the window's import process starts as this executable: let
    # multiprocessing take over then (a no-op everywhere else).
    import multiprocessing
    multiprocessing.freeze_support()
    argv = list(sys.argv[1:] if argv is None else argv)
    if wants_cli(argv):
        from index.cli import main as cli_main
        return cli_main(argv)
    args = window_parser().parse_args(argv)
    if args.self_test:
        from desktop.selftest import run_self_test
        return run_self_test()
    from desktop.app import run_app
    return run_app(getattr(args, "library", None), minimized=args.minimized, paths=args.paths)


if __name__ == "__main__":
    sys.exit(main())
