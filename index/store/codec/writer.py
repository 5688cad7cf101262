"""``MediawatchWriter``: Whoosh's SegmentWriter taking analyzed values and reading field lengths once.

Analyzed values: ``Analyzed(items)`` as a field value hands ``add_document`` the field's postings
ready-made. The extraction worker analyzes the big text fields (tokenizing, stemming: ~1 ms an
article), so the process that writes the index does not; the postings go into the posting pool
in one ``extend`` instead of one checked ``add`` each.

Field lengths: every posting written at a flush looks up its document's field length through the
per-document column reader (~5 us each, 20% of a commit); ``_flush_segment`` reads each field's
lengths once into a list.

Merges stream: Whoosh's ``add_reader`` puts every posting of a merged segment into the posting
pool, which sorts them all at the flush. A merge of ten 1,000-article segments held ~400 MB of
posting tuples (the pool's limit, then spilled to temporary files) and sorted millions of them,
although each segment's postings are sorted already. Here a merged segment's stored documents are
copied at once (as Whoosh does), and its postings are read only at the flush, each segment in
(field, term, docnum) order, and merged with the pool's new postings by ``heapq.merge``: the same
postings in the same order (the written segment is the same), with memory for a few postings.
"""
from __future__ import annotations

import heapq

from whoosh.writing import SegmentWriter

from index.store.codec.codec import MediawatchCodec
from index.store.codec.files import MediawatchSegmentReader, open_reader


class Analyzed:
    """A field value already analyzed: the list of (term bytes, freq, weight, value bytes) that
    ``FieldType.index`` would give for it. Only ``MediawatchWriter`` accepts it."""
    __slots__ = ("items",)

    def __init__(self, items: list):
        self.items = items

    def __reduce__(self):
        return (Analyzed, (self.items,))


class CachedLengths:
    """A per-document reader's ``doc_field_length``, one column read per field."""

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


class MediawatchWriter(SegmentWriter):
    """Made by ``MediawatchIndex.writer``; the codec defaults to ``MediawatchCodec``."""

    def __init__(self, ix, codec=None, **kwargs):
        super().__init__(ix, codec=codec or MediawatchCodec(), **kwargs)
        self._merging: list[tuple] = []    # (our reader, first docnum, docmap) of merged segments

    def reader(self, reuse=None):
        # Whoosh's writer opens plain readers (FileIndex._reader); deletions and updates look
        # documents up through ours, which read inlined postings and compound files our way.
        self._check_state()
        return open_reader(self.storage, self.schema, self.segments, self.generation, reuse=reuse)

    def add_reader(self, reader):
        """Copy a merged segment's documents now; its postings are streamed at the flush.

        The segment is opened again through our reader (Whoosh's own merge policies hand plain
        SegmentReaders, which read inlined postings back as str), kept open until the flush:
        the caller closes its own reader right after this call."""
        segment = getattr(reader, "segment", None)
        if segment is None:                     # not one segment: Whoosh's pooled way
            return super().add_reader(reader)
        self._check_state()
        ours = MediawatchSegmentReader(self.storage, self.schema, segment())
        try:
            basedoc = self.docnum
            indexed = {f for f in ours.indexed_field_names() if f in self.schema}
            docmap = self.write_per_doc(set(self.schema.names()) | indexed, ours)
        except BaseException:
            ours.close()
            raise
        self._merging.append((ours, basedoc, docmap))
        self._added = True

    @staticmethod
    def _segment_postings(reader, basedoc: int, docmap: dict | None, fieldnames: list[str]):
        """A merged segment's live postings in (field name, term, docnum) order, docnums
        renumbered as ``write_per_doc`` placed its documents."""
        for fieldname in fieldnames:
            for btext in reader.lexicon(fieldname):
                m = reader.postings(fieldname, btext)   # skips deleted documents
                while m.is_active():
                    d = m.id()
                    yield (fieldname, btext, docmap[d] if docmap is not None else basedoc + d,
                           m.weight(), m.value())
                    m.next()

    def _close_merging(self) -> None:
        for reader, _, _ in self._merging:
            reader.close()
        self._merging = []

    def cancel(self):
        self._close_merging()
        super().cancel()

    def _flush_segment(self):
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        try:
            items = self.pool.iter_postings()
            if self._merging:
                names = set(self.schema.names())
                items = heapq.merge(items, *(
                    self._segment_postings(r, base, docmap,
                                           sorted(f for f in r.indexed_field_names() if f in names))
                    for r, base, docmap in self._merging))
            self.fieldwriter.add_postings(self.schema, CachedLengths(pdr) if pdr else None, items)
            self.fieldwriter.close()
        finally:
            self._close_merging()
            if pdr:
                pdr.close()

    def add_document(self, **fields):
        """Whoosh's ``add_document`` (2.7.5), except that an ``Analyzed`` value's postings go into
        the pool in one ``extend``. Documents without one take Whoosh's own path."""
        if not any(type(v) is Analyzed for v in fields.values()):
            return super().add_document(**fields)
        self._check_state()
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(self.schema, fieldnames)
        self.perdocwriter.start_doc(self.docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is not None:
                    self._add_field(fieldname, value, fields, docboost)
        except Exception:
            self.perdocwriter.cancel_doc()
            raise
        self.perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _add_field(self, fieldname: str, value, fields: dict, docboost: float) -> None:
        field = self.schema[fieldname]
        analyzed = type(value) is Analyzed
        if analyzed and (field.separate_spelling() or field.vector):
            raise ValueError(f"field {fieldname} cannot take an analyzed value")
        length = 0
        if field.indexed:
            fieldboost = self._field_boost(fields, fieldname, docboost)
            items = value.items if analyzed else field.index(value)
            if analyzed and fieldboost == 1.0:
                length = self._pool_analyzed(fieldname, field, items)
            else:
                for tbytes, freq, weight, vbytes in items:
                    if field.scorable:
                        length += freq
                    self.pool.add((fieldname, tbytes, self.docnum, weight * fieldboost, vbytes))
        if not analyzed and field.separate_spelling():
            spellfield = field.spelling_fieldname(fieldname)
            for word in field.spellable_words(value):
                self.pool.add((spellfield, word.encode("utf-8"), 0, 1, None))
        if not analyzed and field.vector:
            vitems = sorted((text, weight, vbytes) for text, _, weight, vbytes
                            in field.vector.word_values(value, field.analyzer, mode="index"))
            self.perdocwriter.add_vector_items(fieldname, field, vitems)
        customval = fields.get("_stored_%s" % fieldname, value)
        self.perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
        if field.column_type and customval is not None:
            self.perdocwriter.add_column_value(fieldname, field.column_type,
                                               field.to_column_value(customval))

    def _pool_analyzed(self, fieldname: str, field, items: list) -> int:
        """Put an analyzed value's postings into the pool at once; returns the field length."""
        pool, docnum = self.pool, self.docnum
        pool.fieldnames.add(fieldname)
        pool.current.extend((fieldname, t, docnum, w, v) for t, _, w, v in items)
        # The pool's own estimate of a posting's memory (PostingPool.add), summed.
        pool.currentsize += sum(130 + len(fieldname) + 2 * len(t) + len(v or b"")
                                for t, _, _, v in items)
        if pool.currentsize > pool.limit:
            pool.save()
        return sum(f for _, f, _, _ in items) if field.scorable else 0
