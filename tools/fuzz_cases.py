"""The inputs of tools/fuzz.py: valid seed files per reader, seeded mutations of them, and
structure-aware hostile cases (deep nesting, entity expansion, bombs, broken structure).

Seeds come from the repo only (seeds/, tests/fixtures/readers/, files built here), never from
the research corpora, so the harness runs on a fresh clone. Every case is ``(reader, name,
bytes)``; ``reader`` is a reader extension, or "zip" for an archive walked by discover.
"""
from __future__ import annotations

import io
import json
import random
import sys
import zipfile
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
READERS = ("txt", "md", "html", "eml", "mbox", "pdf", "docx", "xml", "json", "jsonl", "zip")
MAX_CASE = 8 * 1024 * 1024     # a mutation never grows a file past this

BODY = ("Delegations from Russia and Ukraine met in Istanbul on Monday for a second round of "
        "talks about a ceasefire. The Turkish foreign minister Hakan Fidan said both sides agreed "
        "to exchange prisoners of war and to meet again within weeks. Observers in Kyiv and "
        "Moscow were cautious about any progress.")


# ------------------------------------------------------------------ seeds
def seeds() -> dict[str, list[bytes]]:
    out: dict[str, list[bytes]] = {r: [] for r in READERS}
    alias = {"htm": "html", "atom": "xml", "rss": "xml", "markdown": "md", "ndjson": "jsonl"}
    for folder in (ROOT / "seeds", ROOT / "tests" / "fixtures" / "readers"):
        for p in sorted(folder.glob("*")):
            ext = alias.get(p.suffix.lower().lstrip("."), p.suffix.lower().lstrip("."))
            if ext in out and ext != "zip":
                out[ext].append(p.read_bytes())
    out["pdf"] += [_pdf([["Talks resume in Istanbul", BODY]], title="Talks resume"),
                   _pdf([["Page one", BODY], ["Page two", BODY]])]
    out["docx"] += [_docx("Talks resume in Istanbul", [BODY, BODY[::-1]])]
    out["eml"] += [_multipart_mail()]
    out["zip"] += [_zip({"a.txt": f"Talks resume\n\n{BODY}\n".encode(),
                         "dir/b.json": json.dumps({"title": "Talks", "text": BODY}).encode()})]
    return {k: v for k, v in out.items() if v}


def _pdf(pages, title=None) -> bytes:
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    try:
        from pdf_builder import text_pdf
    finally:
        sys.path.pop(0)
    return text_pdf(pages, title=title)


def _docx(title: str, paragraphs: list[str]) -> bytes:
    import docx
    d = docx.Document()
    d.add_heading(title, level=1)
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _multipart_mail() -> bytes:
    from email.message import EmailMessage
    m = EmailMessage()
    m["From"], m["Subject"], m["Date"] = "Desk <desk@example.org>", "Talks", "Mon, 19 May 2025 10:00:00 +0000"
    m.set_content(BODY)
    m.add_alternative(f"<html><body><p>{BODY}</p></body></html>", subtype="html")
    return m.as_bytes()


