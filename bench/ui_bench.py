"""Responsiveness of the window: event-loop stalls during a 10,000-article import, and the time
from start to a usable window.

Articles come from ../shared/corpora/reuters21578 (one .txt per story, written to a temp folder,
never into the repo) or are synthesized when the corpus is absent. The import runs through the
window's own import task while a 5 ms QTimer on the GUI thread records how late each tick fires;
searches are typed into the search box during the import, as an analyst would.
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/ui_bench.py [--articles 10000]
A late tick is told apart: the GUI thread's own CPU time in the gap (work on the main thread),
the window process's (its search threads, holding the GIL), or neither (waiting for a core).
Targets (issue 5): no stall over 50 ms; usable window within 1.5 s. Issue 14: the window imports
at the rate of `mediawatch import` on the same folder, timed right after it in the same run
(``--no-cli`` skips that).
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(ROOT / "bench"))
from corpora import CORPORA  # noqa: E402

REUTERS = CORPORA / "reuters21578"
TICK_MS = 5


def reuters_stories(limit: int):
    story = re.compile(r"<REUTERS.*?</REUTERS>", re.S)
    field = lambda tag, s: (m.group(1) if (m := re.search(rf"<{tag}>(.*?)</{tag}>", s, re.S)) else "")
    for sgm in sorted(REUTERS.glob("reut2-*.sgm")):
        for s in story.findall(sgm.read_text(encoding="latin-1")):
            body = html.unescape(field("BODY", s)).replace("\x03", "").strip()
            if len(body) < 200:
                continue
            title = html.unescape(field("TITLE", s)).strip() or body.split("\n", 1)[0]
            try:
                date = dt.datetime.strptime(field("DATE", s).strip()[:11], "%d-%b-%Y").date()
            except ValueError:
                date = None
            yield title, date, body
            limit -= 1
            if limit <= 0:
                return


def synthetic_stories(limit: int, start: int = 0):
    rng = random.Random(42)
    words = ("government minister talks trade bank oil prices market election court border army "
             "summit agreement exports grain harbour strike inflation budget parliament").split()
    for i in range(start, start + limit):
        body = " ".join(" ".join(rng.choice(words) for _ in range(14)).capitalize() + "."
                        for _ in range(8)) + f" Item {i}."
        yield f"Synthetic story {i} on {rng.choice(words)}", dt.date(2024, 1, 1) + dt.timedelta(i % 700), body


def write_articles(folder: Path, n: int) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    count, source = 0, "reuters21578"
    stories = list(reuters_stories(n)) if REUTERS.is_dir() else []
    if len(stories) < n:
        source = "synthetic" if not stories else "reuters21578 + synthetic"
        stories += list(synthetic_stories(n - len(stories), len(stories)))
    for i, (title, date, body) in enumerate(stories):
        sub = folder / f"{i // 1000:02d}"
        sub.mkdir(exist_ok=True)
        date_line = date.strftime("%B %d, %Y") + "\n\n" if date else ""
        (sub / f"story-{i:05d}.txt").write_text(f"{title}\n\n{date_line}{body}\n", encoding="utf-8")
        count += 1
    return f"{count} articles from {source}"


def startup_time(library: Path, settings: Path) -> float:
    """Seconds from launching a fresh process to the window showing its first results."""
    code = (
        "import time, sys; sys.path.insert(0, %r)\n"
        "from desktop.app import make_app\n"
        "app = make_app()\n"
        "from desktop.main_window import MainWindow\n"
        "from index.library import open_library\n"
        "w = MainWindow(open_library(%r))\n"
        "w.search.resultReady.connect(lambda *a: (print('USABLE', time.time()), app.quit()))\n"
        "w.show()\n"
        "app.exec()\n" % (str(ROOT), str(library)))
    env = dict(os.environ, MEDIAWATCH_SETTINGS_DIR=str(settings))
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         timeout=120).stdout
    m = re.search(r"USABLE ([\d.]+)", out)
    return float(m.group(1)) - t0 if m else float("nan")


def cli_rate(folder: Path, library: Path) -> float:
    """Articles per second of `mediawatch import FOLDER` into a new library (start-up included)."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "index", "--library", str(library), "import", "-q",
                    str(folder)], check=True, cwd=ROOT)
    secs = time.perf_counter() - t0
    sys.path.insert(0, str(ROOT))
    from index.library import open_library
    lib = open_library(library, create=False)
    n = lib.count()
    lib.close()
    return n / secs


