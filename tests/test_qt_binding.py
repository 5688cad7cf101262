"""The pinned Qt binding keeps Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void Qt call, and a busy
window aborted with "none_dealloc" after a few thousand calls. Checked in a subprocess with the
app's None guard off, so a regression shows as a failure here, not as a crash of the suite.
"""
import subprocess
import sys

CODE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
before = sys.getrefcount(None)
for _ in range(2000):
    label.setText("x")
print(sys.getrefcount(None) - before)
"""


def test_void_qt_calls_do_not_leak_references_to_none():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert abs(int(out.stdout.strip().splitlines()[-1])) < 50
