"""PDF through Qt's printing: an HTML page laid out by QTextDocument on a QPdfWriter.

The core's briefings are HTML (index/export/digest.py); ``install()`` lends this renderer to
the core (``index.export.pdf``) for the window and the ``mediawatch`` command. QTextDocument
loads no resources of its own beyond files it is pointed at, and the briefing points at none.
QPainter on a QPdfWriter and QTextDocument layout are allowed off the GUI thread, so the
window renders on a worker.
"""
from __future__ import annotations

import os
from pathlib import Path

PDF_DPI = 300


def _ensure_app():
    """Fonts need a QGuiApplication; the command line has none, so it gets an offscreen one."""
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
        _ensure_app.app = app          # keep it alive for the process
    return app


def html_to_pdf(html: str, path: Path, title: str = "") -> None:
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter
    from desktop.views.safe_text import SafeTextDocument
    _ensure_app()
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setTitle(title)
    writer.setCreator("Mediawatch")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait,
                                     QMarginsF(18, 18, 18, 18), QPageLayout.Millimeter))
    doc = SafeTextDocument()          # a briefing loads no image, style or file
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    # Laid out in 96-dpi pixels (the briefing's CSS sizes are screen pixels); print_() scales
    # the paginated document up to the writer's resolution.
    rect = writer.pageLayout().paintRectPixels(96)
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    doc.print_(writer)
    del writer                          # the file is complete once the writer is gone
    if not Path(path).exists() or Path(path).stat().st_size == 0:
        raise OSError(f"Qt wrote no PDF to {path}")


def _lazy(html: str, path: Path, title: str) -> None:
    html_to_pdf(html, path, title)


def install() -> None:
    """Lend the renderer to the core (idempotent)."""
    from index.export import pdf
    pdf.install(_lazy)
