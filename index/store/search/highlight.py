"""Snippets: a short passage of the article's clean body with the matched words marked.

Representation (documented on model.Hit.snippet): plain text, each matched word wrapped in
``[[`` and ``]]`` (MARK_OPEN/MARK_CLOSE), "…" where the passage is cut. Snippets come only from
the stored clean body, never from the raw file, so boilerplate cannot show up in them.
"""
from __future__ import annotations

import re

from whoosh import query as wq

from index.store.analyzers import STEMMED_LANGUAGES, stemming_analyzer

MARK_OPEN, MARK_CLOSE = "[[", "]]"
MAX_EXPANSIONS = 200
_ANALYZERS: dict[str, object] = {}


class Terms:
    """What the positive part of a query matches: exact words, and stems per language."""

    def __init__(self):
        self.words: set[str] = set()
        self.stems: dict[str, set[str]] = {lang: set() for lang in STEMMED_LANGUAGES}

    def __bool__(self):
        return bool(self.words) or any(self.stems.values())

    def add(self, field: str, text) -> None:
        text = text.decode("utf-8") if isinstance(text, bytes) else str(text)
        if field in ("exact", "title", "text_xx"):
            self.words.add(text)
        elif field.startswith("text_") and field[5:] in self.stems:
            self.stems[field[5:]].add(text)


def query_terms(q: wq.Query | None, reader) -> Terms:
    terms = Terms()

    def walk(node, negated: bool) -> None:
        if isinstance(node, wq.Not):
            return
        if isinstance(node, wq.AndNot):
            walk(node.a, negated)
            return
        if isinstance(node, wq.Phrase):
            for w in node.words:
                terms.add(node.fieldname, w)
            return
        if isinstance(node, (wq.Prefix, wq.Wildcard, wq.FuzzyTerm, wq.Regex)):
            try:
                for i, t in enumerate(node._btexts(reader)):
                    if i >= MAX_EXPANSIONS:
                        break
                    terms.add(node.fieldname, t)
            except Exception:       # an expansion problem must not break the search itself
                pass
            return
        if isinstance(node, wq.Term):
            terms.add(node.fieldname, node.text)
            return
        for child in node.children():
            walk(child, negated)

    if q is not None:
        walk(q, False)
    return terms


def _stemmer(lang: str):
    """The stem function of the language's analyzer (its last filter), cached per language."""
    fn = _ANALYZERS.get(lang)
    if fn is None:
        fn = _ANALYZERS[lang] = stemming_analyzer(lang).items[-1].stem
    return fn


def _pattern(terms: Terms, lang: str) -> re.Pattern | None:
    """A regex finding candidate words: exact words, and words starting like a stem (a stem
    is nearly always its word's prefix minus a changed last letter: "happi" <- "happy")."""
    cached = terms.__dict__.setdefault("_patterns", {})
    if lang in cached:
        return cached[lang]
    words = [w for w in terms.words if len(w) > 1] or list(terms.words)   # "Putin's" -> not "s"
    alts = [re.escape(w) + r"\b" for w in words]
    alts += [re.escape(st[: max(2, len(st) - 1)]) + r"\w*" for st in terms.stems.get(lang, ())]
    pat = re.compile(r"(?<!\w)(?:" + "|".join(sorted(alts, key=len, reverse=True)) + ")",
                     re.IGNORECASE) if alts else None
    cached[lang] = pat
    return pat


def snippet(body: str, terms: Terms, language: str | None, max_chars: int = 280) -> str:
    body = body.replace(MARK_OPEN, "[ [").replace(MARK_CLOSE, "] ]")
    lang = (language or "").lower()
    pat = _pattern(terms, lang) if terms else None
    if pat is None:
        return _cut(body, 0, max_chars)
    stems = terms.stems.get(lang, set())
    stem = _stemmer(lang) if stems else None
    spans = []
    for m in pat.finditer(body):
        w = m.group().lower()
        if w in terms.words or (stem and stem(w) in stems):
            spans.append((m.start(), m.end(), w))
    if not spans:
        return _cut(body, 0, max_chars)
    # the window of ~max_chars holding the most matches (distinct words count more)
    best, best_score = spans[0][0], -1
    for i, (s0, _, _) in enumerate(spans):
        inside = [sp for sp in spans[i:i + 40] if sp[1] <= s0 + max_chars - 40]
        score = 2 * len({w for _, _, w in inside}) + len(inside)
        if score > best_score:
            best, best_score = s0, score
    start_char = 0
    if best > 60:                    # a little context before the first match, from a word start
        space = body.find(" ", best - 60, best)
        start_char = space + 1 if space >= 0 else best
    return _cut(body, start_char, max_chars, marks={(a, b) for a, b, _ in spans})


def _cut(body: str, start: int, max_chars: int, marks=frozenset()) -> str:
    end = min(len(body), start + max_chars)
    if end < len(body):
        space = body.rfind(" ", start, end)
        if space > start + max_chars // 2:
            end = space
    out, pos = [], start
    for s, e in sorted(marks):
        if s < start or e > end:
            continue
        out += [body[pos:s], MARK_OPEN, body[s:e], MARK_CLOSE]
        pos = e
    out.append(body[pos:end])
    text = " ".join("".join(out).split())
    return ("…" if start > 0 else "") + text + ("…" if end < len(body) else "")
