"""Rows of ``mw_articles`` as the model's objects: articles, and hit snippets from ts_headline."""
from __future__ import annotations

import re

from index.model import Article
from index.store.search.highlight import MARK_CLOSE, MARK_OPEN, Terms, snippet


def article_from_row(title: str, body: str, doc: dict) -> Article:
    """``doc`` holds every field but the title and body (kept in their own columns)."""
    d = dict(doc)
    d["title"], d["body"] = title, body
    return Article.from_json(d)


def _words(s: str) -> str:
    return " ".join(re.findall(r"\w+", s))


def hit_snippet(head: str | None, start: str | None, end: str | None, language: str | None) -> str:
    """``ts_headline``'s passage as a ``Hit.snippet``: one line, "…" where the body goes on
    (``start``/``end``: the body's first and last characters). Without a query: the body's
    beginning, as the local library shows it."""
    start = start or ""
    if head is None:
        return snippet(start, Terms(), language) if start else ""
    text = " ".join(head.split())
    plain = text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    # ts_headline drops punctuation at the passage's ends: compare words only
    if not _words(start).startswith(_words(plain[:60])):
        text = "…" + text
    if not _words(end or "").endswith(_words(plain[-60:])):
        text = text + "…"
    return text
