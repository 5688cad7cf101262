"""Each reader on small real files (fixtures or files written here with real libraries),
plus the bad inputs a person will throw at it."""
from __future__ import annotations

import datetime as dt
import io
import os
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest

from index.errors import ReadError
from index.ingest.readers import READERS, reader_for
from index.ingest.readers import feed, jsondata, mail, pdf, text, webpage, word

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from pdf_builder import scanned_pdf, text_pdf  # noqa: E402  (a helper beside the fixture files)

FIX = Path(__file__).parent / "fixtures" / "readers"
SEED = Path(__file__).resolve().parent.parent / "seeds" / "moscow-times-trump-putin-call.txt"


def load(name: str) -> bytes:
    return (FIX / name).read_bytes()


def test_registry_maps_every_format():
    for ext in ("txt", "md", "html", "htm", "eml", "mbox", "pdf", "docx", "xml", "rss", "atom",
                "json", "jsonl"):
        assert hasattr(READERS[ext], "read")
    assert reader_for(".TXT") is text and reader_for("xyz") is None


# ------------------------------------------------------------------ txt / md

def test_seed_title_is_shortened_first_paragraph():
    [a] = text.read(SEED.read_bytes(), str(SEED))
    assert a.title_from_text and a.format == "txt"
    assert a.title.startswith("Donald Trump spoke with Russia's Vladimir Putin")
    assert len(a.title) <= 111 and a.title.endswith("…")
    assert a.text.startswith("Donald Trump spoke with Russia's Vladimir Putin on Monday")
    assert "AFP contributed reporting." in a.text     # credits are the pipeline's job


def test_cp1251_russian_is_decoded_with_headline_title():
    data = load("russian-cp1251.txt")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    [a] = text.read(data, "ru.txt")
    assert a.title == "Центробанк сохранил ключевую ставку" and not a.title_from_text
    assert a.text.startswith("19 мая 2025")             # the date line stays for the dates step
    assert "Эльвира Набиуллина" in a.text and "Центробанк" not in a.text


@pytest.mark.parametrize("raw, encoding", [
    ("Привет, мир", "cp1251"), ("ПРИВЕТ МИР из Москвы", "cp1251"),
    ("Київ, 19 травня. Президент України заявив про перемир'я.", "cp1251"),
    ("Москва - столица России. Путин и МВФ.", "koi8-r"),
    ("Café crème à Paris, été", "latin-1"), ("Ñoño año, “quoted” — 5 €", "cp1252"),
    ("Zażółć gęślą jaźń, powiedział premier w środę.", "cp1250"),
])
def test_short_8bit_texts_decode(raw, encoding):
    [a] = text.read(raw.encode(encoding), "short.txt")
    assert a.text == raw


@pytest.mark.parametrize("first, is_title", [
    ("Will Putin agree to a ceasefire?", True),
    ("U.S. imposes new sanctions on Russian banks", True),
    ("Talks end without a deal...", True),
    ("Putin and Trump spoke for two hours on Monday.", False),
    ("Russia launched 112 drones overnight, and air defences shot down most of them over the "
     "central regions while officials in Kyiv and Kharkiv counted the damage to homes", False),
])
def test_headline_or_paragraph(first, is_title):
    [a] = text.read(f"{first}\nSecond paragraph of the story.\n".encode(), "a.txt")
    assert a.title_from_text is not is_title
    assert a.text.startswith("Second paragraph") is is_title
    assert first.startswith(a.title.rstrip("…"))


def test_date_line_above_headline_stays_in_body():
    data = "Moscow, 19 мая 2025\n\nЗаголовок новости\n\nТекст новости.\n".encode()
    [a] = text.read(data, "a.txt")
    assert a.title == "Заголовок новости" and a.text == "Moscow, 19 мая 2025\nТекст новости."
    [b] = text.read(b"Trump to meet Putin on May 30\nBody.", "b.txt")
    assert b.title == "Trump to meet Putin on May 30" and b.text == "Body."


def test_latin1_french():
    [a] = text.read(load("french-latin1.txt"), "fr.txt")
    assert a.title == "Élection à Montréal : le maire sortant réélu"
    assert "« C'est une victoire pour tous les quartiers »" in a.text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be"])
def test_bom_and_utf16(encoding):
    raw = "Заголовок новости\n\nТекст статьи о переговорах в Стамбуле.\n"
    data = raw.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    [a] = text.read(data, "a.txt")
    assert a.title == "Заголовок новости" and a.text == "Текст статьи о переговорах в Стамбуле."


