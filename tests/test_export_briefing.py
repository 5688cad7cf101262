"""The briefing of a saved search: new matches since a date, grouped by story, cited like the
comparison briefing, and nothing in it that loads anything or passes article HTML through."""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from index.alerts import saved
from index.cli import main
from index.export import ExportError, pdf
from index.export.digest import build_digest, render_digest_html, write_digest
from index.model import Article, SearchRequest
from index.stories.briefing import citation
from index.stories.compare import Side
from index.stories.service import group_new

OLD = dt.datetime(2025, 4, 1, 9, 0)
NEW = dt.datetime(2025, 5, 20, 9, 0)
WIRE = ("Russia and Ukraine agreed on Friday to swap 1,000 prisoners each after talks in Istanbul, "
        "the first direct negotiations since 2022, but failed to agree a ceasefire. The Kremlin "
        "said Vladimir Putin had no plans to meet Volodymyr Zelensky. Turkish Foreign Minister "
        "Hakan Fidan hosted the two delegations at the Dolmabahce palace.")


def _art(i: int, **kw) -> Article:
    d = dict(id=f"d{i}", title=f"Istanbul talks {i}", body=WIRE, path=f"mail/{i}.eml", sha256=f"s{i}",
             outlet="Harbor Line News", language="en", published=dt.date(2025, 5, 16),
             published_source="meta", persons=["Vladimir Putin", "Volodymyr Zelensky"],
             countries=["RU", "UA", "TR"], imported=NEW)
    d.update(kw)
    return Article(**d)


@pytest.fixture
def library(lib):
    arts = [
        _art(1, outlet="Harbor Line News", url="https://harbor.example/istanbul?x=1&y=2"),
        _art(2, outlet="Westmark Daily", published=dt.date(2025, 5, 17), body=WIRE + " Copy."),
        _art(3, title="Sanctions <b>vote</b> <script>alert(1)</script>", outlet="Courier",
             published=dt.date(2025, 5, 18), url="javascript:alert(1)",
             body="Putin: <img src=\"http://tracker.example/p.png\" onerror=\"alert(2)\"> "
                  "<iframe src=https://evil.example></iframe> <a href=\"https://evil.example/x\">"
                  "link</a> <link rel=stylesheet href=\"https://evil.example/s.css\"> "
                  "[[not a mark]] on sanctions and the ceasefire."),
        _art(4, title="Old story", published=dt.date(2025, 3, 1), imported=OLD,
             body="An old article about Putin and a ceasefire from March."),
        _art(5, title="Undated but new", published=None, published_source=None, imported=NEW,
             body="A newsletter item without a date: Putin and the ceasefire."),
        _art(6, title="Undated and old", published=None, published_source=None, imported=OLD,
             body="An old undated note on Putin and a ceasefire."),
        _art(7, title="Imported late, published long ago", published=dt.date(2024, 12, 1),
             imported=NEW, body="Archive piece: Putin, ceasefire talks of 2024."),
        _art(8, title="Unrelated", body="Football results from the weekend.", persons=[], countries=[]),
    ]
    with lib.writing():
        lib.store.add(arts)
    group_new(lib, arts)
    saved.add(lib.state, "Putin ceasefire", SearchRequest(query="Putin"))
    return lib


def test_new_matches_by_publication_date_grouped_by_story(library):
    s = saved.get(library.state, "Putin ceasefire")
    d = build_digest(library, s.request, dt.date(2025, 5, 1), name=s.name)
    ids = [it.article.id for st in d.stories for it in st.items]
    # published since May (1, 2, 3) and undated-but-imported since (5); not the old ones
    assert sorted(ids) == ["d1", "d2", "d3", "d5"] and d.total == 4
    numbers = [it.n for st in d.stories for it in st.items]
    assert numbers == [1, 2, 3, 4]                          # numbered in reading order
    wire = next(st for st in d.stories if any(it.article.id == "d1" for it in st.items))
    assert [it.article.id for it in wire.items] == ["d1", "d2"]    # one story, in date order
    assert wire.story_id is not None and wire.in_library >= 2
    assert wire.items[1].copy_of == wire.items[0].n             # the near-identical copy
    newest_first = [max((it.article.published for it in st.items if it.article.published),
                        default=dt.date.min) for st in d.stories]
    assert newest_first == sorted(newest_first, reverse=True)


def test_new_matches_by_import_date(library):
    d = build_digest(library, SearchRequest(query="Putin"), dt.date(2025, 5, 1), basis="imported")
    ids = sorted(it.article.id for st in d.stories for it in st.items)
    assert ids == ["d1", "d2", "d3", "d5", "d7"]


def test_limit_keeps_the_newest_and_says_so(library):
    d = build_digest(library, SearchRequest(query="Putin"), dt.date(2025, 5, 1), limit=2)
    assert d.total == 4 and d.shown == 2
    assert "2 older new matches are not" in render_digest_html(d)


