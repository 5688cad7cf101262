"""Publication dates of web pages: what the page shows beside its headline and what its markup
states, in order of reliability; a modification date only when the page states no other, marked as such;
pages written for the test."""
from __future__ import annotations

import datetime as dt

import pytest

from index.extract.html_dates import date_from_url, page_date
from index.ingest.readers import webpage


def page(head: str = "", body: str = "", title: str = "Rheinmetall data leak exposes suppliers") -> str:
    return (f"<html><head><title>{title} | Example News</title>{head}</head><body>"
            f"<header><h1>Example News</h1><nav><a href='/'>Home</a></nav></header>{body}</body></html>")


ARTICLE = "<article><h1>Rheinmetall data leak exposes suppliers</h1>{byline}<p>{text}</p></article>"
TEXT = "The files list the company's suppliers and their contracts. " * 8


def test_published_meta_wins_over_modified_and_generic_meta():
    head = ('<meta name="date" content="2020-04-30">'
            '<meta property="article:modified_time" content="2020-05-02T10:00:00+02:00">'
            '<meta property="article:published_time" content="2020-04-28T17:12:00+02:00">')
    body = ARTICLE.format(byline="", text=TEXT)
    assert page_date(page(head, body)) == (dt.date(2020, 4, 28), "meta")


def test_the_date_printed_under_the_headline_comes_first():
    # the page's generation day in a generic meta tag, the reader sees the byline's date
    head = '<meta name="date" content="2020-04-29T11:52:23">'
    body = ARTICLE.format(byline="<p class='meta'>Stand: 28.04.2020 17:12 Uhr</p>", text=TEXT)
    assert page_date(page(head, body), language="de") == (dt.date(2020, 4, 28), "text")


def test_a_logo_h1_is_not_taken_for_the_headline():
    body = ("<div class='teaser'>Weather: 12.01.2019</div>"
            + ARTICLE.format(byline="<span>By Anna Berg, 5 March 2021</span>", text=TEXT))
    assert page_date(page("", body)) == (dt.date(2021, 3, 5), "text")


def test_json_ld_takes_the_article_before_related_items():
    head = ('<script type="application/ld+json">{"@graph": ['
            '{"@type": "WebSite", "name": "Example"},'
            '{"@type": "NewsArticle", "headline": "Leak", "datePublished": "2023-11-06T18:19:00+01:00",'
            ' "dateModified": "2023-11-07T10:14:00+01:00"}]}</script>'
            '<script type="application/ld+json">[{"@type": "ItemList", "datePublished": "2021-01-01"}]</script>')
    assert page_date(page(head, "<article><p>" + TEXT + "</p></article>")) == (dt.date(2023, 11, 6), "meta")


def test_a_page_with_only_an_update_date_gets_it_marked_as_the_update_date():
    head = ('<meta property="article:modified_time" content="2022-01-12T14:27:30+00:00">'
            '<script type="application/ld+json">{"@type": "Article", "dateModified": "2022-01-13"}</script>')
    assert page_date(page(head, "<p>" + TEXT + "</p>")) == (dt.date(2022, 1, 12), "updated")
    head = '<script type="application/ld+json">{"@type": "Article", "dateModified": "2022-01-13"}</script>'
    assert page_date(page(head, "<p>" + TEXT + "</p>")) == (dt.date(2022, 1, 13), "updated")
    body = "<p>" + TEXT + "</p><footer><time class='updated' datetime='2021-09-20'></time></footer>"
    assert page_date(page("", body), language="de") == (dt.date(2021, 9, 20), "updated")


def test_any_publication_statement_wins_over_the_update_date():
    modified = '<meta property="article:modified_time" content="2022-01-12T14:27:30+00:00">'
    html = page(modified, "<p>" + TEXT + "</p>")
    # the URL's date and the generic date meta are weak, but they say when it appeared
    assert page_date(html, url="https://example.org/2021/11/03/leak") == (dt.date(2021, 11, 3), "url")
    assert page_date(page(modified + '<meta name="date" content="2021-11-04">', "<p>" + TEXT + "</p>")) \
        == (dt.date(2021, 11, 4), "meta")
    assert page_date(html, htmldate=dt.date(2021, 11, 5)) == (dt.date(2021, 11, 5), "meta")


def test_the_reader_records_that_a_pages_only_date_is_its_update_date():
    head = '<meta property="article:modified_time" content="2022-01-12T14:27:30+00:00">'
    raw = webpage.read(page(head, ARTICLE.format(byline="", text=TEXT)).encode("utf-8"), "leak.html")[0]
    assert (raw.published, raw.published_source) == (dt.date(2022, 1, 12), "updated")