def test_markdown_marks_are_stripped():
    [a] = text.read(load("article.md"), "a.md")
    assert a.title == "EU agrees new sanctions package against Russia"
    assert a.format == "txt"
    assert a.text.startswith("May 19, 2025")
    assert "17th package" in a.text and "**" not in a.text
    assert "targeting the so-called shadow fleet of oil tankers, officials said.\n" in a.text
    assert "](" not in a.text
    assert "What is in it" in a.text and "#" not in a.text
    assert '"We will keep the pressure on,"' in a.text


def test_markdown_front_matter_title():
    data = b"---\ntitle: Talks in Istanbul\ndate: 2025-05-16\n---\nDelegations met for two hours.\n"
    [a] = text.read(data, "a.md")
    assert a.title == "Talks in Istanbul" and a.text.startswith("2025-05-16\n\nDelegations met")


@pytest.mark.parametrize("data", [b"", b"   \n\n\t "])
def test_empty_text_file(data):
    with pytest.raises(ReadError, match="^empty file$"):
        text.read(data, "empty.txt")


def test_binary_garbage_named_txt():
    garbage = bytes(range(256)) * 8 + os.urandom(2048)
    with pytest.raises(ReadError, match=r"not a text file \(binary data\)"):
        text.read(garbage, "garbage.txt")
    png_like = b"\x89PNG\r\n\x1a\n" + bytes([1, 2, 3, 250, 251, 9, 0, 0, 7]) * 300
    with pytest.raises(ReadError, match="binary"):
        text.read(png_like, "image.txt")


# ------------------------------------------------------------------ html

def test_html_article_with_metadata():
    [a] = webpage.read(load("article.html"), "page.html")
    assert a.format == "html"
    assert a.title == "Ceasefire talks stall as drone attacks continue"
    assert a.outlet == "The Kyiv Independent"
    assert a.authors == ["Olena Hrytsenko", "Martin Fornusek", "Kateryna Denisova"]
    assert a.published == dt.date(2025, 5, 20) and a.published_source == "meta"
    assert a.url == "https://kyivindependent.com/ceasefire-talks-stall/"
    assert a.domain == "kyivindependent.com" and a.language == "en"
    assert a.text.startswith("Russia launched 112 drones")
    assert "Home" not in a.text.split("\n") and "dataLayer" not in a.text
    assert a.html and "<article>" in a.html


def test_html_read_again_gives_the_same_text():
    # trafilatura's default de-duplication cache is process-wide: a re-import would lose text
    data = load("article.html")
    texts = {webpage.read(data, "page.html")[0].text for _ in range(6)}
    assert len(texts) == 1 and "Sybiha" in texts.pop()


def test_html_without_date_never_uses_file_time(tmp_path):
    page = ("<html><head><title>Plain page</title></head><body><article><p>"
            + "Negotiators met again in Geneva to discuss a prisoner exchange. " * 6
            + "</p></article></body></html>").encode()
    f = tmp_path / "p.html"
    f.write_bytes(page)
    os.utime(f, (1_600_000_000, 1_600_000_000))
    [a] = webpage.read(f.read_bytes(), str(f))
    assert a.published is None and a.published_source is None
    assert "prisoner exchange" in a.text


def test_html_outlet_falls_back_to_domain_and_meta_charset():
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
            '<link rel="canonical" href="https://www.kommersant.ru/doc/7000000">'
            '<title>Заголовок</title></head><body><article><p>'
            + "Переговоры в Стамбуле завершились без заявления о прекращении огня. " * 5
            + "</p></article></body></html>").encode("cp1251")
    [a] = webpage.read(page, "k.htm")
    assert "Переговоры в Стамбуле" in a.text
    assert a.domain == "kommersant.ru" and a.outlet == "kommersant.ru"


def test_html_full_of_scripts():
    with pytest.raises(ReadError, match="no article text found in the HTML page"):
        webpage.read(load("scripts-only.html"), "app.html")


# ------------------------------------------------------------------ e-mail

