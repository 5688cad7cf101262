"""Hostile queries get a clear message (a QueryError naming what is wrong and where), never a
raw exception or a search that runs for minutes. Times are measured by
bench/hostile_query_bench.py, not here. A real library with the sample articles."""
from __future__ import annotations

import pytest

from index import samples
from index.library import open_library
from index.model import QueryError, SearchRequest

REFUSED = {
    "100 KB of words": ("putin trump " * 9000, "too long"),
    "100 KB in one word": ("a" * 100_000, "too long"),
    "100 KB of quotes": ('"' * 100_000, "too long"),
    "a 300-letter word": ("x" * 300, "is not a word"),
    "unbalanced quote": ('"putin trump', "unbalanced quote"),
    "unbalanced parenthesis": ("(putin OR trump", "unbalanced parenthesis"),
    "lone star": ("*", "lone wildcard"),
    "lone question mark": ("?", "lone wildcard"),
    "field and lone star": ("person:*", "lone wildcard"),
    "leading wildcard": ("*tin", "at least 2 letters"),
    "one-letter prefix": ("p*", "at least 2 letters"),
    "bad date": ("published:[2025-13-45 TO 2025-12-01]", "bad date"),
    "swapped range": ("published:[2025-06-01 TO 2025-05-01]", "ends before it starts"),
    "range inside range": ("published:[[2025 TO 2026]]", "inside the range"),
    "range without TO": ("published:[2025-05-01 2025-06-01]", "FROM TO UNTIL"),
    "lone surrogate": ("putin \ud800", "not valid text"),
    "NUL": ("putin\x00trump", "control character"),
    "escape": ("putin\x1btrump", "control character"),
    "fuzzy distance 9": ("putin~9", "at most 2"),
    "deep parentheses": ("(" * 40 + "putin" + ")" * 40, "nested too deeply"),
    "dangling OR": ("putin OR", "needs a term after"),
    "unknown field": ("colour:red", "unknown field"),
}
ANSWERED = {
    "right-to-left marks": "\u202eputin\u202c",
    "zero-width space": "putin\u200b trump",
    "combining accents": "pu" + "\u0301" * 50 + "tin",
    "emoji": "putin 🙂",
    "full-width letters": "ｐｕｔｉｎ",
    "open range": "published:[* TO 2025-12-31]",
    "fuzzy distance 2": "putin~2",
    "wildcard with a prefix": "sanct*",
    "phrase with huge slop": '"putin trump"~100000',
    "2,000 characters": ("putin OR trump " * 200)[:1990].rsplit(" OR", 1)[0],
}


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    with open_library(tmp_path_factory.mktemp("q") / "lib") as lib:
        lib.import_all(samples.paths(), workers=0)
        yield lib


@pytest.mark.parametrize("name", REFUSED)
def test_hostile_query_gets_a_clear_message(library, name):
    text, says = REFUSED[name]
    with pytest.raises(QueryError) as err:
        library.search(SearchRequest(query=text))
    message = str(err.value)
    assert says in message and len(message) < 300, message
    assert err.value.position is not None


@pytest.mark.parametrize("name", ANSWERED)
def test_odd_but_valid_query_is_answered(library, name):
    result = library.search(SearchRequest(query=ANSWERED[name]))
    assert result.total >= 0


def test_valid_queries_still_find(library):
    assert library.search(SearchRequest(query="sanct*")).total > 0
    assert library.search(SearchRequest(query="published:[* TO 2030-12-31]")).total > 0


def test_cli_prints_the_message_not_a_traceback(library, capsys):
    from index.cli import main
    code = main(["search", "a" * 100_000, "--library", str(library.path)])
    err = capsys.readouterr().err
    assert code != 0 and "too long" in err and "Traceback" not in err
