"""A command that finds nothing says so: a sentence on stderr (stdout stays empty), or an empty
JSON value with --json. Runs the real CLI on real libraries in tmp_path."""
from __future__ import annotations

import json

import pytest

from index.cli import main

ARTICLE = ("Harbour workers strike in Gdansk\n\nMay 12, 2025\n\nDock workers in Gdansk walked out on "
           "Monday over pay, halting container traffic at the Polish port. The union said the strike "
           "would last until the operator returned to talks about wages and shift lengths.\n")


@pytest.fixture
def libdir(tmp_path, capsys):
    from index.library import open_library
    path = tmp_path / "lib"
    open_library(path).close()                              # an empty library
    assert capsys.readouterr() == ("", "")
    return str(path)


@pytest.fixture
def one_article(tmp_path, libdir, capsys):
    f = tmp_path / "in" / "gdansk.txt"
    f.parent.mkdir()
    f.write_text(ARTICLE, encoding="utf-8")
    assert main(["import", "--library", libdir, "--json", str(f)]) == 0
    (art_id,) = json.loads(capsys.readouterr().out)["ids"]
    return art_id


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# (argv, what stderr says, the JSON value printed with --json)
EMPTY = [
    (["log"], "no imports yet", []),
    (["search"], "no articles in the library yet", None),
    (["search", "ceasefire", "--country", "RU"], "no matches for “ceasefire” country=RU", None),
    (["retag"], "nothing to retag", {"total": 0, "done": 0, "changed": 0, "cancelled": False}),
    (["entities"], "no entity corrections yet",
     {"merge": {}, "drop_persons": [], "places": {}, "drop_countries": []}),
    (["stories"], "no stories yet: import articles of the same event from two outlets", []),
    (["saved"], "no saved searches", []),
    (["saved", "list"], "no saved searches", []),
    (["alerts"], "no alerts: no saved search is watched", []),
    (["alerts", "--unread"], "no unread alerts", []),
    (["alerts", "read", "--all"], "no unread alerts to mark", {"marked": 0}),
    (["watch-folder"], "no watch folders", []),
    (["watch-folder", "list"], "no watch folders", []),
    (["watch-folder", "scan"], "no watch folders to scan", None),
]


@pytest.mark.parametrize("argv,says,as_json", EMPTY, ids=[" ".join(a) for a, _, _ in EMPTY])
def test_empty_library_answers(capsys, libdir, argv, says, as_json):
    code, out, err = run(capsys, *argv, "--library", libdir)
    assert code == 0 and out == "" and says in err
    code, out, err = run(capsys, *argv, "--library", libdir, "--json")
    assert code == 0 and err == ""
    value = json.loads(out)
    if as_json is not None:
        assert value == as_json
    elif argv[0] == "search":
        assert value["total"] == 0 and value["hits"] == []
    else:
        assert not any(value[k] for k in ("files", "imported", "failed", "alerts"))


def test_search_without_matches_names_the_question(capsys, libdir, one_article):
    code, out, err = run(capsys, "search", "--library", libdir, '"peace talks"', "--from", "2025-05-01",
                         "--exclude", "outlet=TASS")
    assert code == 0 and out == ""
    assert "no matches for “\"peace talks\"”" in err and "not outlet=TASS" in err and "2025-05-01" in err
    code, out, err = run(capsys, "search", "--library", libdir, "strike", "--offset", "5")
    assert "1 in all" in err and "--offset 5" in err and "1 articles" in out
    code, out, err = run(capsys, "search", "--library", libdir, "strike")
    assert err == "" and "Gdansk" in out


def test_one_article_has_no_other_coverage_and_no_story_yet(capsys, libdir, one_article):
    code, out, err = run(capsys, "similar", one_article, "--library", libdir)
    assert code == 0 and out == "" and f"no other coverage of {one_article}" in err
    assert json.loads(run(capsys, "similar", one_article, "--library", libdir, "--json")[1]) == []
    code, out, err = run(capsys, "stories", "--library", libdir)
    assert one_article in out and "every story has one article so far" in err
    code, out, err = run(capsys, "stories", "--min-size", "3", "--library", libdir)
    assert out == "" and "no stories of 3 or more articles (1 smaller story)" in err
    assert json.loads(run(capsys, "stories", "--min-size", "3", "--library", libdir, "--json")[1]) == []


def test_watched_search_without_alerts_says_it_is_watching(capsys, libdir, one_article):
    assert run(capsys, "saved", "add", "ceasefire", "ceasefire", "--watch", "--library", libdir)[0] == 0
    code, out, err = run(capsys, "alerts", "--unread", "--library", libdir)
    assert out == "" and "no unread alerts (1 watched saved search)" in err


def test_import_and_extract_of_nothing(capsys, tmp_path, libdir):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run(capsys, "import", "--library", libdir)
    assert code == 2 and "nothing to import" in err and "--samples" in err
    code, out, err = run(capsys, "import", "--library", libdir, str(empty))
    assert code == 0 and "imported 0" in out and f"no files found in {empty}" in err
    assert json.loads(run(capsys, "import", "--library", libdir, "--json", str(empty))[1])["imported"] == 0
    code, out, err = run(capsys, "extract", str(empty))
    assert code == 0 and out == "" and "no articles found" in err
    code, out, err = run(capsys, "extract", "--json", str(empty))
    assert out == ""                                      # JSON Lines: no line at all
