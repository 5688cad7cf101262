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

4. Writing postings a term at a time. Whoosh hands every posting of a flush to the field
   writer with two method calls and four type assertions each; ``_add_postings`` groups the
   (sorted) postings by term and fills each block's arrays in bulk, then lets the W3 writer
   write the blocks exactly as before (same file format). Likewise an ``Analyzed`` value's
   postings go into the posting pool in one ``extend`` instead of one checked ``add`` each.

5. Compound files:
   Whoosh opens a segment's compound file with mmap, then hands each sub-file out as a
``BufferFile``, whose constructor does ``BytesIO(buf)``: a full in-memory *copy* of the
sub-file. Opening a searcher thereby reads every posting and term file into memory (measured:
20,000 articles -> 1.5 s and +730 MB at open; a 100k library would need GBs). ``MemoryReader``
is a read-only file object over the memoryview itself, so pages are read lazily from the map.
"""
from __future__ import annotations

from itertools import groupby
from operator import itemgetter

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3TermInfo
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


_add_document = SegmentWriter.add_document


def _add_document_analyzed(self, **fields):
    """Whoosh's ``SegmentWriter.add_document`` (2.7.5), except that an ``Analyzed`` value's
    postings go into the pool in one ``extend``. Documents without one take Whoosh's path."""
    if not any(type(v) is Analyzed for v in fields.values()):
        return _add_document(self, **fields)
    self._check_state()
    perdocwriter = self.perdocwriter
    schema = self.schema
    docnum = self.docnum
    pool = self.pool
    docboost = self._doc_boost(fields)
    fieldnames = sorted(name for name in fields if not name.startswith("_"))
    self._check_fields(schema, fieldnames)
    perdocwriter.start_doc(docnum)
    try:
        for fieldname in fieldnames:
            value = fields.get(fieldname)
            if value is None:
                continue
            field = schema[fieldname]
            analyzed = type(value) is Analyzed
            if analyzed and (field.separate_spelling() or field.vector):
                raise ValueError(f"field {fieldname} cannot take an analyzed value")
            length = 0
            if field.indexed:
                fieldboost = self._field_boost(fields, fieldname, docboost)
                items = value.items if analyzed else field.index(value)
                if analyzed and fieldboost == 1.0:
                    if field.scorable:
                        length = sum(f for _, f, _, _ in items)
                    pool.fieldnames.add(fieldname)
                    pool.current.extend((fieldname, t, docnum, w, v) for t, _, w, v in items)
                    pool.currentsize += sum(130 + len(fieldname) + 2 * len(t) + len(v or b"")
                                            for t, _, _, v in items)
                    if pool.currentsize > pool.limit:
                        pool.save()
                else:
                    scorable = field.scorable
                    for tbytes, freq, weight, vbytes in items:
                        if scorable:
                            length += freq
                        pool.add((fieldname, tbytes, docnum, weight * fieldboost, vbytes))
            if not analyzed and field.separate_spelling():
                spellfield = field.spelling_fieldname(fieldname)
                for word in field.spellable_words(value):
                    pool.add((spellfield, word.encode("utf-8"), 0, 1, None))
            if not analyzed and field.vector:
                vitems = sorted((text, weight, vbytes) for text, _, weight, vbytes
                                in field.vector.word_values(value, field.analyzer, mode="index"))
                perdocwriter.add_vector_items(fieldname, field, vitems)
            customval = fields.get("_stored_%s" % fieldname, value)
            perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
            column = field.column_type
            if column and customval is not None:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
    except Exception:
        perdocwriter.cancel_doc()
        raise
    perdocwriter.finish_doc()
    self._added = True
    self.docnum += 1


def _add_postings(self, schema, lengths, items):
    """``FieldWriter.add_postings`` for the W3 writer, a term at a time (see 4. above).
    ``items`` come from the posting pool, sorted by (field, term, docnum)."""
    dfl = lengths.doc_field_length if lengths else (lambda docnum, fieldname: 0)
    lastfn = None
    for (fieldname, btext), group in groupby(items, key=itemgetter(0, 1)):
        if fieldname != lastfn:
            if lastfn is not None:
                self.finish_field()
            self.start_field(fieldname, schema[fieldname])
            lastfn = fieldname
        rows = [r for r in group if r[2] != -1]      # docnum -1: spelling words (unused)
        if not rows:
            continue
        self.start_term(btext)
        pw = self._postwriter
        limit = pw._blocklimit
        for start in range(0, len(rows), limit):
            if start:
                pw._write_block()
            chunk = rows[start:start + limit]
            ids = [r[2] for r in chunk]
            weights = [r[3] for r in chunk]
            pw._ids.extend(ids)
            pw._weights.extend(weights)
            pw._values.extend(v for v in (r[4] for r in chunk) if v)
            top = max(weights)
            if top > pw._maxweight:
                pw._maxweight = top
            lens = [n for n in (dfl(d, fieldname) for d in ids) if n]
            if lens:
                lo, hi = min(lens), max(lens)
                if pw._minlength is None or lo < pw._minlength:
                    pw._minlength = lo
                if hi > pw._maxlength:
                    pw._maxlength = hi
        self.finish_term()
    if lastfn is not None:
        self.finish_field()


def apply() -> None:
    W3FieldWriter.add_postings = _add_postings
    SegmentWriter.add_document = _add_document_analyzed
    FieldType.index = _index_analyzed
    SegmentWriter._flush_segment = _flush_segment
    structfile.BufferFile.__init__ = _buffer_file_init
    ListMatcher.value = _list_value_bytes
    if not hasattr(W3TermInfo, "set_inline"):
        W3TermInfo.set_inline = W3TermInfo.set_inlined


apply()
