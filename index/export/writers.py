"""Writers of exported result lists: CSV, JSON Lines, XLSX, all streaming row by row.

Every writer writes ``NAME.partial`` beside the target and renames it to NAME only in
``commit()``: a cancelled, failed or killed export never leaves a file that looks whole, and a
file of the same name from an earlier export is replaced only by a complete one. ``abort()``
removes the partial file (a kill leaves it, named for what it is).

- CSV: UTF-8 with a BOM (spreadsheets then read non-ASCII right), a header row, lists joined
  with "; ". A cell starting with = + - @ or a tab gets a leading apostrophe, the usual guard
  against spreadsheet formula injection: article titles are text from strangers.
- JSON Lines: one object per article, UTF-8, lists as lists, dates ISO, missing values null.
- XLSX: see xlsx.py.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
from typing import Any

from index.export.partial import PARTIAL_SUFFIX, TableWriter, partial_path  # noqa: F401
from index.export.table import HEADERS, KEYS, LIST_SEPARATOR

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    elif isinstance(value, dt.date):
        return value.isoformat()
    value = str(value).replace("\x00", "")
    return "'" + value if value.startswith(FORMULA_START) else value


class CsvWriter(TableWriter):
    fmt = "csv"

    def _open(self) -> None:
        self._fh = open(self.partial, "w", encoding="utf-8-sig", errors="replace", newline="")
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
        self._fh = open(self.partial, "w", encoding="utf-8", errors="replace", newline="\n")

    def _write(self, row: dict[str, Any]) -> None:
        self._fh.write(json.dumps({k: json_value(row.get(k)) for k in KEYS}, ensure_ascii=False))
        self._fh.write("\n")

    def _close(self) -> None:
        if not self._fh.closed:
            self._fh.close()


def open_writer(path: str | os.PathLike, fmt: str, about: dict[str, str] | None = None) -> TableWriter:
    if fmt == "xlsx":
        from index.export.xlsx import XlsxWriter     # openpyxl is loaded only for workbooks
        return XlsxWriter(path, about)
    return {"csv": CsvWriter, "jsonl": JsonlWriter}[fmt](path, about)
