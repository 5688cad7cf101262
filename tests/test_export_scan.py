"""The core under the exports: ``Store.scan`` lists exactly the hits, order and snippets that a
search pages through (every sort, date ranges, the undated bucket, exclusions, score ties), and
the snippet window (rewritten for speed: first-letter lookahead, two pointers) picks the passage
the plain count over every window picks."""
from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from index.model import Article, SearchRequest
from index.store.search.highlight import MARK_CLOSE, MARK_OPEN, Terms, _cut, snippet

TWIN = "Ceasefire talks in Istanbul ended without a deal; the Kremlin said talks would go on."


def _articles() -> list[Article]:
    rnd = random.Random(17)
    words = ("ceasefire talks grain corridor sanctions Kremlin Istanbul minister harbour railway "
             "budget court prisoners swap delegation").split()
    out = []
    for i in range(64):
        twin = i % 8 == 0                      # identical bodies: equal scores, ties by index order
        body = TWIN if twin else " ".join(rnd.choice(words) for _ in range(40 + i % 30)) + "."
        out.append(Article(
            id=f"s{i:02d}", title=f"Report {i}", body=body, path=f"in/{i}.txt", sha256=f"x{i}",
            outlet=["Harbor Line News", "Westmark Daily", "Courier", None][i % 4],
            language=["en", "de"][i % 5 == 0], persons=["Vladimir Putin"] if i % 3 else [],
            countries=["RU", "TR"] if i % 2 else ["UA"],
            published=None if i % 9 == 0 else dt.date(2025, 5, 1) + dt.timedelta(days=i % 13),
            published_source="meta"))
    return out


@pytest.fixture
def library(any_lib):           # a local and a team library: the same scans
    lib = any_lib
    with lib.writing():
        lib.store.add(_articles())
    return lib


REQUESTS = {
    "relevance, ties": SearchRequest(query="ceasefire talks"),
    "relevance, OR and prefix": SearchRequest(query="sanct* OR prisoners OR Kremlin"),
    "negation": SearchRequest(query="talks NOT grain", sort="oldest"),
    "no query, relevance": SearchRequest(),
    "newest": SearchRequest(sort="newest"),
    "oldest, date range": SearchRequest(sort="oldest", date_from=dt.date(2025, 5, 4),
                                        date_to=dt.date(2025, 5, 9)),
    "undated only": SearchRequest(query="talks", no_date=True),
    "filters and exclusions": SearchRequest(query="talks OR grain", filters={"country": ["RU"]},
                                            excludes={"outlet": ["Courier"], "person": ["Vladimir Putin"]}),
    "open-ended range": SearchRequest(query="corridor", sort="newest", date_from=dt.date(2025, 5, 10)),
    "nothing": SearchRequest(query="zeppelin"),
}


@pytest.mark.parametrize("name", REQUESTS)
def test_scan_equals_the_search_it_exports(library, name):
    req = REQUESTS[name]
    res = library.search(SearchRequest.from_json({**req.to_json(), "offset": 0, "limit": 10_000}))
    assert len(res.hits) == res.total
    with library.store.scan(req) as scan:
        assert scan.total == res.total
        pages = list(scan.pages(7))
    assert all(len(p) == 7 for p in pages[:-1])
    got = [m for p in pages for m in p]
    assert [m.article.id for m in got] == [h.id for h in res.hits]
    assert [m.snippet for m in got] == [h.snippet for h in res.hits]
    if req.query and req.sort == "relevance":
        assert [m.score for m in got] == pytest.approx([h.score for h in res.hits])
    if name == "relevance, ties":
        twins = [m for m in got if m.article.body == TWIN and m.article.language == "en"]
        assert len(twins) == 6 and len({m.score for m in twins}) == 1
        ids = [m.article.id for m in twins]
        assert ids == sorted(ids)                               # equal scores: index order
    if name == "nothing":
        assert res.total == 0


def test_scan_pages_from_a_start_rank(library):
    req = SearchRequest(sort="newest")
    with library.store.scan(req) as scan:
        whole = [m.article.id for p in scan.pages(10) for m in p]
        tail = [m.article.id for p in scan.pages(10, start=25) for m in p]
    assert tail == whole[25:] and len(whole) == 64


def test_scan_rejects_a_bad_query_before_anything_is_written(library):
    from index.model import QueryError
    with pytest.raises(QueryError):
        library.store.scan(SearchRequest(query="talks AND ("))
    with pytest.raises(QueryError, match="sort"):
        library.store.scan(SearchRequest(sort="shuffled"))


# ---------------------------------------------------------------- the snippet window

def _reference_snippet(body: str, words: set[str], max_chars: int = 280) -> str:
    """The window of up to 40 matches ending within ``max_chars - 40`` of its first, scored
    2 x distinct words + matches, counted afresh for every start (the plain, slow way)."""
    body = body.replace(MARK_OPEN, "[ [").replace(MARK_CLOSE, "] ]")
    alts = sorted((re.escape(w) + r"\b" for w in words), key=len, reverse=True)
    spans = [(m.start(), m.end(), m.group().lower())
             for m in re.finditer(r"(?<!\w)(?:" + "|".join(alts) + ")", body, re.IGNORECASE)]
    spans = [s for s in spans if s[2] in words]
    if not spans:
        return _cut(body, 0, max_chars)
    best, best_score = spans[0][0], -1
    for i, (s0, _, _) in enumerate(spans):
        inside = [sp for sp in spans[i:i + 40] if sp[1] <= s0 + max_chars - 40]
        score = 2 * len({w for _, _, w in inside}) + len(inside)
        if score > best_score:
            best, best_score = s0, score
    start = 0
    if best > 60:
        space = body.find(" ", best - 60, best)
        start = space + 1 if space >= 0 else best
    return _cut(body, start, max_chars, marks={(a, b) for a, b, _ in spans})


def test_snippet_window_is_the_best_one():
    rnd = random.Random(5)
    vocab = ["the", "talks", "Talks", "ceasefire", "Putin", "putins", "minister", "a", "of",
             "Waffenruhe", "переговоры", "x" * 30, "talks,", "(ceasefire)", "[[talks]]", "grain"]
    words = {"talks", "ceasefire", "putin", "переговоры"}
    terms = Terms()
    terms.words |= words
    checked = 0
    for n in list(range(1, 60)) + [rnd.randint(60, 900) for _ in range(140)]:
        body = " ".join(rnd.choice(vocab) for _ in range(n))
        got = snippet(body, terms, None)
        assert got == _reference_snippet(body, words), body
        checked += MARK_OPEN in got
    assert checked > 150                # most bodies have matches: the window was really chosen
