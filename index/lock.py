"""The library's inter-process write lock.

An OS file lock (flock / msvcrt) on ``library.lock`` is released by the kernel when its holder
dies, so a killed import never blocks the library for good. The file also records the holder's
pid: a live holder gives "library is in use"; a pid left behind by a dead process is logged as a
recovered stale lock. Whoosh's own WRITELOCK is cleared the same way (see ``clear_stale``).
"""
from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from .errors import LibraryInUse

log = logging.getLogger("mediawatch")

try:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
except ImportError:  # Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        import psutil
        return psutil.pid_exists(pid)
    except ImportError:  # pragma: no cover - psutil is a dependency
        try:
            os.kill(pid, 0)
            return True
        except OSError:
            return False


class WriteLock:
    """Re-entrant within a process (threads share it, counted), exclusive across processes."""

    def __init__(self, path: Path, library_name: str):
        self.path = Path(path)
        self.library_name = library_name
        self._fd: int | None = None
        self._depth = 0
        self._mutex = threading.RLock()

    def acquire(self) -> None:
        self._mutex.acquire()
        if self._depth:
            self._depth += 1
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                holder = _read_pid(fd)
                os.close(fd)
                who = f" (process {holder})" if holder else ""
                raise LibraryInUse(
                    f"library {self.library_name} is in use by another Mediawatch process{who}; "
                    "close it or wait for its import to finish")
            old = _read_pid(fd)
            if old and old != os.getpid() and not pid_alive(old):
                log.warning("recovered a stale lock on %s left by process %s, which is no longer running",
                            self.library_name, old)
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
            os.fsync(fd)
        except BaseException:
            self._mutex.release()
            raise
        self._fd = fd
        self._depth = 1

    def release(self) -> None:
        try:
            self._depth -= 1
            if self._depth == 0 and self._fd is not None:
                os.lseek(self._fd, 0, os.SEEK_SET)
                os.ftruncate(self._fd, 0)
                _unlock(self._fd)
                os.close(self._fd)
                self._fd = None
        finally:
            self._mutex.release()

    def __enter__(self) -> "WriteLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        raw = os.read(fd, 32).decode("ascii", "ignore").strip()
        return int(raw) if raw else None
    except (OSError, ValueError):
        return None
