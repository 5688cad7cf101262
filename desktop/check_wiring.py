"""Library checks in the window: a session marker while a library is open (index/check/session.py),
``check`` run off the GUI thread after an unclean shutdown, File → Check library….

After a crash the check runs quietly: a sound library only gets a status-bar line; problems open
the check dialog, whose Repair button runs ``check --repair``. The check holds the library's
write lock, so it waits for no import: a running import makes it say so instead.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from desktop.tasks import FunctionTask, describe_error
from desktop.views.check_dialog import CheckDialog


class CheckWiring(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.folder = None          # the library whose session marker is ours
        self.dialog: CheckDialog | None = None
        self.last_report = None
        self.running = False
        window.file_menu.insertAction(_after_log(window), self._menu_action())
        window.libraryChanged.connect(self.library_changed)
        window.installEventFilter(self)
        QApplication.instance().aboutToQuit.connect(self.end)

    def _menu_action(self):
        from PySide6.QtGui import QAction
        action = QAction("&Check library…", self.window)
        action.setToolTip("Verify the search index, the database and the caches agree")
        action.triggered.connect(lambda: self.run(reason=None, quiet=False))
        self.action = action
        return action

    # -- the session marker
    def library_changed(self, library) -> None:
        from index.check import session
        self.end()
        reason = session.needs_check(library.path)
        self.folder = library.path
        session.begin_session(library.path)
        if reason:
            # After the window is up: the first search and the check share the machine.
            QTimer.singleShot(500, lambda: self.run(reason=reason, quiet=True))

    def end(self) -> None:
        if self.folder is not None:
            from index.check import session
            session.end_session(self.folder)
            self.folder = None

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() == QEvent.Close:
            self.end()
        return False

    # -- running a check
    def run(self, reason: str | None, quiet: bool, repair: bool = False) -> None:
        library = self.window.library
        if library is None or self.running:
            return
        if not quiet and self.dialog is None:
            self._open_dialog(reason)
        self.running = True
        from index.check import check_library, session
        folder = library.path

        def work():
            report = check_library(folder, repair=repair, library=library)
            session.clear_dead_sessions(folder)
            return report

        task = FunctionTask(work)
        task.signals.finished.connect(lambda report: self._done(report, reason, quiet))
        task.signals.failed.connect(lambda exc: self._failed(exc, reason, quiet))
        self.window.import_runner.start(task)

    def _open_dialog(self, reason):
        self.dialog = CheckDialog(reason, self.window)
        self.dialog.repairRequested.connect(lambda: self.run(reason, quiet=False, repair=True))
        self.dialog.checkRequested.connect(lambda: self.run(reason, quiet=False))
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.show()

    def _dialog_closed(self, *_):
        self.dialog = None

    def _done(self, report, reason, quiet) -> None:
        self.running = False
        self.last_report = report
        if report.repaired:
            self.window.search.refresh()
        if quiet and report.ok:
            self.window.statusBar().showMessage(
                f"{reason} The library was checked: {report.summary()}", 20000)
            return
        if self.dialog is None:
            self._open_dialog(reason)
        self.dialog.show_report(report)

    def _failed(self, exc, reason, quiet) -> None:
        self.running = False
        if quiet and self.dialog is None:
            self._open_dialog(reason)
        if self.dialog is not None:
            self.dialog.show_error(describe_error(exc))


def _after_log(window):
    """The File menu action the check goes before: the separator after Import log…."""
    actions = window.file_menu.actions()
    for i, a in enumerate(actions):
        if a.text().replace("&", "").startswith("Import log"):
            return actions[i + 1] if i + 1 < len(actions) else None
    return None


def install(window) -> CheckWiring:
    window.checks = CheckWiring(window)
    return window.checks
