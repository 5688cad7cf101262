"""The timeline as a picture: PNG at print resolution and SVG, drawn by the widget's own
``paint`` (what the window shows, without the "drag to filter" hint).

The picture has the widget's size in logical pixels (96 per inch); the PNG has ``dpi / 96``
times as many pixels and says its resolution, so it prints at the size it had on screen. A
caption above the chart can say which search it shows. Files are written as NAME.partial and
renamed when complete.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette

SCREEN_DPI = 96
PRINT_DPI = 300
CAPTION_HEIGHT = 22
DEFAULT_SIZE = QSize(800, 92)
FORMATS = ("png", "svg")


def picture_size(widget, caption: str | None = None) -> QSize:
    """Logical size: the widget's as shown (a hidden or tiny one gets a readable default)."""
    w, h = widget.width(), widget.height()
    if not widget.isVisible() or w < 320 or h < 60:
        w, h = DEFAULT_SIZE.width(), DEFAULT_SIZE.height()
    return QSize(w, h + (CAPTION_HEIGHT if caption else 0))


def _draw(widget, painter: QPainter, size: QSize, caption: str | None) -> None:
    top = 0
    if caption:
        pal = widget.palette()
        painter.fillRect(QRectF(0, 0, size.width(), CAPTION_HEIGHT), pal.color(QPalette.Base))
        painter.setPen(pal.color(QPalette.Text))
        painter.drawText(QRect(8, 0, size.width() - 16, CAPTION_HEIGHT),
                         Qt.AlignLeft | Qt.AlignVCenter | Qt.TextSingleLine,
                         painter.fontMetrics().elidedText(caption, Qt.ElideRight, size.width() - 16))
        top = CAPTION_HEIGHT
    painter.translate(0, top)
    widget.paint(painter, size.width(), size.height() - top, interactive=False)


def _partial(path: Path) -> Path:
    return path.with_name(path.name + ".partial")


def save_png(widget, path: str | os.PathLike, dpi: int = PRINT_DPI, caption: str | None = None) -> QSize:
    """Write the PNG; returns its size in pixels."""
    path = Path(path)
    size = picture_size(widget, caption)
    scale = dpi / SCREEN_DPI
    image = QImage(round(size.width() * scale), round(size.height() * scale), QImage.Format_ARGB32)
    image.fill(QColor(widget.palette().color(QPalette.Base)))
    p = QPainter(image)          # at the screen's 96 dpi, so fonts get their screen size...
    p.scale(scale, scale)        # ...and the whole drawing is scaled up to print resolution
    _draw(widget, p, size, caption)
    p.end()
    per_metre = round(dpi / 0.0254)   # set after painting: QImage's dpi also sizes fonts
    image.setDotsPerMeterX(per_metre)
    image.setDotsPerMeterY(per_metre)
    tmp = _partial(path)
    if not image.save(str(tmp), "PNG"):
        tmp.unlink(missing_ok=True)
        raise OSError(f"cannot write {path}")
    os.replace(tmp, path)
    return image.size()


def save_svg(widget, path: str | os.PathLike, caption: str | None = None) -> QSize:
    """Write the SVG (vector: bars and text stay sharp at any size); returns its logical size."""
    from PySide6.QtSvg import QSvgGenerator
    path = Path(path)
    size = picture_size(widget, caption)
    tmp = _partial(path)
    gen = QSvgGenerator()
    gen.setFileName(str(tmp))
    gen.setSize(size)
    gen.setViewBox(QRect(0, 0, size.width(), size.height()))
    gen.setResolution(SCREEN_DPI)
    gen.setTitle(caption or "Mediawatch timeline")
    gen.setDescription("Articles per period, exported from Mediawatch")
    p = QPainter()
    if not p.begin(gen):
        raise OSError(f"cannot write {path}")
    _draw(widget, p, size, caption)
    p.end()
    if not tmp.exists():
        raise OSError(f"cannot write {path}")
    os.replace(tmp, path)
    return size


def save_timeline(widget, path: str | os.PathLike, fmt: str | None = None,
                  caption: str | None = None, dpi: int = PRINT_DPI) -> QSize:
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    if fmt == "png":
        return save_png(widget, path, dpi, caption)
    if fmt == "svg":
        return save_svg(widget, path, caption)
    raise ValueError(f"{path}: the timeline is saved as .png or .svg")
