"""The core stands without Qt: importing every index module loads no PySide6 and no desktop."""
import pkgutil
import subprocess
import sys
from pathlib import Path

import index

ROOT = Path(__file__).resolve().parent.parent


def test_index_imports_no_qt_or_desktop():
    modules = [m.name for m in pkgutil.walk_packages(index.__path__, "index.") if m.name != "index.__main__"]
    assert "index.cli.importing" in modules and "index.library" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "import index.cli; index.cli.build_parser()\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'desktop'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"index loaded Qt/desktop modules: {out.stdout}"


def test_no_source_line_imports_qt():
    offenders = []
    for path in (ROOT / "index").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            s = line.strip()
            if s.startswith(("import PySide6", "from PySide6", "import desktop", "from desktop")):
                offenders.append(f"{path}: {s}")
    assert offenders == []
