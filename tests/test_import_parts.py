"""Big exports read in parts by the extraction worker (index/ingest/parallel.py).

One 10,000-article JSONL export is one file: it is cut into self-contained parts so the worker
extracts while the importer indexes, committed in batches as it goes. The result must be the
library an in-process import gives; errors keep naming the line of the whole file."""
import json
from pathlib import Path

from index.ingest import parallel
from index.ingest.readers import jsondata, mail
from index.library import open_library
from index.model import SearchRequest


SYLLABLES = "ka lo mi ru sen ta vo bri dal nek".split()


def _name(i: int) -> str:
    """A made-up town name per number: the texts differ in words, not only in digits (lines
    that differ only in digits are furniture to the learned-lines step)."""
    return "".join(SYLLABLES[(i // 10 ** k) % 10] for k in range(4)).capitalize()


def _record(i: int, outlet: str = "Harbour Gazette") -> dict:
    return {"title": f"Harbour report {i}", "source": outlet, "date": f"2024-03-{1 + i % 28:02d}",
            "text": f"The port of {_name(i)} counted {i * 7} ships this week, officials said. "
                    f"Dockers in {_name(i + 1)} expect more traffic as season {i} goes on.\n"
                    "Tide tables by the Harbour Gazette shipping desk in Valmora."}


def _jsonl(path: Path, n: int, bad_line: int | None = None) -> Path:
    lines = [json.dumps(_record(i)) for i in range(n)]
    if bad_line is not None:
        lines[bad_line - 1] = '{"title": "broken", "text": '
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_parts_keep_every_record_and_line_numbers(tmp_path):
    data = _jsonl(tmp_path / "x.jsonl", 3000).read_bytes()
    parts = jsondata.split(data, "x.jsonl", 64 * 1024)
    assert len(parts) > 3
    got = [r for p in parts for r in jsondata.read(p, "x.jsonl")]
    assert [a.title for a in got] == [a.title for a in jsondata.read(data, "x.jsonl")]
    bad = _jsonl(tmp_path / "bad.jsonl", 3000, bad_line=2500).read_bytes()
    errors = []
    for p in jsondata.split(bad, "bad.jsonl", 64 * 1024):
        try:
            jsondata.read(p, "bad.jsonl")
        except Exception as e:
            errors.append(str(e))
    assert len(errors) == 1 and errors[0].startswith("invalid JSON at line 2500 ")


def test_json_list_and_mbox_parts(tmp_path):
    records = [_record(i) for i in range(2000)]
    data = json.dumps({"articles": records}).encode()
    parts = jsondata.split(data, "x.json", 64 * 1024)
    assert len(parts) > 3
    assert sum(len(jsondata.read(p, "x.json")) for p in parts) == 2000
    msgs = []
    for i in range(600):
        msgs.append(f"From news@example.com Mon Mar  4 10:00:00 2024\nFrom: Harbour Gazette "
                    f"<news@example.com>\nSubject: Harbour report {i}\nDate: Mon, 4 Mar 2024 10:00:00 "
                    f"+0000\n\nThe port of town {i} counted {i * 7} ships this week, officials said.\n")
    box = "\n".join(msgs).encode()
    parts = mail.split(box, "n.mbox", 16 * 1024)
    assert len(parts) > 3 and all(p.startswith(b"From ") for p in parts)
    assert sum(len(mail.read(p, "n.mbox")) for p in parts) == len(mail.read(box, "n.mbox")) == 600


def test_big_export_through_the_worker_matches_in_process(tmp_path):
    src = _jsonl(tmp_path / "export.jsonl", 2000)
    assert src.stat().st_size > 2 * parallel.PART_BYTES
    reports, commits, streamed, titles = [], {}, set(), []
    for workers in (0, 1):
        lib = open_library(tmp_path / f"lib{workers}")
        gen = lib.import_paths([src], workers=workers, batch_size=400)
        try:
            while True:
                prog = next(gen)
                commits.setdefault(workers, set()).add(prog.committed)
                if prog.committed and prog.done == 0:
                    streamed.add(workers)      # committed while the file was still being read
        except StopIteration as stop:
            reports.append(stop.value)
        assert lib.search(SearchRequest(query=f'"port of {_name(1234)} counted"')).total == 1
        assert lib.state.known_file(str(src)) is not None
        titles.append([lib.get(i).title for i in reports[-1].ids])
        lib.close()
    serial, parallel_ = reports
    # Same articles in the same order (ids may differ: the worker strips the outlet's learned
    # furniture line from later parts, an in-process read of one file learns only afterwards).
    assert titles[0] == titles[1] == [f"Harbour report {i}" for i in range(2000)]
    assert parallel_.failed == serial.failed == []
    assert len(commits[0] - {0}) >= 3 and len(commits[1] - {0}) >= 3    # batches of 400
    assert streamed == {1}


def test_a_bad_line_fails_the_file_with_its_line_and_keeps_the_rest(tmp_path):
    src = _jsonl(tmp_path / "export.jsonl", 2000, bad_line=1000)
    lib = open_library(tmp_path / "lib")
    report = lib.import_all([src], workers=1)
    assert [p.reason.split(" column")[0] for p in report.failed] == ["invalid JSON at line 1000"]
    assert report.failed[0].path == str(src)
    assert 500 < len(report.ids) < 2000                # only the part holding it is missing
    for i in (0, 1999):                                 # parts before and after it are in
        assert lib.search(SearchRequest(query=f'"port of {_name(i)} counted"')).total == 1
    assert lib.state.known_file(str(src)) is None      # not recorded: a rescan tries it again
    lib.close()


def test_furniture_learned_while_a_worker_extracts(tmp_path):
    """The worker strips learned lines; the importer must still count them, or their share
    would fall and the furniture come back (text/learned_lines.py)."""
    src = _jsonl(tmp_path / "export.jsonl", 2000)
    lib = open_library(tmp_path / "lib")
    lib.import_all([src], workers=1)
    hits = lib.search(SearchRequest(query='"harbour gazette shipping desk"', limit=0))
    assert 0 < hits.total < 2000        # learned after the first parts, stripped from the rest
    seen = lib.state.execute("SELECT max(n) FROM learned_lines").fetchone()[0]
    assert seen == 2000                 # every article counted, stripped ones too
    from index.extract.text.learned_lines import LearnedLines
    assert LearnedLines(lib.state).repeated("Harbour Gazette") == 1
    lib.close()


def test_the_windows_import_process_uses_the_extraction_worker(tmp_path):
    """The window imports in a daemon process; a daemon may not start processes, so before this
    was allowed every window import ran without the worker (half the speed on two cores)."""
    from desktop.import_process import ImportWorker
    import psutil
    src = _jsonl(tmp_path / "export.jsonl", 3700)
    assert src.stat().st_size > parallel.MIN_BYTES_FOR_WORKERS
    open_library(tmp_path / "lib").close()           # the window creates it before importing
    worker = ImportWorker()
    kids = 0
    try:
        gen = worker.run(str(tmp_path / "lib"), [str(src)])
        try:
            while True:
                next(gen)
                kids = max(kids, len(psutil.Process(worker.proc.pid).children(recursive=True)))
        except StopIteration as stop:
            report = stop.value
        assert len(report.ids) == 3700 and report.failed == []
        assert kids, "no extraction worker under the import process"
    finally:
        worker.stop()


def test_parts_are_sent_only_as_the_window_allows(tmp_path, monkeypatch):
    """Results of parts (prepared articles, ~10x the bytes read) must not pile up when indexing
    is slower than extraction: at most WINDOW tasks per worker are in flight."""
    from concurrent.futures import ProcessPoolExecutor

    from index.ingest.discover import discover
    from index.extract.pipeline import ExtractContext
    sent = []
    submit = ProcessPoolExecutor.submit
    monkeypatch.setattr(ProcessPoolExecutor, "submit",
                        lambda self, *a, **k: sent.append(1) or submit(self, *a, **k))
    monkeypatch.setattr(parallel, "PART_BYTES", 16 * 1024)
    monkeypatch.setattr(parallel, "WINDOW", 2)
    src = _jsonl(tmp_path / "export.jsonl", 600)
    lib = open_library(tmp_path / "lib")
    gen = parallel.outcomes(list(discover([src])), lib, ExtractContext(), None, 1)
    first = next(gen)
    assert first[2] is False and len(sent) <= 2 + 1     # not all ~12 parts at once
    rest = list(gen)
    assert rest[-1][2] is True and len(sent) == 1 + len(rest)
    assert sum(len(o[0]) for _, o, _ in [first, *rest]) == 600
    lib.close()
