"""Helpers shared by the readers: byte decoding, HTML to text, titles, names, hosts.

Every function here raises ``ReadError`` with a sentence a person understands, never a
library's exception, so readers can stay short.
"""
from __future__ import annotations

import codecs
import re
from urllib.parse import urlsplit

from index.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab, LF, FF, CR: a text file has (almost) none of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def require_data(data: bytes) -> None:
    if not data or not data.strip():
        raise ReadError("empty file")


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Bytes of a text-like file -> str. BOM first, then a declared charset, then strict UTF-8,
    then charset-normalizer. Binary data raises ``ReadError("not a text file (binary data)")``."""
    require_data(data)
    text = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(enc, errors="replace")
            break
    if text is None and declared:
        try:
            text = data.decode(_norm_encoding(declared))
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        if b"\x00" in data[:4096]:
            text = _utf16_without_bom(data)
            if text is None:
                raise ReadError("not a text file (binary data)")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _guess(data)
    if _looks_binary(text):
        raise ReadError("not a text file (binary data)")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if not text.strip():
        raise ReadError("empty file")
    return text


def _norm_encoding(name: str) -> str:
    name = name.strip().strip("'\"").lower()
    # Browsers read "iso-8859-1" and "ascii" pages as windows-1252; so do we.
    return {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
            "us-ascii": "cp1252", "ascii": "cp1252"}.get(name, name)


def _guess(data: bytes) -> str:
    from charset_normalizer import from_bytes
    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise ReadError("not a text file (binary data)")
    return data.decode(best.encoding, errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    # Mostly-ASCII UTF-16 has a zero in every other byte; anything else with zeros is binary.
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) / 2
    for zeros, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros > 0.6 * half and len(data) % 2 == 0:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:20_000]
    if not sample:
        return False
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    return bad > max(3, len(sample) // 100)


# ------------------------------------------------------------------ HTML to text

_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "section", "article", "header", "footer", "pre", "table", "ul", "ol", "dd", "dt"}


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment or page, one block per line (scripts and styles dropped).
    Used for e-mail bodies and feed content, where trafilatura's boilerplate removal would cut
    too much of a short fragment."""
    if "<" not in markup:
        return markup.strip()
    import lxml.html
    try:
        root = lxml.html.fromstring(markup)
    except Exception:  # lxml raises several types on odd input; fall back to a tag strip
        return re.sub(r"<[^>]+>", " ", markup).strip()
    for bad in root.xpath("//script|//style|//noscript|//head|//template"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    text = root.text_content()
    lines = (re.sub(r"[ \t\xa0]+", " ", ln).strip() for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln)


# ------------------------------------------------------------------ titles

_SENTENCE_END = re.compile(r"""[.!?…][\"'”’»)]*$""")


def is_paragraph(line: str) -> bool:
    """A first line that is a whole paragraph rather than a headline: long, or a real sentence."""
    line = line.strip()
    return len(line) > 150 or (bool(_SENTENCE_END.search(line)) and len(line.split()) >= 14)


def shorten(line: str, limit: int = 110) -> str:
    """Cut ``line`` at a word boundary so it fits ``limit`` characters (an ellipsis marks the cut)."""
    line = " ".join(line.split())
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return cut + "…"


def title_and_body(text: str) -> tuple[str, str, bool]:
    """(title, body, title_from_text) for text whose first line may be a headline.

    A short headline becomes the title and leaves the body; a first line that is a whole
    paragraph stays in the body and a shortened copy becomes the title."""
    text = text.strip("\n")
    lines = text.split("\n")
    first = lines[0].strip()
    rest = "\n".join(lines[1:]).strip("\n")
    if not rest.strip():
        return shorten(first), text.strip(), True
    if is_paragraph(first):
        return shorten(first), text.strip(), True
    return first, rest.strip(), False


# ------------------------------------------------------------------ people, hosts, languages

_AND = re.compile(r"\s*(?:,|;|\band\b|&|\bи\b|\bund\b|\bet\b)\s*", re.I)


def split_authors(value) -> list[str]:
    """"A, B and C" / ["A", {"name": "B"}] -> ["A", "B", "C"], de-duplicated, order kept."""
    items: list[str] = []
    if value is None:
        return items
    if isinstance(value, dict):
        value = value.get("name") or ""
    if isinstance(value, (list, tuple)):
        for v in value:
            items.extend(split_authors(v))
    else:
        text = re.sub(r"^\s*by\s+", "", str(value), flags=re.I)
        items = [p.strip(" .") for p in _AND.split(text) if p and p.strip(" .")]
    seen, out = set(), []
    for name in items:
        if name.lower() not in seen and len(name) < 80:
            seen.add(name.lower())
            out.append(name)
    return out


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host


def language_code(value: str | None) -> str | None:
    """"en-US" / "ru_RU" / "EN" -> "en"; anything that is not a language tag -> None."""
    if not value:
        return None
    m = re.match(r"\s*([A-Za-z]{2,3})(?:[-_]|\s*$)", str(value))
    return m.group(1).lower() if m else None
