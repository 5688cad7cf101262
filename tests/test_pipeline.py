"""The extraction pipeline gives the same entities whatever format carried the article."""
from index.extract.pipeline import extract
from index.model import RawArticle

TITLE = "Leaders meet in Paris on Ukraine ceasefire plan"
BODY = ("French President Emmanuel Macron hosted Ukrainian President Volodymyr Zelensky in Paris on "
        "Tuesday to discuss a ceasefire plan drawn up with European partners. The two leaders said "
        "the plan would be presented to Washington later this week. Officials in Kyiv said the "
        "proposal includes a thirty-day truce and an exchange of prisoners. The Vatican has offered "
        "to host a further round of talks, a diplomat said. Macron said Europe must stay united. "
        "Zelensky thanked France for its support and said Ukraine was ready for peace. Further "
        "meetings are planned in Brussels next month, the French presidency said in a statement.")


def _through_reader(ext: str, content: str):
    from index.ingest.readers import reader_for
    [raw] = reader_for(ext).read(content.encode("utf-8"), f"article.{ext}")
    return extract(raw)


def test_title_line_or_separate_title_gives_same_entities():
    paras = "".join(f"<p>{s}.</p>" for s in BODY.rstrip(".").split(". "))
    html = (f"<html><head><title>{TITLE}</title><meta property='og:title' content='{TITLE}'></head>"
            f"<body><article><h1>{TITLE}</h1>{paras}</article></body></html>")
    as_html = _through_reader("html", html)
    headline_txt = _through_reader("txt", f"{TITLE}\n\n{BODY}\n")
    paragraph_txt = _through_reader("txt", f"{BODY}\n\nA second paragraph closes the report.\n")
    assert as_html.title == headline_txt.title == TITLE
    assert as_html.countries == headline_txt.countries == paragraph_txt.countries
    assert as_html.persons == headline_txt.persons == paragraph_txt.persons
    assert {"FR", "UA"} <= set(as_html.countries)
    assert {"Emmanuel Macron", "Volodymyr Zelensky"} <= set(as_html.persons)


def test_same_body_same_id_whatever_the_file():
    a = extract(RawArticle(path="one.txt", text=BODY, format="txt"))
    b = extract(RawArticle(path="two.json", text="  " + BODY.replace(". ", ".  "), format="json", title="x"))
    assert a.id == b.id and a.sha256 == b.sha256
