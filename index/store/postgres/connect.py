"""Team library addresses, passwords and connection pools.

An address is a libpq URL: ``postgresql://user@host[:port]/db[?sslmode=require&service=...]``.
Passwords come from where libpq looks (``~/.pgpass`` or ``PGPASSFILE``, a service file through
``service=`` / ``PGSERVICE``, ``PGPASSWORD``) and, when the server asks for one that none of
them has, from a prompt (``set_password_prompt``; the window and the CLI install one). A
password is kept only in this process's memory: ``display_url`` is what settings, logs,
messages and library names see. ``sslmode`` and every other libpq parameter pass through.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable
from urllib.parse import urlsplit

from index.errors import LibraryError

log = logging.getLogger(__name__)

SCHEMES = ("postgresql://", "postgres://")
POOL_MAX = 8                                   # connections per library per process

_prompt: Callable[[str], str | None] | None = None
_passwords: dict[str, str] = {}                # display url -> password typed at the prompt
_lock = threading.Lock()


def is_url(location) -> bool:
    return isinstance(location, str) and location.strip().lower().startswith(SCHEMES)


def display_url(url: str) -> str:
    """The address without its password (for titles, settings, logs and messages)."""
    parts = urlsplit(url.strip())
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        netloc = userinfo.split(":", 1)[0] + "@" + host
    query = "&".join(q for q in parts.query.split("&") if q and not q.lower().startswith("password="))
    return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")


def set_password_prompt(fn: Callable[[str], str | None] | None) -> None:
    """``fn(display_url) -> password or None`` is asked when the server wants a password."""
    global _prompt
    _prompt = fn


def _needs_password(err: Exception) -> bool:
    text = str(err).lower()
    return "no password supplied" in text or "password authentication failed" in text


def connection_kwargs(url: str) -> dict:
    """What psycopg.connect gets besides the URL (a prompted password, application name)."""
    kw = {"application_name": "mediawatch", "connect_timeout": 10}
    pw = _passwords.get(display_url(url))
    if pw is not None:
        kw["password"] = pw
    return kw


def first_connection(url: str):
    """A connection in autocommit mode, asking for a password at most once; LibraryError with
    the server's reason (never the password) when it cannot be made."""
    import psycopg
    shown = display_url(url)
    for attempt in (1, 2):
        try:
            return psycopg.connect(url, autocommit=True, **connection_kwargs(url))
        except psycopg.OperationalError as e:
            if attempt == 1 and _needs_password(e) and _prompt is not None:
                pw = _prompt(shown)
                if pw:
                    with _lock:
                        _passwords[shown] = pw
                    continue
            reason = " ".join(str(e).split()) or type(e).__name__
            raise LibraryError(f"cannot connect to the team library {shown}: {reason}") from None
    raise AssertionError("unreachable")


def make_pool(url: str, max_size: int = POOL_MAX):
    from psycopg_pool import ConnectionPool
    kwargs = {"autocommit": True, **connection_kwargs(url)}
    pool = ConnectionPool(url, min_size=1, max_size=max_size, kwargs=kwargs, open=False,
                          name=display_url(url))
    pool.open(wait=True, timeout=30)
    return pool
