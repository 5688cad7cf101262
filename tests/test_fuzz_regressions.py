"""Each crash tools/fuzz.py found, kept as a regression test: the input that crashed (built
here, small) now ends in articles or in a ReadError with a reason a person can read."""
from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import pytest

from index.errors import ReadError
from index.extract.pipeline import ENTITY_CHARS, ExtractContext, extract
from index.ingest.discover import discover
from index.ingest.readers import feed, jsondata, mail, webpage, word
from index.model import Problem

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import fuzz_cases  # noqa: E402

BODY = fuzz_cases.BODY


def docx_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(fuzz_cases._docx("Talks resume", [BODY]))) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_docx_with_corrupt_deflate_data_is_damaged():
    """Found: zlib.error 'invalid distance too far back' escaped python-docx."""
    good = fuzz_cases._docx("Talks resume", [BODY])
    zf = zipfile.ZipFile(io.BytesIO(good))
    info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data = bytearray(good)
    for i in range(start + 10, start + min(info.compress_size, 200), 3):
        data[i] ^= 0x5A
    with pytest.raises(ReadError, match="damaged Word document"):
        word.read(bytes(data), "a.docx")


def test_docx_entity_bomb_is_refused():
    """Found: lxml's XMLSyntaxError 'Maximum entity amplification' escaped the reader."""
    cases = dict((name, data) for _, name, data in fuzz_cases._docx_cases(quick=True))
    with pytest.raises(ReadError, match="bad XML"):
        word.read(cases["billion-laughs"], "a.docx")


def test_docx_external_entity_is_never_read():
    cases = dict((name, data) for _, name, data in fuzz_cases._docx_cases(quick=True))
    try:
        raws = word.read(cases["external-entity"], "a.docx")
    except ReadError:
        return
    assert all("root:" not in r.text and "root:" not in (r.title or "") for r in raws)


def test_docx_bomb_by_size_and_by_count(monkeypatch):
    parts = docx_parts()
    monkeypatch.setattr(word, "MAX_UNPACKED", 1024 * 1024)
    bomb = fuzz_cases._zip({**parts, "word/media/pad.bin": b"\0" * (2 * 1024 * 1024)})
    with pytest.raises(ReadError, match="too large when unpacked"):
        word.read(bomb, "a.docx")
    monkeypatch.setattr(word, "MAX_PARTS", 50)
    many = fuzz_cases._zip({**parts, **{f"junk/{i}.xml": b"" for i in range(60)}})
    with pytest.raises(ReadError, match="parts in the package"):
        word.read(many, "a.docx")


@pytest.mark.parametrize("junk", ["\x00", "\ufffe", "\x0c", "\x1b"])
def test_feed_html_with_characters_xml_cannot_hold(junk):
    """Found: ValueError 'All strings must be XML compatible' from lxml in html_to_text."""
    data = (f'<rss version="2.0"><channel><title>Desk</title><item><title>Talks</title>'
            f"<description><![CDATA[<p>{BODY}{junk}</p><div>more {junk} text</div>]]>"
            f"</description></item></channel></rss>").encode()
    [raw] = feed.read(data, "f.xml")
    assert "Istanbul" in raw.text and junk not in raw.text


def test_corrupt_deflate_in_a_zip_member_is_a_reason(tmp_path):
    """Found: zlib.error 'invalid block type' escaped Source.load for a zip member."""
    good = fuzz_cases._zip({"a.txt": (BODY * 50).encode()})
    info = zipfile.ZipFile(io.BytesIO(good)).getinfo("a.txt")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data = bytearray(good)
    data[start] = 0xFF                          # an invalid deflate block type
    path = tmp_path / "a.zip"
    path.write_bytes(bytes(data))
    [src] = [s for s in discover([str(path)]) if not isinstance(s, Problem)]
    with pytest.raises(ReadError, match="damaged zip member"):
        src.load()


def test_json_nested_deeper_than_the_decoder_can_go():
    """Found: RecursionError from json.loads on 100,000 nested arrays."""
    with pytest.raises(ReadError, match="nested too deeply"):
        jsondata.read(b"[" * 100_000 + b"]" * 100_000, "a.json")


def test_mail_with_thousands_of_nested_multiparts():
    """Found: RecursionError in the email package on 2,000 nested multiparts."""
    cases = dict((name, data) for _, name, data in fuzz_cases._mail_cases(quick=True))
    with pytest.raises(ReadError, match="nested too deeply"):
        mail.read(cases["nested-2000-multiparts"], "a.eml")


def test_page_with_too_many_tags_is_refused_with_the_count(monkeypatch):
    """Found: a 4 MB page of 100,000 tags took over 10 s in trafilatura."""
    monkeypatch.setattr(webpage, "MAX_TAGS", 1000)
    page = b"<html><body>" + b"<div>x</div>" * 600 + f"<p>{BODY}</p></body></html>".encode()
    with pytest.raises(ReadError, match="1,20[0-9] tags"):
        webpage.read(page, "a.html")


