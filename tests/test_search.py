"""The query language, language-aware matching, paging, sorting and highlighting on a real index
of each backend (Whoosh, PostgreSQL): one suite, the same expectations, except where a backend
documents another rule (Ukrainian: PostgreSQL has no Ukrainian configuration and uses
``simple``, unstemmed words, as issue 15 asks)."""
from __future__ import annotations

import datetime as dt

import pytest

from index.model import Article, QueryError, SearchRequest

D = dt.date
DOCS = [
    ("en1", "en", "Trump and Putin talk by phone", "The two leaders held talks about Ukraine. "
     "The US said it will continue the dialogue.", D(2025, 5, 3), ["Donald Trump", "Vladimir Putin"], ["US", "RU"]),
    ("en2", "en", "Grain deal collapses", "Grain exports stopped after the talk failed. "
     "Prime Minister spoke to reporters in Ankara.", D(2025, 5, 20), [], ["TR"]),
    ("en3", "en", "IT sector grows", "IT companies in the UK hired more engineers this year.",
     D(2024, 1, 10), [], ["GB"]),
    ("ru1", "ru", "Переговоры в Москве", "Стороны провели переговоры. О переговорах сообщил Кремль.",
     D(2025, 6, 1), ["Vladimir Putin"], ["RU"]),
    ("de1", "de", "Verhandlungen in Berlin", "Die Verhandlungen über Getreide wurden fortgesetzt. "
     "Pro-Russian COVID-19.",
     None, ["Olaf Scholz"], ["DE"]),
    ("uk1", "uk", "Переговори у Києві", "Делегації обговорили переговори та обмін полоненими.",
     D(2025, 6, 2), [], ["UA"]),
]


@pytest.fixture(scope="module")
def store(module_stores):
    s = module_stores.open("search")
    s.add([Article(id=i, title=t, body=b, path=i, sha256=i, language=lang, published=pub,
                   persons=p, countries=c, outlet="The Moscow Times" if i == "en1" else "Other Outlet",
                   agencies=["AFP"] if i == "en1" else [])
           for i, lang, t, b, pub, p, c in DOCS])
    s.backend = module_stores.backend
    return s


def found(store, query, **kw):
    return sorted(h.id for h in store.search(SearchRequest(query=query, **kw)).hits)


@pytest.mark.parametrize("query,expected", [
    ("talks", ["en1", "en2"]),                      # English stemming: talks ~ talk
    ("talk", ["en1", "en2"]),
    ("переговоры", ["ru1"]),                        # Russian stemming: переговорах
    ("переговорах", {"whoosh": ["ru1", "uk1"],     # same stem in Ukrainian "переговори"
                     "postgresql": ["ru1"]}),       # (Ukrainian is unstemmed there)
    ("переговорів", {"whoosh": ["uk1"], "postgresql": []}),   # Ukrainian light stemming
    ("переговори", ["ru1", "uk1"]),                 # the Ukrainian word; its Russian stem
    ("Verhandlung", ["de1"]),
    ('"talks"', ["en1"]),                           # quoted = exact word
    ('"talks about Ukraine"', ["en1"]),
    ('"talks Ukraine"', []),
    ('"leaders talks"~2', ["en1"]),
    ('"prime minister"', ["en2"]),                  # two words: one word pair
    ('"prime minister spoke to"', ["en2"]),        # more: every pair, then the positions
    ('"minister prime"', []),
    ('"spoke prime minister"', []),                 # both pairs' words, not in this order
    ('"the two leaders held"', ["en1"]),
    ('title:"grain deal"', ["en2"]),
    ('title:"stopped after"', []),                  # in the body, not the title
    ('talks NOT "held talks"', ["en2"]),
    ("US", ["en1"]),                                # not a stop word
    ("IT companies", ["en3"]),
    ("grain AND talk", ["en2"]),
    ("grain OR кремль", ["en2", "ru1"]),           # explicit OR is OR
    ("talk NOT grain", ["en1"]),
    ("talk -grain", ["en1"]),
    ("(grain OR engineers) AND NOT ankara", ["en3"]),
    ("engin*", ["en3"]),
    ("ukrane~", ["en1"]),
    ("title:grain", ["en2"]),
    ("person:putin", ["en1", "ru1"]),
    ('person:"Vladimir Putin"', ["en1", "ru1"]),
    ("country:RU", ["en1", "ru1"]),
    ("country:russia", ["en1", "ru1"]),
    ('country:"united kingdom"', ["en3"]),
    ("lang:de", ["de1"]),
    ("LANG:de", ["de1"]),
    ('outlet:"the moscow times"', ["en1"]),
    ("agency:afp", ["en1"]),
    ("published:[2025-05-01 TO 2025-05-31]", ["en1", "en2"]),
    ("published:[2025-06-01 TO]", ["ru1", "uk1"]),
    ("published:[* TO 2024-12-31]", ["en3"]),
    ("published:2025-06", ["ru1", "uk1"]),
    ("pro-Russian", ["de1"]),                       # a hyphen inside a word is not NOT
    ("covid-19", ["de1"]),
    ("(published:2025-06 OR engineers) -кремль", ["en3", "uk1"]),
    ("published:{2025-05-03 TO 2025-06-01}", ["en2"]),
])
def test_query_forms(store, query, expected):
    if isinstance(expected, dict):
        expected = expected[store.backend]
    assert found(store, query) == expected


