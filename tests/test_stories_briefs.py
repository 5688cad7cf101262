"""Templated wire briefs of different companies are different stories; a wire story with its copy
and rewrites is one (issue 13: event evidence needs a "who" next to the "what"). Small cluster
written for the test (tests/fixtures/stories/briefs.json): results and dividend briefs of one day
share every word of their template (Shr, Net, Revs, Qtly div, 4TH QTR NET) and no subject; before
the "who" requirement, their template's cosine and headline words counted as event evidence."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import sqlite3
from pathlib import Path

import pytest

from index.model import Article
from index.stories import grouping, similarity
from index.stories.lookup import Idf
from index.stories.signature import Signature, build

FIXTURE = Path(__file__).parent / "fixtures" / "stories" / "briefs.json"
ROWS = json.loads(FIXTURE.read_text(encoding="utf-8"))["articles"]


def article(row: dict) -> Article:
    sha = hashlib.sha256(f"{row['title']}\n{row['body']}".encode()).hexdigest()
    return Article(id=row["key"], title=row["title"], body=row["body"], path=row["key"],
                   sha256=sha, outlet="wire", published=dt.date.fromisoformat(row["date"]),
                   language="en")


@pytest.fixture(scope="module")
def grouped():
    conn = sqlite3.connect(":memory:")
    grouping.ensure_schema(conn)
    with conn:
        grouping.add_articles(conn, [article(r) for r in ROWS])
    yield conn, dict(conn.execute("SELECT article_id, story_id FROM story_articles"))
    conn.close()


def test_templated_briefs_of_different_companies_are_different_stories(grouped):
    _, story = grouped
    briefs = [r["key"] for r in ROWS if r["event"] != "plant"]
    assert len({story[k] for k in briefs}) == len(briefs)
    plant = {story[r["key"]] for r in ROWS if r["event"] == "plant"}
    assert not plant & {story[k] for k in briefs}    # the company's results are not its plant


def test_a_wire_copy_and_its_rewrites_are_one_story(grouped):
    _, story = grouped
    assert len({story[r["key"]] for r in ROWS if r["event"] == "plant"}) == 1


def test_briefs_share_their_template_but_no_subject(grouped):
    """What keeps them apart is the "who": the template gives pairs of briefs content in common
    (the premise), but no shared name or headline subject; the plant reports share both."""
    conn, _ = grouped
    sigs = {r["key"]: build(article(r)) for r in ROWS}
    idf = Idf(conn)
    results = [k for k in sigs if k.startswith("brief-")]
    across = [similarity.pair_score(sigs[a], sigs[b], idf) for a in results for b in results
              if a < b]
    assert max(s.cosine for s in across) > 0.3                    # the template's content
    assert all(s.who < similarity.WHO and s.evidence == 0.0 for s in across)
    plant = [k for k in sigs if k.startswith("plant-")]
    inside = [similarity.pair_score(sigs[a], sigs[b], idf) for a in plant for b in plant if a < b]
    assert all(s.who >= similarity.WHO for s in inside)


def test_who_counts_two_shared_names_or_a_named_word_both_headlines_carry():
    class _Idf:                     # every term in 3 of 5,000 articles: rarity about 0.8
        n = 5000

        def __call__(self, term):
            return math.log((self.n + 1) / 3.5) + 0.5

    def prepared(names, title):
        return similarity._prepared(Signature("x", names=names, title=title, language="en"),
                                    _Idf())
    one = prepared(["keefe", "dayton"], ["dayton", "plant"])
    assert similarity.who_overlap(one, prepared(["keefe"], ["cut"])) == 0.0    # one name alone
    assert similarity.who_overlap(one, prepared(["keefe", "dayton"], ["cut"])) > 0.7
    assert similarity.who_overlap(one, prepared(["dayton"], ["dayton", "shut"])) > 0.7  # subject
    # ... also when only one text names it (the other opens its sentences with it)
    assert similarity.who_overlap(one, prepared([], ["dayton", "shut"])) > 0.7
    # a headline word that is no name in the text is the template's, not a subject
    assert similarity.who_overlap(one, prepared(["march"], ["plant", "shut"])) == 0.0
