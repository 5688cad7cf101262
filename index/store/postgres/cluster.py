"""A throwaway PostgreSQL server in a folder: initdb, a Unix socket, no network, no password.

Used by the test suite (one server per test session), by ``bench/team_bench.py`` and by anyone
who wants to try a team library on one machine. It needs Debian's ``postgresql`` package
(``tools/ensure-system.sh ... postgresql`` installs it). PostgreSQL refuses to run as root, so
when we are root the server runs as the ``postgres`` system user, which owns the folder.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path


def bin_dir() -> Path | None:
    """Where initdb and pg_ctl live: PATH, then Debian's versioned folders (newest first)."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                    key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0,
                    reverse=True):
        if os.path.exists(os.path.join(d, "initdb")):
            return Path(d)
    return None


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """``Cluster().start()`` ... ``url(db)`` ... ``stop()``. Superuser ``mediawatch``, trust auth
    on the socket; with ``tcp=True`` also on a free loopback port (``tcp_url``), never beyond."""

    SUPERUSER = "mediawatch"

    def __init__(self, root: str | os.PathLike | None = None, tcp: bool = False):
        # A short path: a Unix socket path must stay under ~100 bytes.
        self.root = Path(root) if root else Path(tempfile.mkdtemp(prefix="mwpg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root / "sock"
        self.log = self.root / "server.log"
        self.bin = bin_dir()
        self.port = _free_port() if tcp else None
        self._user = None
        if os.geteuid() == 0:
            try:
                self._user = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("running as root needs the postgres system user "
                                   "(Debian's postgresql package creates it)") from None

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        kw = {}
        if self._user is not None:
            kw = {"user": self._user.pw_uid, "group": self._user.pw_gid, "extra_groups": []}
        return subprocess.run([str(self.bin / args[0]), *args[1:]], capture_output=True,
                              text=True, check=check, cwd="/", **kw)

    def start(self) -> "Cluster":
        if self.bin is None:
            raise RuntimeError("PostgreSQL's initdb was not found (install Debian's postgresql "
                               "package: tools/ensure-system.sh python3 postgresql)")
        self.root.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(exist_ok=True)
        if self._user is not None:
            for p in (self.root, self.socket_dir):
                os.chown(p, self._user.pw_uid, self._user.pw_gid)
        os.chmod(self.root, 0o755)
        if not (self.data / "PG_VERSION").exists():
            self._run("initdb", "-D", str(self.data), "-U", self.SUPERUSER, "-A", "trust",
                      "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        # fsync off: a throwaway server; durability is PostgreSQL's job, not the tests'
        if self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0:
            return self                     # still running (a kept folder, a killed benchmark)
        listen = f"-c listen_addresses=127.0.0.1 -p {self.port}" if self.port else "-c listen_addresses=''"
        opts = (f"-k {self.socket_dir} {listen} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100")
        proc = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", opts,
                         "-w", "-t", "60", "start", check=False)
        if proc.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {proc.stderr.strip()} {log}")
        return self

    def url(self, dbname: str = "postgres", user: str | None = None) -> str:
        port = f"&port={self.port}" if self.port else ""       # the socket is named by the port
        return f"postgresql://{user or self.SUPERUSER}@/{dbname}?host={self.socket_dir}{port}"

    def tcp_url(self, dbname: str = "postgres") -> str:
        """The same database over the loopback port (``tcp=True``)."""
        return f"postgresql://{self.SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str, template: str | None = None) -> str:
        import psycopg
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self, remove: bool = True) -> None:
        # A folder that is kept is shut down cleanly ("fast": a checkpoint), so its next start
        # replays no WAL (after a big load, minutes); one that is removed needs no checkpoint.
        mode = "immediate" if remove else "fast"
        if self.bin is not None and (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)
        if remove:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