def test_every_date_source_is_explained_in_the_window():
    from desktop.views.reader_html import DATE_SOURCE_TEXT
    from index.model import DATE_SOURCES
    assert set(DATE_SOURCES) <= set(DATE_SOURCE_TEXT)


def test_a_future_or_broken_statement_is_skipped():
    head = ('<meta property="article:published_time" content="2099-01-01T00:00:00Z">'
            '<script type="application/ld+json">{"@type": "Article", "datePublished": "2019-10-16"</script>'
            '<meta name="dc.date" content="2019-10-19">')
    assert page_date(page(head, "<p>" + TEXT + "</p>")) == (dt.date(2019, 10, 19), "meta")


@pytest.mark.parametrize("language,expected", [("pt-BR", dt.date(2022, 5, 3)), ("en", dt.date(2022, 3, 5))])
def test_numeric_dates_follow_the_pages_language(language, expected):
    body = ARTICLE.format(byline="<p>03/05/2022 21h44</p>", text=TEXT)
    assert page_date(page("", body), language=language)[0] == expected


def test_url_date_when_the_page_says_nothing():
    html = page("", "<p>" + TEXT + "</p>")
    assert page_date(html, url="https://example.org/2017/7/12/unter-uns") == (dt.date(2017, 7, 12), "url")
    assert date_from_url("https://example.org/news/20191016-klima.html") == dt.date(2019, 10, 16)
    assert date_from_url("https://example.org/2019/43/klimaschutz") is None       # year and week
    assert date_from_url("https://example.org/archive/2019/") is None


def test_htmldate_answer_is_used_in_its_place():
    html = page("", "<p>" + TEXT + "</p>")
    assert page_date(html, htmldate=dt.date(2018, 6, 17)) == (dt.date(2018, 6, 17), "meta")
    # a page lxml cannot read at all keeps htmldate's answer, never raises
    assert page_date("", htmldate=dt.date(2018, 6, 17)) == (dt.date(2018, 6, 17), "meta")
    assert page_date("") == (None, None)
    assert page_date('<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>') == (None, None)


def test_the_reader_gives_a_saved_page_its_printed_date():
    body = ARTICLE.format(byline="<p class='byline'>Published 19 May 2025</p>", text=TEXT)
    html = page('<meta name="date" content="2025-06-01">', body).encode("utf-8")
    raw = webpage.read(html, "leak.html")[0]
    assert raw.published == dt.date(2025, 5, 19)
    assert raw.published_source == "text"


def test_htmldate_repeating_the_generic_date_meta_waits_in_that_tags_place():
    # htmldate's answer is often the generic "date" tag (the day the page was generated); the
    # date the page prints further below the headline is the better witness then
    head = '<meta name="date" content="2020-03-03">'
    body = ("<article><h1>Rheinmetall data leak exposes suppliers</h1>"
            + "".join(f"<p>{w}</p>" for w in ("Share", "Print", "Mail", "Cite", "Save", "Subscribe"))
            + "<p>Published online: 7 April 2020</p><p>" + TEXT + "</p></article>")
    html = page(head, body)
    assert page_date(html, htmldate=dt.date(2020, 3, 3)) == (dt.date(2020, 4, 7), "text")
    # an answer of htmldate's own (not the generic tag) keeps its place before that line
    assert page_date(html, htmldate=dt.date(2020, 4, 1)) == (dt.date(2020, 4, 1), "meta")


def test_a_page_without_h1_has_its_headline_in_the_h2_its_title_repeats():
    # the site header prints today's date in a <time>; the article's date is printed under the
    # headline, which this publishing system puts in an <h2> (the title says "–" where it says "-")
    body = ('<header><span class="today"><time datetime="2023-11-01T13:56:20+01:00">'
            'Mittwoch, 01. November 2023</time></span></header>'
            '<div class="page-header"><h2 itemprop="name">Stadtrat - Neue Buslinien ab Januar</h2></div>'
            '<div class="intro"><p class="kicker">Verkehr</p>'
            '<p><span class="datum">31. Oktober 2023.</span> Der Stadtrat hat beschlossen.</p></div>'
            "<p>" + TEXT + "</p><h2>Unser Newsletter</h2>")
    html = (f"<html><head><title>Stadtrat – Neue Buslinien ab Januar</title></head>"
            f"<body>{body}</body></html>")
    assert page_date(html, language="de") == (dt.date(2023, 10, 31), "text")
    # og:title names the headline when the <title> is only the site's name
    html = ('<html><head><title>example.org</title><meta property="og:title" '
            'content="Stadtrat – Neue Buslinien ab Januar"></head>' f"<body>{body}</body></html>")
    assert page_date(html, language="de") == (dt.date(2023, 10, 31), "text")
    # an <h2> the title does not repeat is no headline: the first <time> is all there is
    html = f"<html><head><title>example.org</title></head><body>{body}</body></html>"
    assert page_date(html, language="de") == (dt.date(2023, 11, 1), "meta")


