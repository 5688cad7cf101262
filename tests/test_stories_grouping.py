"""Story grouping on a small hand-made set: a wire story, its copy with an added paragraph, an
own report by a second outlet, and an unrelated article on the same person (same day)."""
from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest

from index.model import Article
from index.stories import grouping, similarity
from index.stories.lineage import copy_groups, lineage

FIX = Path(__file__).parent / "fixtures" / "stories"
PERSONS = {
    "wire-drones": ["Donald Trump", "Vladimir Putin", "Dmitry Peskov", "Volodymyr Zelensky",
                    "Yuriy Ihnat", "Oleh Kiper"],
    "gazette-own-report": ["Donald Trump", "Vladimir Putin", "Dmitry Peskov", "Volodymyr Zelensky",
                           "Yuriy Ihnat"],
    "putin-factory": ["Vladimir Putin", "Oksana Lut"],
}


def load(name: str, published: dt.date | None | str = "file") -> Article:
    """A fixture file as an Article: first line the title, the date and outlet from the name."""
    path = next(FIX.glob(f"*{name}.txt"))
    title, body = path.read_text(encoding="utf-8").split("\n", 1)
    stem = path.stem
    date = dt.date.fromisoformat(stem[:10]) if published == "file" else published
    key = stem[11:].replace("daily-copy", "wire-drones")
    sha = hashlib.sha256(body.strip().encode()).hexdigest()
    return Article(id=sha[:16], title=title, body=body.strip(), path=str(path), sha256=sha,
                   outlet=stem[11:].split("-")[0].title(), published=date, language="en",
                   persons=list(PERSONS.get(key, [])), countries=["RU", "UA", "US"])


@pytest.fixture
def conn():
    c = sqlite3.connect(":memory:")
    grouping.ensure_schema(c)
    yield c
    c.close()


def story(conn, article_id: str) -> int:
    return conn.execute("SELECT story_id FROM story_articles WHERE article_id=?",
                        (article_id,)).fetchone()[0]


def test_same_event_grouped_copy_marked_unrelated_apart(conn):
    wire, copy, own, factory = (load(n) for n in
                                ("wire-drones", "daily-copy", "gazette-own-report", "putin-factory"))
    grouping.add_articles(conn, [wire, copy, own, factory])
    assert story(conn, wire.id) == story(conn, copy.id) == story(conn, own.id)
    assert story(conn, factory.id) != story(conn, wire.id)
    links = {(a, b): c for a, b, c in conn.execute("SELECT a, b, copy FROM story_links")}
    assert links[tuple(sorted((wire.id, copy.id)))] == 1
    assert links[tuple(sorted((wire.id, own.id)))] == 0
    pairs = [(a, b) for (a, b), c in links.items() if c]
    assert copy_groups([wire.id, copy.id, own.id], pairs) == [sorted([wire.id, copy.id])]


def test_incremental_batches_keep_story_ids(conn):
    wire, copy, own, factory = (load(n) for n in
                                ("wire-drones", "daily-copy", "gazette-own-report", "putin-factory"))
    first = grouping.add_articles(conn, [wire])[0].story_id
    grouping.add_articles(conn, [factory])
    placed = grouping.add_articles(conn, [own, copy, wire])   # wire again: a re-import, skipped
    assert {p.article_id for p in placed} == {own.id, copy.id}
    assert {p.story_id for p in placed} == {first}
    assert story(conn, wire.id) == first
    assert conn.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0] == 4


