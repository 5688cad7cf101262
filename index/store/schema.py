"""The Whoosh schema and the Article <-> document mapping.

Field groups:
- ``id`` (unique) and ``doc`` (the whole Article as JSON, stored: the exact round trip).
- ``title`` and ``exact``: lower-case words without stemming or stop words (``exact`` holds
  title + body); quoted phrases and terms search ``exact``. ``exact`` keeps no positions:
  the adjacent word pairs of each segment, kept beside the index (index/store/bigrams.py),
  answer phrases far faster than Whoosh's position spans (index/store/search/phrases.py).
- ``pairs``: no longer filled (libraries of 0.1.0 have it; it is kept so they still open).
- ``text_XX``: title + body stemmed for language XX; an article is indexed only into the field
  of its own language; other and unknown languages go to ``text_xx`` (unstemmed). So each
  article is in exactly one ``text_*`` field, and a bare term searches title + text_*.
- Facets: ``person``/``country``/``outlet``/``language``/``agency`` are lower-case for queries
  (``country`` also maps names to codes); ``f_*`` hold the exact display values, and are read
  per segment into integer columns for counting (see index/store/search/facets.py).
  ``country`` holds every country the article names (passing mentions stay searchable);
  ``f_country`` only the ones it is about (``Article.focus_countries``): the facet counts those.
- Dates: ``pubday`` (days since 1970-01-01, numeric, for ``published:[a TO b]`` in queries)
  and ``f_date`` (ISO day, read into a date column).
"""
from __future__ import annotations

import codecs
import datetime as dt
import json

from whoosh.analysis import LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.formats import Frequency
from whoosh.system import pack_uint

from index.model import Article
from index.store.analyzers import (STEMMED_LANGUAGES, VALUE_SEPARATOR, WORD_PATTERN,
                                   exact_analyzer, pairs_analyzer, stemming_analyzer,
                                   value_analyzer)
from index.store.codec.writer import Analyzed

SCHEMA_VERSION = 1
EPOCH = dt.date(1970, 1, 1)

# facet name (as in model.FACETS) -> (query field, display field, Article attribute)
FACET_FIELDS = {
    "person": ("person", "f_person", "persons"),
    "country": ("country", "f_country", "countries"),
    "outlet": ("outlet", "f_outlet", "outlet"),
    "language": ("language", "f_language", "language"),
    "agency": ("agency", "f_agency", "agencies"),
}
TEXT_FIELDS = tuple(f"text_{lang}" for lang in STEMMED_LANGUAGES) + ("text_xx",)


def build_schema() -> Schema:
    fields = {
        "id": ID(unique=True, stored=True),
        "doc": STORED(),
        "title": TEXT(analyzer=exact_analyzer(), phrase=True, field_boost=2.0),
        "exact": TEXT(analyzer=exact_analyzer(), phrase=False),
        "pairs": TEXT(analyzer=pairs_analyzer(), phrase=False),
        "pubday": NUMERIC(int, bits=32, signed=True),
        "f_date": ID(),
        "person": TEXT(analyzer=value_analyzer(words=True), phrase=False),
        "country": TEXT(analyzer=value_analyzer(country=True), phrase=False),
        "outlet": TEXT(analyzer=value_analyzer(words=True), phrase=False),
        "language": TEXT(analyzer=value_analyzer(), phrase=False),
        "agency": TEXT(analyzer=value_analyzer(), phrase=False),
    }
    for facet, (_, display, _) in FACET_FIELDS.items():
        fields[display] = TEXT(analyzer=value_analyzer(lowercase=False), phrase=False)
    for lang in STEMMED_LANGUAGES:
        fields[f"text_{lang}"] = TEXT(analyzer=stemming_analyzer(lang), phrase=False)
    fields["text_xx"] = TEXT(analyzer=exact_analyzer(), phrase=False)
    return Schema(**fields)


def day_number(d: dt.date) -> int:
    return (d - EPOCH).days


def day_from_number(n: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(n))


def _values(article: Article, attr: str) -> list[str]:
    v = getattr(article, attr)
    if v is None:
        return []
    if isinstance(v, str):
        return [v] if v.strip() else []
    return [x for x in v if x and x.strip()]


def _texts(article: Article) -> dict[str, str]:
    text = f"{article.title}\n{article.body}"
    lang = (article.language or "").lower()
    return {"title": article.title or "", "exact": text,
            f"text_{lang}" if lang in STEMMED_LANGUAGES else "text_xx": text}


_SCHEMA = None
_UTF8 = codecs.getencoder("utf-8")     # as Whoosh encodes a term (fields.FieldType.index)


def _counted(field, words: list[str], enc: dict[str, bytes] | None = None) -> Analyzed:
    """What ``field.index`` gives for a Frequency-format field whose analyzer made ``words``:
    (term bytes, freq, weight, packed freq) for each distinct word, in order of first occurrence."""
    freqs: dict[str, int] = {}
    for w in words:
        freqs[w] = freqs.get(w, 0) + 1
    fb = field.format.field_boost
    enc = {} if enc is None else enc
    out = []
    for w, n in freqs.items():
        tb = enc.get(w)
        if tb is None:
            tb = enc[w] = _UTF8(w)[0]
        weight, packed = _freq_values(n)
        out.append((tb, n, weight if fb == 1.0 else float(n) * fb, packed))
    return Analyzed(out)


