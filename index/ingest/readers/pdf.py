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

from .common import require_data, title_and_body, storable

FORMATS = ("pdf",)

logging.getLogger("pypdf").setLevel(logging.ERROR)

# pypdf signals damage with its own errors and, on stranger files, with plain Python ones
_PDF_ERRORS: tuple[type[BaseException], ...] = (
    ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError,
    ZeroDivisionError, AssertionError)
try:
    from pypdf.errors import PyPdfError
    _PDF_ERRORS += (PyPdfError,)
except ImportError:  # pragma: no cover - pypdf is a hard dependency
    pass

# Titles that PDF producers write by themselves: not a title a person gave the article.
_JUNK_TITLE = re.compile(
    r"^(untitled|microsoft word - .*|document\d*|.*\.(docx?|pdf|rtf|odt|txt|html?)|print|\d+)$", re.I)


@storable
def read(data: bytes, path: str) -> list[RawArticle]:
    require_data(data)
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise ReadError("damaged PDF: the file does not start like a PDF")
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _decrypt(reader):
            raise ReadError("encrypted PDF (a password is needed)")
        page_list = list(reader.pages)
        meta_title = _meta_title(reader)
    except ReadError:
        raise
    except _PDF_ERRORS as err:
        raise ReadError(f"damaged PDF: {_reason(err)}") from err
    pages, failure = [], None
    for page in page_list:
        # one broken page (a bad font or content stream) should not lose the other pages
        try:
            pages.append(page.extract_text() or "")
        except _PDF_ERRORS as err:
            failure = err
    if failure is not None and not any(p.strip() for p in pages):
        raise ReadError(f"damaged PDF: {_reason(failure)}")
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


def _decrypt(reader) -> bool:
    # many PDFs are "encrypted" with an empty user password only to forbid editing
    try:
        return bool(reader.decrypt(""))
    except Exception:  # unsupported algorithm, missing crypto dependency: same outcome
        return False


def _meta_title(reader) -> str:
    try:
        return (reader.metadata.title if reader.metadata else None) or ""
    except Exception:  # a damaged /Info dictionary only costs us the title
        return ""


def _tidy(page: str) -> str:
    """pypdf ends lines where the layout did. Join a line to the next when it runs to the full
    column width and stops mid-sentence, so sentences (and names) are not split across lines;
    short lines (headlines, datelines, paragraph ends) keep their break."""
    page = page.replace("\r\n", "\n").replace("\x00", "")
    lines = [line.strip() for line in page.split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return ""
    full = lengths[int(len(lengths) * 0.75)] * 0.7 if len(lengths) >= 4 else 10**6
    out: list[str] = []
    join = False
    for line in lines:
        if not line:
            out.append("")
            join = False
            continue
        if join and out:
            prev = out[-1]
            if re.search(r"[a-zа-яё]-$", prev) and line[:1].islower():
                out[-1] = prev[:-1] + line          # a hyphenated word break
            else:
                out[-1] = prev + " " + line
        else:
            out.append(line)
        join = len(line) >= full and not re.search(r"""[.!?:;"”»]$""", line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def _reason(err: Exception) -> str:
    msg = str(err).strip() or err.__class__.__name__
    return msg[:200]
