"""The XLSX writer: openpyxl's write-only (streaming) workbook, with a fast row writer.

openpyxl writes rows of a write-only sheet straight to a temporary file (strings inline, no
shared-string table), so memory stays flat at any size. What it costs is time: each value
becomes a ``Cell`` object whose type is re-derived, then three nested XML elements written
through context managers, ~27 s of CPU for 100,000 rows of 14 columns here, most of an
export. ``FastRows`` (a ``WorksheetWriter`` for our sheet only) writes a row of plain values
as one string of XML instead (the same XML: inline strings, numbers, dates as serial numbers
with a date style), straight into the sheet's file: ~25 us a row against ~150 for openpyxl's
cells and ~90 for an lxml element per row. The styled header row, the sheet's head and tail
still take openpyxl's own path. It leans on openpyxl internals, hence the pin (pyproject) and
the read-back tests (tests/test_export.py, hostile text included).

The workbook: real date cells (sortable, filterable), a bold frozen header with filters, column
widths, every string stored as a string (openpyxl would turn "=..." into a formula: titles come
from strangers), a new "Results N" sheet past Excel's 1,048,576 rows, and a "Search" sheet
saying which search the list is.
"""
from __future__ import annotations

import datetime as dt
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell._writer import write_cell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import xmlfile

from index.export.table import HEADERS, KEYS, LIST_SEPARATOR
from index.export.partial import TableWriter

MAX_CELL = 32767
MAX_ROWS = 1_048_576
WIDTHS = {"date": 11, "date_source": 9, "outlet": 22, "title": 60, "persons": 30,
          "countries": 10, "language": 6, "agencies": 12, "authors": 20, "story": 8,
          "snippet": 80, "url": 30, "file": 30, "id": 18}
LETTERS = [get_column_letter(i) for i in range(1, len(KEYS) + 1)]


class FastRows(WorksheetWriter):
    """Writes rows of plain values (str, int, float, date) as XML text straight to the sheet's
    file. openpyxl's own writer (lxml's incremental ``xmlfile``) still writes everything else
    into that file: the sheet's head, the styled header row, the tail; it is flushed before
    each row so the pieces stay in order."""

    def __init__(self, ws, date_style: str):
        self.date_style = date_style
        self.epoch = ws.parent.epoch
        self._fh = None
        super().__init__(ws)

    def get_stream(self):
        # WorksheetWriter.get_stream, on a file object of ours rather than a file name
        self._fh = open(self.out, "wb")
        try:
            with xmlfile(self._fh) as xf:
                with xf.element("worksheet", xmlns=SHEET_MAIN_NS):
                    try:
                        while True:
                            el = (yield)
                            if el is True:
                                yield xf
                            elif el is not None:
                                xf.write(el)
                    except GeneratorExit:
                        pass
        finally:
            self._fh.close()

    def write_row(self, xf, row, row_idx):
        row = list(row)
        if any(isinstance(v, Cell) for v in row):      # the styled header: openpyxl's path
            with xf.element("row", {"r": str(row_idx)}):
                for col, cell in enumerate(row, 1):
                    if cell is None:
                        continue
                    if not isinstance(cell, Cell):
                        cell = WriteOnlyCell(self.ws, value=cell)
                    cell.row, cell.column = row_idx, col
                    write_cell(xf, self.ws, cell, cell.has_style)
            return
        r = str(row_idx)
        out = [f'<row r="{r}">']
        for col, v in enumerate(row):
            if v is None or v == "":
                continue
            ref = LETTERS[col] + r
            if isinstance(v, str):
                space = ' xml:space="preserve"' if v[0].isspace() or v[-1].isspace() else ""
                out.append(f'<c r="{ref}" t="inlineStr"><is><t{space}>{xml_text(v)}</t></is></c>')
            elif isinstance(v, dt.date):
                out.append(f'<c r="{ref}" t="n" s="{self.date_style}"><v>{to_excel(v, self.epoch)!r}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="n"><v>{v!r}</v></c>')
        out.append("</row>")
        xf.flush()
        # "replace": a lone surrogate (no valid UTF-8) becomes "?" instead of failing the export
        self._fh.write("".join(out).encode("utf-8", "replace"))


def xml_text(s: str) -> str:
    """Text content escaped as lxml escapes it (a carriage return survives as &#13;)."""
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _plain_rows(values, row_idx):
    return values


class XlsxWriter(TableWriter):
    fmt = "xlsx"

    def _open(self) -> None:
        self._wb = Workbook(write_only=True)
        self._sheets = 0
        self._sheet = None
        self._closed = False
        self._new_sheet()

    def _new_sheet(self) -> None:
        self._finish_sheet()
        self._sheets += 1
        ws = self._wb.create_sheet("Results" if self._sheets == 1 else f"Results {self._sheets}")
        for letter, key in zip(LETTERS, KEYS):
            ws.column_dimensions[letter].width = WIDTHS.get(key, 14)
        ws.freeze_panes = "A2"
        probe = WriteOnlyCell(ws, value=dt.date(2000, 1, 1))     # registers the date style
        ws._writer = FastRows(ws, str(probe.style_id))
        ws._writer.write_top()
        ws._values_to_row = _plain_rows
        bold = Font(bold=True)
        header = []
        for h in HEADERS:
            c = WriteOnlyCell(ws, value=h)
            c.font = bold
            header.append(c)
        ws.append(header)
        self._sheet, self._sheet_rows = ws, 1

    def _finish_sheet(self) -> None:
        if self._sheet is not None and self._sheet_rows > 1:
            self._sheet.auto_filter.ref = f"A1:{LETTERS[-1]}{self._sheet_rows}"

    @staticmethod
    def _text(value: str) -> str:
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > MAX_CELL:
            value = value[:MAX_CELL - 1] + "…"
        return value

    def _cell(self, value: Any):
        if value is None or isinstance(value, (int, float, dt.date)):
            return value
        if isinstance(value, list):
            value = LIST_SEPARATOR.join(value)
        return self._text(str(value))

    def _write(self, row: dict[str, Any]) -> None:
        if self._sheet_rows >= MAX_ROWS:
            self._new_sheet()
        self._sheet.append([self._cell(row.get(k)) for k in KEYS])
        self._sheet_rows += 1

    def _close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._finish_sheet()
        if self.about:
            ws = self._wb.create_sheet("Search")
            ws.column_dimensions["A"].width = 16
            ws.column_dimensions["B"].width = 80
            for k, v in self.about.items():
                a, b = WriteOnlyCell(ws, value=self._text(str(k))), WriteOnlyCell(ws, value=self._text(str(v)))
                a.data_type = b.data_type = "s"       # never a formula
                ws.append([a, b])
        # openpyxl's save() with the zip's fastest compression: the sheet of 100,000 rows is
        # ~150 MB of XML, and the default level took ~3x longer for a file a fifth smaller
        archive = ZipFile(self.partial, "w", ZIP_DEFLATED, allowZip64=True, compresslevel=1)
        ExcelWriter(self._wb, archive).save()

    def _discard(self) -> None:
        """Drop the sheets' temporary files without assembling the workbook."""
        if self._closed:
            return
        self._closed = True
        for ws in self._wb.worksheets:
            writer = getattr(ws, "_writer", None)
            if writer is None:
                continue
            if getattr(ws, "_rows", None) is not None:
                ws._rows.close()
            writer.xf.close()
            writer.cleanup()
