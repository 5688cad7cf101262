"""Country weights: why a country is named (dateline, title, subject, passing mention), the model
file shipped and loaded offline, the training script, and the facet that counts only the countries
an article is about while every country named stays searchable."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from index.extract.countries.features import FEATURES, dateline_end
from index.extract.countries.mentions import extract_countries, focus, weigh_countries
from index.extract.countries.weights import MODEL_FILE, CountryModel, model, threshold
from index.extract.persons.mentions import extract_persons
from index.extract.pipeline import tag_entities
from index.model import Article, SearchRequest
from index.resources import data_path, seeds_dir
from index.store import Store

ROOT = Path(__file__).resolve().parent.parent


def weights(text: str, lang: str = "en", title: str = "") -> dict[str, float]:
    full = f"{title}\n\n{text}" if title else text
    return weigh_countries(full, lang, extract_persons(full, lang), body_start=len(full) - len(text))


def test_the_seed_is_about_russia_ukraine_and_the_us_and_names_the_rest():
    text = (seeds_dir() / "moscow-times-trump-putin-call.txt").read_text(encoding="utf-8")
    w = weights(text)
    assert {"RU", "UA", "US"} <= set(focus(w))
    assert {"GB", "FR", "DE", "IT", "TR"} <= set(w)          # named, so stored and searchable
    assert min(w["RU"], w["UA"], w["US"]) > max(w["FR"], w["DE"], w["IT"])


@pytest.mark.parametrize("text, lang, about, passing", [
    # the dateline names where the story happens, the rest are names in passing
    ("TOKYO, March 3 - Japanese shares rose for a third day, dealers said. Traders in London "
     "expected the rise to last, and so did one bank in Sydney.", "en", ["JP"], ["AU", "GB"]),
    ("BERLIN, 12. Mai (dpa) - Die Bundesregierung hat den Haushalt beschlossen. Der Finanzminister "
     "sprach am Abend mit Kollegen in Paris und Madrid über die Pläne.", "de", ["DE"], ["ES", "FR"]),
    ("Москва. Кремль не стал называть сроки. По словам Пескова, Россия готова к работе. Накануне "
     "прошла встреча министров, одна из делегаций прилетела из Парижа.", "ru", ["RU"], ["FR"]),
    ("KYIV (Reuters) - Ukraine's government approved the grain plan on Monday. Ukraine hopes to "
     "ship more grain this year through its Black Sea ports, the agriculture ministry said. Farmers "
     "expect a good harvest; one buyer in Egypt was named in the report.", "en", ["UA"], ["EG"]),
])
def test_dateline_and_subject_outweigh_passing_mentions(text, lang, about, passing):
    w = weights(text, lang)
    assert focus(w) == about
    assert sorted(set(w) - set(about)) == passing


def test_a_country_in_the_title_is_what_the_article_is_about():
    body = ("The central bank raised its key rate by half a point on Tuesday, the third rise this year. "
            "Economists had expected the move. Markets in London were calm.")
    w = weights(body, title="Brazil raises interest rates again")
    assert focus(w) == ["BR"] and "GB" in w and w["GB"] < threshold()


def test_a_namesake_town_in_a_dateline_with_its_state_is_not_another_country():
    # "Mansfield" is also an English town, "Paradise" a Nevada one: the dateline's own state or
    # country settles them.
    assert "GB" not in weights("MANSFIELD, Mass., March 16 - The company raised its quarterly dividend.")
    w = weights("SURFERS PARADISE, Australia, March 24 - The minister spoke to the oil industry.")
    assert sorted(w) == ["AU"] and focus(w) == ["AU"]


def test_a_dateline_ending_with_its_state_settles_every_place_word_before_it():
    w = weights("NEW BRITAIN, Conn., March 4 - The toolmaker raised its quarterly dividend.")
    assert sorted(w) == ["US"] and focus(w) == ["US"]
    w = weights("BIRMINGHAM, Ala, March 6 - The hospital group will write off 16 mln dlrs.")
    assert focus(w) == ["US"] and "GB" not in w


def test_a_place_word_in_a_company_name_is_weak_every_time_it_names_the_company():
    text = ("VANCOUVER, British Columbia, March 20 - Houston Metals Corp said drilling at its silver "
            "mine in British Columbia gave good results. Houston said assays were positive, and "
            "Houston expects to start production next year.")
    w = weights(text)
    assert focus(w) == ["CA"] and w["US"] < threshold()


def test_dateline_forms():
    for text, place in [("NEW YORK, March 3 - Stocks rose.", "NEW YORK, March 3"),
                        ("KYIV (Reuters) - The talks", "KYIV"),
                        ("Москва. Кремль не стал", "Москва"),
                        ("ST. LOUIS, March 3 - Shares", "ST. LOUIS, March 3"),
                        # wire copy with the rest of the place in lower case, a dash after the date
                        ("La paz, march 4 - about 1,000 miners", "La paz, march 4"),
                        ("MONTREAL, Feb 26- Shr 1.11 dlrs", "MONTREAL, Feb 26")]:
        assert text[:dateline_end(text, 0)] == place
    assert dateline_end("The talks in Istanbul moved on. Then", 0) == 0
    # Agency datelines with the date after a stop: the place is the capitalised word before it
    text = "КИЇВ. 18 листопада. УНН. Прем'єр-міністр"
    assert text[:dateline_end(text, 0)] == "КИЇВ. 18 листопада"
    # A short opening sentence has lower-case words: no dateline, whatever the language
    for text in ("Britové šetří. V prosinci například", "Германия вече има ново правителство - или почти",
                 "Britská premiérka Theresa Mayová má jasno. Celní unii"):
        assert dateline_end(text, 0) == 0, text


def test_short_texts_in_several_languages_name_and_weigh_their_countries():
    cases = [("Polska i Niemcy podpisały umowę gazową.", "pl", {"DE", "PL"}),
             ("Česko a Slovensko podepsaly dohodu o spolupráci.", "cs", {"CZ", "SK"}),
             ("Україна і Польща домовилися про транзит зерна.", "uk", {"PL", "UA"}),
             ("La France et l'Espagne ont signé un accord.", "fr", {"ES", "FR"}),
             ("JAPAN AND CANADA SIGN TRADE PACT", "en", {"CA", "JP"})]
    for text, lang, expected in cases:
        w = weights(text, lang)
        assert set(w) == expected, text
        assert set(focus(w)) == expected, text      # a one-sentence text is about what it names


def test_weights_are_probabilities_and_extract_countries_lists_every_country_named():
    text = "Japanese exporters gained in Tokyo as Japan reported a record surplus. " * 5 + \
        "One trader in Paris said little."
    w = weigh_countries(text, "en")
    assert all(0.0 <= v <= 1.0 for v in w.values())
    assert extract_countries(text, "en") == sorted(w) == ["FR", "JP"]


def test_shipped_model_names_its_features_and_refuses_another_list():
    data = json.loads(data_path(MODEL_FILE).read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES and len(data["coef"]) == len(FEATURES)
    assert 0.0 < data["threshold"] < 1.0 and "Reuters" in data["about"]
    assert model() is model()                       # loaded once per process
    with pytest.raises(ValueError, match="retrain"):
        CountryModel({**data, "features": list(FEATURES[:-1])})


def test_shipped_model_loads_offline_in_a_fresh_process():
    code = textwrap.dedent("""
        import socket
        def refuse(*a, **k):
            raise OSError("network used")
        socket.socket = refuse
        socket.create_connection = refuse
        from index.extract.countries.mentions import focus, weigh_countries
        from index.resources import data_path
        w = weigh_countries("KYIV (Reuters) - Ukraine signed a deal with a firm in Paris.", "en")
        print(data_path("country_weights.json"), ",".join(focus(w)))
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "tests", capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    path, about = out.stdout.split()
    assert Path(path).is_relative_to(ROOT / "resources" / "data") and about == "UA"


