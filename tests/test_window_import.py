"""The window's import on its real path (the import process running the CLI's pipeline): it
completes, fills the list and the facets, and keeps the event loop light (progress coalesced,
views refreshed less often than commits land); cancelling and resuming are in
test_desktop_window. Real libraries in tmp_path, offscreen."""
from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.tasks import GeneratorTask, TaskRunner  # noqa: E402
from tests.test_desktop_window import many_articles, wait_total, window  # noqa: E402,F401

WAIT = 120_000


def test_import_fills_list_and_facets_with_fewer_refreshes_than_commits(qtbot, window, tmp_path):
    paths = many_articles(tmp_path / "bulk", 200)
    window.imports.batch_size = 5          # 40 commits: each one tells the window
    commits, progress, searches = [], [], []
    window.imports.committed.connect(commits.append)
    window.imports.progress.connect(progress.append)
    window.search.resultReady.connect(lambda gen, _r: searches.append(gen))
    with qtbot.waitSignal(window.imports.finished, timeout=WAIT) as blocker:
        assert window.imports.start([str(tmp_path / "bulk")])
    report = blocker.args[0]
    assert report.imported == len(paths) and not report.failed
    wait_total(qtbot, window, len(paths))
    # The list shows the articles, the facets count them (all English, one outlet-less source).
    assert window.results.model.rowCount() > 0
    assert window.results.model.hit(0).title.startswith("Report number")
    lang = window.facets.model("language")
    assert {r.value: r.count for r in lang.rows()} == {"en": len(paths)}
    # Commits were passed on as they came, in order, up to the whole import ...
    assert commits == sorted(commits) and commits[-1] == len(paths)
    # ... but the views were not re-searched on each: refreshes are coalesced.
    assert 1 <= len(searches) < len(commits)
    # Progress is coalesced too: far fewer updates than files, the last one the final count.
    assert len(progress) < len(paths)
    assert progress[-1].imported == len(paths) and progress[-1].phase == "done"
    assert window.import_status.label.text().startswith(f"{len(paths):,} imported")


def test_generator_progress_is_coalesced_and_the_last_item_arrives(qtbot):
    """A generator yielding far faster than anyone can look gives ~10 signals a second."""
    runner = TaskRunner(1)
    n = 200_000
    got: list[int] = []
    task = GeneratorTask(lambda: (yield from range(n)) or "done", interval=0.1)
    task.signals.progress.connect(got.append)
    t0 = time.monotonic()
    with qtbot.waitSignal(task.signals.finished, timeout=WAIT) as blocker:
        runner.start(task)
    elapsed = time.monotonic() - t0
    assert blocker.args[0] == "done"
    assert got[-1] == n - 1 and got == sorted(got)
    # One signal per interval at most (plus the first and the last), however many items came.
    assert len(got) <= elapsed / 0.1 + 2 < n
    runner.wait(5000)


def test_status_says_how_many_of_the_imported_articles_are_searchable(qtbot):
    from desktop.views.import_status import ImportStatus
    from index.model import ImportProgress
    status = ImportStatus()
    qtbot.addWidget(status)
    status.start(["/data/export"])
    status.update_progress(ImportProgress(done=449, total=1500, imported=443, committed=247,
                                          current="/data/export/story-00448.txt"))
    assert status.label.text().startswith("443 imported (247 searchable)")
    assert status.bar.format() == "449 / 1,500 files"
    status.update_progress(ImportProgress(done=1500, total=1500, imported=1480, committed=1480))
    assert status.label.text() == "1,480 imported"
