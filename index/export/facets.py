"""The facet counts of a search as CSV: every value of every facet, and the date histogram.

Columns: facet, value, name, count. ``name`` is the readable form where the value is a code
(country RU -> Russia, language ru -> Russian), else the value again. Counts follow the
window's rule (facets.py): a facet's counts have every *other* facet's selection applied, so a
selected facet still shows its alternatives. All values are written, not only the top 200 the
panel shows; dates are the histogram's buckets (day, week, month or year as in the window) and
a "none" row counts the undated hits. UTF-8 with BOM, like the result export.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Callable

from index.export import ExportError
from index.export.writers import csv_cell, partial_path
from index.model import FACETS, SearchRequest, SearchResult

HEADER = ("Facet", "Value", "Name", "Count")
ALL_VALUES = 1_000_000


def facet_request(request: SearchRequest) -> SearchRequest:
    """The request with every facet value counted and no page of hits."""
    return SearchRequest.from_json({**request.to_json(), "offset": 0, "limit": 0, "facets": True,
                                    "facet_limit": ALL_VALUES, "snippets": False})


def plain_label(facet: str, value: str) -> str:
    """A readable name for country and language codes (pycountry); other values as they are."""
    try:
        import pycountry
        if facet == "country":
            c = pycountry.countries.get(alpha_2=value.upper())
            return (getattr(c, "common_name", None) or c.name) if c else value
        if facet == "language":
            lang = pycountry.languages.get(alpha_2=value.lower())
            return lang.name if lang else value
    except (ImportError, LookupError, KeyError):
        pass
    return value


def facet_rows(result: SearchResult, label: Callable[[str, str], str] = plain_label):
    for facet in FACETS:
        for value, count in result.facets.get(facet, []):
            yield facet, value, value if facet == "date" else label(facet, value), count
        if facet == "date" and result.no_date:
            yield "date", "none", "no date", result.no_date


def write_facets_csv(path: str | os.PathLike, result: SearchResult,
                     label: Callable[[str, str], str] = plain_label) -> int:
    """Write the facet counts of ``result``; returns the number of rows. Raises ExportError."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path} is a folder; choose a file name")
    tmp = partial_path(path)
    n = 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(HEADER)
            for facet, value, name, count in facet_rows(result, label):
                w.writerow([facet, csv_cell(value), csv_cell(name), count])
                n += 1
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {e.strerror or e}") from None
    return n


def export_facets(library, request: SearchRequest, path: str | os.PathLike,
                  label: Callable[[str, str], str] = plain_label) -> tuple[int, SearchResult]:
    """Search with every facet value counted and write them; (rows, result). Raises QueryError."""
    result = library.search(facet_request(request))
    return write_facets_csv(path, result, label), result
