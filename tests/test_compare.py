"""Comparison data: sentence alignment, quotes, differing numbers, entities, panes, briefing."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from test_stories_grouping import load  # noqa: E402

from index.stories import text as tx  # noqa: E402
from index.stories.briefing import render_briefing, write_briefing  # noqa: E402
from index.stories.compare import align, compare, number_diffs  # noqa: E402
from index.stories.panes import build_panes  # noqa: E402


def test_copy_aligns_verbatim_and_shows_the_added_paragraph():
    wire, copy = load("wire-drones"), load("daily-copy")
    c = compare(wire, copy)
    assert c.only_a == []
    assert [c.sentences_b[j] for j in c.only_b] == [
        "Local officials in the city of Bila Tserkva said a warehouse of a grain trading company "
        "burned for several hours after the attack."]
    assert all(p.kind == "verbatim" for p in c.aligned)
    assert c.numbers_differ == [] and c.shared_ratio == 1.0


def test_own_report_quotes_numbers_and_persons():
    wire, own = load("wire-drones"), load("gazette-own-report")
    c = compare(wire, own)
    assert [(qa, qb) for qa, qb in c.quotes_both] == [
        ("the root causes of the conflict", "the root causes of the conflict")]
    # Quoted by the wire, only paraphrased (no quote marks) by the gazette.
    assert c.quotes_only_a == ["The enemy keeps attacking civilian infrastructure every single night"]
    assert c.quotes_only_b == ["We are ready for peace, but not for surrender"]
    drones = [d for d in c.numbers_differ if d.unit == "drones"]
    assert len(drones) == 1 and drones[0].a == ["112"] and drones[0].b == ["100"]
    assert "112 drones" in drones[0].context_a and "100 drones" in drones[0].context_b
    assert c.persons_only_a == ["Oleh Kiper"] and c.persons_only_b == []
    assert c.a.outlet == "Wire" and c.b.published == "2025-05-20"
    kinds = {p.kind for p in c.aligned}
    assert kinds == {"paraphrase"}          # rewritten, never copied
    assert 0 < len(c.aligned) < len(c.sentences_a)
    json.dumps(c.to_json())                 # the CLI prints it as is


def test_alignment_is_one_to_one_and_rejects_unrelated():
    a = ["Russia fired 112 drones at Ukraine overnight, the air force said.",
         "The weather in Kyiv was sunny and warm."]
    b = ["The air force said Russia fired 112 drones at Ukraine overnight.",
         "Russia fired drones at Ukraine overnight again, the air force said."]
    pairs = align(a, b)
    assert [(p.a, p.b) for p in pairs] == [(0, 0)]
    assert pairs[0].kind == "paraphrase"


def test_numbers_with_units_and_multipliers():
    ns = tx.numbers("Officials counted 2.5 million voters, 7% turnout and 1,200 polling stations.")
    assert [(n.key, n.unit) for n in ns] == [("2500000", "voters"), ("7", "%"), ("1200", "polling")]
    d = number_diffs(["Police said 25 people were injured."], ["Police said 27 people were injured."])
    assert [(x.unit, x.a, x.b) for x in d] == [("people", ["25"], ["27"])]
    assert number_diffs(["It lasted 30 days."], ["It lasted 30 days and 4 hours."]) == []


def test_panes_for_three_articles_and_briefing(tmp_path):
    wire, copy, own = load("wire-drones"), load("daily-copy"), load("gazette-own-report")
    panes = build_panes([wire, copy, own])
    assert [p.side.id for p in panes] == [wire.id, copy.id, own.id]
    assert panes[0].status.count("unique") == 0          # the copy repeats every wire sentence
    assert panes[1].status[-1] == "unique"               # the added paragraph
    assert "paraphrase" in panes[2].status and "unique" in panes[2].status
    assert any(f.unit == "drones" and f.here == ["100"] for f in panes[2].numbers)
    assert panes[2].persons_missing == ["Oleh Kiper"]
    assert "the root causes of the conflict" in panes[2].quotes_shared

    out = write_briefing(tmp_path / "b.html", [wire, copy, own], copies=[[wire.id, copy.id]])
    html = out.read_text(encoding="utf-8")
    for a in (wire, copy, own):
        assert a.sha256 in html and a.path.replace("/", "/") in html
    assert "2025-05-20" in html and "Gazette" in html
    assert '<mark class="q">the root causes of the conflict</mark>' in html
    assert html.count('class="s unique"') >= 2 and 'class="s verbatim"' in html
    assert "100 drones" in html and "112" in html
    assert "<script" not in html and not re.search(r"(src|href)=\"https?:", html)


def test_briefing_escapes_markup_and_cites_urls():
    wire, own = load("wire-drones"), load("gazette-own-report")
    wire.title = "Drones <b>& more</b>"
    wire.url = "https://example.org/a?x=1&y=2"
    html = render_briefing([wire, own])
    assert "<b>& more</b>" not in html and "&lt;b&gt;&amp; more&lt;/b&gt;" in html
    assert "https://example.org/a?x=1&amp;y=2" in html


def test_figures_read_in_each_languages_own_convention():
    """Figures are the evidence that crosses languages: the German "2.400 Drohnen", the French
    "2 400 drones" and the English "2,400 drones" are one number, and "2,5 Millionen" is 2.5 million."""
    from index.stories import text as tx
    keys = lambda s, lang: [(n.key, n.unit) for n in tx.numbers(s, lang)]
    assert keys("Russland griff mit 2.400 Drohnen an", "de") == [("2400", "drohnen")]
    assert keys("La Russie a lancé 2\u202f400 drones", "fr") == [("2400", "drones")]
    assert keys("Russia launched 2,400 drones", "en") == [("2400", "drones")]
    assert keys("2,5 Millionen Menschen ohne Strom", "de")[0][0] == "2500000"
    assert keys("2.5 million people without power", "en")[0][0] == "2500000"
    assert keys("рост на 15 процентов", "ru") == [("15", "%")]
    # a German date or an English decimal is not read as thousands
    assert keys("am 16.05.2025", "de")[0][0] == "16"
    assert keys("a 1.5% rise", "en") == [("1.5", "%")]
