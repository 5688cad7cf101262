"""Result and facet exports read back with csv, json and openpyxl equal the search results
(ids, order, every column, non-ASCII text, persons lists); cancelling leaves no file."""
from __future__ import annotations

import csv
import datetime as dt
import json
import tempfile
from pathlib import Path

import openpyxl
import pytest

from index.cancel import CancelToken
from index.export import ExportError, format_for
from index.export.facets import export_facets
from index.export.results import export_results, run_to_end
from index.export.table import HEADERS, KEYS
from index.model import Article, SearchRequest
from index.stories.service import group_new


def _articles() -> list[Article]:
    out = []
    outlets = ["ТАСС", "The Moscow Times", "Frankfurter Allgemeine", None]
    for i in range(23):
        out.append(Article(
            id=f"art{i:02d}", title=f"Переговоры {i}: Trump and Putin talk «ceasefire»" if i % 3 else
            f"Gespräche über Waffenruhe {i}", body=f"Talks on a ceasefire, round {i}. Путин и Трамп "
            f"говорили о перемирии. Straße, Zürich, naïve café. " * 3,
            path=f"feeds/export-{i}.xml", sha256=f"sha{i}", format="feed", outlet=outlets[i % 4],
            agencies=["AFP", "dpa"] if i % 2 else [], authors=["Анна Иванова"] if i % 5 == 0 else [],
            url=f"https://example.org/news/{i}?a=1&b=2" if i % 2 else None,
            published=None if i % 7 == 0 else dt.date(2025, 5, 1) + dt.timedelta(days=i % 11),
            published_source=None if i % 7 == 0 else ("meta" if i % 2 else "text"),
            language=["ru", "en", "de"][i % 3],
            persons=["Vladimir Putin", "Donald Trump"] + (["Volodymyr Zelensky"] if i % 4 == 0 else []),
            countries=["RU", "US"] if i % 2 else ["UA"]))
    out[5].title = "=HYPERLINK(\"http://evil.example\",\"click\")"       # formula injection
    out[6].title = "-5% and +3 points: @markets"
    return out


@pytest.fixture
def library(lib):
    arts = _articles()
    with lib.writing():
        lib.store.add(arts)
    group_new(lib, arts[:12])          # story ids for some, the rest not grouped yet
    return lib


def _expected(library, request: SearchRequest):
    res = library.search(SearchRequest.from_json({**request.to_json(), "offset": 0, "limit": 1000}))
    assert len(res.hits) == res.total
    return res.hits


def _story(library, aid):
    row = library.state.execute("SELECT story_id FROM story_articles WHERE article_id=?", (aid,)).fetchone()
    return row[0] if row else None


def _check_row(library, values: dict, hit, lists_joined: bool) -> None:
    a = library.get(hit.id)
    assert values["id"] == a.id
    assert values["title"] == a.title
    assert values["outlet"] == (a.outlet or None)
    assert values["language"] == a.language
    assert values["date_source"] == (a.published_source if a.published else None)
    assert values["file"] == a.path
    assert values["url"] == a.url
    assert values["story"] == _story(library, a.id)
    assert values["snippet"] == hit.snippet.replace("[[", "").replace("]]", "")
    for key, attr in (("persons", "persons"), ("countries", "countries"), ("agencies", "agencies"),
                      ("authors", "authors")):
        want = getattr(a, attr)
        got = values[key]
        if lists_joined:
            got = got.split("; ") if got else []
        assert got == want


def _run(library, request, path, **kw):
    return run_to_end(export_results(library, request, path, **kw))


REQUESTS = [
    SearchRequest(query="ceasefire", sort="relevance"),
    SearchRequest(query="", sort="newest"),
    SearchRequest(query="Putin OR Путин", sort="oldest", filters={"country": ["RU"]},
                  excludes={"outlet": ["ТАСС"]}),
]


@pytest.mark.parametrize("request_", REQUESTS, ids=["relevance", "newest", "filtered"])
def test_csv_reads_back_equal_to_the_search(library, tmp_path, request_):
    hits = _expected(library, request_)
    path = tmp_path / "out.csv"
    report = _run(library, request_, path, page=4)           # several pages
    assert report.rows == report.total == len(hits) > 3 and not report.cancelled
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                     # BOM: spreadsheets read UTF-8
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == HEADERS
    assert [r[KEYS.index("id")] for r in rows[1:]] == [h.id for h in hits]
    for r, hit in zip(rows[1:], hits):
        values = {k: (v or None) for k, v in zip(KEYS, r)}
        a = library.get(hit.id)
        assert values.pop("date") == (a.published.isoformat() if a.published else None)
        story = values.pop("story")
        values["story"] = int(story) if story else None
        title = values["title"]
        if a.title.startswith(("=", "+", "-", "@")):           # the formula guard
            assert title == "'" + a.title
            values["title"] = a.title
        values = {k: (v if v is not None or k not in ("persons", "countries", "agencies", "authors")
                      else "") for k, v in values.items()}
        values["snippet"] = values["snippet"] or ""
        _check_row(library, values, hit, lists_joined=True)


