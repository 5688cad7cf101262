"""Shared pytest set-up. Qt must run headless: the platform is chosen before any Qt import."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture
def lib(tmp_path):
    """A real, empty library in a temporary folder, closed after the test."""
    from index.library import open_library
    library = open_library(tmp_path / "lib")
    yield library
    library.close()


# ---------------------------------------------------------------- both store backends
from pg_support import BACKENDS, Stores, start_cluster  # noqa: E402


@pytest.fixture(scope="session")
def pg_cluster():
    """The session's throwaway PostgreSQL server (skips the test when it cannot run here)."""
    cluster = start_cluster()
    yield cluster
    cluster.stop()


def _stores(request, tmp):
    cluster = request.getfixturevalue("pg_cluster") if request.param == "postgresql" else None
    return Stores(request.param, tmp, cluster)


@pytest.fixture(params=BACKENDS)
def stores(request, tmp_path):
    """Opens stores of the test's backend (whoosh, postgresql): ``stores.open(name)``."""
    s = _stores(request, tmp_path)
    yield s
    s.close()


@pytest.fixture(scope="module", params=BACKENDS)
def module_stores(request, tmp_path_factory):
    """``stores`` shared by a module's tests (one library built once per backend)."""
    s = _stores(request, tmp_path_factory.mktemp("stores"))
    yield s
    s.close()
