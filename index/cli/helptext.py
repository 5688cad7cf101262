"""The help every command shares: common options, defaults, an example, optional actions.

Every subcommand is made by ``add_command`` (``common.add_command`` is the same function), so a
command added later shows ``--library`` and ``--json``, the defaults of its options and an
example in its ``--help`` without doing anything. ``command_list`` is what ``mediawatch --help``
lists (the window's launcher has no subparsers of its own).
"""
from __future__ import annotations

import argparse
import os
from typing import Callable


def _silent(default) -> bool:
    """Defaults that say nothing: "(default: None)", "(default: False)", "(default: [])"."""
    return (default is None or default is argparse.SUPPRESS or isinstance(default, bool)
            or (isinstance(default, (str, list, tuple, dict)) and not default))


class HelpFormatter(argparse.HelpFormatter):
    """Descriptions wrapped by paragraph, indented lines (examples, tables) kept as written;
    ``(default: X)`` where X means something; a subcommand group that may be left out shown as
    ``[ACTION ...]``, not as a required word."""

    def __init__(self, prog: str, **kw):
        kw.setdefault("max_help_position", 32)
        super().__init__(prog, **kw)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out = []
        for para in text.split("\n\n"):
            lines = para.splitlines()
            if any(line.startswith(" ") for line in lines[1:]) or para.startswith(" "):
                out.append("\n".join(indent + line for line in lines))
            else:
                out.append(super()._fill_text(para, width, indent))
        return "\n\n".join(out)

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        d = action.default
        if "%(default)" in text or _silent(d):
            return text
        if action.option_strings or action.nargs in (argparse.OPTIONAL, argparse.ZERO_OR_MORE):
            return f"{text} (default: %(default)s)"
        return text

    def _format_args(self, action: argparse.Action, default_metavar: str) -> str:
        if action.nargs == argparse.PARSER and not action.required:
            return "[%s ...]" % self._metavar_formatter(action, default_metavar)(1)
        return super()._format_args(action, default_metavar)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help ends with examples (given, or made from the usage)."""

    def __init__(self, *args, examples: list[str] | None = None, **kw):
        kw.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kw)
        self.examples: list[str] = list(examples or [])

    def format_help(self) -> str:
        if self.epilog is None:
            examples = self.examples or [self._made_example()]
            label = "example" if len(examples) == 1 else "examples"
            self.epilog = f"{label}:\n" + "\n".join(f"  {e}" for e in examples)
        return super().format_help()

    def _made_example(self) -> str:
        """A command without an example of its own still shows how it is called."""
        words = [self.prog]
        for action in self._actions:
            if action.option_strings or action.nargs == argparse.PARSER:
                continue
            if action.nargs in (argparse.OPTIONAL, argparse.ZERO_OR_MORE):
                continue
            metavar = action.metavar or action.dest.upper()
            words.extend(metavar if isinstance(metavar, tuple) else [metavar])
        return " ".join(words)


def library_help() -> str:
    env = os.environ.get("MEDIAWATCH_LIBRARY")
    if env:
        return f"library folder (default: $MEDIAWATCH_LIBRARY, now {env})"
    try:
        from ..library import default_library_path
        where = f", now {default_library_path()}"
    except Exception:       # the help must print even where platformdirs cannot answer
        where = ""
    return f"library folder (default: $MEDIAWATCH_LIBRARY, else the per-user library{where})"


# What an id is and where it comes from, for every command that takes one (later ones too).
ARTICLE_ID_HELP = ("article id, as listed in [brackets] by `mediawatch search` (or `stories`, `similar`; "
                   "\"id\" in --json)")
STORY_ID_HELP = "story id, the N of \"story N\" in `mediawatch stories` (\"id\" in its --json)"
ALERT_ID_HELP = "alert id, the first column of `mediawatch alerts`"

JSON_HELP = "machine-readable output: one JSON value on stdout (empty list or object when nothing found)"


def add_common_options(p: argparse.ArgumentParser, *, version: str | None = None) -> None:
    """``--library`` and ``--json`` (and ``--version`` at the top). They are taken out of argv
    before parsing (common.extract_globals), so they work anywhere on the line; SUPPRESS keeps a
    subcommand's parser from overwriting what the top-level one found."""
    group = p.add_argument_group("common options (anywhere on the command line)")
    group.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS, help=library_help())
    group.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=JSON_HELP)
    if version:
        group.add_argument("--version", action="version", version=version,
                           help="print the version and exit")


def add_command(sub, name: str, func: Callable | None, help: str, *, example: str | list[str] | None = None,
                description: str | None = None, **kw) -> argparse.ArgumentParser:
    """A subcommand with the shared help: its one line (``help``), a longer ``description``,
    its example(s), and the common options."""
    examples = [example] if isinstance(example, str) else list(example or [])
    kw.setdefault("formatter_class", HelpFormatter)
    p = sub.add_parser(name, help=help, description=description or _sentence(help), **kw)
    if isinstance(p, Parser):
        p.examples = examples
    elif examples:
        p.epilog = "examples:\n" + "\n".join(f"  {e}" for e in examples)
    add_common_options(p)
    p.set_defaults(func=func)
    return p


def add_actions(p: argparse.ArgumentParser, dest: str, without: str):
    """Sub-actions of a command that also works alone (``saved``, ``alerts``, ``watch-folder``)."""
    return p.add_subparsers(dest=dest, metavar="ACTION", title="actions",
                            description=f"optional; without an action: {without}")


def command_list(parser: argparse.ArgumentParser) -> list[tuple[str, str]]:
    """(name, one-line description) of every top-level command, in the order they were added."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return [(c.dest, c.help or "") for c in action._choices_actions]
    return []


def format_command_list(parser: argparse.ArgumentParser, width: int | None = None) -> str:
    """The commands as an indented two-column list, wrapped like argparse's own help."""
    import shutil
    import textwrap
    width = width or max(60, shutil.get_terminal_size().columns - 2)    # as argparse does
    items = command_list(parser)
    col = max((len(n) for n, _ in items), default=0) + 4
    lines = []
    for name, text in items:
        wrapped = textwrap.wrap(text, max(20, width - col)) or [""]
        lines.append(f"  {name:<{col - 2}}{wrapped[0]}")
        lines.extend(" " * col + w for w in wrapped[1:])
    return "\n".join(lines)


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:] + ("" if text.endswith((".", ")")) else ".")) if text else text
