"""Every command's --help: common options, what each argument is, defaults, an example; and
`mediawatch --help` lists the commands next to the window's options. Walks the real parsers, so a
command added later is checked too."""
from __future__ import annotations

import argparse
import re

import pytest

from index.cli import build_parser, main as cli_main
from index.cli.helptext import add_command, command_list
from index.ingest.readers import READERS

COMMON = {"-h", "--help", "--library", "--json", "--version"}


def walk(parser: argparse.ArgumentParser, path=()):
    """(path, parser) for every command and action under ``parser``."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name), sub
                yield from walk(sub, (*path, name))


COMMANDS = list(walk(build_parser()))
IDS = [" ".join(p) for p, _ in COMMANDS]


def test_every_command_is_walked():
    names = {p[0] for p, _ in COMMANDS}
    assert {"import", "extract", "show", "log", "search", "retag", "entities", "similar", "compare",
            "stories", "saved", "alerts", "watch-folder"} <= names
    assert ("saved", "add") in {p for p, _ in COMMANDS} and ("alerts", "read") in {p for p, _ in COMMANDS}


@pytest.mark.parametrize("path,parser", COMMANDS, ids=IDS)
def test_command_help_is_complete(path, parser):
    text = parser.format_help()
    assert "--library DIR" in text and "--json" in text
    assert "$MEDIAWATCH_LIBRARY" in text                 # where the library is by default
    # One example at least, spelled as the command is called.
    example = text.split("example")[-1]
    assert re.search(rf"^  mediawatch {' '.join(path)}\b", example, re.M), text
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) or set(action.option_strings) & COMMON:
            continue
        name = action.option_strings[0] if action.option_strings else action.metavar or action.dest
        assert action.help and len(action.help) > 8, f"{' '.join(path)}: {name} has no help text"
        silent = action.default in (None, False, True, "", [], argparse.SUPPRESS)
        if not silent:
            assert f"(default: {action.default}" in text.replace("\n", " ").replace("  ", " ") \
                or "%(default)" in action.help, f"{' '.join(path)}: {name} hides its default"


@pytest.mark.parametrize("path", [("saved",), ("alerts",), ("watch-folder",)])
def test_optional_actions_do_not_look_required(path):
    parser = dict(COMMANDS)[path]
    usage = parser.format_usage()
    assert "[ACTION ...]" in usage and not re.search(r"(?<!\[)ACTION \.\.\.", usage)
    assert "without an action" in parser.format_help()


def test_ids_say_where_they_come_from():
    helps = {p: parser.format_help() for p, parser in COMMANDS}
    for cmd in (("show",), ("similar",), ("compare",)):
        assert "`mediawatch search`" in helps[cmd], cmd
    assert "`mediawatch alerts`" in helps[("alerts", "read")]
    assert "`mediawatch saved list`" in helps[("saved", "rm")]
    assert "`mediawatch log`" in helps[("log",)]


def test_import_help_lists_every_supported_format():
    text = dict(COMMANDS)[("import",)].format_help()
    for ext in READERS:
        assert f".{ext}" in text
    assert ".zip" in text and "folders" in text


def test_search_help_shows_defaults_and_the_query_language():
    text = dict(COMMANDS)[("search",)].format_help()
    flat = " ".join(text.split())
    for needle in ("--sort {relevance,newest,oldest}", "(default: relevance)", "--limit N",
                   "(default: 20)", "(default: 0)", "published:[", '"phrase"~N'):
        assert needle in flat, needle


def test_a_command_added_later_gets_the_shared_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    p = add_command(sub, "frobnicate", lambda *_: 0, "frobnicate the library")
    p.add_argument("target", metavar="TARGET", help="what to frobnicate")
    p.add_argument("--times", type=int, default=3, help="how often")
    text = p.format_help()
    assert "--library DIR" in text and "--json" in text
    assert "(default: 3)" in text
    assert "example:\n  mediawatch frobnicate TARGET" in text
    assert ("frobnicate", "frobnicate the library") in command_list(parser)


def test_window_help_lists_commands_window_and_common_options(capsys):
    from desktop.launch import main as launch_main
    with pytest.raises(SystemExit) as done:
        launch_main(["--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    flat = " ".join(text.split())
    for name, summary in command_list(build_parser()):
        assert re.search(rf"^  {re.escape(name)}\s+\S", text, re.M), name
        assert " ".join(summary.split()) in flat, name
    for option in ("--minimized", "--self-test", "PATH", "--library DIR", "--json", "--version"):
        assert option in text, option
    assert "window options" in text and "common options" in text and "examples:" in text


def test_version_and_bare_cli(capsys):
    from index.version import __version__
    with pytest.raises(SystemExit):
        cli_main(["--version"])
    assert capsys.readouterr().out.strip() == f"mediawatch {__version__}"
    assert cli_main([]) == 2                       # no command: the overview, not a traceback
    assert "commands:" in capsys.readouterr().out
