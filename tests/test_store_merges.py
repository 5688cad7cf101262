"""A library that grows over many commits: Whoosh merges segments, and every commit still works.

Regression: inlined single-posting lists came back from a segment as the str "" and the merge
asserted (whoosh/writing.py "vbytes=''"), so imports failed once a library had ~10 segments.
"""
import hashlib

from index.model import Article, SearchRequest
from index.store import Store


def _article(n: int) -> Article:
    body = (f"Unique{n} report on harbour{n % 7} where ship {n} unloaded cargo{n * 3}, "
            f"officials said on day {n}.")
    sha = hashlib.sha256(body.encode()).hexdigest()
    return Article(id=sha[:16], title=f"Harbour report {n}", body=body, path=f"{n}.txt", sha256=sha,
                   persons=[f"Person {n % 5}"], countries=["RU" if n % 2 else "UA"], language="en")


def test_many_commits_merge_segments_and_keep_every_article(tmp_path):
    store = Store.open(tmp_path / "ix", create=True)
    n = 0
    for _ in range(40):                      # enough commits for several MERGE_SMALL rounds
        batch = []
        for _ in range(25):
            n += 1
            batch.append(_article(n))
        store.add(batch)
    assert store.count() == n
    assert store.search(SearchRequest(query="harbour3")).total == len([i for i in range(1, n + 1) if i % 7 == 3])
    assert store.search(SearchRequest(query='"ship 777 unloaded"')).total == 1
    res = store.search(SearchRequest(query="", filters={"country": ["RU"]}, limit=1))
    assert res.total == n // 2
    # Replacing and deleting after merges works too.
    victim = _article(5)
    store.delete([victim.id])
    assert store.count() == n - 1 and store.get(victim.id) is None
    store.close()
    reopened = Store.open(tmp_path / "ix", create=False)
    assert reopened.count() == n - 1
    reopened.close()