def _newsletter(html_only=False, subject="Playbook: Trump's call with Putin",
                date="Mon, 19 May 2025 06:02:11 -0400") -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Politico Playbook <newsletter@politico.com>"
    msg["To"] = "reader@example.org"
    msg["Subject"] = subject
    msg["Date"] = date
    msg["List-Id"] = "Politico Playbook <playbook.politico.com>"
    plain = "Good Monday morning.\nTrump will speak with Putin today about a ceasefire in Ukraine."
    html = ("<html><body><h1>Good Monday morning.</h1><p>Trump will speak with <b>Putin</b> today "
            "about a ceasefire in Ukraine.</p><script>track()</script></body></html>")
    if html_only:
        msg.set_content(html, subtype="html")
    else:
        msg.set_content(plain)
        msg.add_alternative(html, subtype="html")
    return msg


def test_eml_prefers_plain_text_and_reads_headers():
    [a] = mail.read(_newsletter().as_bytes(), "n.eml")
    assert a.format == "eml" and a.title == "Playbook: Trump's call with Putin"
    assert a.text == "Good Monday morning.\nTrump will speak with Putin today about a ceasefire in Ukraine."
    assert a.published == dt.date(2025, 5, 19) and a.published_source == "header"
    assert a.outlet == "Politico Playbook" and a.domain == "politico.com"


def test_eml_html_only_is_converted_to_text():
    [a] = mail.read(_newsletter(html_only=True).as_bytes(), "n.eml")
    assert a.text == "Good Monday morning.\nTrump will speak with Putin today about a ceasefire in Ukraine."
    assert "track()" not in a.text and a.html


def test_eml_outlet_from_list_id_when_sender_has_no_name():
    msg = _newsletter()
    msg.replace_header("From", "news@mail.example.com")
    [a] = mail.read(msg.as_bytes(), "n.eml")
    assert a.outlet == "Politico Playbook" and a.domain == "mail.example.com"


def test_eml_encoded_headers_and_cp1251_quoted_printable_html():
    raw = (b"From: =?utf-8?b?0JzQtdC00YPQt9Cw?= <digest@meduza.io>\n"
           b"Subject: =?windows-1251?q?=C2=E5=F7=E5=F0=ED=E8=E9_=E4=E0=E9=E4=E6=E5=F1=F2?=\n"
           b"Date: Tue, 20 May 2025 19:00:00 +0300\nMIME-Version: 1.0\n"
           b"Content-Type: text/html; charset=windows-1251\n"
           b"Content-Transfer-Encoding: quoted-printable\n\n"
           b"<html><body><p>=CF=F3=F2=E8=ED =E8 =D2=F0=E0=EC=EF =EF=EE=E3=EE=E2=EE=F0=E8=EB=E8.</p>"
           b"</body></html>\n")
    [a] = mail.read(raw, "digest.eml")
    assert (a.title, a.outlet, a.domain) == ("Вечерний дайджест", "Медуза", "meduza.io")
    assert a.text == "Путин и Трамп поговорили." and a.published == dt.date(2025, 5, 20)


def test_mbox_one_article_per_message():
    import mailbox
    buf = io.BytesIO()
    for i, subject in enumerate(["First issue", "Second issue"]):
        msg = mailbox.mboxMessage(_newsletter(subject=subject,
                                              date=f"Tue, {20 + i} May 2025 07:00:00 +0000"))
        msg.set_unixfrom(f"From newsletter@politico.com Tue May {20 + i} 07:00:00 2025")
        buf.write(msg.as_bytes(unixfrom=True) + b"\n")
    articles = mail.read(buf.getvalue(), "box.mbox")
    assert [a.title for a in articles] == ["First issue", "Second issue"]
    assert [a.published for a in articles] == [dt.date(2025, 5, 20), dt.date(2025, 5, 21)]
    assert all(a.format == "mbox" and "From newsletter" not in a.text for a in articles)


def test_not_an_email():
    with pytest.raises(ReadError, match="not an e-mail"):
        mail.read(b"just some words\nwithout headers\n", "x.eml")
    with pytest.raises(ReadError, match="not an mbox"):
        mail.read(b"Subject: hi\n\nbody\n", "x.mbox")


# ------------------------------------------------------------------ pdf

def test_pdf_text_layer_and_first_line_title():
    data = text_pdf([["Kremlin hails call as useful", "Moscow, May 19, 2025",
                      "Putin said (in a statement) the talks were frank."], ["Second page text."]])
    [a] = pdf.read(data, "a.pdf")
    assert a.format == "pdf" and a.title == "Kremlin hails call as useful"
    assert a.text == ("Moscow, May 19, 2025\nPutin said (in a statement) the talks were frank.\n\n"
                      "Second page text.")
    assert a.published is None     # /CreationDate is the file's time, never used