def test_a_year_and_month_address_confirms_the_date_printed_in_that_month():
    filler = "".join(f"<p>{TEXT}</p>" for _ in range(70))     # far below the headline
    body = (ARTICLE.format(byline="", text=TEXT) + filler +
            "<aside><h2>Neueste Artikel</h2><p>Mehr lesen</p><p>3. Juni 2012</p></aside>"
            "<p class='news'><a href='/x'>Rheinmetall data leak</a> wurde am <nobr>19. Mai 2010</nobr> "
            "um <nobr>23:03</nobr> Uhr gepostet</p>")
    html = page("", body)
    url = "https://example.org/2010/05/rheinmetall-data-leak/"
    assert page_date(html, url=url, language="de") == (dt.date(2010, 5, 19), "text")
    # without the address, or with another month in it, no printed date that far down is taken
    assert page_date(html, language="de") == (None, None)
    assert page_date(html, url="https://example.org/2010/07/rheinmetall-data-leak/", language="de") == (None, None)
    # a full date in the address is the address's own statement
    assert page_date(html, url="https://example.org/2010/05/18/leak", language="de") == (dt.date(2010, 5, 18), "url")


def test_a_printed_date_that_reads_both_ways_is_read_as_the_markup_states_it():
    # an Irish page in English prints day first; the US reading (the 11th of February) is what
    # the page's language alone would say, its markup states the 2nd of November
    body = ARTICLE.format(byline="<p class='byline'>By Ann Byrne</p><p>02/11/2023 | 20:26 PM</p>", text=TEXT)
    stated = '<meta property="article:published_time" content="2023-11-02T20:26:28+00:00">'
    assert page_date(page(stated, body), language="en") == (dt.date(2023, 11, 2), "text")
    assert page_date(page("", body), url="https://example.ie/2023/11/02/leak", language="en") \
        == (dt.date(2023, 11, 2), "text")
    # nothing else on the page: the language's reading; markup naming a third day changes nothing
    assert page_date(page("", body), language="en") == (dt.date(2023, 2, 11), "text")
    other = '<meta property="article:published_time" content="2023-11-05T08:00:00+00:00">'
    assert page_date(page(other, body), language="en") == (dt.date(2023, 2, 11), "text")
    # a date that reads one way only is never turned around
    body = ARTICLE.format(byline="<p>13/11/2023</p>", text=TEXT)
    assert page_date(page(stated, body), language="en") == (dt.date(2023, 11, 13), "text")


def test_a_date_printed_in_a_form_the_patterns_do_not_read_is_found_by_the_extensive_search():
    # the page states no date in its markup, its address has none, and its subline prints the
    # day in a layout of its own: htmldate's extensive search of the page reads it
    body = ("<header><table class='subline'><tr><td>26 | 01 | 2022 </td><td>Schweiz | Praxis</td>"
            "</tr></table></header><article><h1>Rheinmetall data leak exposes suppliers</h1><p>"
            + TEXT + "</p></article>")
    assert page_date(page("", body)) == (dt.date(2022, 1, 26), "text")
    # what htmldate's markup search already answered is not taken again from the extensive one
    head = '<meta name="date" content="2022-01-26">'
    assert page_date(page(head, body), htmldate=dt.date(2022, 1, 26))[1] == "meta"


def test_a_date_the_page_labels_as_its_publication_wins_over_an_unlabelled_one_further_down():
    # below the byline: a paragraph on an event, then the blog's "Posted on" footer with the
    # date in its own element; without the label the event's date would be taken
    pieces = "".join(f"<p>Absatz {i}: {TEXT}</p>" for i in range(8))
    footer = ("<aside><p>Termin: 12.06.2010 Sommerfest</p></aside>"
              "<footer><span>Posted on</span> <a href='/x'>19 May 2010</a> by Anna</footer>")
    html = page("", ARTICLE.format(byline="", text=TEXT) + pieces + footer)
    assert page_date(html, language="en") == (dt.date(2010, 5, 19), "text")
    # the same page without the label: the first date below the headline is all there is
    unlabelled = page("", ARTICLE.format(byline="", text=TEXT) + pieces
                      + footer.replace("<span>Posted on</span>", ""))
    assert page_date(unlabelled, language="en") == (dt.date(2010, 6, 12), "text")


