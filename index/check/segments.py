"""The Whoosh side of ``check``: every segment opened and read to the end, like Lucene's
CheckIndex: document counts, deletions, each document's id term and stored JSON, the postings
of every field (document numbers in range, ordered)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .report import ERROR, INFO, CheckReport


@dataclass
class IndexContents:
    """What the segments hold: live ids (with the segment of each copy), per-segment id lists."""
    live: dict[str, list[str]] = field(default_factory=dict)   # article id -> segment ids
    segment_ids: dict[str, list[str]] = field(default_factory=dict)  # segment -> id per docnum
    doc_counts: dict[str, int] = field(default_factory=dict)
    readable: bool = True


def open_index(folder: Path, report: CheckReport):
    """The Whoosh index of a library folder, or None (with the reason in the report)."""
    from index.store.codec import open_index as open_store_index  # the codec the segments use
    from index.store.schema import build_schema
    ixdir = folder / "index"
    try:
        ix = open_store_index(ixdir, build_schema(), create=False)
        if ix is None:
            report.add(ERROR, "index", f"there is no search index in {ixdir}")
        return ix
    except Exception as e:     # a damaged TOC or schema: nothing below can be read
        report.add(ERROR, "index", f"the search index in {ixdir} cannot be opened ({_why(e)})")
        return None


def check_segments(ix, report: CheckReport) -> IndexContents:
    from index.store.codec.files import MediawatchSegmentReader as SegmentReader
    out = IndexContents()
    segments = ix._segments()
    report.segments = len(segments)
    for seg in segments:
        segid = seg.segment_id()
        try:
            reader = SegmentReader(ix.storage, ix.schema, seg)
        except Exception as e:
            report.add(ERROR, "index", f"segment {segid} cannot be opened ({_why(e)}); its "
                       f"{seg.doc_count()} articles are unreadable: re-import their files")
            out.readable = False
            continue
        try:
            _check_segment(reader, seg, segid, out, report)
        except Exception as e:     # a truncated or garbled file inside the segment
            report.add(ERROR, "index", f"segment {segid} is damaged ({_why(e)}); re-import "
                       "the files of its articles")
            out.readable = False
        finally:
            reader.close()
    for article_id, segs in out.live.items():
        if len(segs) > 1:
            report.duplicate_ids.append(article_id)
            report.add(ERROR, "index", f"article {article_id} is in the index {len(segs)} times "
                       f"(segments {', '.join(segs)})", repairable=True)
    report.articles = len(out.live)
    _leftover_files(ix, segments, report)
    return out


def _check_segment(reader, seg, segid: str, out: IndexContents, report: CheckReport) -> None:
    n = reader.doc_count_all()
    if n != seg.doc_count_all():
        report.add(ERROR, "index", f"segment {segid} holds {n} documents, its table of contents "
                   f"says {seg.doc_count_all()}")
    ids = [""] * n
    for term in reader.lexicon("id"):
        text = term.decode("utf-8") if isinstance(term, bytes) else term
        for d in reader.postings("id", term).all_ids():
            if not 0 <= d < n:
                raise ValueError(f"id posting {d} outside 0..{n - 1}")
            if ids[d]:
                report.add(ERROR, "index", f"segment {segid}: document {d} has two ids "
                           f"({ids[d]}, {text})")
            ids[d] = text
    out.segment_ids[segid] = ids
    live = 0
    for d in range(n):
        if seg.is_deleted(d):
            continue
        live += 1
        doc = json.loads(reader.stored_fields(d)["doc"])
        if not ids[d] or doc.get("id") != ids[d]:
            report.add(ERROR, "index", f"segment {segid}: document {d} has id term "
                       f"{ids[d] or '(none)'} but stored article {doc.get('id')}")
        if ids[d]:
            out.live.setdefault(ids[d], []).append(segid)
    out.doc_counts[segid] = live
    if live != reader.doc_count():
        report.add(ERROR, "index", f"segment {segid}: {live} live documents, deletions say "
                   f"{reader.doc_count()}")
    _check_postings(reader, n, segid)


def _check_postings(reader, n: int, segid: str) -> None:
    """Every posting list of every indexed field reads to its end, in order and in range."""
    for fieldname in reader.indexed_field_names():
        for term in reader.lexicon(fieldname):
            last = -1
            for d in reader.postings(fieldname, term).all_ids():
                if d <= last or d >= n:
                    raise ValueError(f"postings of {fieldname}:{term!r} out of order or range "
                                     f"({d} after {last}, {n} documents)")
                last = d


def _leftover_files(ix, segments, report: CheckReport) -> None:
    """Files of segments no table of contents names: a commit killed before its TOC was written.
    Harmless; Whoosh deletes them at the next commit."""
    from whoosh.index import TOC
    names = {s.segment_id() for s in segments}
    pattern = TOC._segment_pattern(ix.indexname)
    orphans = {m.group(1) for f in ix.storage.list() if (m := pattern.match(f))} - names
    if orphans:
        report.add(INFO, "index", f"{len(orphans)} unfinished segment(s) left by an interrupted "
                   "commit; they hold nothing committed and go at the next import")


def _why(e: BaseException) -> str:
    text = str(e).strip() or type(e).__name__
    return text if len(text) < 200 else text[:200] + "..."