def test_jsonl_reads_back_equal_to_the_search(library, tmp_path):
    req = REQUESTS[0]
    hits = _expected(library, req)
    path = tmp_path / "out.jsonl"
    _run(library, req, path, page=5)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in lines] == [h.id for h in hits]
    assert "Переговоры" in path.read_text(encoding="utf-8")     # not \u-escaped
    for d, hit in zip(lines, hits):
        a = library.get(hit.id)
        assert list(d) == list(KEYS)
        assert d["date"] == (a.published.isoformat() if a.published else None)
        _check_row(library, d, hit, lists_joined=False)


def test_xlsx_reads_back_equal_to_the_search(library, tmp_path):
    req = REQUESTS[1]
    hits = _expected(library, req)
    path = tmp_path / "out.xlsx"
    _run(library, req, path, page=6)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Results", "Search"]
    ws = wb["Results"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    assert ws["A1"].font.bold and ws.freeze_panes == "A2" and ws.auto_filter.ref
    assert [r[KEYS.index("id")] for r in rows[1:]] == [h.id for h in hits]
    for excel_row, (r, hit) in enumerate(zip(rows[1:], hits), start=2):
        values = dict(zip(KEYS, r))
        a = library.get(hit.id)
        date = values.pop("date")
        if a.published:
            assert isinstance(date, dt.datetime) and date.date() == a.published
            assert ws.cell(excel_row, 1).number_format == "yyyy-mm-dd"
        else:
            assert date is None
        for k in ("persons", "countries", "agencies", "authors"):
            values[k] = values[k] or ""
        values["snippet"] = values["snippet"] or ""
        _check_row(library, values, hit, lists_joined=True)
        if a.title.startswith("="):
            assert ws.cell(excel_row, KEYS.index("title") + 1).data_type == "s"   # not a formula
    about = dict(wb["Search"].iter_rows(values_only=True))
    assert about["Articles"] == str(len(hits)) and about["Sort"] == "newest"


def test_whole_result_set_not_the_page(library, tmp_path):
    req = SearchRequest(query="", sort="newest", limit=5, offset=10)   # the window's paging
    report = _run(library, req, tmp_path / "all.jsonl")
    assert report.rows == library.count() == 23


def _openpyxl_temp_files() -> set:
    return set(Path(tempfile.gettempdir()).glob("openpyxl.*"))


def test_cancel_leaves_no_file_and_keeps_an_older_one(library, tmp_path):
    before = _openpyxl_temp_files()
    for fmt in ("csv", "jsonl", "xlsx"):
        path = tmp_path / f"out.{fmt}"
        path.write_text("an older export", encoding="utf-8")
        token = CancelToken()
        gen = export_results(library, SearchRequest(), path, cancel=token, page=2)
        first = next(gen)
        assert first.done == 0 and first.total == 23
        next(gen)                                          # one page written
        if fmt != "xlsx":       # openpyxl streams the rows to its temporary file until the end
            assert (tmp_path / f"out.{fmt}.partial").exists()
        token.cancel()
        report = run_to_end(gen)
        assert report.cancelled and 0 < report.rows < 23
        assert "cancelled" in report.summary()
        assert path.read_text(encoding="utf-8") == "an older export"
        assert not (tmp_path / f"out.{fmt}.partial").exists()
    assert _openpyxl_temp_files() <= before          # the workbook's row file went too


def test_consumer_stopping_early_removes_the_partial_file(library, tmp_path):
    out = tmp_path / "out"
    for fmt in ("csv", "xlsx"):
        gen = export_results(library, SearchRequest(), out / f"a.{fmt}", page=3)
        next(gen)
        next(gen)
        gen.close()                                        # window closed, Ctrl-C
    assert list(out.iterdir()) == []


def test_scan_reads_one_state_of_the_library(library, tmp_path):
    scan = library.store.scan(SearchRequest(sort="newest"))
    with library.writing():
        library.store.add([Article(id="late", title="Late", body="late ceasefire", path="l", sha256="l")])
    ids = [m.article.id for page in scan.pages(7) for m in page]
    scan.close()
    assert len(ids) == 23 and "late" not in ids
    assert library.store.scan(SearchRequest()).total == 24


def test_format_from_extension_and_clear_errors(library, tmp_path):
    assert format_for("a.CSV") == "csv" and format_for("a.ndjson") == "jsonl"
    assert format_for("a.txt", "xlsx") == "xlsx"
    with pytest.raises(ExportError, match=r"\.jsonl"):
        format_for("a.json")
    with pytest.raises(ExportError, match="a.doc"):
        format_for("a.doc")
    with pytest.raises(ExportError, match="unknown export format"):
        format_for("a.csv", "pdf")
    with pytest.raises(ExportError, match="folder"):
        _run(library, SearchRequest(), tmp_path, fmt="csv")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="cannot write"):
        _run(library, SearchRequest(), blocker / "sub" / "out.csv")


