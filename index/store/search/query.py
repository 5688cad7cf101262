"""The query language: Whoosh's parser, configured, behind a strict checker.

Whoosh's parser repairs malformed input silently (an unclosed quote becomes a term, an unknown
``foo:`` becomes text). The user must never get a different query than the one typed, so
``check`` scans the text first and raises QueryError saying what is wrong and where. Positions in
messages are 1-based characters; ``QueryError.position`` is the 0-based offset.

Syntax: terms AND-ed, ``OR``, ``NOT``/``-term``, ``"phrase"`` (exact words), ``"phrase"~N``,
``wild*``/``w?ld``, ``fuzzy~``/``fuzzy~2``, ``( )``, fields (see FIELDS), and
``published:[2025-05-01 TO 2025-05-31]`` (either end may be empty or ``*``; ``published:2025-05``
means that month).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from whoosh import qparser, query as wq
from whoosh.qparser import syntax

from index.model import QueryError
from index.store.schema import TEXT_FIELDS, day_number

# field as typed -> schema field
FIELDS = {"title": "title", "person": "person", "country": "country", "outlet": "outlet",
          "lang": "language", "language": "language", "agency": "agency", "published": "pubday",
          "id": "id"}
DEFAULT_FIELDS = ("title",) + TEXT_FIELDS
OPERATORS = ("AND", "OR", "NOT")

_FIELD_RE = re.compile(r"(?<![\w.:/])([^\W\d]\w*):")
_RANGE_RE = re.compile(r"published:([\[{])([^\]}]*)([\]}])")
_SINGLE_DATE_RE = re.compile(r"published:(?![\[{])([^\s()]*)")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


# Limits that keep every query's answer (or its refusal) within a second. Whoosh's parser is
# worse than quadratic in the length of one word (measured: 4,000 characters 0.6 s, 100,000 not
# done after 5 minutes) and linear but slow in the number of words (~0.1 s per 1,000 characters
# on a loaded machine); a fuzzy distance past 2 builds automata that read most of the lexicon.
MAX_QUERY_CHARS = 2000
MAX_WORD_CHARS = 200
MAX_DEPTH = 32
MAX_FUZZY = 2
MIN_WILDCARD_PREFIX = 2
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_FUZZY = re.compile(r'(?<!")~(\d+)')


def _fail(message: str, pos: int) -> None:
    raise QueryError(f"{message} at position {pos + 1}", pos)


def _outside_quotes(text: str) -> list[bool]:
    """For each character, whether it is outside a quoted phrase (quotes themselves count as inside)."""
    flags, inside = [], False
    for ch in text:
        if ch == '"':
            flags.append(False)
            inside = not inside
        else:
            flags.append(not inside)
    return flags


def check_limits(text: str) -> None:
    """Raise QueryError for what no parser should be handed: over-long queries and words,
    characters that are not text, deep nesting, costly fuzzy distances and bare wildcards."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is too long ({len(text):,} characters; the limit is "
                         f"{MAX_QUERY_CHARS:,}): save a shorter search or split it", MAX_QUERY_CHARS)
    m = _SURROGATE.search(text)
    if m:
        _fail("the query holds a character that is not valid text (a lone surrogate)", m.start())
    m = _CONTROL.search(text)
    if m:
        _fail(f"the query holds an invisible control character (U+{ord(m.group()):04X})", m.start())
    outside = _outside_quotes(text)
    depth = 0
    for i, ch in enumerate(text):
        if outside[i] and ch == "(":
            depth += 1
            if depth > MAX_DEPTH:
                _fail(f"parentheses nested too deeply (more than {MAX_DEPTH} levels)", i)
        elif outside[i] and ch == ")":
            depth -= 1
    # ranges ([2025 TO *], {a TO b}) blanked out: their "*" is an open end, not a wildcard
    words = re.sub(r"[\[{][^\]}]*[\]}]", lambda r: " " * len(r.group()), text)
    for m in re.finditer(r"[^\s()]+", words):
        word, pos = m.group(), m.start()
        if len(word) > MAX_WORD_CHARS and not word.startswith('"') and outside[pos]:
            _fail(f"a word of {len(word):,} characters is not a word (limit {MAX_WORD_CHARS})", pos)
        if outside[pos]:
            _check_wildcard(word, pos)
    for m in _FUZZY.finditer(text):
        if outside[m.start()] and int(m.group(1)) > MAX_FUZZY:
            _fail(f"a fuzzy search allows at most {MAX_FUZZY} differences (word~1 or word~2)",
                  m.start())


