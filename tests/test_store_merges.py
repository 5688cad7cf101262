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


def _postings(store) -> dict:
    """Every posting of the index by article id: {(field, term): {id: (weight, value)}}."""
    reader = store.searcher().reader()
    ids = {d: f["id"] for d, f in reader.iter_docs()}
    out: dict = {}
    for fieldname, btext in reader.all_terms():
        m = reader.postings(fieldname, btext)
        got = {}
        while m.is_active():
            got[ids[m.id()]] = (m.weight(), bytes(m.value() or b""))
            m.next()
        if got:
            out[(fieldname, btext)] = got
    return out


def test_streamed_merge_writes_the_postings_of_one_commit(tmp_path):
    """Merged segments are streamed into the new one (codec/writer.py), not pooled and sorted:
    every term, document, weight and value is that of the same live articles committed at once;
    deleted articles leave no posting behind. (Scores through merges: test_import_pipeline.)"""
    merged = Store.open(tmp_path / "merged", create=True)
    arts = [_article(n) for n in range(1, 241)]
    for k in range(12):                      # twelve commits: ten small segments merge
        merged.add(arts[k * 20:(k + 1) * 20])
        if k == 3:
            merged.delete([arts[7].id, arts[30].id])   # deletions inside a segment that merges
    assert len(list(merged.searcher().leaf_searchers())) < 12
    whole = Store.open(tmp_path / "whole", create=True)
    whole.add([a for a in arts if a.id not in {arts[7].id, arts[30].id}])
    assert _postings(merged) == _postings(whole)
    big = max((sub.reader() for sub, _ in merged.searcher().leaf_searchers()),
              key=lambda r: r.doc_count_all())
    assert big.doc_count() == 218 and not big.has_deletions()   # 11 commits less two deleted
    q = SearchRequest(query="harbour3 OR cargo", limit=300)
    assert {h.id for h in merged.search(q).hits} == {h.id for h in whole.search(q).hits}
    merged.close()
    whole.close()