def test_entities_come_from_the_start_of_a_huge_text():
    """Found: a 3 MB text file took 40 s in the person tagger; entities now come from the first
    ENTITY_CHARS characters, the rest is still indexed."""
    from index.model import RawArticle
    filler = ("The committee met again and discussed the budget for the coming year. " * 2000)
    head = RawArticle(path="a.txt", format="txt", title="Talks",
                      text="Vladimir Putin spoke in Moscow on Monday. " + filler)
    tail = RawArticle(path="b.txt", format="txt", title="Talks",
                      text=filler + " Vladimir Putin spoke in Moscow on Monday.")
    assert len(tail.text) > ENTITY_CHARS
    a, b = extract(head, ExtractContext()), extract(tail, ExtractContext())
    assert "Vladimir Putin" in a.persons
    assert "Vladimir Putin" not in b.persons and b.body.endswith("Monday.")


def test_a_run_of_name_particles_is_linear():
    """Found (long run): a 400 KB text of "von von von ..." took minutes: the particle walk in
    the person features was quadratic in the run's length."""
    from index.extract.persons.features import prepare, tokenize
    text = "Ursula von der Leyen spoke. " + "von " * 60_000 + "Berlin."
    prepared = prepare(tokenize(text))
    assert len(prepared.words) > 60_000


def test_mail_headers_of_a_megabyte_are_refused_and_cost_one_message():
    """Found (long run): a 1 MB Content-Type header took minutes in the email package."""
    huge = (b"From: Desk <desk@example.org>\nSubject: Talks\nContent-Type: text/plain; a=" +
            b"x; b=" * 200_000 + b"\n\n" + BODY.encode() + b"\n")
    with pytest.raises(ReadError, match="headers too long"):
        mail.read(huge, "a.eml")
    good = b"From: Desk <desk@example.org>\nSubject: Talks resume\n\n" + BODY.encode() + b"\n"
    box = b"From a@b Mon May 19 10:00:00 2025\n" + huge + b"\nFrom a@b Mon May 19 10:00:00 2025\n" + good
    [raw] = mail.read(box, "a.mbox")
    assert raw.title == "Talks resume"


def test_feed_with_too_many_entries_is_refused_with_the_count(monkeypatch):
    """Found (long run): 100,000 items took minutes in feedparser's sanitizer."""
    monkeypatch.setattr(feed, "MAX_ENTRIES", 50)
    item = f"<item><title>t</title><description>{BODY}</description></item>".encode()
    with pytest.raises(ReadError, match="60 entries"):
        feed.read(b'<rss version="2.0"><channel>' + item * 60 + b"</channel></rss>", "f.xml")


def test_zip_claiming_an_unknown_version_is_corrupt(tmp_path):
    """Found (long run): NotImplementedError ("zip file version 17.6") escaped discover."""
    import struct
    data = bytearray(fuzz_cases._zip({"a.txt": BODY.encode()}))
    cd = data.rfind(b"PK\x01\x02")
    struct.pack_into("<H", data, cd + 6, 176)       # "version needed to extract": 17.6
    path = tmp_path / "a.zip"
    path.write_bytes(bytes(data))
    problems = [p for p in discover([str(path)]) if isinstance(p, Problem)]
    assert problems and "corrupt zip archive" in problems[0].reason


def test_text_too_long_for_one_article_is_refused(monkeypatch):
    """Found (long run): an 8 MB one-line text ran out of 500 MB in extraction."""
    from index.ingest.readers import common, text
    monkeypatch.setattr(common, "MAX_ARTICLE_CHARS", 10_000)
    with pytest.raises(ReadError, match="too much text for one article"):
        text.read(("Title\n\n" + "word " * 5000).encode(), "a.txt")
    lines = "\n".join(json.dumps({"title": f"t{i}", "text": BODY * (1 if i else 100)}) for i in range(2))
    [kept] = jsondata.read(lines.encode(), "a.jsonl")     # the long entry is dropped, not the file
    assert kept.title == "t1"


def test_mail_with_a_mangled_from_header_still_reads():
    """Found: the email package's address parser raised AttributeError from ``msg.get("From")``
    (a fuzzed From shrunk to ``.<>``)."""
    data = b"From: .<>\nSubject: Talks resume\nDate: Fri, 16 May 2025 09:00:00 +0000\n\n" \
        + BODY.encode()
    (raw,) = mail.read(data, "a.eml")
    assert raw.title == "Talks resume" and raw.published is not None and "Istanbul" in raw.text


def test_feed_with_a_damaged_encoding_declaration_still_reads():
    """Found: feedparser decodes the declaration's encoding name as UTF-8 and raised
    UnicodeDecodeError for a byte flipped in ``encoding="utf-8"``."""
    data = (b'<?xml version="1.0" encoding="u\xbff-8"?>\n<rss version="2.0"><channel>'
            b"<title>Harbor Line</title><item><title>Talks resume</title><description>"
            + BODY.encode() + b"</description></item></channel></rss>")
    (raw,) = feed.read(data, "a.xml")
    assert raw.title == "Talks resume" and raw.outlet == "Harbor Line"