def test_article_linking_two_stories_joins_one_and_merges_none(conn):
    """A whole story after its two halves: it joins one half; the halves are not merged on its
    word (a round-up of two events would chain them); the analyst's merge joins them."""
    from index.stories import corrections
    wire = load("wire-drones")
    paras = wire.body.split("\n\n")
    half1 = Article(id="h1", title="Drone attack", body="\n\n".join(paras[:3]), path="h1", sha256="1",
                    published=wire.published, language="en")
    half2 = Article(id="h2", title="Ceasefire talk", body="\n\n".join(paras[3:]), path="h2", sha256="2",
                    published=wire.published, language="en")
    s1 = grouping.add_articles(conn, [half1])[0].story_id
    s2 = grouping.add_articles(conn, [half2])[0].story_id
    assert s1 != s2, "the two halves alone must not look like one event"
    placed = grouping.add_articles(conn, [wire])[0]
    assert placed.story_id in (s1, s2) and placed.merged == []
    links = dict(placed.links)
    assert min(links["h1"].score, links["h2"].score) >= 0.5        # it does match both halves
    assert story(conn, "h1") == s1 and story(conn, "h2") == s2
    assert corrections.merge(conn, [s2, s1]) == s1
    assert story(conn, "h2") == story(conn, "h1") == story(conn, wire.id) == s1
    assert conn.execute("SELECT COUNT(*) FROM stories WHERE id=?", (s2,)).fetchone()[0] == 0


def test_date_distance_weakens_a_pair_and_ends_it_after_the_far_window(conn):
    wire = load("wire-drones")
    scores = []
    for days in (1, 45, 400, similarity.FAR_WINDOW + 1):
        c = sqlite3.connect(":memory:")
        grouping.ensure_schema(c)
        later = load("gazette-own-report", published=wire.published + dt.timedelta(days=days))
        placed = grouping.add_articles(c, [wire, later])
        links = placed[1].links
        scores.append(links[0][1].score if links else 0.0)
        if days > similarity.FAR_WINDOW:                # over three years: never one story
            assert story(c, later.id) != story(c, wire.id)
        c.close()
    # The same two reports: each step further apart in time is weaker evidence of one event.
    assert scores[0] > scores[1] > scores[2] > scores[3] == 0.0


def test_undated_penalty(conn):
    wire = load("wire-drones")
    c2 = sqlite3.connect(":memory:")
    grouping.ensure_schema(c2)
    own_undated = load("gazette-own-report", published=None)
    placed = grouping.add_articles(c2, [wire, own_undated])
    assert story(c2, own_undated.id) == story(c2, wire.id)
    (_, score), = placed[1].links if placed[1].article_id == own_undated.id else placed[0].links
    assert score.date_factor < 1.0


def test_lineage_earliest_first_with_added_paragraph():
    wire, copy = load("wire-drones"), load("daily-copy")
    copy.published = wire.published + dt.timedelta(days=1)
    lin = lineage([copy, wire])
    assert lin.lead.id == wire.id
    (step,) = lin.copies
    assert step.id == copy.id and step.cut == []
    assert len(step.added) == 1 and "Bila Tserkva" in step.added[0]


def test_russian_report_joins_through_persons_and_numbers(conn):
    """Cross-language: no shared words, but the same persons (canonical names from the entity
    step), the same figures (112 drones, 76 shot down, 30 days) and the same day."""
    from index.extract.pipeline import tag_entities
    wire, factory, ru = load("wire-drones"), load("putin-factory"), load("lenta-ru-drones")
    ru.language = "ru"
    for a in (wire, factory, ru):
        a.persons, a.countries = [], []
        tag_entities(a)
    assert "Vladimir Putin" in ru.persons
    placed = grouping.add_articles(conn, [wire, factory, ru])
    assert story(conn, ru.id) == story(conn, wire.id) != story(conn, factory.id)
    link = dict(next(p for p in placed if p.article_id == ru.id).links)[wire.id]
    assert {"112", "76"} <= set(link.shared_numbers) and link.cosine == 0.0


def test_a_copy_published_again_a_year_later_is_found_beyond_the_window(conn):
    # The look-up scores a few candidates beyond the 30-day window (lookup.candidates ``far``):
    # a wire story republished a year on is still its story; the unrelated article stays apart.
    wire, other = load("wire-drones"), load("putin-factory")
    grouping.add_articles(conn, [wire, other])
    again = load("daily-copy", published=wire.published + dt.timedelta(days=365))
    (placed,) = grouping.add_articles(conn, [again])
    assert any(s.copy for _, s in placed.links)
    assert story(conn, again.id) == story(conn, wire.id) != story(conn, other.id)
