"""The analyst's entity corrections (entities.json) and `mediawatch retag` on a real library."""
from __future__ import annotations

import json

import pytest

import index.library
from index.cli import main as cli_main
from index.errors import LibraryError
from index.extract.corrections import Corrections
from index.extract.pipeline import ExtractContext, tag_entities
from index.library import open_library
from index.model import Article

TEXT = ("Volodymyr Zelenskyy met Oakley Fenwick in Mariupol on Monday. Zelenskyy said the city "
        "needs help. Turkey offered aid.")


def _article(body: str = TEXT) -> Article:
    return Article(id="x", title="", body=body, path="a.txt", sha256="0" * 64, language="en")


def test_file_round_trip_and_format(tmp_path):
    c = Corrections.load(tmp_path)
    assert c.is_empty()
    c.add_merge("Zelenskyy", "Volodymyr Zelensky")
    c.add_drop_person("Oval Office")
    c.add_place("Mariupol", "ua")
    c.add_drop_country("tr")
    c.save(tmp_path)
    data = json.loads((tmp_path / "entities.json").read_text(encoding="utf-8"))
    assert data == {"merge": {"Zelenskyy": "Volodymyr Zelensky"}, "drop_persons": ["Oval Office"],
                    "places": {"Mariupol": "UA"}, "drop_countries": ["TR"]}
    again = Corrections.load(tmp_path)
    assert again.to_json() == c.to_json()
    assert again.remove("places", "mariupol") and not again.remove("places", "Mariupol")


def test_unknown_keys_survive_a_save(tmp_path):
    (tmp_path / "entities.json").write_text('{"merge": {}, "note": "kept"}', encoding="utf-8")
    c = Corrections.load(tmp_path)
    c.add_drop_person("X")
    c.save()
    assert json.loads((tmp_path / "entities.json").read_text(encoding="utf-8"))["note"] == "kept"


def test_bad_file_and_bad_codes_give_sentences(tmp_path):
    (tmp_path / "entities.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(LibraryError, match="cannot be read"):
        Corrections.load(tmp_path)
    c = Corrections()
    with pytest.raises(ValueError, match="two-letter country code"):
        c.add_place("Mariupol", "Ukraine")
    with pytest.raises(ValueError, match="two-letter country code"):
        c.add_drop_country("XYZ")


def test_apply_merges_drops_and_maps_places():
    c = Corrections()
    c.add_merge("Oakley Fenwick", "Oakley J. Fenwick")
    c.add_merge("Oakley J. Fenwick", "O. J. Fenwick")        # chains resolve
    c.add_merge("O. J. Fenwick", "Oakley Fenwick")           # and a cycle stops
    c.add_drop_person("Nobody Real")
    c.add_place("Mariupol", "UA")
    c.add_drop_country("TR")
    art = _article()
    art.persons = ["Oakley Fenwick", "Nobody Real", "Volodymyr Zelensky"]
    art.countries = ["TR"]
    c.apply(art)
    assert art.persons == ["Oakley Fenwick", "Volodymyr Zelensky"]
    assert art.countries == ["UA"]


def test_place_mapping_needs_the_word_in_the_text():
    c = Corrections()
    c.add_place("Avdiivka", "UA")
    art = _article("Talks in Vienna ended without progress.")
    c.apply(art)
    assert art.countries == []
    art = _article("Fighting near Avdiivka continued.")
    c.apply(art)
    assert art.countries == ["UA"]


def test_pipeline_tagging_uses_corrections():
    c = Corrections()
    c.add_merge("Volodymyr Zelensky", "Zelensky, Volodymyr")
    c.add_drop_country("TR")
    art = tag_entities(_article(), ExtractContext(corrections=c))
    assert "Zelensky, Volodymyr" in art.persons and "Oakley Fenwick" in art.persons
    assert "TR" not in art.countries and "UA" in art.countries


def test_retag_rewrites_stored_articles_and_runs_retag_hooks(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Zelensky visit\n\n" + TEXT, encoding="utf-8")
    (src / "b.txt").write_text("Markets\n\nShares rose in Frankfurt as Bundesbank officials spoke about "
                               "inflation in Germany and the euro area.", encoding="utf-8")
    lib_dir = tmp_path / "lib"
    lib = open_library(lib_dir)
    report = lib.import_all([src])
    assert report.imported == 2
    before = {a.id: a for a in lib.store.iter_articles()}
    lib.close()
    zel = next(a for a in before.values() if "Volodymyr Zelensky" in a.persons)
    assert "TR" in zel.countries

    seen_retag, seen_commit = [], []
    opened = index.library.open_library

    def open_with_probes(*args, **kwargs):     # the CLI's library, its steps observed
        library = opened(*args, **kwargs)
        library.after_retag = [lambda library, arts: seen_retag.extend(a.id for a in arts)]
        library.after_commit = [lambda library, arts: seen_commit.extend(arts)]
        return library

    monkeypatch.setattr(index.library, "open_library", open_with_probes)
    assert cli_main(["--library", str(lib_dir), "entities", "--merge", "Volodymyr Zelensky", "Zelensky",
                     "--drop-country", "TR", "--place", "Mariupol", "UA"]) == 0
    assert cli_main(["--library", str(lib_dir), "retag"]) == 0

    lib = open_library(lib_dir)
    try:
        after = lib.get(zel.id)
        assert "Zelensky" in after.persons and "Volodymyr Zelensky" not in after.persons
        assert "TR" not in after.countries and "UA" in after.countries
        assert after.body == zel.body and after.title == zel.title      # nothing re-read, nothing lost
        assert lib.count() == 2
    finally:
        lib.close()
    assert seen_retag == [zel.id]          # only the changed article is rewritten
    assert seen_commit == []               # alerts and other import hooks do not fire again


def test_cli_rejects_bad_country_code(tmp_path, capsys):
    assert cli_main(["--library", str(tmp_path / "lib"), "entities", "--place", "Mariupol", "Ukraine"]) == 2
    assert "two-letter country code" in capsys.readouterr().err
