"""File-menu actions: import, the import log, new/open/recent libraries, first start."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop import ui_state
from desktop.views.dialogs import ImportLogDialog
from desktop.views.reader_html import html
from desktop.tasks import describe_error
from desktop.views.reader import WELCOME

IMPORT_FILTER = ("Articles (*.txt *.md *.html *.htm *.eml *.mbox *.pdf *.docx *.xml *.rss *.atom "
                 "*.json *.jsonl *.zip);;All files (*)")


def welcome_html(library) -> str:
    where = library.name if library.is_team else str(library.path)
    return WELCOME + f"<p style='color:gray'>Library: {html.escape(where)}</p>"


def import_dialog(window) -> None:
    window.imports.prepare()
    files, _ = QFileDialog.getOpenFileNames(window, "Import articles", str(Path.home()), IMPORT_FILTER)
    if files:
        window.imports.start(files)


def import_folder_dialog(window) -> None:
    window.imports.prepare()
    folder = QFileDialog.getExistingDirectory(window, "Import a folder of articles", str(Path.home()))
    if folder:
        window.imports.start([folder])


def show_log(window) -> None:
    if window.library is None:
        return
    try:
        reports = window.library.import_log(200)
    except Exception as exc:           # a damaged log must not take the window down
        QMessageBox.warning(window, "Import log", describe_error(exc))
        return
    dialog = ImportLogDialog(reports, window)
    dialog.exec()


def switch_library(window, path: str, create: bool) -> bool:
    if window.imports.running:
        QMessageBox.information(window, "Library", "Wait for the running import to finish (or "
                                "cancel it) before switching libraries.")
        return False
    from index.library import open_library
    try:
        library = open_library(path, create=create)
    except Exception as exc:
        QMessageBox.warning(window, "Cannot open library", describe_error(exc))
        return False
    window.set_library(library)
    return True


def new_library(window) -> None:
    folder = QFileDialog.getExistingDirectory(window, "Choose an empty folder for the new library")
    if folder:
        switch_library(window, folder, create=True)


def open_library_dialog(window) -> None:
    """A library folder, or a team library on a PostgreSQL server (with a connection test)."""
    from desktop.views.open_library_dialog import OpenLibraryDialog
    dialog = OpenLibraryDialog(window, runner=window.search_runner)
    if dialog.exec() == OpenLibraryDialog.Accepted and dialog.location():
        # a team library's database may be new: opening it creates the library there
        switch_library(window, dialog.location(), create=dialog.is_team())


def fill_recent(window) -> None:
    menu = window.recent_menu
    menu.clear()
    current = None
    if window.library is not None:
        current = window.library.name if window.library.is_team else str(window.library.path)
    recent = [p for p in ui_state.recent_libraries() if p != current]
    for path in recent:
        menu.addAction(path, lambda p=path: switch_library(window, p, create=False))
    if not recent:
        menu.addAction("(none)").setEnabled(False)


def import_samples(window, folder=None) -> bool:
    """Import the sample library: its saved searches first (a small SQLite write, as the saved
    sidebar does), so that the import raises their alerts, then the articles in the import
    process through index.samples.import_samples, the CLI's sample import (from ``folder``, a
    copy of seeds/, when given). True when the import started."""
    from index import samples
    if window.library is None:
        return False
    if samples.prepare(window.library):
        ui = getattr(window, "alerts_ui", None)
        if ui is not None:
            ui.saved.refresh()
    return window.imports.start([str(folder)] if folder else [str(p) for p in samples.paths()],
                                samples=True)


def offer_seeds(window) -> bool:
    """First start: offer to import the bundled sample articles. True when the import started."""
    from index.resources import seeds_dir
    seeds = seeds_dir()
    if not seeds.is_dir():
        return False
    answer = QMessageBox.question(
        window, "Welcome to Mediawatch",
        "Your library is empty. Import the sample articles to try Mediawatch?\n\n"
        "About 40 articles from nine outlets in four languages on two weeks of Russia–Ukraine "
        "diplomacy, with a watched saved search.\n\n"
        "You can import your own files at any time: drop them on the window or use File → Import.")
    if answer == QMessageBox.Yes:
        return import_samples(window)
    return False
