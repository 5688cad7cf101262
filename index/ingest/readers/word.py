"""Word documents (.docx) through python-docx: paragraphs and tables in document order.

The core property "author" names whoever created the file (often a template or an office
account), not the journalist, so it is not used.
"""
from __future__ import annotations

import io
import zipfile

from index.errors import ReadError
from index.model import RawArticle

from .common import require_data, title_and_body, storable

FORMATS = ("docx",)

_TITLE_STYLES = ("title", "heading 1", "heading1", "heading")


@storable
def read(data: bytes, path: str) -> list[RawArticle]:
    require_data(data)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(document))
        core_title = (document.core_properties.title or "").strip()
    except (zipfile.BadZipFile, PackageNotFoundError) as err:
        raise ReadError("damaged Word document (not a valid .docx package)") from err
    except (KeyError, ValueError, AttributeError, TypeError, OSError) as err:
        raise ReadError(f"damaged Word document: {str(err)[:200] or err.__class__.__name__}") from err
    paragraphs = [(text, style) for text, style in blocks if text.strip()]
    if not paragraphs:
        raise ReadError("the Word document has no text")
    if core_title:
        text = "\n".join(t for t, _ in paragraphs)
        # the first paragraph usually repeats the title: keep it out of the body then
        if paragraphs[0][0].strip() == core_title and len(paragraphs) > 1:
            text = "\n".join(t for t, _ in paragraphs[1:])
        return [RawArticle(path=path, text=text, format="docx", title=core_title)]
    first, style = paragraphs[0]
    if style.lower().startswith(_TITLE_STYLES) and len(paragraphs) > 1:
        return [RawArticle(path=path, text="\n".join(t for t, _ in paragraphs[1:]), format="docx",
                           title=" ".join(first.split()))]
    title, body, from_text = title_and_body("\n".join(t for t, _ in paragraphs))
    return [RawArticle(path=path, text=body, format="docx", title=title, title_from_text=from_text)]


def _blocks(document):
    """(text, style name) for each paragraph, tables flattened row by row, in body order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            yield para.text.strip(), (para.style.name if para.style is not None else "") or ""
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if value and value not in cells:   # merged cells repeat their text
                        cells.append(value)
                if cells:
                    yield " | ".join(cells), ""