class _Tags(HTMLParser):
    """Every element and attribute of the page as a browser parses it (text stays text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


LOADING_TAGS = {"script", "iframe", "img", "object", "embed", "link", "frame", "frameset",
                "audio", "video", "source", "svg", "base", "form", "input", "picture", "track"}


def _loads_nothing(page: str) -> None:
    parsed = _Tags()
    parsed.feed(page)
    tags = {t for t, _ in parsed.tags}
    assert not tags & LOADING_TAGS, tags & LOADING_TAGS
    for tag, attrs in parsed.tags:
        assert "src" not in attrs and "srcset" not in attrs and "background" not in attrs, tag
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)       # no handlers
        assert "url(" not in attrs.get("style", "")
        if "href" in attrs:
            assert tag == "a", tag                  # a link to follow, never a resource
            assert attrs["href"].startswith("#") or re.match(r"https?://", attrs["href"]), attrs
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            raise AssertionError("meta refresh")
    css = " ".join(parsed.styles).lower()
    assert "@import" not in css and "url(" not in css
    csp = [a.get("content", "") for t, a in parsed.tags
           if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"]
    assert csp and "default-src 'none'" in csp[0]


def test_briefing_escapes_everything_and_loads_nothing(library):
    d = build_digest(library, SearchRequest(query="Putin"), dt.date(2025, 5, 1), name="Putin <i>x</i>")
    page = render_digest_html(d)
    _loads_nothing(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;vote&lt;/b&gt;" in page
    assert "Putin &lt;i&gt;x&lt;/i&gt;" in page
    assert "javascript:alert(1) (file mail/3.eml)" in page         # a non-web URL: text only
    assert 'href="javascript' not in page
    assert "&lt;img src=&quot;http://tracker.example/p.png&quot;" in page   # the body's tags
    assert "&lt;iframe src=https://evil.example&gt;" in page                # shown as text
    assert "<mark>Putin</mark>" in page                              # matches marked
    assert "[[not a mark]]" not in page and "[ [not a mark] ]" in page


def test_citations_follow_the_comparison_briefing(library):
    d = build_digest(library, SearchRequest(query="Putin"), dt.date(2025, 5, 1))
    page = render_digest_html(d)
    for st in d.stories:
        for it in st.items:
            assert citation(it.n, Side.of(it.article)) in page
            assert f'href="#src{it.n}"' in page
    a = library.get("d1")
    assert a.sha256 in page and "https://harbor.example/istanbul?x=1&amp;y=2" in page
    assert f"file {library.get('d5').path}" in page


def test_write_html_and_pdf_without_a_renderer(library, tmp_path, monkeypatch):
    d = build_digest(library, SearchRequest(query="Putin"), dt.date(2025, 5, 1))
    out_dir = tmp_path / "out"
    out = write_digest(out_dir / "b.html", d)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    monkeypatch.setattr(pdf, "RENDERER", None)        # the core alone (python -m index)
    with pytest.raises(ExportError, match="b.pdf: PDF needs"):
        write_digest(out_dir / "b.pdf", d)
    assert sorted(p.name for p in out_dir.iterdir()) == ["b.html"]
    with pytest.raises(ExportError, match=r"\.html or \.pdf"):
        write_digest(out_dir / "b.doc", d)


def test_cli_saved_briefing_and_search_exports(library, tmp_path, capsys, monkeypatch):
    libdir = str(library.path)
    library.close()
    out = tmp_path / "brief.html"
    code = main(["--library", libdir, "saved", "briefing", "Putin ceasefire", "--since", "2025-05-01",
                 "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 0 and "4 new matches" in err and out.exists()
    _loads_nothing(out.read_text(encoding="utf-8"))
    code = main(["--library", libdir, "saved", "briefing", "nope", "--since", "2025-05-01", "--out", str(out)])
    assert code == 3 and "no saved search" in capsys.readouterr().err
    code = main(["--library", libdir, "saved", "briefing", "Putin ceasefire", "--since", "May", "--out", str(out)])
    assert code == 3 and "not a date" in capsys.readouterr().err

    xlsx, facets = tmp_path / "hits.data", tmp_path / "facets.csv"
    code = main(["--library", libdir, "search", "Putin", "--country", "RU", "--export", str(xlsx),
                 "--format", "xlsx", "--export-facets", str(facets), "--json"])
    import json
    import openpyxl
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["export"]["format"] == "xlsx" and report["facets"]["rows"] > 0
    with open(xlsx, "rb") as fh:          # the format came from --format, not the name
        rows = list(openpyxl.load_workbook(fh)["Results"].iter_rows(values_only=True))
    assert len(rows) - 1 == report["export"]["rows"] == 7
    code = main(["--library", libdir, "search", "Putin", "--export", str(tmp_path / "x.json")])
    assert code == 3 and ".jsonl" in capsys.readouterr().err
    code = main(["--library", libdir, "search", "Putin AND (", "--export", str(tmp_path / "x.csv")])
    assert code == 2 and not (tmp_path / "x.csv").exists()


def test_the_check_catches_what_would_load(library):
    page = render_digest_html(build_digest(library, SearchRequest(query="Putin"), dt.date(2025, 5, 1)))
    for bad in ('<img src="http://x.example/a.png">', '<link rel="stylesheet" href="https://x/s.css">',
                "<script>1</script>", '<a href="javascript:alert(1)">x</a>', "<style>@import 'x';</style>",
                '<p style="background:url(http://x/y)">'):
        with pytest.raises(AssertionError):
            _loads_nothing(page.replace("</body>", bad + "</body>"))


def test_comparison_briefing_links_only_web_addresses(library):
    from index.stories.briefing import render_briefing
    a, b = library.get("d3"), library.get("d1")
    page = render_briefing([a, b])
    _loads_nothing(page)
    assert 'href="javascript' not in page and 'href="https://harbor.example/istanbul?x=1&amp;y=2"' in page
