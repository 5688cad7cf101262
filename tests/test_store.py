"""The Store on real indexes (Whoosh in tmp_path, PostgreSQL on the session's throwaway server;
one suite, both backends): round trips, updates, deletes, refresh across threads, and a writer
killed mid-import."""
from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from index.errors import LibraryError
from index.model import Article, SearchRequest
from index.store import Store

ROOT = Path(__file__).resolve().parents[1]


def art(i: int, **kw) -> Article:
    base = dict(id=f"id{i}", title=f"Title {i}", body=f"Body number {i} about grain exports.",
                path=f"/in/{i}.txt", sha256=f"sha{i}", format="txt")
    base.update(kw)
    return Article(**base)


@pytest.fixture
def store(stores):
    return stores.open("index")


def test_round_trip_keeps_every_field(store):
    a = Article(id="x1", title="Заголовок «новости»", body="Line one.\n\nLine two — with US and IT.",
                path="a.zip!/dir/b.html", sha256="ab" * 32, format="html", outlet="The Moscow Times",
                agencies=["AFP", "Reuters"], authors=["Jane Roe"], url="https://example.org/x",
                published=dt.date(2025, 5, 3), published_source="meta", language="ru",
                persons=["Vladimir Putin", "Donald Trump"], countries=["RU", "US"],
                imported=dt.datetime(2025, 5, 4, 9, 30, 0))
    bare = art(2)
    store.add([a, bare])
    assert store.get("x1") == a
    assert store.get("id2") == bare
    assert store.get("missing") is None
    assert [x.id for x in store.get_many(["id2", "nope", "x1"])] == ["id2", "x1"]
    assert sorted(x.id for x in store.iter_articles()) == ["id2", "x1"]
    assert store.existing(["x1", "id2", "zzz"]) == {"x1", "id2"}
    assert store.count() == 2


def test_replace_and_delete(store):
    store.add([art(1), art(2), art(3)])
    store.replace([art(2, title="Changed title", body="new words entirely")])
    assert store.count() == 3
    assert store.get("id2").title == "Changed title"
    assert store.search(SearchRequest(query="entirely")).total == 1
    assert store.search(SearchRequest(query="number")).total == 2
    assert store.delete(["id1", "not-there"]) == 1
    assert store.count() == 2
    assert store.get("id1") is None
    assert store.search(SearchRequest(query="grain")).total == 1
    assert store.search(SearchRequest()).total == 2


def test_reopen_and_missing_index(stores):
    with pytest.raises(LibraryError):
        stores.open("none", create=False)
    s = stores.open("ix", create=True)
    s.add([art(1, persons=["Olaf Scholz"])])
    s.close()
    s = stores.open("ix", create=False)
    assert s.get("id1").persons == ["Olaf Scholz"]
    assert s.search(SearchRequest()).facets["person"] == [("Olaf Scholz", 1)]
    s.close()


def test_other_thread_sees_commits(store):
    store.add([art(1)])
    seen = []

    def reader():
        seen.append(store.search(SearchRequest(query="grain")).total)   # opens its searcher
        time.sleep(0.3)
        seen.append(store.search(SearchRequest(query="grain")).total)   # refreshed after commit

    t = threading.Thread(target=reader)
    t.start()
    time.sleep(0.1)
    store.add([art(2), art(3)])
    t.join()
    assert seen == [1, 3]


def test_search_while_committing(store):
    store.add([art(i) for i in range(50)])
    errors, totals = [], []

    def searcher():
        try:
            for _ in range(30):
                totals.append(store.search(SearchRequest(query="grain", limit=5)).total)
        except Exception as e:          # any exception here is the failure being tested
            errors.append(e)

    t = threading.Thread(target=searcher)
    t.start()
    for b in range(5):
        store.add([art(100 + b * 20 + k) for k in range(20)])
    t.join()
    assert not errors
    assert totals and all(50 <= n <= 150 for n in totals)
    assert store.search(SearchRequest(query="grain")).total == 150


WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from index.model import Article
    from index.store import open_store
    s = open_store({location!r}, create=True)
    for b in range(1000):
        s.add([Article(id=f"b{{b}}-{{k}}", title="t", body="killed mid import " * 50,
                       path="p", sha256=f"{{b}}-{{k}}") for k in range(25)])
        print(b, flush=True)
""")


def test_killed_writer_leaves_committed_batches(stores):
    location = stores.location("ix")
    proc = subprocess.Popen([sys.executable, "-c", WRITER.format(root=str(ROOT), location=location)],
                            stdout=subprocess.PIPE, text=True)
    for _ in range(3):                  # let a few batches commit, then kill it mid-batch
        proc.stdout.readline()
    time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    s = stores.open("ix", create=False)
    n = s.count()
    assert n >= 75 and n % 25 == 0
    assert s.search(SearchRequest(query="killed")).total == n
    s.add([art(1)])                     # the dead writer's lock does not block a new one
    assert s.count() == n + 1
    s.close()


def test_column_cache_files_survive_reopen_and_damage(tmp_path):
    folder = tmp_path / "ix"
    s = Store.open(folder, create=True)
    s.add([art(1, persons=["Ann Lee"], countries=["RU"])])
    s.add([art(2, persons=["Ann Lee", "Bo Chan"])])
    expected = s.search(SearchRequest()).facets
    s.close()
    cache = sorted((folder / "columns").glob("*.npz"))
    assert cache                                         # one file per segment
    cache[0].write_bytes(b"garbage")                     # a damaged cache is rebuilt
    s = Store.open(folder, create=False)
    assert s.search(SearchRequest()).facets == expected
    s.add([art(3, persons=["Cy Dunn"])])
    assert dict(s.search(SearchRequest()).facets["person"]) == {"Ann Lee": 2, "Bo Chan": 1, "Cy Dunn": 1}
    s.close()
