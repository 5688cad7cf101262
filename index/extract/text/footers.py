"""Newsletter and e-mail footers: "Unsubscribe", "You are receiving this email because ...",
"View this email in your browser", "Our mailing address is: ...".

Phrases live in resources/data/boilerplate.json ("footer_line", anchored to the whole line, so a
news sentence that merely mentions subscribers or unsubscribing stays). clean.py asks two things:
- is_footer_line(line): one line is a footer phrase (cut wherever it stands);
- footer_block(lines, kept, email): the tail block from the first footer line to the end, which
  also takes the short lines a footer carries without phrases of its own (postal address,
  copyright, company name, links).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from ...resources import data_path

_SEP = re.compile(r"\s+[|•·]\s+")          # "Unsubscribe | Manage preferences | Privacy"
_WORDS = re.compile(r"\w+")
_LONGEST = 400                             # "You are receiving this email because ..." paragraphs
_TAIL_WINDOW = 12                          # lines scanned from the end
_TAIL_WINDOW_EMAIL = 20                    # mail tails are longer: address, legal, links
_SIGNATURE = "-- "                         # RFC 3676 signature separator


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern, tuple[str, ...]]:
    with open(data_path("boilerplate.json"), encoding="utf-8") as fh:
        d = json.load(fh)
    return re.compile(d["footer_line"], re.I), tuple(d["footer_stems"])


def _norm(line: str) -> str:
    return " ".join(line.strip(" \t*•·–—-|>#[]()").casefold().split())


def is_footer_line(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > _LONGEST:
        return False
    n = _norm(s)
    rx, stems = _rules()
    if not any(x in n for x in stems):     # the regex is a long alternation: gate it
        return False
    if rx.match(n):
        return True
    # A link row: every part short, at least one a footer phrase ("Unsubscribe | Privacy policy").
    parts = [p for p in _SEP.split(n) if p]
    return (len(parts) > 1 and all(len(p.split()) <= 6 for p in parts)
            and any(rx.match(p) for p in parts))


def _is_paragraph(line: str) -> bool:
    """A sentence of news: long, or ending like a sentence with ten words or more."""
    s = line.strip()
    return len(s) >= 120 or (s[-1:] in ".!?…\"”»" and len(_WORDS.findall(s)) >= 10)


def footer_block(lines: list[str], kept: list[int], *, email: bool = False) -> list[int]:
    """Indices (from ``kept``) of the footer at the end of the text, or [].

    Scanning up from the last line, footer lines and short lines (address, copyright) are
    collected; a paragraph that is not a footer phrase ends the scan, so the news above stays.
    The block starts at its first footer line. Mail also drops a "-- " signature to the end."""
    if len(kept) < 2:
        return []
    if email:
        for pos in range(max(1, len(kept) * 2 // 5), len(kept)):
            if lines[kept[pos]].rstrip("\n") in (_SIGNATURE, "--"):
                return kept[pos:]
    window = _TAIL_WINDOW_EMAIL if email else _TAIL_WINDOW
    start = None
    for pos in range(len(kept) - 1, max(0, len(kept) - 1 - window), -1):
        s = lines[kept[pos]]
        if is_footer_line(s):
            start = pos
        elif _is_paragraph(s):
            break
    # Position 0 is the article itself (or a mail that is nothing but a footer): never all of it.
    if start is None or start == 0:
        return []
    return kept[start:]
