"""Shared pytest set-up. Qt must run headless: the platform is chosen before any Qt import."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _own_settings(tmp_path_factory, monkeypatch):
    """Each test gets its own window settings (splitters, geometry, recent libraries): with the
    user's QSettings shared, one test's saved splitter narrowed the next test's timeline, and
    parallel runs wrote over each other's state (and over the developer's own settings)."""
    # Outside tmp_path, which some tests list to show that nothing else was written there.
    monkeypatch.setenv("MEDIAWATCH_SETTINGS_DIR", str(tmp_path_factory.mktemp("settings")))


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


@pytest.fixture
def team_lib(pg_cluster, tmp_path, monkeypatch):
    """A real, empty team library (a new database on the session's server), closed after."""
    from pg_support import db_name, new_library_url
    from index.library import open_library
    monkeypatch.setenv("MEDIAWATCH_TEAM_DIR", str(tmp_path / "team"))
    url = new_library_url(pg_cluster)
    library = open_library(url)
    yield library
    library.close()
    pg_cluster.drop_database(db_name(url))


@pytest.fixture(params=BACKENDS)
def any_lib(request):
    """``lib`` (a local library) and ``team_lib`` (a team library): one test, both backends."""
    return request.getfixturevalue("lib" if request.param == "whoosh" else "team_lib")