def _check_wildcard(word: str, pos: int) -> None:
    value = word.split(":", 1)[1] if _FIELD_RE.match(word) else word
    value = value.lstrip("+-")
    if not value or ("*" not in value and "?" not in value):
        return
    if value.strip("*?") == "":
        _fail('a lone wildcard matches every word; clear the search box to see every article', pos)
    lead = len(value) - len(value.lstrip("*?"))
    first = min(i for i in (value.find("*"), value.find("?")) if i >= 0)
    if lead or first < MIN_WILDCARD_PREFIX:
        _fail(f'a wildcard pattern needs at least {MIN_WILDCARD_PREFIX} letters before its first '
              f'"*" or "?" ("{value}" would read every word of the library)', pos)


def check(text: str) -> None:
    """Raise QueryError for unbalanced quotes/parentheses/brackets, unknown fields, empty field
    values and dangling operators."""
    check_limits(text)
    quote_at = None
    parens: list[int] = []
    bracket_at = None
    for i, ch in enumerate(text):
        if ch == '"':
            quote_at = None if quote_at is not None else i
        elif quote_at is not None:
            continue
        elif bracket_at is not None:
            if ch in "]}":
                bracket_at = None
            elif ch in "[{()":
                _fail(f'unexpected "{ch}" inside the range opened', bracket_at)
        elif ch in "[{":
            bracket_at = i
        elif ch in "]}":
            _fail(f'unmatched "{ch}"', i)
        elif ch == "(":
            parens.append(i)
        elif ch == ")":
            if not parens:
                _fail('unmatched ")"', i)
            parens.pop()
    if quote_at is not None:
        _fail("unbalanced quote: the quote is never closed", quote_at)
    if bracket_at is not None:
        _fail(f'unbalanced range: the "{text[bracket_at]}" is never closed', bracket_at)
    if parens:
        _fail('unbalanced parenthesis: the "(" is never closed', parens[-1])

    outside = _outside_quotes(text)
    for m in _FIELD_RE.finditer(text):
        if not outside[m.start()]:
            continue
        name = m.group(1)
        if name.lower() not in FIELDS:
            known = ", ".join(sorted(FIELDS))
            _fail(f'unknown field "{name}:" (known fields: {known})', m.start())
        nxt = text[m.end():m.end() + 1]
        if nxt in ("", " ", "\t", "\n", ")"):
            _fail(f'field "{name}:" has no value', m.start())

    words = [(m.group(), m.start()) for m in re.finditer(r'"[^"]*"(?:~\d+)?|[()]|[^\s()"]+', text)]
    prev = None
    for k, (w, pos) in enumerate(words):
        nxt = words[k + 1][0] if k + 1 < len(words) else None
        if w in ("AND", "OR"):
            if prev is None or prev in ("AND", "OR", "NOT", "("):
                _fail(f'"{w}" needs a term before it', pos)
            if nxt is None or nxt in ("AND", "OR", ")"):
                _fail(f'"{w}" needs a term after it', pos)
        elif w == "NOT" and (nxt is None or nxt in ("AND", "OR", ")")):
            _fail('"NOT" needs a term after it', pos)
        elif w == "(" and nxt == ")":
            _fail("empty parentheses", pos)
        elif w in ("-", "+"):
            _fail(f'"{w}" must be written right before a term', pos)
        elif re.search(r"~(?![\d\s]|$)", w) and not w.startswith('"'):
            _fail('"~" must be followed by a number or nothing (fuzzy: word~ or word~2)', pos)
        prev = w