@pytest.mark.parametrize("query,message", [
    ('"talks about', "unbalanced quote"),
    ("(grain OR talk", "unbalanced parenthesis"),
    ("grain)", 'unmatched ")"'),
    ("foo:bar", 'unknown field "foo:"'),
    ("person: putin", 'field "person:" has no value'),
    ("grain OR", '"OR" needs a term after it'),
    ("AND grain", '"AND" needs a term before it'),
    ("grain NOT", '"NOT" needs a term after it'),
    ("published:[2025-13-01 TO 2025-05-01]", 'bad date "2025-13-01"'),
    ("published:[2025-06-01 TO 2025-05-01]", "ends before it starts"),
    ("published:[2025-06-01 TO 2025-07-01", "unbalanced range"),
    ("()", "empty parentheses"),
    ("grain~x", '"~" must be followed by a number'),
    ("grain - talk", '"-" must be written right before a term'),
])
def test_malformed_queries_say_what_and_where(store, query, message):
    with pytest.raises(QueryError) as e:
        store.search(SearchRequest(query=query))
    assert message in str(e.value)
    assert "position" in str(e.value)
    assert e.value.position is not None and 0 <= e.value.position < len(query)


def test_error_position_points_at_the_culprit(store):
    with pytest.raises(QueryError) as e:
        store.search(SearchRequest(query='grain "open phrase'))
    assert e.value.position == 6
    assert "position 7" in str(e.value)


def test_empty_query_with_filters_lists_matches(store):
    assert found(store, "", filters={"country": ["RU"]}) == ["en1", "ru1"]
    assert store.search(SearchRequest(query="  ")).total == len(DOCS)


def test_sorting_and_paging(store):
    newest = [h.id for h in store.search(SearchRequest(sort="newest")).hits]
    assert newest == ["uk1", "ru1", "en2", "en1", "en3", "de1"]      # undated last
    oldest = [h.id for h in store.search(SearchRequest(sort="oldest")).hits]
    assert oldest == ["en3", "en1", "en2", "ru1", "uk1", "de1"]
    page = store.search(SearchRequest(sort="newest", offset=2, limit=2))
    assert page.total == 6 and [h.id for h in page.hits] == ["en2", "en1"]
    assert store.search(SearchRequest(sort="newest", offset=10)).hits == []
    rel = store.search(SearchRequest(query="talk OR grain", limit=1))
    assert rel.total == 2 and len(rel.hits) == 1 and rel.hits[0].id == "en2"   # both words
    with pytest.raises(QueryError):
        store.search(SearchRequest(sort="sideways"))


def test_relevance_respects_filters(store):
    r = store.search(SearchRequest(query="talk", filters={"country": ["TR"]}))
    assert r.total == 1 and [h.id for h in r.hits] == ["en2"]


def test_highlighting(store):
    hit = store.search(SearchRequest(query="talks")).hits
    snippets = {h.id: h.snippet for h in hit}
    assert "held [[talks]] about" in snippets["en1"]
    assert "the [[talk]] failed" in snippets["en2"]
    ru = store.search(SearchRequest(query="переговоры")).hits[0]
    assert "[[переговоры]]" in ru.snippet and "[[переговорах]]" in ru.snippet
    exact = store.search(SearchRequest(query='"prime minister"')).hits[0]
    assert "[[Prime]] [[Minister]]" in exact.snippet
    neg = store.search(SearchRequest(query="talk -grain")).hits[0]
    assert "[[" in neg.snippet and "grain" not in neg.snippet.lower()
    assert store.search(SearchRequest(query="", sort="newest", limit=1)).hits[0].snippet.startswith("Делегації")


def test_hits_carry_metadata(store):
    h = store.search(SearchRequest(query="person:putin", sort="oldest")).hits[0]
    assert (h.id, h.outlet, h.published, h.language) == ("en1", "The Moscow Times", D(2025, 5, 3), "en")
    assert h.persons == ["Donald Trump", "Vladimir Putin"] and h.countries == ["US", "RU"]


def test_match_ids(store):
    req = SearchRequest(query="talk", filters={"country": ["RU"]})
    assert store.match_ids(req, ["en1", "en2", "ru1", "nope"]) == {"en1"}
