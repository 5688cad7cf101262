"""The throwaway server's folder kept between runs (bench/team_bench.py --keep): stopped cleanly,
so its next start replays no WAL (after a million-article load an immediate stop left minutes
of replay); a folder that is removed is stopped without a checkpoint."""
from __future__ import annotations

import pytest

from index.store.postgres.cluster import Cluster, bin_dir

pytestmark = pytest.mark.skipif(bin_dir() is None, reason="PostgreSQL is not installed")


def test_a_kept_folder_starts_again_without_recovery():
    import psycopg
    c = Cluster().start()          # its own folder under /tmp (the postgres user must reach it)
    root = c.root
    try:
        with psycopg.connect(c.url(), autocommit=True) as conn:
            conn.execute("CREATE TABLE t AS SELECT g FROM generate_series(1, 1000) g")
        c.stop(remove=False)
        assert (root / "data" / "PG_VERSION").exists()
        before = c.log.read_text()
        c.start()
        with psycopg.connect(c.url()) as conn:
            assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 1000
        started = c.log.read_text()[len(before):]
        # PostgreSQL logs "redo starts at" only when it replays WAL after an unclean stop
        assert "database system was shut down at" in started
        assert "redo starts" not in started
    finally:
        c.stop(remove=True)
    assert not root.exists()