def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _zip_stream(name: str, head: bytes, chunk: bytes, count: int, tail: bytes = b"",
                others: dict[str, bytes] | None = None) -> bytes:
    """A zip whose member ``name`` is head + chunk * count + tail, written in pieces so that a
    bomb of a gigabyte never sits in memory here."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for other, data in (others or {}).items():
            z.writestr(other, data)
        with z.open(name, "w", force_zip64=True) as f:
            f.write(head)
            for _ in range(count):
                f.write(chunk)
            f.write(tail)
    return buf.getvalue()


# ------------------------------------------------------------------ mutations
ENCODINGS = ("utf-16", "utf-16-be", "utf-32", "cp1251", "latin-1", "koi8-r", "shift_jis", "cp1252")


def flip(rng, data, _):
    b = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        if b:
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
    return bytes(b)


def randomize(rng, data, _):
    b = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def truncate(rng, data, _):
    return data[:rng.randrange(len(data) + 1)]


def splice(rng, data, other):
    return data[:rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):]


def encoding_swap(rng, data, _):
    text = data.decode("utf-8", errors=rng.choice(("replace", "ignore", "surrogateescape")))
    enc = rng.choice(ENCODINGS)
    out = text.encode(enc, errors="replace" if rng.random() < 0.5 else "ignore")
    if rng.random() < 0.3:      # a BOM that lies about the encoding
        out = rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) + out
    return out


def repeat_chunk(rng, data, _):
    if not data:
        return data
    i = rng.randrange(len(data))
    chunk = data[i:i + rng.randint(1, 64)]
    times = rng.choice((2, 10, 1000, 100_000))
    return (data[:i] + chunk * times + data[i:])[:MAX_CASE]


def delete_chunk(rng, data, _):
    if not data:
        return data
    i = rng.randrange(len(data))
    return data[:i] + data[i + rng.randint(1, 4096):]


def structural(rng, data, _):
    """Swap the characters formats are built of (<>{}[]"&;:=) for one another."""
    marks = b'<>{}[]"&;:=/\\\n'
    b = bytearray(data)
    spots = [i for i, c in enumerate(b) if c in marks]
    for i in rng.sample(spots, min(len(spots), rng.randint(1, 24))):
        b[i] = rng.choice(marks)
    return bytes(b)


def insert_bytes(rng, data, _):
    i = rng.randrange(len(data) + 1)
    junk = rng.choice((b"\x00" * 64, bytes(rng.randrange(256) for _ in range(64)), "\ud800".encode(
        "utf-8", "surrogatepass"), b"\xef\xbf\xbe", "\u202e\u200b\ufeff".encode(), b"\r" * 100))
    return data[:i] + junk + data[i:]


MUTATIONS: dict[str, Callable] = {f.__name__: f for f in (
    flip, randomize, truncate, splice, encoding_swap, repeat_chunk, delete_chunk, structural,
    insert_bytes)}


def mutations(reader: str, pool: dict[str, list[bytes]], n: int, seed: int) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(f"{seed}:{reader}")
    everything = [d for v in pool.values() for d in v]
    names = sorted(MUTATIONS)
    for k in range(n):
        data = rng.choice(pool[reader])
        ops = [rng.choice(names) for _ in range(rng.choice((1, 1, 1, 2, 3)))]   # sometimes stacked
        for op in ops:
            data = MUTATIONS[op](rng, data, rng.choice(everything))[:MAX_CASE]
        yield f"{'+'.join(ops)}#{k}", data


# ------------------------------------------------------------------ structure-aware cases
def structured(quick: bool = False) -> Iterator[tuple[str, str, bytes]]:
    """``quick``: the suite's short run leaves out the cases that take seconds to build or
    read (gigabyte bombs, 100,000 entries); the long run has them all."""
    yield from _json_cases(quick)
    yield from _xml_cases(quick)
    yield from _html_cases(quick)
    yield from _mail_cases(quick)
    yield from _pdf_cases(quick)
    yield from _docx_cases(quick)
    yield from _zip_cases(quick)
    yield "txt", "100k-lines", (b"x\n" * 100_000)
    if not quick:
        yield "txt", "one-8MB-line", b"word " * (MAX_CASE // 5)
    yield "md", "deep-lists", b"".join(b"  " * i + b"- item\n" for i in range(3000))
    yield "txt", "controls-and-bidi", ("\u202e\u2066" * 5000 + BODY).encode()


def _json_cases(quick: bool):
    yield "json", "nested-100k-arrays", b"[" * 100_000 + b"]" * 100_000
    yield "json", "nested-100k-objects", b'{"a":' * 100_000 + b"1" + b"}" * 100_000
    yield "json", "unclosed-nesting", b"[" * 1_000_000
    yield "json", "huge-number", b'{"title": "T", "text": "' + BODY.encode() + b'", "date": 1e999999}'
    yield "json", "date-overflow", json.dumps({"title": "T", "text": BODY, "published": 10**30}).encode()
    yield "json", "nan-and-types", b'{"title": NaN, "text": ["a", {"b": 1}], "url": 5, "author": {}}'
    if not quick:
        yield "json", "100k-records", json.dumps([{"title": f"t{i}", "text": "x"} for i in range(100_000)]).encode()
    yield "jsonl", "100k-lines", b"".join(b'{"title":"t","text":"x"}\n' for _ in range(100_000))
    yield "jsonl", "lone-surrogates", (json.dumps({"title": "a\ud800b", "text": BODY + "\udfff"}) + "\n").encode()
    yield "json", "top-level-string", b'"just a string"'
    yield "json", "deep-wrapper", b'{"articles":' * 500 + b'[{"title":"t","text":"' + BODY.encode() + b'"}]' + b"}" * 500


def _xml_cases(quick: bool):
    lol = (b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                      for i in range(1, 10))
           + b']>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>'
           b"<description>&lol9;</description></item></channel></rss>")
    yield "xml", "billion-laughs", lol
    yield "xml", "external-entity", (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<rss version="2.0"><channel><title>x</title><item><title>Leak &xxe;</title>'
        b"<description>" + BODY.encode() + b" &xxe;</description></item></channel></rss>")
    yield "xml", "remote-dtd", (
        b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">'
        b'<rss version="2.0"><channel><item><title>T</title><description>' + BODY.encode()
        + b"</description></item></channel></rss>")
    yield "xml", "deep-100k-elements", b"<rss>" + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</rss>"
    item = b"<item><title>t</title><description>x</description></item>"
    if not quick:
        yield "xml", "100k-items", b'<rss version="2.0"><channel>' + item * 100_000 + b"</channel></rss>"
    yield "xml", "unclosed-cdata", b'<rss version="2.0"><channel><item><description><![CDATA[' + b"x" * 100_000


def _html_cases(quick: bool):
    yield "html", "deep-50k-divs", b"<html><body>" + b"<div>" * 50_000 + BODY.encode() + b"</div>" * 50_000
    if not quick:
        yield "html", "script-8MB", b"<html><body><script>" + b"var a=1;" * (MAX_CASE // 8) + b"</script></body></html>"
    yield "html", "unclosed-comment", b"<html><body><!-- " + BODY.encode() * 1000
    yield "html", "bogus-charset", b'<html><head><meta charset="x-no-such-\xff"></head><body><p>' + BODY.encode() + b"</p></body></html>"
    yield "html", "xhtml-entities", (
        b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY a%d "%s">' % (i, b"&a;" * 10 if i == 1 else (b"&a%d;" % (i - 1)) * 10)
                   for i in range(1, 8))
        + b']><html xmlns="http://www.w3.org/1999/xhtml"><body><p>&a7;</p><p>' + BODY.encode() + b"</p></body></html>")
    yield "html", "huge-attribute", b'<html><body><p title="' + b"a" * 4_000_000 + b'">' + BODY.encode() + b"</p></body></html>"
    yield "html", "numeric-refs", b"<html><body><p>&#xD800; &#0; &#x110000; &#99999999999;" + BODY.encode() + b"</p></body></html>"


def _mail_cases(quick: bool):
    head = b"From: Desk <desk@example.org>\nSubject: Talks\nDate: Mon, 19 May 2025 10:00:00 +0000\n"
    yield "eml", "boundary-never-closed", (head + b'Content-Type: multipart/mixed; boundary="XX"\n\n'
                                           b"--XX\nContent-Type: text/plain\n\n" + BODY.encode())
    yield "eml", "boundary-missing", head + b"Content-Type: multipart/mixed\n\n" + BODY.encode()
    yield "eml", "boundary-empty", head + b'Content-Type: multipart/mixed; boundary=""\n\n--\n\n' + BODY.encode()
    nested = b"".join(b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (i, i) for i in range(2000))
    yield "eml", "nested-2000-multiparts", head + nested + b"Content-Type: text/plain\n\n" + BODY.encode()
    yield "eml", "bad-base64", head + b"Content-Transfer-Encoding: base64\n\n" + b"!!!@@@" * 1000
    yield "eml", "bogus-charset", head + b"Content-Type: text/plain; charset=x-\xff-nope\n\n" + BODY.encode()
    yield "eml", "huge-header", head + b"X-Long: " + b"a" * 2_000_000 + b"\n\n" + BODY.encode()
    yield "eml", "encoded-word-junk", (b"From: =?utf-8?q?=FF=FE?= <a@b>\nSubject: =?x-nope?b?////?= "
                                       b"=?utf-8?b?\xff?=\nDate: garbage\n\n" + BODY.encode())
    tiny = b"From a@b Mon May 19 10:00:00 2025\nSubject: s\n\nx\n\n"
    yield "mbox", "100k-tiny-messages" if not quick else "5k-tiny-messages", tiny * (5_000 if quick else 100_000)
    yield "mbox", "from-lines-only", b"From a@b\n\n" * 50_000
    yield "mbox", "no-blank-before-from", b"From a@b\nSubject: s\n" + b"From a@b\nSubject: s\n" * 10_000


def _pdf_cases(quick: bool):
    good = _pdf([["Talks resume in Istanbul", BODY]], title="Talks")
    yield "pdf", "broken-xref-offsets", good.replace(b"0000000", b"0009999", 3)
    yield "pdf", "no-xref-no-trailer", good[:good.rfind(b"xref")]
    yield "pdf", "startxref-past-end", good.replace(b"startxref\n", b"startxref\n99999999")
    yield "pdf", "truncated-half", good[:len(good) // 2]
    yield "pdf", "header-only", b"%PDF-1.7\n"
    yield "pdf", "pages-loop", good.replace(b"/Type /Pages /Kids [", b"/Type /Pages /Parent 2 0 R /Kids [2 0 R ")
    yield "pdf", "huge-count", good.replace(b"/Count 1", b"/Count 999999999")
    yield "pdf", "deep-arrays", good.replace(b"/Type /Catalog", b"/X " + b"[" * 20_000 + b"]" * 20_000 + b" /Type /Catalog")
    if not quick:
        yield "pdf", "flate-bomb", _flate_bomb_pdf()
    for label, user in (("encrypted-password", "secret"), ("encrypted-empty-password", "")):
        yield "pdf", label, _encrypted(good, user)


def _flate_bomb_pdf() -> bytes:
    import zlib
    z = zlib.compressobj(9)
    chunk = b"0" * (1 << 20)
    bomb = b"".join(z.compress(chunk) for _ in range(400)) + z.flush()   # 400 MB in ~400 KB
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               f"<< /Length {len(bomb)} /Filter /FlateDecode >>\nstream\n".encode() + bomb + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _encrypted(pdf: bytes, user: str) -> bytes:
    from pypdf import PdfReader, PdfWriter
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    w.encrypt(user_password=user, owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _docx_cases(quick: bool):
    good = _docx("Talks resume", [BODY])
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    doc = parts["word/document.xml"]
    yield "docx", "no-document-part", _zip({k: v for k, v in parts.items() if k != "word/document.xml"})
    if not quick:
        head, tail = doc.split(b"<w:body>", 1)
        yield "docx", "document-bomb", _zip_stream(
            "word/document.xml", head + b"<w:body>", b" " * (1 << 20), 300, tail,
            {k: v for k, v in parts.items() if k != "word/document.xml"})
    laughs = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
              + b"".join(b'<!ENTITY a%d "%s">' % (i, b"&a;" * 10 if i == 1 else (b"&a%d;" % (i - 1)) * 10)
                         for i in range(1, 9)) + b"]>")
    yield "docx", "billion-laughs", _zip({**parts, "word/document.xml":
                                          laughs + doc.split(b"?>", 1)[-1].replace(b"Talks resume", b"&a8;", 1)})
    yield "docx", "external-entity", _zip({**parts, "word/document.xml": (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + doc.split(b"?>", 1)[-1].replace(b"Talks resume", b"&x;", 1))})
    yield "docx", "garbage-document-xml", _zip({**parts, "word/document.xml": b"<w:document><<<"})
    if not quick:
        yield "docx", "100k-entries", _zip({**parts, **{f"junk/{i}.xml": b"" for i in range(100_000)}},
                                       zipfile.ZIP_STORED)
    yield "docx", "not-a-zip", b"PK\x03\x04" + b"\x00" * 100


def _zip_cases(quick: bool):
    if not quick:
        yield "zip", "bomb-by-ratio", _zip_stream("big.txt", b"", b"a" * (1 << 20), 1100)  # 1.1 GB
        yield "zip", "bomb-by-count", _zip({f"f{i}.txt": b"x" for i in range(100_000)}, zipfile.ZIP_STORED)
    else:
        yield "zip", "bomb-by-ratio", _zip_stream("big.txt", b"", b"a" * (1 << 20), 120)   # over 100 MB
    inner = _zip({"a.txt": f"Talks\n\n{BODY}\n".encode()})
    for _ in range(6):
        inner = _zip({"inner.zip": inner})
    yield "zip", "nested-7-deep", inner
    yield "zip", "path-traversal", _zip({"../../evil.txt": BODY.encode(), "/abs.txt": BODY.encode(),
                                         "C:/win.txt": BODY.encode(), "ok.txt": f"Ok\n\n{BODY}".encode()})
    if not quick:
        yield "zip", "lying-size", _lying_zip()
    yield "zip", "truncated", _zip({"a.txt": BODY.encode() * 100})[:300]


def _lying_zip() -> bytes:
    """A member whose directory entry claims 10 bytes while it inflates to 200 MB."""
    data = bytearray(_zip_stream("a.txt", b"", b"b" * (1 << 20), 200))
    import struct
    cd = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, cd + 24, 10)       # uncompressed size in the central directory
    # (zip64 members keep the size in an extra field; this one is small enough not to be zip64)
    return bytes(data)
