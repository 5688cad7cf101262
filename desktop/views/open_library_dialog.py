"""File → Open library: a library folder on this computer, or a team library on a PostgreSQL
server (host, port, database, user, sslmode; the address can also be typed, e.g. with
``service=``), with a connection test that runs off the GUI thread. The password field is used
for this session only: it is never saved (``~/.pgpass`` or a service file keep passwords)."""
from __future__ import annotations

from urllib.parse import quote

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QTabWidget,
                               QVBoxLayout, QWidget)

SSL_MODES = ("prefer", "require", "verify-ca", "verify-full", "disable")


def team_url(host: str, port: int, database: str, user: str, sslmode: str) -> str:
    """``postgresql://user@host:port/database?sslmode=...`` (a socket folder as ``?host=``)."""
    host, user, database = host.strip(), user.strip(), database.strip()
    auth = f"{quote(user, safe='')}@" if user else ""
    params = [] if sslmode == "prefer" else [f"sslmode={sslmode}"]
    if host.startswith("/"):                          # a Unix socket folder
        params.append(f"host={host}")
        if port and port != 5432:
            params.append(f"port={port}")                 # it names the socket file
        net = ""
    else:
        net = host + (f":{port}" if port and port != 5432 else "")
    return f"postgresql://{auth}{net}/{quote(database, safe='')}" + ("?" + "&".join(params) if params else "")


class OpenLibraryDialog(QDialog):
    tested = Signal(bool, str)              # ok, message (from the connection test's thread)

    def __init__(self, parent=None, runner=None):
        super().__init__(parent)
        self.setWindowTitle("Open library")
        self.runner = runner
        self.tabs = QTabWidget()
        self.tabs.addTab(self._folder_tab(), "On this computer")
        self.tabs.addTab(self._team_tab(), "Team library (PostgreSQL)")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Open | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
        lay.addWidget(self.buttons)
        self.tested.connect(self._show_test)
        self._update_address()

    # ------------------------------------------------------------ tabs
    def _folder_tab(self) -> QWidget:
        w = QWidget()
        self.folder = QLineEdit(placeholderText="a Mediawatch library folder")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder)
        row.addWidget(browse)
        form = QFormLayout(w)
        form.addRow("Folder", row)
        form.addRow(QLabel("A local library is yours alone; a team library is shared by the desk."))
        return w

    def _team_tab(self) -> QWidget:
        w = QWidget()
        self.host = QLineEdit(placeholderText="db.newsdesk.example or a socket folder")
        self.port = QSpinBox(minimum=1, maximum=65535, value=5432)
        self.database = QLineEdit(placeholderText="mediawatch")
        self.user = QLineEdit(placeholderText="your database user")
        self.sslmode = QComboBox()
        self.sslmode.addItems(SSL_MODES)
        self.password = QLineEdit(echoMode=QLineEdit.Password,
                                  placeholderText="only if ~/.pgpass or a service file has none")
        self.address = QLineEdit()
        self.address.setToolTip("The address Mediawatch opens; you may type one (service=... works)")
        self.test_button = QPushButton("Test connection")
        self.test_button.clicked.connect(self.test_connection)
        self.status = QLabel(wordWrap=True, textInteractionFlags=Qt.TextSelectableByMouse)
        form = QFormLayout(w)
        for label, field in (("Server", self.host), ("Port", self.port), ("Database", self.database),
                             ("User", self.user), ("SSL", self.sslmode), ("Password", self.password),
                             ("Address", self.address)):
            form.addRow(label, field)
        form.addRow(self.test_button, self.status)
        for f in (self.host, self.database, self.user):
            f.textChanged.connect(self._update_address)
        self.port.valueChanged.connect(self._update_address)
        self.sslmode.currentTextChanged.connect(self._update_address)
        return w

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a Mediawatch library")
        if folder:
            self.folder.setText(folder)

    def _update_address(self) -> None:
        if self.database.text().strip():
            self.address.setText(team_url(self.host.text(), self.port.value(), self.database.text(),
                                          self.user.text(), self.sslmode.currentText()))

    # ------------------------------------------------------------ result
    def is_team(self) -> bool:
        return self.tabs.currentIndex() == 1

    def location(self) -> str:
        """What to open: a folder, or the team library's address (the password is remembered
        for this session only, never part of the address)."""
        if not self.is_team():
            return self.folder.text().strip()
        from index.store.postgres.connect import remember_password
        url = self.address.text().strip()
        remember_password(url, self.password.text() or None)
        return url

    def test_connection(self) -> None:
        from index.store.postgres.connect import probe
        url = self.location()
        if not url:
            self._show_test(False, "Fill in the database (and the server) first.")
            return
        self.test_button.setEnabled(False)
        self.status.setText("Connecting…")

        def work():
            try:
                self.tested.emit(True, probe(url))
            except Exception as e:        # the reason is the message
                self.tested.emit(False, str(e))
        if self.runner is not None:
            from desktop.tasks import FunctionTask
            self.runner.start(FunctionTask(work))
        else:
            work()

    def _show_test(self, ok: bool, message: str) -> None:
        self.test_button.setEnabled(True)
        self.status.setStyleSheet("" if ok else "color: #b00020")
        self.status.setText(message)