@pytest.mark.parametrize("byline,language,expected", [
    ("Aktualisiert: 12.03.2021, 10:04 | Veröffentlicht: 10.03.2021", "de", dt.date(2021, 3, 10)),
    ("Mis à jour le 12/03/2021 · Publié le 10/03/2021", "fr", dt.date(2021, 3, 10)),
    ("Обновлено 12.03.2021. Опубликовано 10.03.2021", "ru", dt.date(2021, 3, 10)),
    ("Julkaistu 10.3.2021 | Päivitetty 12.3.2021", "fi", dt.date(2021, 3, 10)),
    # no label: the byline's first date
    ("12.03.2021 | 10.03.2021", "de", dt.date(2021, 3, 12)),
])
def test_the_byline_date_labelled_as_the_publication_is_taken(byline, language, expected):
    html = page("", ARTICLE.format(byline=f"<p class='meta'>{byline}</p>", text=TEXT))
    assert page_date(html, language=language) == (expected, "text")


@pytest.mark.parametrize("key,expected", [
    ("acme:article_published_time", True), ("xy-pubdate", True), ("news:published-time", True),
    ("journal_citation_date", True), ("cms.date.issued", True),
    ("article:publisher", False), ("acme:modified_publish_date", False), ("og:updated_time", False),
    ("acme:expiration_date", False), ("viewport", False),
])
def test_a_meta_key_is_read_by_its_shape_whatever_the_systems_prefix(key, expected):
    from index.extract.date_markup import published_key
    assert published_key(key) is expected


def test_markup_of_other_systems_states_the_publication():
    body = ARTICLE.format(byline="", text=TEXT)
    # a meta tag no list names, but shaped like a publication date; the publisher tag is not one
    head = ('<meta property="article:publisher" content="https://example.org/2019-01-01">'
            '<meta name="acme:article_published_time" content="2014-03-17T08:00:00+01:00">')
    assert page_date(page(head, body)) == (dt.date(2014, 3, 17), "meta")
    # RDFa on a body element (Drupal), the hAtom microformat's abbr with the date in its title
    rdfa = '<span property="dc:date dc:created" content="2012-03-20T10:00:00+01:00"></span>'
    assert page_date(page("", rdfa + "<div><p>" + TEXT + "</p></div>")) == (dt.date(2012, 3, 20), "meta")
    hatom = '<p>Am <abbr class="published" title="2010-05-19T10:00:00+02:00">19. Mai</abbr></p>'
    assert page_date(page("", "<div><p>" + TEXT + "</p></div>" + hatom), language="de") \
        == (dt.date(2010, 5, 19), "meta")


def test_json_ld_date_created_when_the_article_has_no_date_published():
    created = '{"@type": "NewsArticle", "headline": "Leak", "dateCreated": "2021-06-30T09:00:00Z"}'
    html = page(f'<script type="application/ld+json">{created}</script>', "<div><p>" + TEXT + "</p></div>")
    assert page_date(html) == (dt.date(2021, 6, 30), "meta")
    both = created.replace('"dateCreated"', '"datePublished": "2021-07-01", "dateCreated"')
    html = page(f'<script type="application/ld+json">{both}</script>', "<div><p>" + TEXT + "</p></div>")
    assert page_date(html) == (dt.date(2021, 7, 1), "meta")


@pytest.mark.parametrize("lead,expected", [
    ("Karlsruhe, (12.11.2021). ", dt.date(2021, 11, 12)),      # a press release's dateline
    ("KARLSRUHE, 12.11.2021 – ", dt.date(2021, 11, 12)),
    ("Die Stadt hat am 12.11.2021 entschieden: ", None),          # a date inside the sentence
])
def test_a_paragraph_that_opens_with_a_dateline_dates_the_page(lead, expected):
    text = "Traditionell gedenken die Gemeinden am Sonntag ihrer Verstorbenen in den Gottesdiensten. " * 4
    filler = "".join(f"<p>{TEXT}</p>" for _ in range(70))     # the footer's date is far below
    html = page("", ARTICLE.format(byline="", text=lead + text) + filler
                + "<footer><p>Newsletter seit 03.05.2009</p></footer>")
    assert page_date(html, language="de") == ((expected, "text") if expected else (None, None))
