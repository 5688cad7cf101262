"""The in-memory side of grouping (memo.py): a file library keeps signatures, document counts and
posting lists between batches; results must match a database grouped without a shared memo, and
a rolled-back batch must leave no trace in the memo."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from index.stories import grouping, memo
from tests.test_stories_grouping import load

NAMES = ("wire-drones", "putin-factory", "gazette-own-report", "daily-copy")


def _db(path) -> sqlite3.Connection:
    c = sqlite3.connect(path)
    grouping.ensure_schema(c)
    return c


def _partition(conn) -> set[frozenset[str]]:
    by: dict[int, set[str]] = {}
    for aid, sid in conn.execute("SELECT article_id, story_id FROM story_articles"):
        by.setdefault(sid, set()).add(aid)
    return {frozenset(v) for v in by.values()}


@pytest.mark.parametrize("max_sigs", [30_000, 1])
def test_file_library_with_memo_matches_memory_database(tmp_path, monkeypatch, max_sigs):
    monkeypatch.setattr(memo, "MAX_SIGNATURES", max_sigs)   # 1: evicted signatures reload
    arts = [load(n) for n in NAMES]
    path = tmp_path / "s.sqlite3"
    disk, ram = _db(path), _db(":memory:")
    for a in arts:                      # one batch each: the memo carries over between them
        with disk:
            grouping.add_articles(disk, [a])
        with ram:
            grouping.add_articles(ram, [a])
    assert _partition(disk) == _partition(ram)
    assert len(_partition(disk)) == 2
    links = "SELECT a, b, round(score, 9), copy FROM story_links ORDER BY a, b"
    assert disk.execute(links).fetchall() == ram.execute(links).fetchall()
    m = memo.memo_for(disk)
    other = sqlite3.connect(path)        # a second connection (another thread) shares the memo
    assert memo.memo_for(other) is m
    assert len(m.sigs) == min(max_sigs, len(arts))
    other.close()
    memo.forget(str(path))
    disk.close()


def test_rolled_back_batch_leaves_no_trace(tmp_path):
    wire, factory, own, copy = (load(n) for n in NAMES)
    path = tmp_path / "s.sqlite3"
    conn = _db(path)
    with conn:
        grouping.add_articles(conn, [wire])
    with pytest.raises(RuntimeError):
        with conn:                      # the caller's transaction fails after grouping ran
            grouping.add_articles(conn, [own])
            raise RuntimeError("import failed")
    with conn:
        grouping.add_articles(conn, [factory])
    m = memo.memo_for(conn)
    own_o = m.ordinals.get(own.id)       # an ordinal may stay: a number, not a fact
    assert own_o is None or all(own_o not in p.array() for p in m.postings.values())
    assert own_o is None or m.published[own_o] == memo.UNKNOWN
    db_df = dict(conn.execute("SELECT term, df FROM story_df"))
    assert m.df and all(db_df.get(t, 0) == n for t, n in m.df.items())
    with conn:
        placed = grouping.add_articles(conn, [own, copy])
    story = dict(conn.execute("SELECT article_id, story_id FROM story_articles"))
    assert story[own.id] == story[copy.id] == story[wire.id] != story[factory.id]
    assert {p.article_id for p in placed} == {own.id, copy.id}
    memo.forget(str(path))
    conn.close()


def test_ranked_candidates_agree_with_sql_and_put_rare_evidence_first(tmp_path):
    wire, factory, own, copy = (load(n) for n in NAMES)
    path = tmp_path / "s.sqlite3"
    conn = _db(path)
    with conn:
        grouping.add_articles(conn, [wire, factory, copy])
    sig = grouping.build(own)
    m = memo.Memo()
    idf = grouping.Idf(conn, m)
    ranked = grouping.candidates(conn, sig, limit=60, idf=idf)
    plain = grouping.candidates(conn, sig, limit=60)        # SQL path ("other coverage")
    assert set(ranked) == set(plain) and len(ranked) >= 2
    # The wire story and its copy share the event's rare names and figures; the factory piece
    # only the common ones (Putin, Russia): it must rank last.
    assert set(ranked[:2]) == {wire.id, copy.id}
    assert grouping.candidates(conn, sig, limit=1, idf=idf)[0] in {wire.id, copy.id}
    memo.forget(str(path))
    conn.close()


def test_closing_a_library_releases_its_memo(tmp_path):
    from index.library import open_library
    lib = open_library(tmp_path / "lib")
    lib.import_all([Path(__file__).resolve().parent.parent / "seeds"])
    path = [r for r in lib.state.execute("PRAGMA database_list") if r[1] == "main"][0][2]
    assert path in memo._MEMOS and memo._MEMOS[path].sigs      # grouping filled it
    lib.close()
    assert path not in memo._MEMOS
