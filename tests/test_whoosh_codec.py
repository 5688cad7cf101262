"""Our Whoosh changes live in classes the Store hands to its index (index/store/codec/): Whoosh
itself is never patched, the library's files stay W3's format, and an untested Whoosh version
is refused with a message."""
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import whoosh
from whoosh import fields as wfields
from whoosh import index as windex
from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import SegmentWriter

from index.errors import LibraryError
from index.library import open_library
from index.model import Article, SearchRequest
from index.store import Store
from index.store.codec import MediawatchIndex, MediawatchWriter
from index.store.codec.codec import BytesListMatcher
from index.store.codec.files import MappedSubfile, MediawatchSegmentReader
from index.store.schema import prepare

ROOT = Path(__file__).resolve().parent.parent


def _article(n: int, words: str = "") -> Article:
    body = f"Unique{n} report on harbour{n % 7} where ship {n} unloaded cargo {words}."
    sha = hashlib.sha256(body.encode()).hexdigest()
    return Article(id=sha[:16], title=f"Harbour report {n}", body=body, path=f"{n}.txt", sha256=sha,
                   countries=["RU"], language="en")


# Runs in a fresh interpreter: records every class and function of the Whoosh modules the store
# uses, then imports and uses the store (import of prepared articles, merges, deletes, searches,
# optimize), then compares. Afterwards a plain Whoosh index in the same process behaves as
# upstream: its writer is SegmentWriter and W3's inlining still hits upstream's misspelt method.
_UNTOUCHED = r'''
import hashlib, sys
from pathlib import Path
import whoosh.index, whoosh.writing, whoosh.reading, whoosh.searching, whoosh.fields
import whoosh.codec.whoosh3, whoosh.filedb.structfile, whoosh.filedb.compound, whoosh.matching
import whoosh.filedb.filestore, whoosh.analysis, whoosh.qparser

def snapshot():
    out = {}
    for name, mod in list(sys.modules.items()):
        if name.split(".")[0] != "whoosh" or mod is None:
            continue
        for attr, obj in list(vars(mod).items()):
            if isinstance(obj, type) and obj.__module__ == name:
                for k, v in vars(obj).items():
                    out[(name, attr, k)] = id(v)
            elif callable(obj):
                out[(name, attr)] = id(obj)
    return out

before = snapshot()
from index.model import Article, SearchRequest
from index.store import Store
from index.store.schema import prepare
tmp = Path(sys.argv[1])
store = Store.open(tmp / "ix", create=True)
for b in range(12):
    batch = []
    for i in range(30):
        n = b * 30 + i
        body = f"Unique{n} report on harbour{n % 7}, ship {n} unloaded."
        a = Article(id=hashlib.sha256(body.encode()).hexdigest()[:16], title=f"Report {n}", body=body,
                    path=f"{n}.txt", sha256="x" * 64, language="en")
        if n % 2:
            prepare(a)
        batch.append(a)
    store.add(batch)
store.delete([batch[0].id])
assert store.search(SearchRequest(query="harbour3")).total > 0
store.optimize()
assert store.count() == 359, store.count()
store.close()
after = snapshot()
changed = sorted(str(k) for k in before if after.get(k) != before[k])
print("changed:", changed)

from whoosh import fields, index
from whoosh.codec.whoosh3 import W3Codec, W3TermInfo
(tmp / "plain").mkdir()
ix = index.create_in(str(tmp / "plain"), fields.Schema(t=fields.TEXT))
w = ix.writer(codec=W3Codec(inlinelimit=2))
print("writer:", type(w).__name__, "set_inline:", hasattr(W3TermInfo, "set_inline"))
w.add_document(t="alpha")
try:
    w.commit()
    print("plain inlining: ok")
except AttributeError as e:
    print("plain inlining:", e)
'''


def test_plain_whoosh_is_untouched_by_our_store(tmp_path):
    out = subprocess.run([sys.executable, "-c", _UNTOUCHED, str(tmp_path)], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "changed: []" in lines
    assert "writer: SegmentWriter set_inline: False" in lines
    assert any(line.startswith("plain inlining:") and "set_inline" in line for line in lines)


def test_store_index_uses_our_codec_and_keeps_w3_format(tmp_path):
    store = Store.open(tmp_path / "ix", create=True)
    first = [_article(n) for n in range(20)]
    for a in first[::2]:
        prepare(a)                     # analyzed values, as the import workers hand them over
    store.add(first)
    store.add([_article(100, "lighthouse")])
    assert isinstance(store._ix, MediawatchIndex)
    w = store._writer()
    try:
        assert isinstance(w, MediawatchWriter) and type(w).__mro__[1] is SegmentWriter
    finally:
        w.cancel()
    reader = store.searcher().reader()
    leaves = [r for r, _ in reader.leaf_readers()]
    assert leaves and all(isinstance(r, MediawatchSegmentReader) for r in leaves)
    assert all(isinstance(r._terms._postfile, MappedSubfile) for r in leaves)
    # A one-document term is inlined and read back with bytes values (merges need bytes).
    newest = leaves[-1]
    info = newest.term_info("exact", "lighthouse")
    assert info.is_inlined()
    m = newest.postings("exact", "lighthouse")
    assert isinstance(m, BytesListMatcher) and isinstance(m.value(), bytes)
    # The index records Whoosh's own codec: no class of ours is pickled into the TOC.
    assert {type(seg.codec()) for seg in store._ix._segments()} == {W3Codec}
    assert store.search(SearchRequest(query="lighthouse")).total == 1
    assert store.search(SearchRequest(query="harbour3")).total == 3     # 3, 10, 17
    store.close()
    plain = windex.open_dir(str(tmp_path / "ix"))                     # plain Whoosh reads it
    with plain.searcher() as s:
        assert s.doc_count() == 21
        assert s.document_number(id=first[4].id) is not None


def test_opening_under_an_untested_whoosh_fails_with_a_message(tmp_path, monkeypatch):
    made = Store.open(tmp_path / "ix", create=True)
    made.add([_article(1)])
    made.close()
    monkeypatch.setattr(whoosh, "__version__", (2, 8, 0))
    with pytest.raises(LibraryError) as err:
        Store.open(tmp_path / "ix", create=False)
    msg = str(err.value)
    assert "Whoosh 2.8.0 is installed" in msg and "Whoosh-Reloaded 2.7.5" in msg
    assert str(tmp_path / "ix") in msg
    # A new library is refused before anything is written into its folder.
    with pytest.raises(LibraryError, match="Whoosh 2.8.0"):
        open_library(tmp_path / "new")
    assert not (tmp_path / "new").exists()
    monkeypatch.setattr(whoosh, "__version__", (2, 7, 5))
    again = Store.open(tmp_path / "ix", create=False)
    assert again.count() == 1
    again.close()


def test_analyzed_values_are_refused_by_a_plain_whoosh_writer(tmp_path):
    """``Analyzed`` is ours: a plain Whoosh index does not take one as a field value."""
    a = _article(3)
    prepare(a)
    analyzed = a.analyzed[1]["exact"]
    ix = windex.create_in(str(tmp_path), wfields.Schema(exact=wfields.TEXT))
    w = ix.writer()
    with pytest.raises(Exception):
        w.add_document(exact=analyzed)
    w.cancel()