def _parse_date(value: str, pos: int, end: bool) -> int | None:
    """A range end as a day number; ``end`` picks the last day of a year or month."""
    value = value.strip()
    if value in ("", "*"):
        return None
    m = _DATE_RE.match(value)
    try:
        if not m:
            raise ValueError
        y, mo, d = int(m.group(1)), m.group(2), m.group(3)
        if d:
            day = dt.date(y, int(mo), int(d))
        elif mo:
            mo = int(mo)
            day = dt.date(y, mo, calendar.monthrange(y, mo)[1] if end else 1)
        else:
            day = dt.date(y, 12, 31) if end else dt.date(y, 1, 1)
    except ValueError:
        _fail(f'bad date "{value}" (use YYYY-MM-DD, YYYY-MM or YYYY)', pos)
    return day_number(day)


def _range(lo: int | None, hi: int | None) -> str:
    # open ends become far-away days: Whoosh's parser drops a numeric range with an empty end
    return f"pubday:[{-10**6 if lo is None else lo} TO {10**6 if hi is None else hi}]"


def rewrite_dates(text: str) -> str:
    """``published:...`` becomes a numeric day range on ``pubday`` (dates checked here)."""
    def repl_range(m: re.Match) -> str:
        inner = m.group(2)
        parts = re.split(r"\s+TO\s+|^TO\s+|\s+TO$|^TO$", inner.strip())
        if len(parts) != 2:
            _fail('a date range needs the form [FROM TO UNTIL]', m.start())
        lo = _parse_date(parts[0], m.start(), end=False)
        hi = _parse_date(parts[1], m.start(), end=True)
        if lo is not None and m.group(1) == "{":
            lo += 1
        if hi is not None and m.group(3) == "}":
            hi -= 1
        if lo is not None and hi is not None and lo > hi:
            _fail("the date range ends before it starts", m.start())
        return _range(lo, hi)

    def repl_single(m: re.Match) -> str:
        value = m.group(1)
        return _range(_parse_date(value, m.start(), False), _parse_date(value, m.start(), True))

    text = _RANGE_RE.sub(repl_range, text)
    return _SINGLE_DATE_RE.sub(repl_single, text)


class _PhrasesToExact(qparser.Plugin):
    """Unfielded quoted text searches the unstemmed ``exact`` field only: quoted = exact words.
    Runs after explicit fields (priority 100) and before the multifield expansion (110)."""

    def filters(self, parser):
        return [(self.do, 105)]

    def do(self, parser, group):
        for node in group:
            if isinstance(node, syntax.GroupNode):
                self.do(parser, node)
            elif isinstance(node, qparser.PhrasePlugin.PhraseNode) and node.fieldname is None:
                node.set_fieldname("exact")
        return group


def make_parser(schema) -> qparser.QueryParser:
    p = qparser.MultifieldParser(list(DEFAULT_FIELDS), schema, fieldboosts={"title": 2.0},
                                 group=qparser.AndGroup)
    p.remove_plugin_class(qparser.SingleQuotePlugin)
    # + and - only at the start of a word: "pro-Russian" and "COVID-19" are words, not NOTs
    p.add_plugin(qparser.PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+", minusexpr=r"(?<![^\s(])-"))
    p.add_plugin(qparser.FuzzyTermPlugin())
    p.add_plugin(qparser.FieldAliasPlugin({"language": ["lang", "LANG", "Lang"]}))
    p.add_plugin(_PhrasesToExact())
    return p


def _lower_field_names(text: str) -> str:
    outside = _outside_quotes(text)
    return _FIELD_RE.sub(lambda m: (m.group(1).lower() + ":") if outside[m.start()] else m.group(0),
                         text)


def parse(text: str, parser: qparser.QueryParser) -> wq.Query | None:
    """The Whoosh query for ``text``; None for an empty query (everything matches)."""
    if not text or not text.strip():
        return None
    check(text)
    rewritten = rewrite_dates(_lower_field_names(text))
    q = parser.parse(rewritten)
    if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
        raise QueryError("the query has no searchable words", 0)
    return q
