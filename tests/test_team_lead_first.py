"""A broad relevance-sorted page of a team library reads the hits whose lead (title and the
body's first 400 characters) has a query word first (search_sql.page_sql's lead_first,
migration 7): the page must be exactly the one that ranks every hit, whether the lead hits
fill it or not."""
from __future__ import annotations

import pytest

from index.model import Article, SearchRequest
from index.store.postgres import search_sql as ss

FILLER = ("The committee met again on Tuesday and the talks went on late into the evening. " * 8)


@pytest.fixture
def team_store(team_lib):
    """Articles with the query words in the title, early in the body, only past the lead (400
    characters), or not at all; ids in index order."""
    docs = []
    for k in range(240):
        where = k % 4
        word = ("government", "police", "prime minister", "oil")[k % 3 if k % 7 else 3]
        title = f"{word.title()} report {k}" if where == 0 else f"Report {k}"
        early = f"The {word} said {k}. " if where == 1 else ""
        late = f" Later the {word} spoke again." if where in (2, 1) else ""
        docs.append(Article(id=f"a{k:03d}", title=title, body=early + FILLER + late,
                            path=f"a{k}", sha256=f"a{k}", language="en"))
    team_lib.store.add(docs)
    team_lib.store.optimize()
    return team_lib.store


QUERIES = ["government", "government OR police", '"prime minister"', "government -police",
           "police OR oil", "governmnt~", "polic*", "title:government OR oil"]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("limit,offset", [(20, 0), (5, 10), (20, 40), (50, 0)])
def test_the_lead_first_page_is_the_page_that_ranks_every_hit(team_store, monkeypatch, query,
                                                              limit, offset):
    req = SearchRequest(query=query, limit=limit, offset=offset, facets=False)
    monkeypatch.setattr(ss, "LEAD_FIRST_HITS", 10 ** 9)        # every hit ranked
    want = team_store.search(req)
    monkeypatch.setattr(ss, "LEAD_FIRST_HITS", 0)              # lead hits first
    got = team_store.search(req)
    assert got.total == want.total
    assert [(h.id, round(h.score, 6)) for h in got.hits] == \
           [(h.id, round(h.score, 6)) for h in want.hits]
    assert [h.snippet for h in got.hits] == [h.snippet for h in want.hits]


def test_the_lead_hits_answer_a_page_they_fill(team_store):
    """"government" is in the lead of two in three of its hits: a page of 20 is theirs, read
    through the lead index; past them the caller ranks every hit (a short answer)."""
    def page(offset):
        req = SearchRequest(query="government", limit=20, offset=offset)
        with team_store._conn() as c, c.transaction():
            c.execute(ss.SEARCH_SETTINGS)
            p = ss.plan(req, team_store.condition_for(c, req.query))
            sql, params = ss.page_sql(p, req, body=False, limit=20, offset=offset, lead_first=True)
            plan = c.execute("EXPLAIN (FORMAT JSON) " + sql, params).fetchone()[0][0]["Plan"]
            return c.execute(sql, params).fetchall(), plan

    rows, plan = page(0)
    assert len(rows) == 20 and all(r[4] > 0 for r in rows)
    assert "mw_articles_lead" in str(plan)
    rows, _ = page(60)
    assert len(rows) < 20


def test_mw_any_is_every_lexeme_of_a_query(team_store):
    with team_store._conn() as c:
        def any_of(sql, *params):
            return c.execute(f"SELECT mw_any({sql})::text", params).fetchone()[0]
        assert any_of("phraseto_tsquery('simple', %s)", "prime minister") == "'prime' | 'minister'"
        assert any_of("to_tsquery('simple', %s)", "gov:* & !oil") == "'gov':* | 'oil'"
        assert any_of("%s::tsquery", "'o''neil' & 'x':AB") == "'o''neil' | 'x'"
        assert any_of("%s::tsquery", "") == ""
