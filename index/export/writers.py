"""Writers of exported result lists: CSV, JSON Lines, XLSX, all streaming row by row.

Every writer writes ``NAME.partial`` beside the target and renames it to NAME only in
``commit()``: a cancelled, failed or killed export never leaves a file that looks whole, and a
file of the same name from an earlier export is replaced only by a complete one. ``abort()``
removes the partial file (a kill leaves it, named for what it is).

- CSV: UTF-8 with a BOM (spreadsheets then read non-ASCII right), a header row, lists joined
  with "; ". A cell starting with = + - @ or a tab gets a leading apostrophe, the usual guard
  against spreadsheet formula injection: article titles are text from strangers.
- JSON Lines: one object per article, UTF-8, lists as lists, dates ISO, missing values null.
- XLSX: openpyxl's write-only mode (rows go straight to the zip, strings inline, so memory
  stays flat), real date cells, a bold frozen header with filters, every string a string (an
  openpyxl cell given "=..." would otherwise become a formula), and a "Search" sheet saying
  which search the list is.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from index.export import ExportError
from index.export.table import HEADERS, KEYS, LIST_SEPARATOR

PARTIAL_SUFFIX = ".partial"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_CELL = 32767
XLSX_MAX_ROWS = 1_048_576
XLSX_WIDTHS = {"date": 11, "date_source": 9, "outlet": 22, "title": 60, "persons": 30,
               "countries": 10, "language": 6, "agencies": 12, "authors": 20, "story": 8,
               "snippet": 80, "url": 30, "file": 30, "id": 18}


def partial_path(path: Path) -> Path:
    return path.with_name(path.name + PARTIAL_SUFFIX)


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    elif isinstance(value, dt.date):
        return value.isoformat()
    value = str(value).replace("\x00", "")
    return "'" + value if value.startswith(FORMULA_START) else value


class TableWriter:
    """Base: the partial-file protocol. Subclasses implement _open, _write, _close."""
    fmt = ""

    def __init__(self, path: str | os.PathLike, about: dict[str, str] | None = None):
        self.path = Path(path)
        self.partial = partial_path(self.path)
        self.about = about or {}
        self.rows = 0
        self._done = False
        if self.path.is_dir():
            raise ExportError(f"{self.path} is a folder; choose a file name")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._open()
        except OSError as e:
            raise ExportError(f"cannot write {self.path}: {e.strerror or e}") from None

    def write(self, row: dict[str, Any]) -> None:
        self._write(row)
        self.rows += 1

    def commit(self) -> int:
        """Finish the file and give it its name; returns its size in bytes."""
        try:
            self._close()
            os.replace(self.partial, self.path)
        except OSError as e:
            self.abort()
            raise ExportError(f"cannot write {self.path}: {e.strerror or e}") from None
        self._done = True
        return self.path.stat().st_size

    def abort(self) -> None:
        """Drop the partial file (cancel, error); the target, if it existed, is left as it was."""
        if self._done:
            return
        self._done = True
        try:
            self._discard()
        except Exception:       # a half-written file cannot always be closed cleanly
            pass
        try:
            self.partial.unlink()
        except FileNotFoundError:
            pass

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if not self._done:
            self.abort()          # leaving the block without commit() is never a whole file

    def _open(self) -> None: ...
    def _write(self, row: dict[str, Any]) -> None: ...
    def _close(self) -> None: ...

    def _discard(self) -> None:
        self._close()


class CsvWriter(TableWriter):
    fmt = "csv"

    def _open(self) -> None:
        self._fh = open(self.partial, "w", encoding="utf-8-sig", newline="")
        self._csv = csv.writer(self._fh)
        self._csv.writerow(HEADERS)

    def _write(self, row: dict[str, Any]) -> None:
        self._csv.writerow([csv_cell(row.get(k)) for k in KEYS])

    def _close(self) -> None:
        if not self._fh.closed:
            self._fh.close()


def json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


class JsonlWriter(TableWriter):
    fmt = "jsonl"

    def _open(self) -> None:
        self._fh = open(self.partial, "w", encoding="utf-8", newline="\n")

    def _write(self, row: dict[str, Any]) -> None:
        self._fh.write(json.dumps({k: json_value(row.get(k)) for k in KEYS}, ensure_ascii=False))
        self._fh.write("\n")

    def _close(self) -> None:
        if not self._fh.closed:
            self._fh.close()


class XlsxWriter(TableWriter):
    fmt = "xlsx"

    def _open(self) -> None:
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        self._illegal = ILLEGAL_CHARACTERS_RE
        self._wb = Workbook(write_only=True)
        self._sheets = 0
        self._sheet = None
        self._closed = False
        self._new_sheet()

    def _new_sheet(self) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter
        self._finish_sheet()
        self._sheets += 1
        ws = self._wb.create_sheet("Results" if self._sheets == 1 else f"Results {self._sheets}")
        for i, key in enumerate(KEYS, 1):
            ws.column_dimensions[get_column_letter(i)].width = XLSX_WIDTHS.get(key, 14)
        ws.freeze_panes = "A2"
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
            from openpyxl.utils import get_column_letter
            self._sheet.auto_filter.ref = f"A1:{get_column_letter(len(KEYS))}{self._sheet_rows}"

    def _text(self, value: str, sheet=None):
        value = self._illegal.sub("", value)
        if len(value) > XLSX_MAX_CELL:
            value = value[:XLSX_MAX_CELL - 1] + "…"
        if value.startswith("="):           # openpyxl would store it as a formula
            from openpyxl.cell import WriteOnlyCell
            cell = WriteOnlyCell(sheet or self._sheet, value=value)
            cell.data_type = "s"
            return cell
        return value

    def _cell(self, value: Any):
        if value is None or isinstance(value, (int, dt.date)):
            return value
        if isinstance(value, list):
            value = LIST_SEPARATOR.join(value)
        return self._text(str(value))

    def _write(self, row: dict[str, Any]) -> None:
        if self._sheet_rows >= XLSX_MAX_ROWS:
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
                ws.append([self._text(str(k), ws), self._text(str(v), ws)])
        self._wb.save(self.partial)

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


WRITERS = {"csv": CsvWriter, "jsonl": JsonlWriter, "xlsx": XlsxWriter}


def open_writer(path: str | os.PathLike, fmt: str, about: dict[str, str] | None = None) -> TableWriter:
    return WRITERS[fmt](path, about)
