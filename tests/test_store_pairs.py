"""Word pairs beside the index (index/store/bigrams.py), tiered merges and prepared articles.

Phrases are answered from per-segment pair files; they must give exactly the documents a
brute-force scan of the text gives, through merges, with the files deleted, and for articles
whose indexing work was done ahead by the extraction worker."""
import hashlib
import re

from index.model import Article, SearchRequest
from index.store import Store
from index.store import whoosh_store
from index.store.bigrams import doc_keys, pair_key, words
from index.store.schema import prepare

WORDS = "harbour ship cargo port crane dock quay tug berth pilot tide storm".split()


def _article(n: int) -> Article:
    w = [WORDS[(n * k + k) % len(WORDS)] for k in range(1, 9)]
    body = f"The {w[0]} {w[1]} near {w[2]} {w[3]}. Officials said the {w[4]} {w[5]} was {w[6]} {w[7]} {n}."
    sha = hashlib.sha256(body.encode()).hexdigest()
    return Article(id=sha[:16], title=f"Report {n} {w[1]}", body=body, path=f"{n}.txt", sha256=sha,
                   language="en", countries=["RU" if n % 2 else "UA"])


def _expected(articles, phrase: str) -> set[str]:
    target = phrase.lower().split()
    out = set()
    for a in articles:
        toks = words(a.title, a.body)
        if any(toks[i:i + len(target)] == target for i in range(len(toks) - len(target) + 1)):
            out.add(a.id)
    return out


def _found(store, phrase: str) -> set[str]:
    res = store.search(SearchRequest(query=f'"{phrase}"', limit=10_000, snippets=False))
    return {h.id for h in res.hits}


PHRASES = ["harbour ship", "ship cargo", "the tide storm", "said the crane", "officials said the",
           "dock quay", "report 7"]


def _grow(store, n_commits: int, per_commit: int) -> list[Article]:
    arts = []
    for c in range(n_commits):
        batch = [_article(c * per_commit + i) for i in range(per_commit)]
        store.add(batch)
        arts += batch
    return arts


def test_doc_keys_match_query_side_keys():
    keys = doc_keys("Putin talks", "Putin and Trump spoke.")
    assert pair_key("putin", "talks") in keys and pair_key("trump", "spoke") in keys
    assert pair_key("talks", "putin") in keys             # title and body are one text
    assert pair_key("spoke", "putin") not in keys


def test_phrases_exact_through_merges_and_few_segments(tmp_path):
    store = Store.open(tmp_path / "ix")
    arts = _grow(store, 35, 12)                  # 35 commits: tier-0 merges happen
    segments = store._ix._segments()
    assert len(segments) < 35 and len(segments) < 2 * whoosh_store.MERGE_FACTOR
    assert sum(1 for phrase in PHRASES if _expected(arts, phrase)) >= 5     # not vacuous
    for phrase in PHRASES:
        assert _found(store, phrase) == _expected(arts, phrase), phrase
    # pair files exist for exactly the live segments (merged-away ones were removed)
    files = {p.name.split(".")[0] for p in (tmp_path / "ix" / "pairs").glob("*.ids.json")}
    assert files == {s.segment_id() for s in segments}
    store.close()


def test_pair_files_are_only_a_cache(tmp_path):
    store = Store.open(tmp_path / "ix")
    arts = _grow(store, 3, 20)
    store.close()
    for p in (tmp_path / "ix" / "pairs").iterdir():   # as a library of an older version has none
        p.unlink()
    reopened = Store.open(tmp_path / "ix", create=False)
    for phrase in PHRASES:
        assert _found(reopened, phrase) == _expected(arts, phrase), phrase
    assert list((tmp_path / "ix" / "pairs").glob("*.keys.npy"))      # rebuilt from stored text
    # damaged files are rebuilt too
    for p in (tmp_path / "ix" / "pairs").glob("*.keys.npy"):
        p.write_bytes(b"garbage")
    reopened.close()
    again = Store.open(tmp_path / "ix", create=False)
    assert _found(again, "harbour ship") == _expected(arts, "harbour ship")
    again.close()


