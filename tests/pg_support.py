"""A throwaway PostgreSQL for the tests, and stores of either backend for one parametrized suite.

The server is started once per test session (``Cluster``: initdb in a temporary folder, a Unix
socket, no network). If Debian's postgresql binaries are missing, the repo's own set-up
(``tools/ensure-system.sh PYTHON postgresql``) is run once to install them; the PostgreSQL
half of the suite is skipped, with the reason, only when that fails. Each store gets a new
database copied from a template that already has the schema (a copy takes ~50 ms; running
the migrations every time would take ~1 s).
"""
from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BACKENDS = ("whoosh", "postgresql")
TEMPLATE = "mw_template"
_counter = itertools.count(1)


def start_cluster():
    """The session's server, or pytest.skip with the reason it cannot run here."""
    from index.store.postgres.cluster import Cluster, bin_dir
    if bin_dir() is None:
        proc = subprocess.run(["bash", str(ROOT / "tools" / "ensure-system.sh"), sys.executable,
                               "postgresql"], capture_output=True, text=True)
        if bin_dir() is None:
            pytest.skip("PostgreSQL is not installed and tools/ensure-system.sh could not "
                        f"install it: {(proc.stderr or proc.stdout).strip()[-300:]}")
    cluster = Cluster()
    try:
        cluster.start()
    except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
        cluster.stop()
        pytest.skip(f"a throwaway PostgreSQL could not start here: {e}")
    from index.store.postgres.store import PgStore
    PgStore.open(cluster.create_database(TEMPLATE), create=True).close()
    return cluster


class Stores:
    """Opens stores of one backend by name: a folder under ``tmp`` (whoosh) or a database of
    the session's server (postgresql). ``close()`` closes them and drops the databases."""

    def __init__(self, backend: str, tmp: Path, cluster=None):
        self.backend, self.tmp, self.cluster = backend, Path(tmp), cluster
        self._urls: dict[str, str] = {}
        self._open: list = []

    def location(self, name: str) -> str:
        if self.backend == "whoosh":
            return str(self.tmp / name)
        if name not in self._urls:
            db = f"mwtest_{next(_counter)}"
            self._urls[name] = self.cluster.create_database(db, template=TEMPLATE)
        return self._urls[name]

    def open(self, name: str = "index", create: bool = True):
        from index.store import open_store
        if self.backend == "postgresql" and not create and name not in self._urls:
            db = f"mwempty_{next(_counter)}"          # a database without a library
            self._urls[name] = self.cluster.create_database(db)
        s = open_store(self.location(name), create=create)
        self._open.append(s)
        return s

    def close(self) -> None:
        for s in self._open:
            try:
                s.close()
            except Exception:   # already closed by the test
                pass
        if self.cluster is not None:
            for url in self._urls.values():
                self.cluster.drop_database(url.split("/")[-1].split("?")[0])
