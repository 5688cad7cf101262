"""`mediawatch search` end to end through the CLI entry point, on a real library folder and on a
team library (``--library postgresql://...``)."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from index import open_library
from index.cli import main
from index.model import Article


@pytest.fixture(params=["whoosh", "postgresql"])
def libdir(request, tmp_path, monkeypatch):
    """A local library folder, or a team library's address: the same commands, the same output."""
    location = str(tmp_path / "lib")
    if request.param == "postgresql":
        from pg_support import new_library_url
        monkeypatch.setenv("MEDIAWATCH_TEAM_DIR", str(tmp_path / "team"))
        location = new_library_url(request.getfixturevalue("pg_cluster"))
    lib = open_library(location, create=True)
    with lib.writing():
        lib.store.add([
            Article(id="a", title="Trump and Putin talk", body="The leaders held talks on Ukraine.",
                    path="a", sha256="a", language="en", outlet="The Moscow Times", agencies=["AFP"],
                    persons=["Donald Trump", "Vladimir Putin"], countries=["US", "RU"],
                    published=dt.date(2025, 5, 3)),
            Article(id="b", title="Переговоры", body="Стороны провели переговоры в Москве.", path="b",
                    sha256="b", language="ru", outlet="ТАСС", persons=["Vladimir Putin"],
                    countries=["RU"], published=dt.date(2025, 6, 1)),
            Article(id="c", title="Grain", body="Grain talks in Ankara.", path="c", sha256="c",
                    language="en", outlet="Reuters", countries=["TR"]),
        ])
    lib.close()
    return location


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_shape(libdir, capsys):
    code, out, _ = run(capsys, "--library", libdir, "search", "talks", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["total"] == 2
    assert set(data["hits"][0]) == {"id", "title", "outlet", "published", "language", "score", "snippet"}
    assert set(data["facets"]) == {"person", "country", "date", "outlet", "language", "agency"}
    assert ["RU", 1] in data["facets"]["country"]


def test_filters_excludes_dates_sort_paging(libdir, capsys):
    _, out, _ = run(capsys, "search", "--library", libdir, "--person", "Vladimir Putin",
                    "--exclude", "lang=ru", "--json")
    assert [h["id"] for h in json.loads(out)["hits"]] == ["a"]
    _, out, _ = run(capsys, "search", "--country", "russia", "--from", "2025-05-10", "--json",
                    "--library", libdir)
    assert [h["id"] for h in json.loads(out)["hits"]] == ["b"]
    _, out, _ = run(capsys, "--library", libdir, "--json", "search", "--sort", "oldest",
                    "--limit", "1", "--offset", "1")
    data = json.loads(out)
    assert data["total"] == 3 and [h["id"] for h in data["hits"]] == ["b"]


def test_text_output_with_facets(libdir, capsys):
    code, out, _ = run(capsys, "--library", libdir, "search", "переговоры", "--facets")
    assert code == 0
    assert "1-1 of 1 articles" in out
    assert "[[переговоры]]" in out
    assert "person:" in out and "Vladimir Putin" in out


def test_malformed_query_exits_2_with_message(libdir, capsys):
    code, out, err = run(capsys, "--library", libdir, "search", 'talks "unclosed')
    assert code == 2 and out == ""
    assert "unbalanced quote" in err and "position 7" in err
    code, _, err = run(capsys, "--library", libdir, "search", "--exclude", "nonsense")
    assert code == 2 and "FACET=VALUE" in err
    code, _, err = run(capsys, "--library", libdir, "search", "--from", "May")
    assert code == 2 and "--from" in err
