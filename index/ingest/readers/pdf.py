"""PDF through pypdf: the text layer of every page.

The PDF's /CreationDate is when the file was made, not when the article was published, so it
is deliberately not used; the dates step reads the date from the text.
"""
from __future__ import annotations

import io
import logging
import re

from index.errors import ReadError
from index.model import RawArticle

from .common import require_data, title_and_body

FORMATS = ("pdf",)

logging.getLogger("pypdf").setLevel(logging.ERROR)

# Titles that PDF producers write by themselves: not a title a person gave the article.
_JUNK_TITLE = re.compile(
    r"^(untitled|microsoft word - .*|document\d*|.*\.(docx?|pdf|rtf|odt|txt|html?)|print|\d+)$", re.I)


def read(data: bytes, path: str) -> list[RawArticle]:
    require_data(data)
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise ReadError("damaged PDF: the file does not start like a PDF")
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("encrypted PDF (a password is needed)")
        pages = []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
        meta_title = (reader.metadata.title if reader.metadata else None) or ""
    except ReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError, ZeroDivisionError) as err:
        raise ReadError(f"damaged PDF: {_reason(err)}") from err
    text = "\n\n".join(_tidy(p) for p in pages if p.strip())
    if not text.strip():
        if not pages:
            raise ReadError("damaged PDF: no pages could be read")
        raise ReadError("no text layer (scanned PDF?)")
    meta_title = " ".join(str(meta_title).split())
    if meta_title and not _JUNK_TITLE.match(meta_title) and len(meta_title) > 3:
        return [RawArticle(path=path, text=text, format="pdf", title=meta_title)]
    title, body, from_text = title_and_body(text)
    return [RawArticle(path=path, text=body, format="pdf", title=title, title_from_text=from_text)]


def _tidy(page: str) -> str:
    # pypdf ends lines where the layout did; join hyphenated breaks, keep line structure otherwise
    page = page.replace("\r\n", "\n").replace("\x00", "")
    page = re.sub(r"([a-zа-яё])-\n([a-zа-яё])", r"\1\2", page)
    return "\n".join(line.rstrip() for line in page.split("\n")).strip()


def _reason(err: Exception) -> str:
    msg = str(err).strip() or err.__class__.__name__
    return msg[:200]
