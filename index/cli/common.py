"""Helpers shared by the CLI modules: global options, JSON output, the shared help (helptext.py)."""
from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
from typing import Any, Callable, Iterator

from ..cancel import CancelToken

from .helptext import add_actions, add_command  # noqa: F401 (every command module uses these)


def extract_globals(argv: list[str]) -> tuple[list[str], str | None, bool]:
    """Pull ``--library DIR`` / ``--library=DIR`` and ``--json`` out of argv wherever they stand,
    so that they work before or after the subcommand. Tokens after ``--`` are left alone."""
    out: list[str] = []
    library, as_json = None, False
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            out.extend(argv[i:])
            break
        if a == "--json":
            as_json = True
        elif a == "--library" and i + 1 < len(argv):
            library = argv[i + 1]
            i += 1
        elif a.startswith("--library="):
            library = a.split("=", 1)[1]
        else:
            out.append(a)
        i += 1
    return out, library, as_json


def print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def print_jsonl(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


@contextlib.contextmanager
def ctrl_c_cancels() -> Iterator[CancelToken]:
    """A cancel token that Ctrl+C sets while the block runs: long work stops between items and
    keeps what it has committed, instead of dying mid-write."""
    cancel = CancelToken()
    previous = signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    try:
        yield cancel
    finally:
        signal.signal(signal.SIGINT, previous)


def drain(gen, line: Callable[[Any], str] | None = None):
    """Run a progress generator to its end and return its report. ``line(progress)``: the text of
    one progress line on stderr, rewritten in place (None: silent)."""
    while True:
        try:
            prog = next(gen)
        except StopIteration as stop:
            if line:
                sys.stderr.write("\n")
            return stop.value
        if line:
            sys.stderr.write("\r" + line(prog))
            sys.stderr.flush()
