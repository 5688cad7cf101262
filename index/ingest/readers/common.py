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
    # Our corpora are mostly Russian/Ukrainian and Western European: check the two 8-bit code
    # pages people actually save those in before asking charset-normalizer, which misreads
    # short texts ("Привет, мир" as cp1250 and similar).
    sample = data[:100_000]
    for enc, script in (("cp1251", "CYRILLIC"), ("koi8-r", "CYRILLIC"), ("cp1252", "LATIN")):
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text, script):
            return data.decode(enc, errors="replace")
    from charset_normalizer import from_bytes
    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise ReadError("not a text file (binary data)")
    return data.decode(best.encoding, errors="replace")


_PUNCT = set("—–‑«»“”„‘’‚…№•·°€£§©®™†‰\xa0\u202f×±")
_WORD = re.compile(r"\w+")


def _plausible(text: str, script: str) -> bool:
    """Could ``text`` be natural language written in ``script``? Every non-ASCII character is a
    letter of that script or common punctuation; Cyrillic words do not mix in Latin letters;
    Latin words do not hold three accented letters in a row (the sign of misread Cyrillic)."""
    import unicodedata
    for ch in set(text):
        if ord(ch) < 128 or ch in _PUNCT:
            continue
        if not ch.isalpha() or script not in unicodedata.name(ch, ""):
            return False
    odd_case = words = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        words += 1
        # KOI8-R read as cp1251 (and the reverse) swaps case: "нПУЛЧБ" for "Москва"
        odd_case += any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))
        if script == "CYRILLIC" and any("a" <= c.lower() <= "z" for c in word):
            return False
        if script == "LATIN" and re.search(r"[^\x00-\x7f]{3}", word):
            return False
    return odd_case <= words // 5


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
    if len(line) > 150:
        return True
    # headlines rarely end with a full stop; "?" and "!" headlines exist, so those need length
    words = len(line.split())
    if re.search(r"""\.[\"'”’»)]*$""", line) and not line.endswith("..."):
        return words >= 8
    return bool(_SENTENCE_END.search(line)) and words >= 14


def shorten(line: str, limit: int = 110) -> str:
    """Cut ``line`` at a word boundary so it fits ``limit`` characters (an ellipsis marks the cut)."""
    line = " ".join(line.split())
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return cut + "…"


_DATE_WORD = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)?|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|"
    r"sat|sun|янв|фев|мар|апр|ма[яй]|июн|июл|авг|сен|окт|ноя|дек|пон|вт|ср|чет|пят|суб|вос|січ|лют|"
    r"берез|квіт|трав|черв|лип|серп|верес|жовт|листоп|груд|published|updated|posted|date|at|on|am|"
    r"pm|gmt|utc|msk|мск|года?|г|року|р|опубликовано|обновлено|дата|оновлено)", re.I)


def _is_date_line(line: str) -> bool:
    """"May 19, 2025", "19.05.2025 10:00", "Published: Mon 19 May", "Moscow, 19 мая 2025"."""
    words = re.findall(r"\w+", line)
    if not words or len(line) > 60 or not any(w.isdigit() for w in words):
        return False
    return sum(1 for w in words if not _DATE_WORD.match(w)) <= 1


def title_and_body(text: str) -> tuple[str, str, bool]:
    """(title, body, title_from_text) for text whose first line may be a headline.

    A short headline becomes the title and leaves the body; a first line that is a whole
    paragraph stays in the body and a shortened copy becomes the title. Date lines above the
    headline ("May 19, 2025") are skipped for the title and kept in the body for the dates step."""
    lines = [ln.strip() for ln in text.strip("\n").split("\n")]
    i = 0
    while i < len(lines) - 1 and (not lines[i] or _is_date_line(lines[i])) and i < 4:
        i += 1
    prefix = [ln for ln in lines[:i] if ln]
    first = lines[i]
    rest = "\n".join(lines[i + 1:]).strip("\n")
    whole = "\n".join(lines).strip()
    if not rest.strip() or is_paragraph(first):
        return shorten(first), whole, True
    return first, "\n".join(prefix + [rest.strip()]), False


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


# Lone UTF-16 surrogates: JSON escapes ("\ud800"), e-mail headers decoded with surrogateescape,
# broken PDF ToUnicode maps. Python strings hold them, but UTF-8 cannot encode them, so the
# index, the database and every export would fail on the article ("surrogates not allowed").
_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(value):
    """``value`` with every lone surrogate replaced by U+FFFD (strings, lists of strings)."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


def storable(read):
    """Decorator for a reader's ``read``: the RawArticles it returns hold only text that UTF-8
    can encode (see ``scrub``), whatever the file held."""
    import functools
    from dataclasses import fields

    @functools.wraps(read)
    def wrapper(data: bytes, path: str):
        raws = read(data, path)
        for raw in raws:
            for f in fields(raw):
                value = getattr(raw, f.name)
                clean = scrub(value)
                if clean is not value:
                    setattr(raw, f.name, clean)
        return raws
    return wrapper
