"""The fuzz harness's short run (tools/fuzz.py --quick): a few seeded mutations per reader and
the cheap structure-aware cases all end in articles or a named reason. The long run (1,000
mutations per reader and the gigabyte bombs) is run by hand: `python tools/fuzz.py`."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_short_fuzz_run_finds_no_crash_hang_or_memory_blowup(tmp_path):
    out = tmp_path / "fuzz.json"
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "fuzz.py"), "--cases", "3",
                           "--quick", "--json", str(out), "--save", str(tmp_path / "failing")],
                          capture_output=True, text=True, timeout=1800, cwd=ROOT)
    result = json.loads(out.read_text())
    assert result["failures"] == [], proc.stdout[-4000:]
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    readers = result["readers"]
    assert set(readers) >= {"txt", "md", "html", "eml", "mbox", "pdf", "docx", "xml", "json",
                            "jsonl", "zip"}
    for name, stats in readers.items():
        assert stats["cases"] >= 3, name
        assert stats.get("articles", 0) + stats.get("reason", 0) + stats.get("rejected", 0) \
            == stats["cases"], (name, stats)
    # the structure-aware cases ran, and the harness can tell a crash from a reason
    assert readers["json"]["cases"] > 3 and readers["pdf"]["cases"] > 3


def test_harness_reports_a_crash_as_a_crash():
    sys.path.insert(0, str(ROOT / "tools"))
    import fuzz
    got = fuzz._crash(ValueError("boom"))
    assert got["outcome"] == "crash" and "ValueError" in got["sig"]
    assert fuzz.read_one("json", b'{"title": "T", "text": "' + b"x" * 10 + b'"}', "a.json",
                         None)["outcome"] in ("reason", "rejected")