def test_facet_counts_csv_equals_the_facets(library, tmp_path):
    req = SearchRequest(query="ceasefire", filters={"language": ["ru"]})
    rows, result = export_facets(library, req, tmp_path / "facets.csv")
    with open(tmp_path / "facets.csv", encoding="utf-8-sig", newline="") as fh:
        got = list(csv.reader(fh))
    assert got[0] == ["Facet", "Value", "Name", "Count"] and len(got) == rows + 1
    want = library.search(SearchRequest.from_json({**req.to_json(), "facet_limit": 10**6}))
    for facet in ("person", "country", "outlet", "language", "agency", "date"):
        mine = [(v, int(n)) for f, v, _, n in got[1:] if f == facet and v != "none"]
        assert mine == [(v, n) for v, n in want.facets[facet]], facet
    names = {(f, v): name for f, v, name, _ in got[1:]}
    assert names[("country", "RU")] != "RU" and names[("person", "Vladimir Putin")] == "Vladimir Putin"
    assert ("date", "none") in names                           # the undated hits
    # the selected facet still lists its alternatives (counts as in the window)
    assert {v for f, v, _, _ in got[1:] if f == "language"} == {"ru", "en", "de"}


def test_xlsx_continues_on_a_new_sheet_past_the_row_limit(library, tmp_path, monkeypatch):
    from index.export import xlsx
    monkeypatch.setattr(xlsx, "MAX_ROWS", 10)       # Excel's limit is 1,048,576 rows a sheet
    _run(library, SearchRequest(sort="oldest"), tmp_path / "big.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "big.xlsx", read_only=True)
    assert wb.sheetnames == ["Results", "Results 2", "Results 3", "Search"]
    ids = []
    for name in wb.sheetnames[:3]:
        rows = list(wb[name].iter_rows(values_only=True))
        assert rows[0] == HEADERS and len(rows) <= 10
        ids += [r[KEYS.index("id")] for r in rows[1:]]
    assert ids == [h.id for h in _expected(library, SearchRequest(sort="oldest"))]


HOSTILE = [
    "Tom & Jerry <b>bold</b> > less; \"quoted\" and 'single'",
    "  leading and trailing spaces  ",
    "\ttab first, then a\r\nWindows line end and a ]]> CDATA end",
    "control \x07 bell and \x1b escape characters",
    "emoji 🕊️ and Ελληνικά, 中文, עברית",
    "x" * 40_000,
]


def test_xlsx_keeps_hostile_text_as_text(lib, tmp_path):
    """The row writer writes XML text itself: what openpyxl reads back is the title, with the
    characters XML cannot hold dropped and an over-long cell cut at Excel's 32,767."""
    arts = [Article(id=f"h{i}", title=t, body=f"ceasefire talks {i}", path=f"h{i}.txt", sha256=f"h{i}",
                    outlet=t[:40], persons=[t[:30], "Vladimir Putin"]) for i, t in enumerate(HOSTILE)]
    with lib.writing():
        lib.store.add(arts)
    _run(lib, SearchRequest(sort="oldest"), tmp_path / "h.xlsx")
    rows = list(openpyxl.load_workbook(tmp_path / "h.xlsx")["Results"].iter_rows(values_only=True))[1:]
    got = {r[KEYS.index("id")]: dict(zip(KEYS, r)) for r in rows}
    assert set(got) == {a.id for a in arts}
    for a in arts:
        want = a.title.replace("\x07", "").replace("\x1b", "")
        if len(want) > 32_767:
            want = want[:32_766] + "…"
        assert got[a.id]["title"] == want
        assert got[a.id]["outlet"] == a.outlet.replace("\x07", "").replace("\x1b", "")
        assert got[a.id]["persons"] == "; ".join(a.persons).replace("\x07", "").replace("\x1b", "")
    # Excel trims a cell's outer spaces unless the XML says to keep them (openpyxl never does)
    import zipfile
    from lxml import etree
    with zipfile.ZipFile(tmp_path / "h.xlsx") as z:
        sheet = etree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    kept = [t.text for t in sheet.iter("{*}t")
            if t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"]
    assert HOSTILE[1] in kept and HOSTILE[2] in kept and HOSTILE[0] not in kept


def test_a_lone_surrogate_does_not_fail_the_export(lib, tmp_path):
    """Text that has no UTF-8 form (a lone surrogate, as JSON can carry) is written as "?"
    rather than stopping an export of 100,000 articles at the one."""
    with lib.writing():
        lib.store.add([Article(id="s1", title="bad \ud800 title", body="ceasefire \udcff talks",
                               path="s.json", sha256="s")])
    for fmt in ("csv", "jsonl", "xlsx"):
        report = _run(lib, SearchRequest(), tmp_path / f"s.{fmt}")
        assert report.rows == 1 and not report.cancelled
    with open(tmp_path / "s.csv", encoding="utf-8-sig", newline="") as fh:
        assert list(csv.reader(fh))[1][KEYS.index("title")] == "bad ? title"
    assert json.loads((tmp_path / "s.jsonl").read_text(encoding="utf-8"))["title"] == "bad ? title"
    ws = openpyxl.load_workbook(tmp_path / "s.xlsx")["Results"]
    assert ws.cell(2, KEYS.index("title") + 1).value == "bad ? title"
