"""The outlet directory, outlet resolution and per-outlet learned lines."""
from __future__ import annotations

import json

import pytest

from index.extract.text.clean import clean_text
from index.extract.text.learned_lines import LearnedLines
from index.extract.text.outlets import directory, outlet_from_line, resolve_outlet
from index.model import RawArticle
from index.resources import data_path, seeds_dir
from index.state import State

SEED = seeds_dir() / "moscow-times-trump-putin-call.txt"


def test_directory_is_big_and_well_formed():
    doc = json.loads(data_path("outlets.json").read_text(encoding="utf-8"))
    entries = doc["outlets"]
    assert len(entries) >= 300
    names = [e["name"] for e in entries]
    assert len(names) == len(set(names))
    for e in entries:
        assert e["kind"] in ("outlet", "agency")
        assert len(e["country"]) == 2 and e["country"].isupper()
        assert 2 <= len(e["language"]) <= 3
        assert all("/" not in d and not d.startswith("www.") for d in e["domains"])
    countries = {e["country"] for e in entries}
    assert {"RU", "UA", "US", "GB", "DE", "FR", "ES", "IT", "PL", "TR", "QA", "IN", "JP", "BR", "MX"} <= countries
    for required in ("Meduza", "Novaya Gazeta", "Kommersant", "RBC", "Vedomosti", "Izvestia", "TASS",
                     "RIA Novosti", "Interfax", "Ukrainska Pravda", "Kyiv Independent", "Ukrinform", "UNIAN",
                     "Kyiv Post", "Hromadske", "Suspilne", "The Moscow Times", "AFP", "Reuters", "AP"):
        assert required in names
    assert len(directory().agencies()) >= 40


@pytest.mark.parametrize("query,expected", [
    ("The Guardian", "The Guardian"), ("guardian", "The Guardian"), ("THE GUARDIAN", "The Guardian"),
    ("www.theguardian.com", "The Guardian"), ("https://amp.theguardian.com/world/x", "The Guardian"),
    ("edition.cnn.com", "CNN"), ("Moscow Times", "The Moscow Times"), ("themoscowtimes.com", "The Moscow Times"),
    ("The Moscow Times - Independent News From Russia", "The Moscow Times"), ("РИА Новости", "RIA Novosti"),
    ("Коммерсантъ", "Kommersant"), ("Українська правда", "Ukrainska Pravda"), ("Associated Press", "AP"),
    ("Agence France-Presse", "AFP"), ("en.kremlin.ru", "Kremlin.ru"), ("lenta.ru", "Lenta.ru"),
    ("Unknown Gazette of Nowhere", None), ("", None), (None, None),
])
def test_resolve(query, expected):
    hit = directory().resolve(query)
    assert (hit.name if hit else None) == expected


@pytest.mark.parametrize("line,expected", [
    ("A Message from The Moscow Times:", "The Moscow Times"), ("© 2025 The Guardian", "The Guardian"),
    ("Copyright Reuters", "Reuters"), ("This article was originally published by Meduza.", "Meduza"),
    ("Source: Kyiv Independent", "Kyiv Independent"), ("Источник: Интерфакс", "Interfax"),
    ("© 2025 Guardian News & Media Limited or its affiliated companies. All rights reserved.", "The Guardian"),
    ("Nothing to see here", None),
])
def test_outlet_from_line(line, expected):
    hit = outlet_from_line(line)
    assert (hit.name if hit else None) == expected


def _raw(text, **kw):
    return RawArticle(path="x.txt", text=text, format="txt", **kw)


def test_seed_outlet_is_the_moscow_times_not_the_agency():
    text = SEED.read_text(encoding="utf-8")
    cleaned = clean_text(text)
    assert resolve_outlet(_raw(text), cleaned) == "The Moscow Times"
    assert cleaned.agencies == ["AFP"]


