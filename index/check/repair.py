"""``check --repair``: rebuild what the stored text gives back.

- an article indexed twice: one copy kept (Whoosh's update_document deletes every copy by id and
  writes the stored article once);
- word-pair and facet-column files that disagree with their segment: deleted and rebuilt;
- the stories tables: members, links and postings of articles that are not indexed removed,
  articles in no story grouped (stories.service.backfill), the word statistics' document count
  set to the members it counts.
Called by ``check_library`` with the write lock held.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

from .report import CheckReport

log = logging.getLogger("mediawatch")


def repair_library(folder: Path, report: CheckReport, library=None) -> None:
    own = library is None
    if own:
        from ..library import Library
        library = Library(folder)
    try:
        _dedupe(library, report)
        _caches(library, report)
        _stories(library)
    finally:
        if own:
            library.close()


def _dedupe(library, report: CheckReport) -> None:
    dup_ids = report.duplicate_ids
    if not dup_ids:
        return
    from ..model import Article
    s = library.store._ix.searcher()
    try:
        arts = []
        for i in dup_ids:
            n = s.document_number(id=i)
            if n is not None:
                arts.append(Article.from_json(json.loads(s.stored_fields(n)["doc"])))
    finally:
        s.close()
    _rewrite_once(library.store, arts)
    log.warning("check --repair: %d article(s) indexed twice now indexed once", len(arts))


def _rewrite_once(store, arts) -> None:
    """Every copy deleted and one written, in one commit (Whoosh's update_document deletes
    only the first copy it finds)."""
    from ..store.schema import to_document
    from ..store.whoosh_store import tiered_merge
    with store._write_lock:
        w = store._writer()
        try:
            for a in arts:
                w.delete_by_term("id", a.id)
                w.add_document(**to_document(a))
        except BaseException:
            w.cancel()
            raise
        w.commit(mergetype=tiered_merge)


def _caches(library, report: CheckReport) -> None:
    for path in report.pair_files + report.column_files:
        try:
            Path(path).unlink()
        except OSError:
            pass
    store = library.store
    store._pairs._segments.clear()
    store._columns._segments.clear()
    store._columns._views = {}
    reader = store.searcher().reader()
    store._pairs.refresh(reader)
    store._columns.columns(reader)


def _stories(library) -> None:
    from ..stories import service
    service._ensure(library)
    with library.state.tx() as conn:
        indexed = set(_indexed_ids(library))
        grouped = {r[0] for r in conn.execute("SELECT article_id FROM story_articles")}
        gone = sorted(grouped - indexed)
        orphans = [r[0] for r in conn.execute(
            "SELECT article_id FROM story_articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM stories s WHERE s.id = a.story_id)")]
        drop = sorted(set(gone) | set(orphans))
        for i in range(0, len(drop), 400):
            chunk = drop[i:i + 400]
            marks = ",".join("?" * len(chunk))
            conn.execute(f"DELETE FROM story_articles WHERE article_id IN ({marks})", chunk)
            conn.execute(f"DELETE FROM story_postings WHERE article_id IN ({marks})", chunk)
        conn.execute("DELETE FROM story_links WHERE a NOT IN (SELECT article_id FROM story_articles) "
                     "OR b NOT IN (SELECT article_id FROM story_articles)")
        conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)")
    service.backfill(library)
    with library.state.tx() as conn:
        n = conn.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0]
        row = conn.execute("SELECT value FROM story_meta WHERE key='docs'").fetchone()
        if row is None or row[0] < n:
            conn.execute("INSERT OR REPLACE INTO story_meta(key, value) VALUES ('docs', ?)", (n,))
    try:
        from ..stories.memo import forget
        for row in library.state.execute("PRAGMA database_list"):
            if row[1] == "main" and row[2]:
                forget(row[2])
    except Exception:   # noqa: BLE001 - a cache
        pass


def _indexed_ids(library):
    reader = library.store.searcher().reader()
    for _, fields in reader.iter_docs():
        yield json.loads(fields["doc"])["id"]