def test_pdf_layout_lines_are_joined_into_sentences():
    data = text_pdf([["Kremlin hails call as useful", "Moscow, May 19, 2025",
                      "Russian President Vladimir Putin said on Monday that his telephone",
                      "conversation with U.S. President Donald Trump was frank and very use-",
                      "ful, and that Moscow was ready to work with Kyiv on a memorandum.",
                      "The talks lasted more than two hours, the Kremlin said in a short",
                      "statement published after the call ended."]])
    [a] = pdf.read(data, "a.pdf")
    assert a.title == "Kremlin hails call as useful"
    assert a.text == (
        "Moscow, May 19, 2025\n"
        "Russian President Vladimir Putin said on Monday that his telephone conversation with "
        "U.S. President Donald Trump was frank and very useful, and that Moscow was ready to "
        "work with Kyiv on a memorandum.\n"
        "The talks lasted more than two hours, the Kremlin said in a short statement published "
        "after the call ended.")


def test_pdf_metadata_title_unless_producer_junk():
    [a] = pdf.read(text_pdf([["Body of the report."]], title="Sanctions report"), "a.pdf")
    assert a.title == "Sanctions report" and a.text == "Body of the report."
    [b] = pdf.read(text_pdf([["Real headline", "Body."]], title="Microsoft Word - draft7.docx"), "b.pdf")
    assert b.title == "Real headline"


def test_scanned_pdf():
    with pytest.raises(ReadError, match=r"^no text layer \(scanned PDF\?\)$"):
        pdf.read(scanned_pdf(), "scan.pdf")


@pytest.mark.parametrize("cut", [0.5, 0.2])
def test_truncated_pdf(cut):
    data = text_pdf([["Headline", "Some body text."]])
    with pytest.raises(ReadError, match="^damaged PDF: "):
        pdf.read(data[: int(len(data) * cut)], "cut.pdf")