def main() -> int:
    ap = argparse.ArgumentParser(description="window responsiveness during a large import")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--no-cli", action="store_true", help="skip the CLI import of the same folder")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mediawatch-uibench-"))
    os.environ["MEDIAWATCH_SETTINGS_DIR"] = str(tmp / "settings")
    print("writing:", write_articles(tmp / "articles", args.articles))
    print("machine: %d cores, load average %.1f / %.1f / %.1f before the run" % (os.cpu_count(), *os.getloadavg()))

    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    from desktop.app import make_app
    from desktop.main_window import MainWindow
    from desktop.selftest import wait_for
    from index.library import open_library

    app = make_app()
    window = MainWindow(open_library(tmp / "library", create=True))
    window.show_reports = False
    window.show()
    gaps: list[float] = []
    busy: list[float] = []      # the GUI thread's own CPU time in each gap (ms)
    proc: list[float] = []      # the whole window process's CPU time in each gap (ms)
    clock = QElapsedTimer()
    last = [0.0, time.thread_time(), time.process_time()]

    def tick():
        # A late tick is either the GUI thread working (its CPU time grew by about the gap) or
        # the thread waiting: for the CPU (other programs on a loaded machine) or for the GIL.
        # The process's CPU beside it says whether its search threads ran meanwhile (the GIL).
        now, cpu, pcpu = clock.nsecsElapsed() / 1e6, time.thread_time(), time.process_time()
        gaps.append(now - last[0] - TICK_MS)
        busy.append((cpu - last[1]) * 1000)
        proc.append((pcpu - last[2]) * 1000)
        last[:] = now, cpu, pcpu

    timer = QTimer()
    timer.setTimerType(Qt.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    queries = iter(["oil", "oil prices", "bank", "trade", "grain", "Reagan", "Japan", "market"])

    def type_query():
        q = next(queries, None)
        if q is not None:
            window.search_bar.edit.clear()
            QTest.keyClicks(window.search_bar.edit, q)

    typer = QTimer()
    typer.setInterval(3000)
    typer.timeout.connect(type_query)
    wait_for(window.search.resultReady, 10_000)
    clock.start()
    timer.start()
    # Baseline: the same ticks with the window idle, to tell the machine's own hiccups apart.
    QTest.qWait(15_000)
    idle = sorted(max(0.0, g) for g in gaps[1:])
    gaps.clear()
    busy.clear()
    proc.clear()
    typer.start()
    t0 = time.perf_counter()
    failure: list[str] = []
    got: list = []
    loop = QEventLoop()
    # A failed import never emits finished: the wait ends on failed too, with its message.
    window.imports.failed.connect(lambda msg: (failure.append(msg), loop.quit()))
    window.imports.finished.connect(lambda report: (got.append(report), loop.quit()))
    window.imports.start([str(tmp / "articles")])
    loop.exec()
    elapsed = time.perf_counter() - t0
    timer.stop()
    typer.stop()
    if not got:
        print("the import did not finish:", failure[0] if failure else "timed out")
        sys.stdout.flush()
        os._exit(1)
    report = got[0]
    # Cancel latency: re-import the same folder (all duplicates, same work) and cancel after 3 s.
    window.imports.start([str(tmp / "articles")])
    QTest.qWait(3000)
    t_cancel = time.perf_counter()
    window.import_status.cancel.click()
    again = wait_for(window.imports.finished, 120_000)
    cancel_latency = time.perf_counter() - t_cancel
    window.close()
    late = sorted(zip(gaps[1:], busy[1:], proc[1:]), reverse=True)
    stalls = sorted(max(0.0, g) for g in gaps[1:])
    p99 = stalls[int(len(stalls) * 0.99) - 1] if stalls else 0.0
    print(f"import: {report.imported:,} imported, {report.duplicates:,} duplicates, "
          f"{len(report.failed):,} failed in {elapsed:.1f} s ({report.imported / elapsed:.0f} articles/s)")
    print(f"idle window (15 s before the import): longest stall {idle[-1]:.1f} ms, "
          f"p99 {idle[int(len(idle) * 0.99) - 1]:.1f} ms, over 50 ms: {sum(s > 50 for s in idle)}")
    print(f"during the import: {len(stalls):,} ticks of {TICK_MS} ms; longest stall {stalls[-1]:.1f} ms, "
          f"p99 {p99:.1f} ms, over 50 ms: {sum(s > 50 for s in stalls)}")
    print("  longest stalls (ms late / GUI thread's CPU / window process's CPU in that gap): "
          + ", ".join(f"{g:.0f}/{b:.0f}/{c:.0f}" for g, b, c in late[:5])
          + f"; longest GUI-thread CPU in one gap {max(busy[1:] or [0]):.1f} ms")
    if again:
        print(f"cancel: the second import stopped {cancel_latency * 1000:.0f} ms after Cancel "
              f"(cancelled={again[0].cancelled}, {again[0].duplicates:,} files done)")
    print("load average after the import: %.1f / %.1f / %.1f" % os.getloadavg())
    if not args.no_cli:
        cli = cli_rate(tmp / "articles", tmp / "cli-library")
        print(f"the same folder through `mediawatch import`: {cli:.0f} articles/s; window/CLI "
              f"{report.imported / elapsed / cli:.2f}")
    start = [startup_time(tmp / "library", tmp / "settings") for _ in range(3)]
    print(f"start to usable window (library of {report.imported:,}): "
          f"best {min(start):.2f} s, runs {', '.join(f'{s:.2f}' for s in start)}")
    sys.stdout.flush()
    # Leave without PySide's interpreter-shutdown teardown (it can crash after the figures).
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
