"""Draw Mediawatch's icons with QPainter: the app icon (SVG + PNG 16..256) and a few UI icons (SVG).

Each icon is one paint function on a 256×256 canvas; the same function renders the PNG sizes
(QImage) and the SVG (QSvgGenerator), so both always match. Run from the repo root:
    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_icons.py
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, QSize, Qt  # noqa: E402
from PySide6.QtGui import (QBrush, QColor, QGuiApplication, QImage, QLinearGradient,  # noqa: E402
                           QPainter, QPainterPath, QPen, QPolygonF)
from PySide6.QtSvg import QSvgGenerator  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
APP_SIZES = (16, 24, 32, 48, 64, 128, 256)
INK = QColor("#56606e")          # UI icons: readable on light and dark backgrounds
ACCENT = QColor("#e8912d")


def paint_app(p: QPainter) -> None:
    """A newspaper page under a magnifying glass, on a deep blue tile."""
    grad = QLinearGradient(0, 0, 0, 256)
    grad.setColorAt(0, QColor("#2f6fb8"))
    grad.setColorAt(1, QColor("#1b3f73"))
    p.setPen(Qt.NoPen)
    p.setBrush(QBrush(grad))
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 52, 52)
    p.setBrush(QColor("#f7f9fc"))
    p.drawRoundedRect(QRectF(48, 40, 128, 160), 12, 12)
    p.setBrush(QColor("#1b3f73"))
    p.drawRect(QRectF(64, 58, 96, 18))                 # headline
    p.setBrush(QColor("#9aa8bb"))
    for i, y in enumerate((88, 104, 120, 136, 152, 168)):
        p.drawRect(QRectF(64, y, 96 if i % 3 != 2 else 60, 8))
    p.setBrush(Qt.NoBrush)
    p.setPen(QPen(ACCENT, 22, Qt.SolidLine, Qt.RoundCap))
    p.drawLine(QPointF(190, 190), QPointF(222, 222))   # handle
    p.setPen(QPen(ACCENT, 16))
    p.setBrush(QColor(255, 255, 255, 70))
    p.drawEllipse(QPointF(160, 160), 44, 44)


def _pen(p: QPainter, width: float = 20) -> None:
    p.setPen(QPen(INK, width, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
    p.setBrush(Qt.NoBrush)


def paint_search(p: QPainter) -> None:
    _pen(p, 24)
    p.drawEllipse(QPointF(106, 106), 62, 62)
    p.drawLine(QPointF(152, 152), QPointF(216, 216))


def paint_import(p: QPainter) -> None:
    _pen(p)
    p.drawLine(QPointF(128, 32), QPointF(128, 150))
    p.drawPolyline(QPolygonF([QPointF(80, 104), QPointF(128, 152), QPointF(176, 104)]))
    p.drawPolyline(QPolygonF([QPointF(40, 150), QPointF(40, 216), QPointF(216, 216), QPointF(216, 150)]))


def paint_folder(p: QPainter) -> None:
    _pen(p, 18)
    path = QPainterPath()
    path.moveTo(32, 72)
    path.lineTo(100, 72)
    path.lineTo(120, 96)
    path.lineTo(224, 96)
    path.lineTo(224, 200)
    path.lineTo(32, 200)
    path.closeSubpath()
    p.drawPath(path)


def paint_previous(p: QPainter) -> None:
    _pen(p, 26)
    p.drawPolyline(QPolygonF([QPointF(160, 48), QPointF(80, 128), QPointF(160, 208)]))


def paint_next(p: QPainter) -> None:
    _pen(p, 26)
    p.drawPolyline(QPolygonF([QPointF(96, 48), QPointF(176, 128), QPointF(96, 208)]))


def paint_open(p: QPainter) -> None:
    _pen(p, 18)
    p.drawPolyline(QPolygonF([QPointF(120, 48), QPointF(48, 48), QPointF(48, 208),
                              QPointF(208, 208), QPointF(208, 136)]))
    p.drawLine(QPointF(112, 144), QPointF(208, 48))
    p.drawPolyline(QPolygonF([QPointF(152, 48), QPointF(208, 48), QPointF(208, 104)]))


def paint_stop(p: QPainter) -> None:
    _pen(p, 18)
    p.drawEllipse(QPointF(128, 128), 92, 92)
    p.drawLine(QPointF(92, 92), QPointF(164, 164))
    p.drawLine(QPointF(164, 92), QPointF(92, 164))


def _bell(p: QPainter) -> None:
    path = QPainterPath()
    path.moveTo(60, 184)
    path.cubicTo(80, 160, 76, 128, 80, 104)
    path.cubicTo(84, 64, 108, 48, 128, 48)
    path.cubicTo(148, 48, 172, 64, 176, 104)
    path.cubicTo(180, 128, 176, 160, 196, 184)
    path.closeSubpath()
    p.drawPath(path)
    p.drawLine(QPointF(128, 28), QPointF(128, 48))
    p.drawArc(QRectF(104, 180, 48, 40), 180 * 16, 180 * 16)     # the clapper


def paint_watched(p: QPainter) -> None:
    """A bell: the saved search raises alerts."""
    _pen(p, 18)
    _bell(p)


def paint_muted(p: QPainter) -> None:
    """A bell struck through: watched, alerts hidden."""
    _pen(p, 18)
    _bell(p)
    p.drawLine(QPointF(40, 40), QPointF(216, 216))


def paint_snoozed(p: QPainter) -> None:
    """A clock: alerts held back for some hours."""
    _pen(p, 18)
    p.drawEllipse(QPointF(128, 128), 88, 88)
    p.drawPolyline(QPolygonF([QPointF(128, 76), QPointF(128, 128), QPointF(168, 152)]))


UI_ICONS = {"search": paint_search, "document-import": paint_import, "folder": paint_folder,
            "go-previous": paint_previous, "go-next": paint_next, "document-open": paint_open,
            "process-stop": paint_stop, "watched": paint_watched, "muted": paint_muted,
            "snoozed": paint_snoozed}


def render_png(paint, size: int, path: Path) -> None:
    img = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    img.fill(Qt.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    p.scale(size / 256, size / 256)
    paint(p)
    p.end()
    if not img.save(str(path)):
        raise SystemExit(f"cannot write {path}")


def render_svg(paint, path: Path, title: str) -> None:
    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(QSize(256, 256))
    gen.setViewBox(QRectF(0, 0, 256, 256))
    gen.setTitle(title)
    gen.setDescription("Drawn by tools/make_icons.py")
    p = QPainter(gen)
    p.setRenderHint(QPainter.Antialiasing)
    paint(p)
    p.end()


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts, painting)
    (ICONS / "app").mkdir(parents=True, exist_ok=True)
    render_svg(paint_app, ICONS / "app" / "mediawatch.svg", "Mediawatch")
    for size in APP_SIZES:
        render_png(paint_app, size, ICONS / "app" / f"mediawatch-{size}.png")
    for name, paint in UI_ICONS.items():
        render_svg(paint, ICONS / f"{name}.svg", name)
    # The window icon on Windows wants an .ico; Qt writes one from the 256 px image.
    QImage(str(ICONS / "app" / "mediawatch-256.png")).save(str(ICONS / "app" / "mediawatch.ico"))
    print(f"wrote app icon ({len(APP_SIZES)} PNG sizes + SVG) and {len(UI_ICONS)} UI icons to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