def test_encrypted_pdf():
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf([["Secret memo", "Text."]]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(ReadError, match=r"^encrypted PDF \(a password is needed\)$"):
        pdf.read(buf.getvalue(), "locked.pdf")
    # an empty user password (only editing forbidden) is read normally
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf([["Open memo", "Text."]]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    [a] = pdf.read(buf.getvalue(), "open.pdf")
    assert a.title == "Open memo" and a.text == "Text."


def test_not_a_pdf():
    with pytest.raises(ReadError, match="damaged PDF"):
        pdf.read(b"<html>renamed page</html>", "x.pdf")


# ------------------------------------------------------------------ docx

def _docx(build) -> bytes:
    import docx
    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_title_style_and_table():
    def build(d):
        d.add_paragraph("Peace talks resume in Istanbul", style="Title")
        d.add_paragraph("Delegations from Russia and Ukraine met on Friday.")
        table = d.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text = "Delegation"
        table.rows[0].cells[1].text = "Head"
        d.add_paragraph("The talks lasted less than two hours.")
        d.core_properties.author = "Office365 Template"
    [a] = word.read(_docx(build), "a.docx")
    assert a.format == "docx" and a.title == "Peace talks resume in Istanbul"
    assert a.text == ("Delegations from Russia and Ukraine met on Friday.\nDelegation | Head\n"
                      "The talks lasted less than two hours.")
    assert a.authors == []      # the file's author is not the journalist


def test_docx_core_title_and_plain_first_paragraph():
    def with_core(d):
        d.core_properties.title = "Weekly digest"
        d.add_paragraph("Weekly digest")
        d.add_paragraph("Item one.")
    [a] = word.read(_docx(with_core), "a.docx")
    assert a.title == "Weekly digest" and a.text == "Item one."

    long_first = "Russia launched more than a hundred drones at Ukraine overnight, the air force said on Tuesday."
    [b] = word.read(_docx(lambda d: (d.add_paragraph(long_first), d.add_paragraph("More."))), "b.docx")
    assert b.title_from_text and b.text.startswith(long_first)


def test_docx_damaged_and_empty():
    with pytest.raises(ReadError, match="damaged Word document"):
        word.read(b"PK\x03\x04 not really a zip", "bad.docx")
    with pytest.raises(ReadError, match="no text"):
        word.read(_docx(lambda d: d.add_paragraph("   ")), "blank.docx")


# ------------------------------------------------------------------ feeds

def test_rss_entries():
    articles = feed.read(load("feed.rss"), "f.rss")
    assert len(articles) == 2        # the entry without text is skipped
    a, b = articles
    assert a.title == "Kremlin says Putin-Trump call was 'very useful'"
    assert a.text == ("Kremlin spokesman Dmitry Peskov said the phone call between Vladimir Putin and "
                      "Donald Trump was very useful.\nPutin said Moscow was ready to work on a memorandum with Kyiv.")
    assert a.published == dt.date(2025, 5, 19) and a.published_source == "feed"   # local day, not UTC
    assert a.outlet == "Meduza in English" and a.language == "en" and a.domain == "meduza.io"
    assert a.authors == ["Meduza staff"] and a.format == "feed"
    assert b.text == "A summary with a link and enough words to count as text."
    assert b.published == dt.date(2025, 5, 18)


def test_atom_entry():
    [a] = feed.read(load("feed.atom"), "f.atom")
    assert a.title == "Trump telefoniert mit Putin" and a.authors == ["Anna Schmidt"]
    assert a.published == dt.date(2025, 5, 20) and a.language == "de"
    assert a.outlet == "Tagesschau Ausland" and a.text.startswith("US-Präsident Trump")


def test_xml_that_is_not_a_feed():
    with pytest.raises(ReadError, match=r"^not an RSS/Atom feed$"):
        feed.read(load("not-a-feed.xml"), "build.xml")


# ------------------------------------------------------------------ json

def test_newsapi_wrapper():
    [a] = jsondata.read(load("newsapi.json"), "n.json")      # the entry without text is skipped
    assert a.outlet == "BBC News" and a.title == "Putin and Trump hold two-hour call"
    assert a.authors == ["Steve Rosenberg", "Laura Gozzi", "Paul Kirby"]
    assert a.published == dt.date(2025, 5, 19) and a.published_source == "meta"
    assert a.domain == "bbc.com" and "[+2345 chars]" not in a.text and a.format == "json"


def test_json_lines_fields():
    a, b = jsondata.read(load("scraper.jsonl"), "s.jsonl")
    assert (a.title, a.outlet, a.published, a.language, a.authors) == (
        "Zelensky meets Vance in Rome", "Kyiv Post", dt.date(2025, 5, 19), "en", ["Jane Doe"])
    assert (b.title, b.outlet, b.published, b.language) == (
        "Встреча в Стамбуле", "Интерфакс", dt.date(2025, 5, 16), "ru")


@pytest.mark.parametrize("payload, count", [
    (b'{"title": "One", "content": "<p>Single <b>object</b></p>", "pubDate": "Mon, 19 May 2025 10:00:00 GMT"}', 1),
    (b'[{"text": "a"}, {"body": "b"}, 5, "x"]', 2),
    (b'{"items": [{"description": "d"}]}', 1),
    (b'{"data": [{"text": "t", "date": 1747648800000}]}', 1),
])
def test_json_shapes(payload, count):
    articles = jsondata.read(payload, "x.json")
    assert len(articles) == count
    if b"Single" in payload:
        assert articles[0].text == "Single object" and articles[0].published == dt.date(2025, 5, 19)
    if b"1747648800000" in payload:
        assert articles[0].published == dt.date(2025, 5, 19)


def test_invalid_json_names_line_and_column():
    with pytest.raises(ReadError, match=r"^invalid JSON at line 3 column 19$"):
        jsondata.read(load("broken.json"), "broken.json")
    with pytest.raises(ReadError, match=r"^invalid JSON at line 2 column 2$"):
        jsondata.read(b'{"text": "ok"}\n{oops\n', "x.jsonl")


def test_json_without_text():
    with pytest.raises(ReadError, match="no entry in the JSON file has article text"):
        jsondata.read(b'[{"title": "only a title", "date": "2025-05-19"}]', "x.json")


@pytest.mark.parametrize("value, expected", [
    ("2025-05-19T18:45:00Z", dt.date(2025, 5, 19)), ("19 May 2025", dt.date(2025, 5, 19)),
    ("19 мая 2025", dt.date(2025, 5, 19)), ("20250519T120000Z", dt.date(2025, 5, 19)),
    ("yesterday", None), ("5", None), (None, None),
])
def test_json_date_parsing(value, expected):
    assert jsondata.parse_date(value) == expected
