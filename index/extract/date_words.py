"""The words a page prints before a date to say that it is the publication date ("Published",
"Veröffentlicht am", "Опубликовано").

A date the page labels as its publication is the page's own statement, wherever it stands; an
unlabelled date below the headline is as often an event's or a related item's. The words cover the
languages of the news the library reads (en, de, fr, es, it, pt, nl, pl, cs, sv, da, nb, fi, ru,
uk): what publishing systems print, not the wording of any one site. German "Stand:" is not one of
them: pages print it for the last change as often as for the first version.
"""
from __future__ import annotations

import datetime as dt
import re

from .dates import first_date_at

PUBLISHED = re.compile(
    r"(?i)(?<!\w)(?:first published|published|posted|publication date|date published|"
    r"veröffentlicht|erschienen|publiziert|publié|publiée|mis en ligne|publicado|publicada|"
    r"fecha de publicación|pubblicato|pubblicata|opublikowano|data publikacji|gepubliceerd|geplaatst|"
    r"publicerad|publiceret|publisert|julkaistu|publikováno|zveřejněno|опубликовано|дата публикации|"
    r"опубліковано|дата публікації)(?!\w)")
LABEL_TO_DATE = 30       # characters between the word and its date ("veröffentlicht am Dienstag, ")
_LABEL_ALONE = 15        # a piece that ends this close after the word has its date in the next piece


def published_in(text: str, language: str | None, following: str = "") -> dt.date | None:
    """The date ``text`` labels as the publication: right after a publication word in it, or at
    the start of ``following`` (the next text piece) when the word ends the piece ("Posted on"
    in its own <span>)."""
    for m in PUBLISHED.finditer(text):
        rest = text[m.end():]
        d, start = first_date_at(rest[:LABEL_TO_DATE + 40], language)
        if d is not None and start <= LABEL_TO_DATE:
            return d
        if d is None and len(rest.strip()) < _LABEL_ALONE and following:
            d, start = first_date_at(following[:LABEL_TO_DATE + 40], language)
            if d is not None and start <= LABEL_TO_DATE:
                return d
    return None


def labelled_published(texts: list[str], language: str | None) -> dt.date | None:
    """The first date the page labels as its publication, in document order."""
    for i, text in enumerate(texts):
        d = published_in(text, language, texts[i + 1] if i + 1 < len(texts) else "")
        if d is not None:
            return d
    return None

