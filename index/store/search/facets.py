"""Facet selections as document masks, and facet counts over the hit set.

Rules (as in a faceted shop search): values selected within one facet are OR-ed, facets are
AND-ed, excluded values are removed. The counts of facet F are computed over the query's hits
with every *other* facet's selections and exclusions applied but not F's own, so a selected
facet still shows its alternatives. ``date_from``/``date_to`` are the range in view: they
filter hits and the date histogram alike. The date facet's own selection is
``filters["date"]`` (bucket labels, see ``period``) or ``no_date``.

Date bucket labels: day ``2025-05-12``, week ``2025-W20`` (ISO), month ``2025-05``, year
``2025``; the bucket size follows the span of dates in view (see ``choose_bucket``).
"""
from __future__ import annotations

import datetime as dt
import re

import numpy as np

from index.model import QueryError, SearchRequest
from index.store.search.columns import Columns, ValueDictionary
from index.vocab.countries import country_code
from index.store.schema import FACET_FIELDS, day_from_number, day_number

VALUE_FACETS = tuple(FACET_FIELDS)          # person, country, outlet, language, agency
NO_DATE_LABEL = "none"


def period(label: str) -> tuple[int, int] | None:
    """(first, last) day numbers of a date label; None for the no-date label."""
    s = label.strip()
    if s.lower() == NO_DATE_LABEL:
        return None
    try:
        m = re.fullmatch(r"(\d{4})-W(\d{1,2})", s)
        if m:
            first = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return day_number(first), day_number(first) + 6
        m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", s)
        if m:
            y, mo, d = int(m.group(1)), m.group(2), m.group(3)
            if d:
                n = day_number(dt.date(y, int(mo), int(d)))
                return n, n
            if mo:
                first = dt.date(y, int(mo), 1)
                nxt = dt.date(y + (first.month == 12), first.month % 12 + 1, 1)
                return day_number(first), day_number(nxt) - 1
            return day_number(dt.date(y, 1, 1)), day_number(dt.date(y, 12, 31))
    except ValueError:
        pass
    raise QueryError(f'bad date "{label}" (use YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY or none)')


def _value_ords(facet: str, values: list[str], dictionary: ValueDictionary) -> list[int]:
    ords: list[int] = []
    for v in values:
        if facet == "country":
            v = country_code(v) or v
        ords += dictionary.lookup(v)
    return ords


def date_mask(cols: Columns, labels: list[str]) -> np.ndarray:
    mask = np.zeros(cols.ndocs, dtype=bool)
    for label in labels:
        p = period(label)
        if p is None:
            mask |= ~cols.has_date
        else:
            mask |= (cols.days >= p[0]) & (cols.days <= p[1])
    return mask


def selection_masks(cols: Columns, dictionaries: dict[str, ValueDictionary],
                    request: SearchRequest) -> dict[str, np.ndarray]:
    """facet -> mask of documents its selection (and exclusions) lets through; absent = all."""
    masks: dict[str, np.ndarray] = {}
    for facet in VALUE_FACETS + ("date",):
        selected = [v for v in request.filters.get(facet, []) if v is not None and str(v).strip()]
        excluded = [v for v in request.excludes.get(facet, []) if v is not None and str(v).strip()]
        if facet == "date" and request.no_date:
            selected = selected + [NO_DATE_LABEL]
        if not selected and not excluded:
            continue
        if facet == "date":
            mask = date_mask(cols, selected) if selected else np.ones(cols.ndocs, dtype=bool)
            if excluded:
                mask &= ~date_mask(cols, excluded)
        else:
            d = dictionaries[facet]
            mask = (cols.value_mask(facet, _value_ords(facet, selected, d)) if selected
                    else np.ones(cols.ndocs, dtype=bool))
            if excluded:
                mask &= ~cols.value_mask(facet, _value_ords(facet, excluded, d))
        masks[facet] = mask
    return masks


def range_mask(cols: Columns, request: SearchRequest) -> np.ndarray | None:
    if request.date_from is None and request.date_to is None:
        return None
    mask = cols.has_date.copy()
    if request.date_from is not None:
        mask &= cols.days >= day_number(request.date_from)
    if request.date_to is not None:
        mask &= cols.days <= day_number(request.date_to)
    return mask


def others(masks: dict[str, np.ndarray], base: np.ndarray, skip: str) -> np.ndarray:
    out = base
    for facet, m in masks.items():
        if facet != skip:
            out = out & m
    return out


def top_values(counts: np.ndarray, dictionary: ValueDictionary, limit: int) -> list[tuple[str, int]]:
    nz = np.flatnonzero(counts)
    if len(nz) > limit:
        nz = nz[np.argpartition(-counts[nz], limit - 1)[:limit]]
    values = dictionary.values
    # by count descending, then alphabetically so equal counts have a stable order
    return sorted(((values[i], int(counts[i])) for i in nz), key=lambda vc: (-vc[1], vc[0]))


def choose_bucket(first: int, last: int) -> str:
    span = last - first
    if span <= 45:
        return "day"
    if span <= 190:
        return "week"
    if span <= 3 * 366:
        return "month"
    return "year"


def histogram(cols: Columns, mask: np.ndarray, request: SearchRequest) -> tuple[str | None, list]:
    days = cols.days[mask & cols.has_date]
    if len(days) == 0:
        return None, []
    first = day_number(request.date_from) if request.date_from else int(days.min())
    last = day_number(request.date_to) if request.date_to else int(days.max())
    bucket = choose_bucket(first, last)
    d64 = days.astype("datetime64[D]")
    if bucket == "day":
        keys = d64
    elif bucket == "week":
        keys = (days - (days + 3) % 7).astype("datetime64[D]")   # the Monday of the ISO week
    elif bucket == "month":
        keys = d64.astype("datetime64[M]")
    else:
        keys = d64.astype("datetime64[Y]")
    uniq, counts = np.unique(keys, return_counts=True)
    out = []
    for k, n in zip(uniq, counts):
        if bucket == "week":
            y, w, _ = day_from_number(int(k.astype(np.int64))).isocalendar()
            label = f"{y}-W{w:02d}"
        else:
            label = str(k)
        out.append((label, int(n)))
    return bucket, out
