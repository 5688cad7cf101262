"""The W3 codec with our postings writer, field writer and inlined-postings matcher.

Inlined postings: the W3 codec can keep a short posting list inside its term info
(``inlinelimit``) instead of a compressed block of its own. Our ``pairs`` field has hundreds of
one-document terms an article, and writing each as a block cost ~60% of indexing time. Upstream
the feature is dead: the postings writer calls ``W3TermInfo.set_inline``, a method that does not
exist (it is ``set_inlined``), and reading inlined postings back gives the str ``""`` where
merges need bytes. ``MediawatchCodec`` inlines single-posting lists with both fixed.

The file format is exactly W3's: segments record a plain ``W3Codec`` (``new_segment``), so no
class of ours is pickled into the index and any Whoosh 2.7 can read a library's files.
"""
from __future__ import annotations

from itertools import groupby
from operator import itemgetter

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3LeafMatcher, W3PostingsWriter, W3Segment
from whoosh.matching import ListMatcher

INLINE_LIMIT = 2     # posting lists shorter than this are inlined: single-document terms


class MediawatchCodec(W3Codec):
    def __init__(self, blocklimit=128, compression=3, inlinelimit=INLINE_LIMIT):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    @classmethod
    def reading(cls, segment) -> W3Codec:
        """The codec that reads ``segment``: ours with the parameters it was written with (its
        recorded codec is a plain W3Codec), or the recorded one when it is not W3."""
        recorded = segment.codec()
        if type(recorded) is not W3Codec:
            return recorded
        return cls(blocklimit=recorded._blocklimit, compression=recorded._compression,
                   inlinelimit=recorded._inlinelimit)

    def new_segment(self, storage, indexname):
        # What the TOC pickles: Whoosh's own codec with our parameters (see the module docstring).
        plain = W3Codec(blocklimit=self._blocklimit, compression=self._compression,
                        inlinelimit=self._inlinelimit)
        return W3Segment(plain, indexname)

    def field_writer(self, storage, segment):
        return TermAtATimeFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return InliningPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                      compression=self._compression, inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return BytesListMatcher(ids, weights, values, format_, scorer=scorer, term=term,
                                    terminfo=terminfo)
        offset, length = terminfo.extent()
        return W3LeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class BytesListMatcher(ListMatcher):
    """Inlined postings read back: a posting without a value gives ``b""``, not Whoosh's str
    ``""``, which a segment merge rejects (whoosh/writing.py asserts ``vbytes=''``)."""

    def value(self):
        v = super().value()
        return b"" if isinstance(v, str) and not v else v


class InliningPostingsWriter(W3PostingsWriter):
    """W3's postings writer with its inlining branch calling the method that exists."""

    def finish_postings(self):
        terminfo = self._terminfo
        if not self.written() and len(self) < self._inlinelimit:
            terminfo.add_block(self)
            terminfo.set_inlined(self._ids, self._weights, self._values)
        else:
            if self._ids:
                self._write_block(last=True)
            terminfo.set_extent(self._startoffset, self._postfile.tell() - self._startoffset)
        self._terminfo = None
        return terminfo


class TermAtATimeFieldWriter(W3FieldWriter):
    """W3's field writer taking a flush's postings a term at a time.

    Whoosh hands every posting to the field writer with two method calls and four type assertions
    each; here the (sorted) postings are grouped by term and each block's arrays filled in bulk,
    then the W3 postings writer writes the blocks exactly as before (same file format)."""

    def add_postings(self, schema, lengths, items):
        """``items`` come from the posting pool, sorted by (field, term, docnum)."""
        dfl = lengths.doc_field_length if lengths else (lambda docnum, fieldname: 0)
        lastfn = None
        for (fieldname, btext), group in groupby(items, key=itemgetter(0, 1)):
            if fieldname != lastfn:
                if lastfn is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                lastfn = fieldname
            rows = [r for r in group if r[2] != -1]      # docnum -1: spelling words (unused)
            if rows:
                self.start_term(btext)
                _fill_blocks(self._postwriter, rows, lambda d: dfl(d, fieldname))
                self.finish_term()
        if lastfn is not None:
            self.finish_field()


def _fill_blocks(pw: W3PostingsWriter, rows: list, length_of) -> None:
    """Put one term's postings (field, term, docnum, weight, value) into ``pw``'s blocks, as its
    ``add_posting`` would one at a time, writing each full block out."""
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
        lens = [n for n in (length_of(d) for d in ids) if n]
        if lens:
            lo, hi = min(lens), max(lens)
            if pw._minlength is None or lo < pw._minlength:
                pw._minlength = lo
            if hi > pw._maxlength:
                pw._maxlength = hi