def test_deleted_and_replaced_articles_leave_phrases(tmp_path):
    store = Store.open(tmp_path / "ix")
    arts = _grow(store, 2, 15)
    phrase = " ".join(words(None, arts[3].body)[1:3])
    gone = [a for a in arts if a.id in _expected(arts, phrase)][:2]
    assert gone
    store.delete([a.id for a in gone])
    assert _found(store, phrase) == _expected(arts, phrase) - {a.id for a in gone}
    changed = Article(**{**arts[0].__dict__, "body": "Entirely new words about a lighthouse keeper."})
    store.replace([changed])
    assert _found(store, "lighthouse keeper") == {changed.id}
    store.close()


def test_prepared_articles_index_the_same_as_plain_ones(tmp_path):
    plain = Store.open(tmp_path / "plain")
    ready = Store.open(tmp_path / "ready")
    arts = [_article(i) for i in range(60)]
    ru = Article(id="ru1", title="Переговоры в Москве", body="Стороны провели переговоры о перемирии.",
                 path="ru.txt", sha256="ru1", language="ru")
    arts.append(ru)
    plain.add(arts)
    copies = [Article(**a.__dict__) for a in arts]
    for a in copies:
        prepare(a)
    ready.add(copies)
    for q in ['"harbour ship"', "ships", "переговорах", "title:report", 'cargo AND "the tide"',
              "перемирие"]:
        a = plain.search(SearchRequest(query=q, limit=100, snippets=False))
        b = ready.search(SearchRequest(query=q, limit=100, snippets=False))
        assert [h.id for h in a.hits] == [h.id for h in b.hits], q
        assert [round(h.score, 6) for h in a.hits] == [round(h.score, 6) for h in b.hits], q
    assert plain.search(SearchRequest(query="переговорах")).total == 1
    plain.close()
    ready.close()


def test_prepared_work_is_ignored_when_the_text_changed(tmp_path):
    store = Store.open(tmp_path / "ix")
    a = _article(1)
    prepare(a)
    a.body = "A different text about a lighthouse keeper."
    store.add([a])
    assert _found(store, "lighthouse keeper") == {a.id}
    assert store.search(SearchRequest(query="officials")).total == 0
    store.close()


def test_words_are_the_exact_fields_tokens():
    assert words("U.S. talks", "Trump's envoy, 3.5 percent") == \
        ["u.s", "talks", "trump", "s", "envoy", "3.5", "percent"]
    assert re.fullmatch(r"[a-z0-9.]+", "".join(words("A", "b")))


def test_prepared_postings_are_the_analyzers_own():
    """prepare() tokenizes an article once for the exact field, its language's stemmed field and
    the word pairs: each field's postings equal what the field's own analyzer gives (same terms,
    order, frequencies, weights, packed values), in every stemmed language and for none."""
    from index.store.schema import TEXT_FIELDS, _texts, build_schema
    schema = build_schema()
    texts = [
        ("Report on U.S. talks", "Trump's envoy said 3.5 percent of the the cargo was at the port."),
        ("Переговоры в Москве", "Стороны провели переговоры о перемирии, и для них это не всё."),
        ("Переговори у Києві", "переговорах переговорів і та що це від İstanbul"),
        ("Größe der Straße", "Die Größe und der ÉTÉ von 1,000.5 text_with_under"),
        ("L'été à Paris", "le la les un une des de du et ou à au aux en est dans pour par sur"),
        ("España", "el la los las un una y o a al en es por para con que España"),
        ("", ""),
    ]
    seen = set()
    for lang in ("en", "ru", "uk", "de", "fr", "es", None, "pl"):
        for title, body in texts:
            a = Article(id="x", title=title, body=body, path="x.txt", sha256="x", language=lang)
            prepare(a)
            fields = a.analyzed[1]
            for name, value in _texts(a).items():
                assert fields[name].items == list(schema[name].index(value)), (lang, name, title)
                assert [type(x) for r in fields[name].items for x in r] == \
                    [type(x) for r in schema[name].index(value) for x in r]
                seen.add(name)
            assert list(a.pair_keys) == list(doc_keys(title, body))
    assert seen == {"title", "exact", *TEXT_FIELDS}
