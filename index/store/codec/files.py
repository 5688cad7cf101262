"""Segment readers whose compound files are read lazily from the memory map.

Whoosh opens a segment's compound file with mmap, then hands each sub-file out as a
``BufferFile``, whose constructor does ``BytesIO(buf)``: a full in-memory *copy* of the sub-file.
Opening a searcher thereby reads every posting and term file into memory (measured: 20,000
articles -> 1.5 s and +730 MB at open; a 100k library would need GBs). ``MappedSubfile`` reads
through ``MemoryReader``, a file object over the memoryview itself, so pages are read from the map
as they are needed. ``open_reader`` is Whoosh's ``FileIndex._reader`` with these readers.
"""
from __future__ import annotations

from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.filestore import OverlayStorage
from whoosh.filedb.structfile import BufferFile
from whoosh.reading import EmptyReader, MultiReader, SegmentReader

from index.store.codec.codec import MediawatchCodec


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


class MappedSubfile(BufferFile):
    """A compound file's sub-file read in place (``BufferFile`` copies it into a BytesIO)."""

    def __init__(self, buf, name=None, onclose=None):     # BufferFile's, but for the copy
        self._buf = buf
        self._name = name
        self.file = MemoryReader(buf)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    def subset(self, position, length, name=None):
        return MappedSubfile(self.get(position, length), name=name or self._name)


class LazyCompoundStorage(CompoundStorage):
    """A segment's compound file whose sub-files are ``MappedSubfile`` views of the map."""

    def open_file(self, name, *args, **kwargs):
        if self._source is None or self.is_closed:
            return super().open_file(name, *args, **kwargs)
        offset, length = self.range(name)
        return MappedSubfile(memoryview(self._source)[offset:offset + length], name=name)


class MediawatchSegmentReader(SegmentReader):
    """Whoosh's SegmentReader reading through ``LazyCompoundStorage`` and ``MediawatchCodec``."""

    def __init__(self, storage, schema, segment, generation=None, codec=None):
        # SegmentReader.__init__ (2.7.5) with our compound storage and codec; it opens the files
        # as it builds, so there is no later point at which to swap them in.
        self.schema = schema
        self.is_closed = False
        self._segment = segment
        self._segid = segment.segment_id()
        self._gen = generation
        if segment.is_compound():
            dbfile = storage.open_file(segment.make_filename(segment.COMPOUND_EXT))
            files = LazyCompoundStorage(dbfile, use_mmap=storage.supports_mmap)
            self._storage = OverlayStorage(files, storage)   # as Whoosh: late files beside it
        else:
            self._storage = storage
        self._codec = codec if codec else MediawatchCodec.reading(segment)
        self._terms = self._codec.terms_reader(self._storage, segment)
        self._perdoc = self._codec.per_document_reader(self._storage, segment)


def open_reader(storage, schema, segments, generation, reuse=None):
    """A reader over ``segments`` (``FileIndex._reader`` with our segment readers). ``reuse``
    (Searcher.refresh) is closed, not reused: the Store opens a new searcher instead, because a
    deletion-only commit keeps segment ids and a reused reader would still see deleted docs."""
    if reuse is not None:
        reuse.close()
    if not segments:
        return EmptyReader(schema)
    readers = [MediawatchSegmentReader(storage, schema, seg, generation=generation)
               for seg in segments]
    return readers[0] if len(readers) == 1 else MultiReader(readers, generation=generation)