REUTERS_DOC = """<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" NEWID="{n}">
<DATE>3-MAR-1987</DATE><TOPICS></TOPICS><PLACES>{places}</PLACES><PEOPLE></PEOPLE>
<TEXT><TITLE>{title}</TITLE><DATELINE>    {dateline}, March 3 - </DATELINE><BODY>{body}
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
"""


def test_training_script_fits_a_model_from_reuters_files(tmp_path):
    # A tiny corpus in the Reuters-21578 layout, written for the test: the dateline's country is
    # the label, the countries named in passing are not.
    folder = tmp_path / "reuters21578"
    folder.mkdir()
    cities = [("TOKYO", "japan", "JAPAN"), ("PARIS", "france", "FRANCE"), ("BONN", "west-germany", "GERMANY"),
              ("OTTAWA", "canada", "CANADA"), ("MADRID", "spain", "SPAIN"), ("ROME", "italy", "ITALY")]
    for f in range(3):
        docs = []
        for i, (city, place, name) in enumerate(cities):
            other = cities[(i + f + 1) % len(cities)]
            body = (f"{name.title()}'s trade surplus rose in February, the {name.title()} finance ministry said. "
                    f"Officials in {name.title()} expect more. A trader in {other[0].title()} disagreed.")
            docs.append(REUTERS_DOC.format(n=f * 10 + i, places=f"<D>{place}</D>", title=f"{name} SURPLUS RISES",
                                           dateline=city, body=body))
        (folder / f"reut2-00{f}.sgm").write_text("".join(docs), encoding="latin-1")
    out = tmp_path / "weights.json"
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "train_country_weights.py"),
                          "--corpora", str(tmp_path), "--out", str(out), "--recall", "0.9"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES and len(data["coef"]) == len(FEATURES)
    assert data["cv"]["recall"] >= 0.9 and "cross-validated" in run.stdout
    trained = CountryModel(data)
    w = dict(zip(FEATURES, data["coef"]))
    assert w["in_dateline"] > 0 and trained.threshold > 0


