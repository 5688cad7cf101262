"""A fix for Whoosh-Reloaded 2.7.5 applied when the store is imported.

Whoosh opens a segment's compound file with mmap, then hands each sub-file out as a
``BufferFile``, whose constructor does ``BytesIO(buf)``: a full in-memory *copy* of the
sub-file. Opening a searcher thereby reads every posting and term file into memory (measured:
20,000 articles -> 1.5 s and +730 MB at open; a 100k library would need GBs). ``MemoryReader``
is a read-only file object over the memoryview itself, so pages are read lazily from the map.
"""
from __future__ import annotations

from whoosh.filedb import structfile


class MemoryReader:
    """Minimal read-only file interface (read/readline/readinto/seek/tell) over a buffer."""

    def __init__(self, buf):
        self._buf = memoryview(buf)
        self._pos = 0
        self._len = len(self._buf)

    def read(self, n: int = -1) -> bytes:
        start = self._pos
        end = self._len if n is None or n < 0 else min(self._len, start + n)
        self._pos = end
        return self._buf[start:end].tobytes()

    def readinto(self, b) -> int:
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)

    def readline(self, size: int = -1) -> bytes:
        start = self._pos
        limit = self._len if size is None or size < 0 else min(self._len, start + size)
        chunk = self._buf[start:limit].tobytes()
        nl = chunk.find(b"\n")
        line = chunk if nl < 0 else chunk[:nl + 1]
        self._pos = start + len(line)
        return line

    def __iter__(self):
        while True:
            line = self.readline()
            if not line:
                return
            yield line

    def seek(self, pos: int, whence: int = 0) -> int:
        base = (0, self._pos, self._len)[whence]
        self._pos = max(0, base + pos)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._buf = memoryview(b"")

    def flush(self) -> None:
        pass


def _buffer_file_init(self, buf, name=None, onclose=None):
    self._buf = buf
    self._name = name
    self.file = MemoryReader(buf)
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def apply() -> None:
    structfile.BufferFile.__init__ = _buffer_file_init


apply()
