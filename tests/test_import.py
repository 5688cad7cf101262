"""The import engine end to end: real files, a real library, the CLI, a killed import."""
import json
import os
import signal
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import psutil
import pytest

from index.cancel import CancelToken
from index.library import open_library
from index.model import SearchRequest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "moscow-times-trump-putin-call.txt"


def run_cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "index", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, **kw)


def make_articles(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(start, start + n):
        p = folder / f"article-{i:05d}.txt"
        p.write_text(f"Harbour report number {i}\n\nThe port authority of town {i} counted {i * 7} ships "
                     f"arriving this week, officials said on a windy afternoon. Dockers in district {i} "
                     f"expect more traffic as the season {i} goes on.\n", encoding="utf-8")
        out.append(p)
    return out


def test_cli_import_seed_json_and_reimport_is_noop(tmp_path):
    lib = tmp_path / "lib"
    out = run_cli("import", "--library", lib, "--json", SEED)
    assert out.returncode == 0, out.stderr
    first = json.loads(out.stdout)
    assert first["imported"] == 1 and first["duplicates"] == 0 and first["failed"] == []
    assert len(first["ids"]) == 1
    # Same text under another name: a duplicate, nothing added.
    copy = tmp_path / "renamed copy.txt"
    copy.write_bytes(SEED.read_bytes())
    out = run_cli("import", "--library", lib, "--json", SEED, copy)
    again = json.loads(out.stdout)
    assert again["imported"] == 0 and again["duplicates"] == 2
    shown = json.loads(run_cli("show", first["ids"][0], "--library", lib, "--json").stdout)
    assert shown["outlet"] == "The Moscow Times"
    assert shown["agencies"] == ["AFP"]
    assert shown["language"] == "en"
    assert shown["published"] is None
    assert "A Message from The Moscow Times" not in shown["body"]
    assert "Remind me later" not in shown["body"]
    assert "112 drones" in shown["body"]
    for key in ("id", "title", "outlet", "agencies", "authors", "url", "published", "published_source",
                "language", "persons", "countries", "body", "path", "sha256"):
        assert key in shown


def test_cli_search_finds_seed(tmp_path):
    lib = tmp_path / "lib"
    assert run_cli("import", "--library", lib, SEED).returncode == 0
    out = run_cli("search", "ceasefire", "--library", lib, "--json")
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    assert res["total"] == 1
    assert "Remind me later" not in res["hits"][0]["snippet"]


def test_bad_inputs_are_reported_and_library_intact(tmp_path):
    lib = open_library(tmp_path / "lib")
    first = lib.import_all([SEED])
    assert first.imported == 1
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "garbage.txt").write_bytes(bytes(range(256)) * 40)
    (bad / "truncated.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R")
    (bad / "corrupt.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    with zipfile.ZipFile(bad / "evil.zip", "w") as z:
        z.writestr("../../escape.txt", "Escaped article text that must never be written outside.")
    (bad / "unknown.xyz").write_text("what is this")
    (bad / "scripts.html").write_text("<html><head><script>" + "var a=1;" * 500 +
                                      "</script></head><body><script>x()</script></body></html>")
    report = lib.import_all([bad])
    reasons = {Path(p.path.split("!")[0]).name: p.reason for p in report.failed + report.skipped}
    assert set(reasons) >= {"empty.txt", "garbage.txt", "truncated.pdf", "corrupt.zip", "evil.zip",
                            "unknown.xyz", "scripts.html"}
    assert all(r for r in reasons.values())
    assert "unsupported" in reasons["unknown.xyz"]
    assert report.imported == 0
    assert lib.count() == 1
    assert lib.search(SearchRequest(query="Putin")).total == 1
    assert not (tmp_path / "escape.txt").exists()
    lib.close()


def test_cancel_keeps_committed_batches(tmp_path):
    files = make_articles(tmp_path / "in", 60)
    lib = open_library(tmp_path / "lib")
    cancel = CancelToken()
    gen = lib.import_paths([tmp_path / "in"], cancel, batch_size=10)
    committed = 0
    for prog in gen:
        committed = prog.committed
        if committed >= 20:
            cancel.cancel()
    assert 20 <= lib.count() < len(files)
    assert lib.import_log()[0].cancelled
    # A second run picks up the rest; the first batches are duplicates.
    rest = lib.import_all([tmp_path / "in"])
    assert lib.count() == len(files)
    assert rest.imported + rest.duplicates == len(files)
    lib.close()


KILLED = textwrap.dedent("""
    import sys
    from index.library import open_library
    lib = open_library(sys.argv[1])
    for prog in lib.import_paths([sys.argv[2]], batch_size=25):
        if prog.phase == "reading" and prog.committed:
            print(prog.committed, flush=True)
""")


def test_killed_import_leaves_usable_library(tmp_path):
    make_articles(tmp_path / "in", 400)
    folder = tmp_path / "lib"
    proc = subprocess.Popen([sys.executable, "-c", KILLED, str(folder), str(tmp_path / "in")],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)
    committed = 0
    helpers = []
    for line in proc.stdout:
        committed = int(line)
        helpers = psutil.Process(proc.pid).children(recursive=True) or helpers
        if committed >= 100:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait()
    assert committed >= 100
    assert helpers, "400 files: the import should have used an extraction worker"
    gone, alive = psutil.wait_procs(helpers, timeout=10)   # no orphaned worker stays behind
    assert not alive
    lib = open_library(folder)
    n = lib.count()
    assert committed <= n < 400
    assert lib.search(SearchRequest(query="harbour")).total == n
    assert lib.import_log()[0].finished is None          # the log shows the run was interrupted
    report = lib.import_all([tmp_path / "in"])            # the lock was not left behind
    assert lib.count() == 400
    assert report.failed == []
    lib.close()


def test_worker_process_gives_the_same_library_as_in_process(tmp_path):
    make_articles(tmp_path / "in", 40)
    (tmp_path / "in" / "dup.txt").write_bytes((tmp_path / "in" / "article-00003.txt").read_bytes())
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    reports = []
    for workers in (0, 1):
        lib = open_library(tmp_path / f"lib{workers}")
        reports.append(lib.import_all([tmp_path / "in"], workers=workers))
        lib.close()
    serial, parallel = reports
    assert parallel.ids == serial.ids and len(serial.ids) == 40
    assert parallel.duplicates == serial.duplicates == 1
    assert [p.path for p in parallel.failed] == [p.path for p in serial.failed]
    assert parallel.failed[0].reason == serial.failed[0].reason


def test_cancel_with_worker_process(tmp_path):
    make_articles(tmp_path / "in", 300)
    lib = open_library(tmp_path / "lib")
    cancel = CancelToken()
    for prog in lib.import_paths([tmp_path / "in"], cancel, batch_size=20, workers=1):
        if prog.committed >= 40:
            cancel.cancel()
    assert 40 <= lib.count() < 300
    assert lib.import_log()[0].cancelled
    lib.close()
