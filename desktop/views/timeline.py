"""The timeline: articles per day/week/month of the current results, painted with QPainter.

Drag across the bars to set a date range; click the "no date" box to see only undated articles;
double-click or Esc clears. Bucket keys come from the core's "date" facet.
"""
from __future__ import annotations

import calendar
import datetime as dt

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

NO_DATE_WIDTH = 78


def bucket_range(key: str, kind: str | None = None) -> tuple[dt.date, dt.date] | None:
    """First and last day of a bucket key: YYYY, YYYY-MM, YYYY-Www, YYYY-MM-DD (day or week start)."""
    try:
        key = str(key)
        if "-W" in key:
            year, week = key.split("-W")
            start = dt.date.fromisocalendar(int(year), int(week), 1)
            return start, start + dt.timedelta(days=6)
        parts = key.split("-")
        if len(parts) == 1:
            y = int(parts[0])
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
        day = dt.date.fromisoformat(key[:10])
        if kind == "week":
            return day, day + dt.timedelta(days=6)
        return day, day
    except (ValueError, TypeError):
        return None


def next_bucket(start: dt.date, kind: str | None) -> dt.date:
    if kind == "day":
        return start + dt.timedelta(days=1)
    if kind == "week":
        return start + dt.timedelta(days=7)
    if kind == "month":
        return dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return dt.date(start.year + 1, 1, 1)


def bucket_key(start: dt.date, kind: str | None) -> str:
    if kind == "day":
        return start.isoformat()
    if kind == "week":
        y, w, _ = start.isocalendar()
        return f"{y}-W{w:02d}"
    if kind == "month":
        return start.strftime("%Y-%m")
    return str(start.year)


def fill_gaps(buckets: list[tuple[str, int, dt.date, dt.date]], kind: str | None, limit: int = 1500):
    """Empty periods between the first and last bucket get a zero bar, so time runs evenly."""
    if len(buckets) < 2 or kind not in ("day", "week", "month", "year"):
        return buckets
    have = {b[2]: b for b in buckets}
    out, start = [], buckets[0][2]
    while start <= buckets[-1][2] and len(out) < limit:
        nxt = next_bucket(start, kind)
        out.append(have.get(start) or (bucket_key(start, kind), 0, start, nxt - dt.timedelta(days=1)))
        start = nxt
    return out if len(out) < limit else buckets


