"""A compact per-article signature: what grouping needs without re-reading the article.

Stored as JSON in SQLite (grouping.py) so a new article is compared with thousands of earlier
ones without touching the Whoosh store. The MinHash sketch finds syndicated copies; the term
counts give a TF-IDF cosine (the IDF comes from the library-wide document frequencies at
comparison time, so old signatures never go stale); names, persons, countries, numbers and quotes
are the evidence that two differently worded articles report the same event.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import struct
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..model import Article
from . import text as tx

TOP_TERMS = 80          # terms kept per article for the cosine (the tail adds little but bytes)
INDEX_TERMS = 30        # terms posted to the candidate index
SKETCH = 128            # bottom-k sketch size (hashes are 53-bit so JSON keeps them exact)
SHINGLE = 5


@dataclass
class Signature:
    id: str
    published: dt.date | None = None
    language: str | None = None
    terms: dict[str, int] = field(default_factory=dict)
    title: list[str] = field(default_factory=list)          # the headline's terms
    all_terms: list[str] = field(default_factory=list)     # distinct terms (for document frequency)
    names: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    minhash: list[int] = field(default_factory=list)
    shingles: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"published": self.published.isoformat() if self.published else None,
                "language": self.language, "terms": self.terms, "title": self.title, "names": self.names,
                "persons": self.persons, "countries": self.countries, "numbers": self.numbers,
                "quotes": self.quotes, "minhash": self.minhash, "shingles": self.shingles}

    @classmethod
    def from_json(cls, id: str, d: dict[str, Any]) -> "Signature":
        pub = dt.date.fromisoformat(d["published"]) if d.get("published") else None
        return cls(id=id, published=pub, language=d.get("language"), terms=d.get("terms", {}),
                   title=d.get("title", []),                   names=d.get("names", []), persons=d.get("persons", []),
                   countries=d.get("countries", []), numbers=d.get("numbers", []),
                   quotes=d.get("quotes", []), minhash=d.get("minhash", []),
                   shingles=d.get("shingles", 0))

    # Sets for pair scoring, built once per signature (signatures are kept in memory between
    # batches, see memo.py, and scored against many new articles).
    @cached_property
    def minhash_set(self) -> frozenset[int]:
        return frozenset(self.minhash)

    @cached_property
    def fact_sets(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        return frozenset(self.persons), frozenset(self.countries), frozenset(self.numbers)

    def index_terms(self) -> list[str]:
        """What goes into the candidate index: top terms, names and significant numbers."""
        return list(self._index_terms)

    @cached_property
    def _index_terms(self) -> tuple[str, ...]:
        top = [t for t, _ in sorted(self.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:INDEX_TERMS]]
        return tuple(sorted(set(top) | {"n:" + n for n in self.names}
                            | {"#:" + n for n in self.numbers} | {"p:" + p.casefold() for p in self.persons}))


def _significant(n: tx.Number) -> bool:
    """Numbers that identify an event: not small counts, not bare years."""
    if n.unit == "%":
        return True
    if 1900 <= n.value <= 2100 and n.value == int(n.value):
        return False
    return n.value > 10 or n.value != int(n.value)


def minhash(body: str, words: list[str] | None = None) -> tuple[list[int], int]:
    """Bottom-k sketch of the 5-word shingles: the k smallest shingle hashes (one hash each).
    ``words`` is ``tx.words(body)`` when the caller has it already."""
    toks = [w.casefold() for w in (tx.words(body) if words is None else words)]
    grams = {" ".join(toks[i:i + SHINGLE]) for i in range(max(1, len(toks) - SHINGLE + 1))}
    blake, unpack = hashlib.blake2b, struct.Struct(">Q").unpack
    hashes = {unpack(blake(g.encode(), digest_size=8).digest())[0] >> 11 for g in grams if g}
    return sorted(hashes)[:SKETCH], len(hashes)


def prepare(article: Article) -> None:
    """Build the signature ahead (in the extraction worker), kept on the article as a plain
    attribute; ``signature_of`` uses it while title and body are unchanged."""
    article.signature = ((article.title, article.body), build(article))


def signature_of(article: Article) -> Signature:
    ready = getattr(article, "signature", None)
    if ready is not None and ready[0] == (article.title, article.body):
        return ready[1]
    return build(article)


def build(article: Article) -> Signature:
    body = article.body or ""
    title = article.title or ""
    lang = article.language
    body_words = tx.words(body)
    counts = Counter(tx.terms_of(body_words, lang))
    title_terms = set(tx.content_terms(title, lang))
    # The title names the event: count its terms once more (unless the body repeats it anyway).
    if title and not body.startswith(title[:40]):
        counts.update(title_terms)
    top = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS])
    text = f"{title}\n{body}"
    sketch, n = minhash(body, body_words)
    nums = sorted({n.key for n in tx.numbers(text, lang) if _significant(n)})
    quotes = []
    for q in tx.quotes(body):
        k = " ".join(tx.quote_key(q))
        if k not in quotes:
            quotes.append(k)
    return Signature(
        id=article.id, published=article.published, language=lang, terms=top,
        title=sorted(title_terms),
        all_terms=sorted(counts), names=sorted(tx.name_tokens(text)), persons=sorted(article.persons),
        countries=sorted(article.countries), numbers=nums, quotes=quotes[:20], minhash=sketch,
        shingles=n)
