"""E-mail (.eml, one message) and mailboxes (.mbox, many): one article per message.

Newsletters are the usual case: the Subject is the title, the Date header the publication date,
and the sender's display name (or the List-Id description) the outlet.
"""
from __future__ import annotations

import email
import email.header
import email.utils
import re
from email import policy
from email.message import EmailMessage

from index.errors import NoArticles, ReadError
from index.model import RawArticle

from .common import html_to_text, require_data, storable

FORMATS = ("eml", "mbox")

_MBOX_SEP = re.compile(rb"^From \S*.*$", re.M)
_LIST_ID = re.compile(r'^\s*"?([^"<]*?)"?\s*<([^>]+)>')


@storable
def read(data: bytes, path: str) -> list[RawArticle]:
    require_data(data)
    try:
        return _read(data, path)
    except RecursionError:      # the email package walks nested multiparts recursively
        raise ReadError("e-mail parts nested too deeply (a damaged or hostile message)") from None


def _read(data: bytes, path: str) -> list[RawArticle]:
    if path.lower().endswith(".mbox"):
        return _read_mbox(data, path)
    msg = _parse(data)
    if not any(header(msg, h) for h in ("From", "Subject", "Date", "Message-ID")):
        raise ReadError("not an e-mail message (no From, Subject or Date header)")
    article = _article(msg, path, "eml")
    if article is None:
        raise ReadError("the e-mail has no text")
    return [article]


def split(data: bytes, path: str, part_bytes: int) -> list[bytes] | None:
    """Cut a big mailbox into smaller mailboxes of whole messages (None: small, or not mbox)."""
    if not path.lower().endswith(".mbox") or len(data) <= part_bytes:
        return None
    data = data.lstrip()
    if not data.startswith(b"From "):
        return None                     # the reader will say why
    starts = _message_starts(data) + [len(data)]
    parts, begin = [], 0
    for end in starts[1:]:
        if end - begin >= part_bytes or end == len(data):
            parts.append(data[begin:end])
            begin = end
    return parts if len(parts) > 1 else None


def _message_starts(data: bytes) -> list[int]:
    # a "From " line separates messages only after a blank line (or at the very start)
    return [m.start() for m in _MBOX_SEP.finditer(data)
            if m.start() == 0 or data[max(0, m.start() - 3):m.start()].endswith((b"\n\n", b"\n\r\n"))]


def _read_mbox(data: bytes, path: str) -> list[RawArticle]:
    data = data.lstrip()
    if not data.startswith(b"From "):
        raise ReadError("not an mbox mailbox (it must start with a \"From \" line)")
    starts = _message_starts(data)
    out = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(data)
        chunk = data[start:end]
        body = chunk.split(b"\n", 1)[1] if b"\n" in chunk else b""
        # mboxrd/mboxo quote body lines that begin with "From " as ">From "
        body = re.sub(rb"^>(>*From )", rb"\1", body, flags=re.M)
        try:
            article = _article(_parse(body), path, "mbox")
        except ReadError:       # one hostile message costs itself, not the mailbox
            continue
        if article is not None:
            out.append(article)
    if not out:
        raise NoArticles("no message in the mailbox has text")
    return out


# Python's header parser is quadratic in a header's length (found by tools/fuzz.py: a 1 MB
# Content-Type took minutes); real header blocks are a few KB, DKIM and Received chains included.
MAX_HEADERS = 128 * 1024


def _parse(data: bytes) -> EmailMessage:
    end = min((i for i in (data.find(b"\n\n"), data.find(b"\r\n\r\n")) if i >= 0),
              default=len(data))
    if end > MAX_HEADERS:
        raise ReadError(f"e-mail headers too long ({end // 1024:,} KB; a real message has a few KB)")
    return email.message_from_bytes(data, policy=policy.default)  # type: ignore[return-value]


def header(msg: EmailMessage, name: str) -> str:
    """A header's value as text, "" when absent. The email package parses address headers into
    tokens and has bugs on damaged ones (found by tools/fuzz.py: an AttributeError deep in
    ``display_name`` for a mangled From); those fall back to the raw value, encoded words
    decoded where they can be."""
    try:
        return str(msg.get(name, "") or "")
    except Exception:
        for key, value in msg.raw_items():
            if key.lower() == name.lower():
                try:
                    return str(email.header.make_header(email.header.decode_header(value)))
                except Exception:   # undecodable encoded words: the raw header, as written
                    return str(value)
        return ""


def _article(msg: EmailMessage, path: str, fmt: str) -> RawArticle | None:
    text, html = _body(msg)
    if not text.strip():
        return None
    outlet, domain = _sender(msg)
    published = None
    try:
        when = email.utils.parsedate_to_datetime(header(msg, "Date"))
        published = when.date() if when else None
    except (TypeError, ValueError, IndexError):
        published = None
    subject = " ".join(header(msg, "Subject").split()) or None
    return RawArticle(
        path=path, text=text.strip(), format=fmt, title=subject, outlet=outlet, domain=domain,
        published=published, published_source="header" if published else None, html=html,
    )


def _body(msg: EmailMessage) -> tuple[str, str | None]:
    """Prefer text/plain; fall back to the HTML part converted to text."""
    try:
        plain = msg.get_body(preferencelist=("plain",))
        html_part = msg.get_body(preferencelist=("html",))
    except (KeyError, LookupError):
        plain = html_part = None
    html = _content(html_part) if html_part is not None else None
    text = _content(plain) if plain is not None else ""
    if not text.strip() and html:
        text = html_to_text(html)
    if not text.strip() and not msg.is_multipart() and msg.get_content_maintype() == "text":
        text = _content(msg)   # bodies without a Content-Type header
    return text, html


def _content(part) -> str:
    try:
        value = part.get_content()
    except (LookupError, ValueError, AssertionError):
        raw = part.get_payload(decode=True) or b""
        value = raw.decode("utf-8", errors="replace")
    return value if isinstance(value, str) else ""


def _sender(msg: EmailMessage) -> tuple[str | None, str | None]:
    name, addr = email.utils.parseaddr(header(msg, "From"))
    domain = addr.rsplit("@", 1)[1].lower().strip(">") if "@" in addr else None
    outlet = name.strip().strip('"') or None
    if not outlet and header(msg, "List-Id"):
        m = _LIST_ID.match(header(msg, "List-Id"))
        if m and m.group(1).strip():
            outlet = m.group(1).strip()
    return outlet, domain
