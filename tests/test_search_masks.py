"""The array-based hit sets must equal Whoosh's own matching, across several segments, posting
lists of many blocks (>128 ids), deletions, and every query form."""
from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest

from index.model import Article, SearchRequest
from index.store.search.masks import query_mask
from index.store.search.query import parse
from index.store import Store

WORDS = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda".split()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    rnd = random.Random(3)
    s = Store.open(tmp_path_factory.mktemp("masks") / "index", create=True)
    for batch in range(3):                            # three commits -> several segments
        s.add([Article(id=f"d{batch}-{k}", title=rnd.choice(WORDS), path="p", sha256=f"{batch}-{k}",
                       body=" ".join(rnd.choices(WORDS, k=12)), language=rnd.choice(["en", "de", None]),
                       persons=rnd.sample(["Ann Lee", "Bo Chan", "Cy Dunn"], rnd.randint(0, 2)),
                       published=dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randrange(400)))
               for k in range(300)])
    s.delete([f"d1-{k}" for k in range(0, 300, 7)])
    yield s
    s.close()


@pytest.mark.parametrize("query", [
    "alpha", "alpha beta", "alpha OR beta", "alpha NOT beta",
    "(alpha OR beta) AND NOT (gamma OR delta)", "alph*",
    "kapa~", "person:lee", "person:lee OR title:zeta", "published:[2024-03-01 TO 2024-06-30]",
    "NOT alpha", "title:eta -person:chan",
])
def test_masks_equal_whoosh_matching(store, query):
    s = store.searcher()
    q = parse(query, store._parser())
    cols = store._columns.columns(s.reader())
    ours = np.flatnonzero(query_mask(q, s, cols.live)).tolist()
    theirs = sorted(s.docs_for_query(q))
    assert ours == theirs
    assert store.search(SearchRequest(query=query, facets=False)).total == len(theirs)


def test_minus_is_exact_where_whoosh_andnot_is_not(store):
    """Whoosh's AndNot matcher lets through the first documents of a segment that contain the
    excluded word; the masks (and so totals, facets and hits) must not."""
    s = store.searcher()
    expected = set()
    for docnum, fields in s.reader().iter_docs():
        words = set(store.get(fields["id"]).body.split()) | {store.get(fields["id"]).title}
        if {"alpha", "gamma"} <= words and "beta" not in words:
            expected.add(fields["id"])
    r = store.search(SearchRequest(query="alpha -beta gamma", limit=1000, facets=False))
    assert r.total == len(expected)
    assert {h.id for h in r.hits} == expected


def _oracle(store, words, slop):
    out = set()
    for a in store.iter_articles():
        toks = f"{a.title} {a.body}".lower().split()
        for i, t in enumerate(toks):
            if t != words[0]:
                continue
            pos, ok = i, True
            for w in words[1:]:
                nxt = [j for j in range(pos + 1, min(len(toks), pos + slop + 1)) if toks[j] == w]
                if not nxt:
                    ok = False
                    break
                pos = nxt[0]
            if ok:
                out.add(a.id)
                break
    return out


@pytest.mark.parametrize("phrase,slop", [("alpha beta", 1), ("alpha beta gamma", 1),
                                         ("beta alpha", 1), ("alpha beta", 3), ("kappa iota eta", 2)])
def test_phrases_equal_a_brute_force_scan(store, phrase, slop):
    query = f'"{phrase}"' + (f"~{slop}" if slop > 1 else "")
    r = store.search(SearchRequest(query=query, limit=10000, facets=False, snippets=False))
    expected = _oracle(store, phrase.split(), slop)
    assert expected                                  # the fixture has such documents
    assert {h.id for h in r.hits} == expected and r.total == len(expected)
