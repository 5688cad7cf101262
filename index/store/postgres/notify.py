"""New articles and new alerts announced to every open window: PostgreSQL's LISTEN/NOTIFY.

The database announces (``pg_notify``) at commit, so a listener never hears of rows it cannot
read yet: ``mw_articles`` from a statement trigger on the articles table (migration 2: any
analyst's import, retag or delete, whatever program wrote it), ``mw_alerts`` from the state when
an import raised alerts. A ``Listener`` holds its own connection; ``wait(timeout)`` returns the
channels heard (empty when nothing happened), so a thread can loop on it and stop quickly.
"""
from __future__ import annotations

from index.store.postgres.connect import connection_kwargs

ARTICLES, ALERTS = "mw_articles", "mw_alerts"
CHANNELS = (ARTICLES, ALERTS)


class Listener:
    def __init__(self, url: str):
        import psycopg
        self._conn = psycopg.connect(url, autocommit=True, **connection_kwargs(url))
        for channel in CHANNELS:
            self._conn.execute(f"LISTEN {channel}")

    def wait(self, timeout: float = 1.0) -> set[str]:
        """The channels notified within ``timeout`` seconds (returns at the first one, with
        whatever else arrived right after it)."""
        heard: set[str] = set()
        for n in self._conn.notifies(timeout=timeout, stop_after=1):
            heard.add(n.channel)
        if heard:                                   # a burst of commits: one answer
            for n in self._conn.notifies(timeout=0.05):
                heard.add(n.channel)
        return heard

    def close(self) -> None:
        try:
            self._conn.close()
        except Exception:       # already broken: nothing to release
            pass

    def __enter__(self) -> "Listener":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