# Every posting of a prepared article holds its weight and packed frequency: the same few values
# (1.0/b"\x00\x00\x00\x01", 2.0/...) over and over. One object per value, and one bytes object
# per word of an article shared by its fields, so that the worker's result pickles each once and
# the importer holds each once (measured: see the commit message).
_FREQS: dict[int, tuple[float, bytes]] = {}


def _freq_values(n: int) -> tuple[float, bytes]:
    v = _FREQS.get(n)
    if v is None:
        if len(_FREQS) > 10_000:
            _FREQS.clear()
        v = _FREQS[n] = (float(n), pack_uint(n))
    return v


def _stemmed(field, words: list[str]) -> list[str] | None:
    """A ``text_XX`` field's terms from the exact field's words (its analyzer's tokenizer and
    lower-casing are the same; then its stop words, then its stemmer), or None when its
    analyzer is not the chain this knows."""
    items = getattr(field.analyzer, "items", None)
    if (not items or len(items) != 4 or type(items[0]) is not RegexTokenizer
            or items[0].expression.pattern != WORD_PATTERN or type(items[1]) is not LowercaseFilter
            or type(items[2]) is not StopFilter or items[2].min != 1 or items[2].max is not None):
        return None
    stops, stem = items[2].stops, items[3].stem
    return [stem(w) for w in words if w and w not in stops]


def _fast_fields(texts: dict[str, str], title: str, body: str) -> dict | None:
    """``exact`` and ``text_XX`` analyzed from one tokenization of the text (bigrams.words is
    the exact field's analysis: WORD_PATTERN tokens, lower-cased)."""
    from index.store.bigrams import words
    toks = words(title, body)
    out = {}
    enc: dict[str, bytes] = {}       # word -> term bytes, shared by the article's fields
    for name in texts:
        if name == "title":
            continue
        field = _SCHEMA[name]
        if type(field.format) is not Frequency:
            return None
        if name == "exact" or name == "text_xx":
            out[name] = _counted(field, toks, enc)
            continue
        stemmed = _stemmed(field, toks)
        if stemmed is None:
            return None
        out[name] = _counted(field, stemmed, enc)
    return out, toks


def prepare(article: Article) -> None:
    """Do an article's costly indexing work ahead, in the extraction worker: its text fields
    analyzed and its word-pair keys hashed, kept on the article as plain attributes (they are
    not Article fields: never serialized, and ignored once title or body change).

    The body is tokenized once: the exact field, the stemmed field and the word pairs share the
    words (the postings are those ``field.index`` gives, tests/test_store_pairs.py compares)."""
    global _SCHEMA
    from index.store.bigrams import doc_keys, keys_of
    if _SCHEMA is None:
        _SCHEMA = build_schema()
    texts = _texts(article)
    fast = None
    if isinstance(article.title, str) and isinstance(article.body, str):
        fast = _fast_fields(texts, article.title, article.body)
    if fast is None:
        article.analyzed = ((article.title, article.body),
                            {name: Analyzed(list(_SCHEMA[name].index(value)))
                             for name, value in texts.items()})
        article.pair_keys = doc_keys(article.title, article.body)
        return
    fields, toks = fast
    fields["title"] = Analyzed(list(_SCHEMA["title"].index(texts["title"])))
    article.analyzed = ((article.title, article.body), fields)
    article.pair_keys = keys_of(toks)


def to_document(article: Article) -> dict:
    """The Whoosh document for an article (all values are unicode strings or ints)."""
    doc = {
        "id": article.id,
        "doc": json.dumps(article.to_json(), ensure_ascii=False),
    }
    texts = _texts(article)
    prepared = getattr(article, "analyzed", None)
    # keyed by the very title and body objects (not a copy of the text: pickled with the article,
    # they cost nothing more), and ignored once either changes
    fresh = prepared is not None and prepared[0] == (article.title, article.body)
    doc.update(prepared[1] if fresh else texts)
    if article.published:
        doc["pubday"] = day_number(article.published)
        doc["f_date"] = article.published.isoformat()
    for facet, (qfield, display, attr) in FACET_FIELDS.items():
        values = _values(article, attr)
        if facet == "language":
            values = [v.lower() for v in values]
        if values:
            joined = VALUE_SEPARATOR.join(values)
            doc[qfield] = joined
            doc[display] = joined
    # ``country:`` finds every country named; the facet counts the ones the article is about.
    focus = [c for c in article.focus_countries() if c and c.strip()]
    if focus:
        doc["f_country"] = VALUE_SEPARATOR.join(focus)
    else:
        doc.pop("f_country", None)
    return doc


def from_stored(fields: dict) -> Article:
    return Article.from_json(json.loads(fields["doc"]))
