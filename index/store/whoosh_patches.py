"""Fixes for Whoosh-Reloaded 2.7.5, applied when the store is imported.

1. Inlined postings. The W3 codec can store a term's postings inside its term info when the
   list is short (``inlinelimit``), but the writer calls ``set_inline`` where the method is
   named ``set_inlined``, so the feature is dead (the default limit never triggers it). Our
   ``pairs`` field has hundreds of one-document terms per article; writing each as its own
   compressed block cost ~60% of indexing time. The alias revives inlining; the store's
   writers use ``codec()`` below, which inlines single-posting lists.

   Reading inlined postings back (segment merges) needs ``ListMatcher.value`` to give bytes.

2. Field lengths while writing postings. Every posting written looks up its document's field
   length through the per-document column reader (~5 us each, 20% of a commit). The flush
   now reads each field's lengths once into a list.

3. Analyzed values. ``Analyzed(items)`` as a field value hands ``add_document`` the field's
   postings ready-made: the extraction worker analyzes the big text fields (tokenizing,
   stemming: ~1 ms an article), so the process that writes the index does not.

4. Compound files:
   Whoosh opens a segment's compound file with mmap, then hands each sub-file out as a
``BufferFile``, whose constructor does ``BytesIO(buf)``: a full in-memory *copy* of the
sub-file. Opening a searcher thereby reads every posting and term file into memory (measured:
20,000 articles -> 1.5 s and +730 MB at open; a 100k library would need GBs). ``MemoryReader``
is a read-only file object over the memoryview itself, so pages are read lazily from the map.
"""
from __future__ import annotations

from whoosh.codec.whoosh3 import W3Codec, W3TermInfo
from whoosh.filedb import structfile
from whoosh.matching.mcore import ListMatcher
from whoosh.fields import FieldType
from whoosh.writing import SegmentWriter


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


def codec():
    """The W3 codec with single-posting lists inlined into the term info."""
    return W3Codec(inlinelimit=2)


_list_value = ListMatcher.value


def _list_value_bytes(self):
    # Inlined postings are read back through ListMatcher, whose value() returns the *str* ""
    # for a posting without a value; merging segments then asserts bytes (whoosh/writing.py:
    # "vbytes=''") and every commit after the first merge fails. Upstream never inlines, so
    # never met this path.
    v = _list_value(self)
    return b"" if isinstance(v, str) and not v else v


class _CachedLengths:
    """The per-document reader's ``doc_field_length``, one column read per field."""

    def __init__(self, reader):
        self._reader = reader
        self._fields: dict[str, list[int]] = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        column = self._fields.get(fieldname)
        if column is None:
            r = self._reader
            column = self._fields[fieldname] = [r.doc_field_length(d, fieldname, default)
                                                for d in range(r.doc_count_all())]
        return column[docnum]


def _flush_segment(self):
    self.perdocwriter.close()
    pdr = self.per_document_reader() if self.codec.length_stats else None
    self.fieldwriter.add_postings(self.schema, _CachedLengths(pdr) if pdr else None,
                                  self.pool.iter_postings())
    self.fieldwriter.close()
    if pdr:
        pdr.close()


class Analyzed:
    """A field value already analyzed: the list of (term bytes, freq, weight, value bytes) that
    ``FieldType.index`` would give for it."""
    __slots__ = ("items",)

    def __init__(self, items: list):
        self.items = items

    def __reduce__(self):
        return (Analyzed, (self.items,))


_field_index = FieldType.index


def _index_analyzed(self, value, **kwargs):
    if type(value) is Analyzed:
        return value.items
    return _field_index(self, value, **kwargs)


def apply() -> None:
    FieldType.index = _index_analyzed
    SegmentWriter._flush_segment = _flush_segment
    structfile.BufferFile.__init__ = _buffer_file_init
    ListMatcher.value = _list_value_bytes
    if not hasattr(W3TermInfo, "set_inline"):
        W3TermInfo.set_inline = W3TermInfo.set_inlined


apply()