def test_resolution_order():
    body = "Some news text that is long enough to be an article about something.\n© 2025 The Guardian"
    cleaned = clean_text(body)
    assert resolve_outlet(_raw(body), cleaned) == "The Guardian"
    assert resolve_outlet(_raw(body, outlet="BBC News"), cleaned) == "BBC"
    assert resolve_outlet(_raw(body, url="https://www.spiegel.de/a.html"), cleaned) == "Der Spiegel"
    # a known domain beats an unknown reader outlet; an unknown one is kept as given otherwise
    assert resolve_outlet(_raw(body, outlet="Some Blog", domain="meduza.io"), cleaned) == "Meduza"
    plain = clean_text("Plain text with nothing that names a publisher at all, only news.")
    assert resolve_outlet(_raw("x", outlet="  Some  Blog "), plain) == "Some Blog"
    assert resolve_outlet(_raw("x", domain="news.example.org"), plain) == "news.example.org"
    assert resolve_outlet(_raw("x", domain="gmail.com"), plain) is None


def test_agency_dateline_alone_gives_no_outlet():
    text = "LONDON (Reuters) - British inflation fell more than expected in April, official data showed."
    cleaned = clean_text(text)
    assert cleaned.agencies == ["Reuters"]
    assert resolve_outlet(_raw(text), cleaned) is None


# ------------------------------------------------------------------ learned lines

FURNITURE = "Follow Example Daily on Telegram for the latest updates"


_TOPICS = ["roads", "schools", "parks", "water", "housing", "transport", "libraries", "hospitals", "bridges",
           "lighting", "museums", "markets", "police", "fire service", "waste", "energy", "tourism", "sport"]


def _article(n: int) -> str:
    topic = _TOPICS[n % len(_TOPICS)] + " " + "abcdefghijklmnopqrstuvwxyz"[n % 26] * (n // 26 + 1)
    return (f"Story about {topic}: the council approved the {topic} budget after a long debate.\n"
            f"Officials said the {topic} measure would take effect next month.\n{FURNITURE}")


@pytest.fixture()
def state(tmp_path):
    s = State(tmp_path / "library.sqlite3")
    yield s
    s.close()


def test_learned_lines_strip_after_enough_articles(state):
    learned = LearnedLines(state)
    for n in range(4):
        assert learned.observe("Example Daily", _article(n))
    assert FURNITURE in learned.strip("Example Daily", _article(99))          # only 4 articles so far
    learned.observe("Example Daily", _article(4))
    stripped = learned.strip("Example Daily", _article(99))
    assert FURNITURE not in stripped
    assert "Story about" in stripped and "measure would" in stripped
    # other outlets and unknown outlets are untouched
    assert learned.strip("Other Outlet", _article(99)) == _article(99)
    assert learned.strip(None, _article(99)) == _article(99)


def test_learned_lines_need_a_share_of_articles(state):
    learned = LearnedLines(state)
    for n in range(30):
        body = _article(n) if n < 5 else _article(n).replace(FURNITURE, f"Unique closing line {n}")
        learned.observe("Example Daily", body)
    # 5 of 30 articles (17%) is below the 30% share: kept
    assert FURNITURE in learned.strip("Example Daily", _article(99))


def test_learned_lines_count_an_article_once_and_persist(state, tmp_path):
    learned = LearnedLines(state)
    for _ in range(6):
        learned.observe("Example Daily", _article(1))        # the same article again and again
    assert FURNITURE in learned.strip("Example Daily", _article(99))
    for n in range(2, 7):
        assert learned.observe("Example Daily", _article(n))
    assert learned.repeated("Example Daily") == 1
    reopened = LearnedLines(State(tmp_path / "library.sqlite3"))
    assert FURNITURE not in reopened.strip("Example Daily", _article(99))


def test_learned_lines_keep_counting_what_they_strip(state):
    """The importer observes bodies after strip(): furniture must stay stripped for good."""
    learned = LearnedLines(state)
    for n in range(60):
        body = learned.strip("Example Daily", _article(n))
        assert (FURNITURE in body) == (n < 5)
        learned.observe("Example Daily", body)


def test_seed_through_the_pipeline():
    from index.extract.pipeline import ExtractContext, extract
    from index.ingest.readers import text as text_reader
    raw = text_reader.read(SEED.read_bytes(), str(SEED))[0]
    art = extract(raw, ExtractContext(entities=False))
    assert art.outlet == "The Moscow Times"
    assert art.agencies == ["AFP"]
    assert art.language == "en"
    assert art.published is None and art.published_source is None
    assert "Remind me later" not in art.body and "AFP contributed" not in art.body
    assert art.title.startswith("Donald Trump spoke with Russia's Vladimir Putin") and art.title.endswith("…")
