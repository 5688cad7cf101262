"""The crash harness's short run (tools/killtest.py): an import killed with SIGKILL inside a
commit, Whoosh's table-of-contents write, the after-commit steps and at random; after each kill
the library opens, check finds no error, every committed article is there once; the import
then completes the set without duplicates, and a second concurrent import is told the library
is in use. The long run (10,000 articles, 30 kills) is run by hand."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_short_kill_run_survives_every_kill(tmp_path):
    out = tmp_path / "kill.json"
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "killtest.py"), "--articles", "200",
                           "--trials", "4", "--batch", "20", "--workdir", str(tmp_path / "work"),
                           "--json", str(out)], capture_output=True, text=True, timeout=3000,
                          cwd=ROOT)
    assert out.exists(), proc.stdout[-3000:] + proc.stderr[-3000:]
    result = json.loads(out.read_text())
    bad = [r for r in result["results"] if not r["ok"]]
    assert bad == [], proc.stdout[-3000:]
    assert result["complete"]["ok"], result["complete"]
    assert result["concurrent"]["ok"], result["concurrent"]
    assert "in use" in result["concurrent"]["second_said"]
    killed = [r["killed_in"] for r in result["results"]]
    assert sum(k != "(finished first)" for k in killed) >= 2, killed   # commit and toc at least
    assert proc.returncode == 0