def _article(i: str, title: str, body: str) -> Article:
    art = Article(id=i, title=title, body=body, path=i, sha256=i, language="en")
    return tag_entities(art)


def test_the_facet_counts_the_countries_an_article_is_about_and_country_finds_every_one(tmp_path):
    arts = [
        _article("a", "Japan posts record surplus", "TOKYO, March 3 - Japan's trade surplus rose to a record "
                 "in February, the finance ministry said. Japanese exporters gained. One analyst in Paris said little."),
        _article("b", "France cuts rates", "PARIS, March 3 - The French central bank cut its rates, "
                 "and France expects growth to pick up."),
        # built by hand, never weighed (as in libraries of older versions): every country counts
        Article(id="c", title="Old", body="Old article.", path="c", sha256="c", countries=["FR", "JP"]),
    ]
    assert arts[0].countries == ["FR", "JP"] and arts[0].country_focus == ["JP"]
    assert set(arts[0].country_weights) == {"FR", "JP"} and arts[0].country_weights["FR"] < threshold()
    store = Store.open(tmp_path / "index", create=True)
    try:
        store.add(arts)
        r = store.search(SearchRequest())
        assert dict(r.facets["country"]) == {"FR": 2, "JP": 2}
        assert sorted(h.id for h in store.search(SearchRequest(filters={"country": ["FR"]})).hits) == ["b", "c"]
        # the passing mention is still found by a query on the country field
        assert sorted(h.id for h in store.search(SearchRequest(query="country:FR")).hits) == ["a", "b", "c"]
        back = store.get_many(["a"])[0]
        assert back.country_focus == ["JP"] and back.country_weights == arts[0].country_weights
    finally:
        store.close()


def test_corrections_reach_the_weights_and_the_facet(tmp_path):
    from index.extract.corrections import Corrections
    art = _article("a", "Japan posts record surplus", "TOKYO, March 3 - Japan's surplus rose. "
                   "Japanese exporters gained. One analyst in Paris said little about Zolotonosha.")
    corr = Corrections(places={"Zolotonosha": "UA"}, drop_countries=["FR"])
    corr.apply(art)
    assert art.countries == ["JP", "UA"] and art.country_focus == ["JP", "UA"]
    assert "FR" not in art.country_weights