class TimelineWidget(QWidget):
    rangeSelected = Signal(object, object)    # date_from, date_to
    noDateClicked = Signal()
    cleared = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setAccessibleName("Timeline of results")
        self.setAccessibleDescription("Articles per period. Drag across to filter by date.")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.buckets: list[tuple[str, int, dt.date, dt.date]] = []
        self.kind: str | None = None
        self.no_date = 0
        self.active: tuple[dt.date | None, dt.date | None] = (None, None)
        self.no_date_active = False
        self._drag: tuple[int, int] | None = None

    def sizeHint(self) -> QSize:
        return QSize(400, 92)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 92)

    def set_data(self, values: list[tuple[str, int]], kind: str | None, no_date: int,
                 active=(None, None), no_date_active: bool = False) -> None:
        buckets = []
        for key, count in values:
            rng = bucket_range(key, kind)
            if rng:
                buckets.append((str(key), int(count), rng[0], rng[1]))
        self.buckets = fill_gaps(sorted(buckets, key=lambda b: b[2]), kind)
        self.kind, self.no_date = kind, int(no_date)
        self.active, self.no_date_active = active, no_date_active
        self._drag = None
        self.update()

    # ------------------------------------------------------------ geometry
    def _plot(self) -> QRectF:
        return QRectF(8, 6, max(10, self.width() - NO_DATE_WIDTH - 20), self.height() - 26)

    def _no_date_rect(self) -> QRectF:
        return QRectF(self.width() - NO_DATE_WIDTH - 4, 6, NO_DATE_WIDTH, self.height() - 26)

    def _index_at(self, x: float) -> int | None:
        if not self.buckets:
            return None
        plot = self._plot()
        i = int((x - plot.left()) / (plot.width() / len(self.buckets)))
        return min(max(i, 0), len(self.buckets) - 1)

    # ------------------------------------------------------------ painting
    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        pal = self.palette()
        plot = self._plot()
        p.fillRect(self.rect(), pal.color(QPalette.Base))
        text_color = pal.color(QPalette.Text)
        dim = pal.color(QPalette.PlaceholderText)
        bar = pal.color(QPalette.Highlight)
        faded = QColor(bar)
        faded.setAlpha(90)
        if not self.buckets:
            p.setPen(dim)
            p.drawText(plot, Qt.AlignCenter | Qt.TextWordWrap, "No dated articles in these results")
        else:
            n = len(self.buckets)
            peak = max(c for _, c, _, _ in self.buckets) or 1
            w = plot.width() / n
            sel = sorted(self._drag) if self._drag else None
            a_from, a_to = self.active
            for i, (key, count, start, end) in enumerate(self.buckets):
                h = (plot.height() - 2) * count / peak
                x = plot.left() + i * w
                on = (sel[0] <= i <= sel[1]) if sel else \
                    ((a_from or a_to) and (not a_from or end >= a_from) and (not a_to or start <= a_to))
                color = bar if (on or not (sel or a_from or a_to)) else faded
                p.fillRect(QRectF(x + min(1.0, w * 0.15), plot.bottom() - h,
                                  max(1.0, w - 2 * min(1.0, w * 0.15)), h), color)
            p.setPen(dim)
            p.drawLine(plot.bottomLeft(), plot.bottomRight())
            p.setPen(text_color)
            label_rect = QRectF(plot.left(), plot.bottom() + 2, plot.width(), 16)
            p.drawText(label_rect, Qt.AlignLeft | Qt.AlignVCenter, self.buckets[0][0])
            if n > 1:
                p.drawText(label_rect, Qt.AlignRight | Qt.AlignVCenter, self.buckets[-1][0])
            p.setPen(dim)
            total = sum(c for _, c, _, _ in self.buckets)
            # The hint sits between the end dates; shorter when narrow, left out rather than overlapping.
            fm = p.fontMetrics()
            room = label_rect.width() - 2 * fm.horizontalAdvance(self.buckets[0][0]) - 24
            for hint in (f"{total:,} dated · per {self.kind or 'period'} · drag to filter",
                         f"{total:,} dated · per {self.kind or 'period'}", f"{total:,} dated"):
                if fm.horizontalAdvance(hint) <= room:
                    p.drawText(label_rect, Qt.AlignHCenter | Qt.AlignVCenter, hint)
                    break
        nd = self._no_date_rect()
        p.setPen(dim)
        if self.no_date_active:
            p.fillRect(nd, faded)
        p.drawRoundedRect(nd, 4, 4)
        p.setPen(text_color)
        p.drawText(nd, Qt.AlignCenter, f"no date\n{self.no_date:,}")
        p.end()

    # ------------------------------------------------------------ interaction
    def mousePressEvent(self, event) -> None:
        pos = event.position()
        if self._no_date_rect().contains(pos):
            self.noDateClicked.emit()
            return
        i = self._index_at(pos.x())
        if i is not None and event.button() == Qt.LeftButton:
            self._drag = (i, i)
            self.update()

    def mouseMoveEvent(self, event) -> None:
        pos = event.position()
        i = self._index_at(pos.x())
        if self._drag is not None and i is not None:
            self._drag = (self._drag[0], i)
            self.update()
        elif i is not None and self._plot().contains(pos):
            key, count, start, end = self.buckets[i]
            QToolTip.showText(event.globalPosition().toPoint(), f"{key}: {count:,} articles", self)

    def mouseReleaseEvent(self, event) -> None:
        if self._drag is None:
            return
        lo, hi = sorted(self._drag)
        self._drag = None
        self.rangeSelected.emit(self.buckets[lo][2], self.buckets[hi][3])

    def mouseDoubleClickEvent(self, event) -> None:
        self._drag = None
        self.cleared.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape:
            self.cleared.emit()
            return
        super().keyPressEvent(event)
