"""Our query language translated into a PostgreSQL condition over ``mw_articles a``.

The syntax and its checks are the local library's (``index.store.search.query.check``: the
same messages and positions for a malformed query); the meaning is PostgreSQL's own machinery:

- a bare word: ``a.tsv @@ mw_query(word)`` (stemmed in every configuration, see migrations);
- ``"a phrase"``: its word pairs in ``a.pairs`` (one GIN lookup for two words; for more, the
  pairs AND-ed and then ``a.exact @@ phraseto_tsquery('simple', ...)`` on those candidates);
  ``"a phrase"~N``: ``a.exact`` with each next word within N positions (``<1>`` ... ``<N>``);
- ``engin*``: the prefix query ``'engin':*``; other wildcards (``w?ld``, ``*ing``) and fuzzy
  terms (``ukrane~``, ``~2``) are expanded against the library's vocabulary ``mw_words``
  (``pg_trgm``'s index for regular expressions; ``fuzzystrmatch``'s Levenshtein distance with
  the first letter fixed, as Whoosh's fuzzy terms) into an OR of words;
- ``person:`` ``outlet:`` ``agency:`` match words of a facet value in ``mw_values``;
  ``country:`` a code or a country name; ``lang:`` the language code; ``published:`` the
  ``date`` column; ``title:`` the title's words; ``id:`` the article id.

Precedence is Whoosh's, so a query means the same in both libraries: ``NOT``/``-`` bind one
term, explicit ``AND`` binds tighter than ``OR``, and both tighter than the implicit AND
between neighbouring terms (``a b OR c`` is ``a AND (b OR c)``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from index.model import QueryError
from index.store.schema import day_from_number
from index.store.search.query import FIELDS, _lower_field_names, _parse_date, check
from index.vocab.countries import country_code

MAX_EXPANSIONS = 200            # words a wildcard or fuzzy term may stand for (as Whoosh's)
_FIELD_AT = re.compile(r"([^\W\d]\w*):")
_PHRASE_AT = re.compile(r'"([^"]*)"(?:~(\d+))?')
_WORD_AT = re.compile(r'[^\s()"]+')
_FUZZY = re.compile(r"^(.*?)~(\d*)$")


@dataclass
class Term:
    field: str | None            # schema-ish name: None (text), title, person, ..., pubday, id
    kind: str                    # word | phrase | prefix | wildcard | fuzzy | range
    value: object
    slop: int = 0


@dataclass
class Node:
    op: str                      # and | or | not
    children: list = field(default_factory=list)


# ---------------------------------------------------------------- parsing

class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def _skip(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def _peek_word(self) -> str | None:
        self._skip()
        m = _WORD_AT.match(self.text, self.pos)
        return m.group() if m else None

    def parse(self):
        node = self._implicit(top=True)
        return node

    def _implicit(self, top: bool = False, fieldname: str | None = None):
        items = []
        while True:
            self._skip()
            if self.pos >= len(self.text):
                break
            if self.text[self.pos] == ")":
                if top:                 # check() rejects unmatched ")"; be safe
                    self.pos += 1
                    continue
                break
            item = self._or(fieldname)
            if item is not None:
                items.append(item)
        return _simplify(Node("and", items))

    def _or(self, fieldname):
        parts = [self._and(fieldname)]
        while self._peek_word() == "OR":
            self.pos += 2
            parts.append(self._and(fieldname))
        return _simplify(Node("or", [p for p in parts if p is not None]))

    def _and(self, fieldname):
        parts = [self._unary(fieldname)]
        while self._peek_word() == "AND":
            self.pos += 3
            parts.append(self._unary(fieldname))
        return _simplify(Node("and", [p for p in parts if p is not None]))

    def _unary(self, fieldname):
        self._skip()
        if self._peek_word() == "NOT":
            self.pos += 3
            inner = self._unary(fieldname)
            return None if inner is None else Node("not", [inner])
        ch = self.text[self.pos:self.pos + 1]
        if ch in ("-", "+") and self.pos + 1 < len(self.text) and not self.text[self.pos + 1].isspace():
            self.pos += 1
            inner = self._atom(fieldname)
            return None if inner is None or ch == "+" else Node("not", [inner])
        return self._atom(fieldname)

    def _atom(self, fieldname):
        self._skip()
        t = self.text
        if t[self.pos] == "(":
            self.pos += 1
            inner = self._implicit(fieldname=fieldname)
            if self.pos < len(t) and t[self.pos] == ")":
                self.pos += 1
            return inner
        m = _FIELD_AT.match(t, self.pos)
        if m and fieldname is None and m.group(1).lower() in FIELDS:
            self.pos = m.end()
            name = FIELDS[m.group(1).lower()]
            if name == "pubday":
                return self._dates(m.start())
            if self.pos < len(t) and t[self.pos] == "(":
                self.pos += 1
                inner = self._implicit(fieldname=name)
                if self.pos < len(t) and t[self.pos] == ")":
                    self.pos += 1
                return inner
            return self._value(name)
        return self._value(fieldname)

    def _value(self, fieldname):
        t = self.text
        m = _PHRASE_AT.match(t, self.pos)
        if m:
            self.pos = m.end()
            words = m.group(1).strip()
            if not _has_word(words):
                return None
            return Term(fieldname, "phrase", words, int(m.group(2) or 0))
        m = _WORD_AT.match(t, self.pos)
        self.pos = m.end()
        return _word_term(fieldname, m.group())

    def _dates(self, at: int):
        t = self.text
        if t[self.pos:self.pos + 1] in ("[", "{"):
            close = min(i for i in (t.find("]", self.pos), t.find("}", self.pos)) if i >= 0)
            inner = t[self.pos + 1:close]
            opened, closed = t[self.pos], t[close]
            self.pos = close + 1
            parts = re.split(r"\s+TO\s+|^TO\s+|\s+TO$|^TO$", inner.strip())
            if len(parts) != 2:
                raise QueryError(f"a date range needs the form [FROM TO UNTIL] at position {at + 1}", at)
            lo = _parse_date(parts[0], at, end=False)
            hi = _parse_date(parts[1], at, end=True)
            if lo is not None and opened == "{":
                lo += 1
            if hi is not None and closed == "}":
                hi -= 1
            if lo is not None and hi is not None and lo > hi:
                raise QueryError(f"the date range ends before it starts at position {at + 1}", at)
        else:
            m = re.compile(r"[^\s()]*").match(t, self.pos)
            self.pos = m.end()
            lo = _parse_date(m.group(), at, False)
            hi = _parse_date(m.group(), at, True)
        return Term("pubday", "range", (None if lo is None else day_from_number(lo),
                                        None if hi is None else day_from_number(hi)))


def _has_word(text: str) -> bool:
    return re.search(r"\w", text) is not None


def _word_term(fieldname, word: str):
    fz = _FUZZY.match(word)
    if fz and fz.group(1) and _has_word(fz.group(1)):
        return Term(fieldname, "fuzzy", fz.group(1).lower(), int(fz.group(2) or 1))
    if not _has_word(word):
        return None
    if "*" in word or "?" in word:
        stem = word.rstrip("*")
        if "*" not in stem and "?" not in stem:
            return Term(fieldname, "prefix", stem.lower())
        return Term(fieldname, "wildcard", word.lower())
    return Term(fieldname, "word", word)


def _simplify(node: Node):
    if not node.children:
        return None
    if len(node.children) == 1 and node.op in ("and", "or"):
        return node.children[0]
    return node


def parse(text: str):
    """The query's tree (Term/Node); None for an empty query. Raises QueryError."""
    if not text or not text.strip():
        return None
    check(text)
    tree = _Parser(_lower_field_names(text)).parse()
    if tree is None:
        raise QueryError("the query has no searchable words", 0)
    return tree


# ---------------------------------------------------------------- SQL

def lexeme(word: str) -> str:
    """A tsquery operand: quoted, so any character is literal."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


# (kind, value, distance) -> words: "wildcard" and "fuzzy" expand a term against the
# vocabulary; "tokens" gives a phrase's (lexeme, position) as the server parses it
Expander = Callable[[str, str, int], list]


@dataclass
class Condition:
    sql: str                                         # a boolean SQL expression over ``a``
    params: list
    rank_sql: str = "0"                              # relevance of a row, over ``a``
    rank_params: list = field(default_factory=list)
    # the tsqueries the relevance ranks ``a.lead`` by, as (sql, params): a row whose lead has
    # none of their words scores the least (search_sql.page_sql's lead_first)
    rank_queries: list[tuple[str, list]] = field(default_factory=list)
    highlight_words: list[str] = field(default_factory=list)   # positive words, for headlines
    highlight_prefixes: list[str] = field(default_factory=list)


class _Builder:
    def __init__(self, expand: Expander):
        self.expand = expand
        self.params: list = []
        self.rank: list[tuple[str, list]] = []          # (tsquery sql, params) ranked by
        self.words: list[str] = []
        self.prefixes: list[str] = []

    def node(self, n, positive: bool = True) -> str:
        if isinstance(n, Term):
            return self.term(n, positive)
        if n.op == "not":
            return f"NOT ({self.node(n.children[0], not positive)})"
        joiner = " AND " if n.op == "and" else " OR "
        return "(" + joiner.join(self.node(c, positive) for c in n.children) + ")"

    def _p(self, *values) -> None:
        self.params.extend(values)

    def _words_query(self, words: list[str]) -> tuple[str, list] | None:
        if not words:
            return None
        return "to_tsquery('simple', %s)", [" | ".join(lexeme(w) for w in words)]

    def term(self, t: Term, positive: bool) -> str:
        if t.field == "pubday":
            lo, hi = t.value
            parts = ["a.published IS NOT NULL"]
            if lo is not None:
                parts.append("a.published >= %s")
                self._p(lo)
            if hi is not None:
                parts.append("a.published <= %s")
                self._p(hi)
            return "(" + " AND ".join(parts) + ")"
        if t.field == "id":
            self._p(str(t.value))
            return "a.id = %s"
        if t.field in ("person", "outlet", "agency", "country", "language"):
            return self.value_term(t)
        return self.text_term(t, positive)

    def text_term(self, t: Term, positive: bool) -> str:
        title = t.field == "title"
        if t.kind == "word":
            if positive:
                self.words.append(t.value)
                self.rank.append(("mw_query(%s)", [t.value]))
            self._p(t.value)
            sql = "a.tsv @@ mw_query(%s)"
            if title:
                self._p(t.value)
                sql += " AND to_tsvector(a.config, a.title) @@ mw_query(%s)"
            return f"({sql})"
        if t.kind == "phrase":
            q, qp = self._phrase(t.value, t.slop)
            if positive:
                self.words.extend(re.findall(r"\w+", t.value))
                self.rank.append((q, list(qp)))
            sql = self._phrase_match(t.value, t.slop, q, qp)
            if title:
                self._p(*qp)
                sql += f" AND to_tsvector('simple', a.title) @@ {q}"
            return f"({sql})"
        if t.kind == "prefix":
            if positive:
                self.prefixes.append(t.value)
            q = "to_tsquery('simple', %s)"
            self._p(lexeme(t.value) + ":*")
            sql = f"a.exact @@ {q}"
            if title:
                self._p(lexeme(t.value) + ":*")
                sql += f" AND to_tsvector('simple', a.title) @@ {q}"
            return f"({sql})"
        words = self.expand(t.kind, t.value, t.slop)       # wildcard, fuzzy
        wq = self._words_query(words)
        if wq is None:
            return "FALSE"
        if positive:
            self.words.extend(words)
            self.rank.append((wq[0], list(wq[1])))
        self._p(*wq[1])
        sql = f"a.exact @@ {wq[0]}"
        if title:
            self._p(*wq[1])
            sql += f" AND to_tsvector('simple', a.title) @@ {wq[0]}"
        return f"({sql})"

    def _phrase_match(self, text: str, slop: int, q: str, qp: list) -> str:
        """An exact phrase through the word pairs' index (migration 4): two words are one
        lookup in ``a.pairs``; more words AND their pairs in the index, and only the articles
        with every pair are checked for the positions in ``exact``. A phrase with a slop, or
        of one word, is ``exact @@`` as before."""
        pairs = None if slop > 1 else phrase_pairs(self.expand("tokens", text, 0))
        if not pairs:
            self._p(*qp)
            return f"a.exact @@ {q}"
        self._p(" & ".join(lexeme(p) for p in pairs))
        if len(pairs) == 1:                 # two words: the pair is the phrase
            return "a.pairs @@ %s::tsquery"
        # ``coalesce``: the position check must filter the pairs' few candidates, never be
        # planned as a scan of ``exact``'s index (its words are in most articles)
        self._p(*qp)
        return f"a.pairs @@ %s::tsquery AND coalesce(a.exact, ''::tsvector) @@ {q}"

    def _phrase(self, text: str, slop: int) -> tuple[str, list]:
        words = re.findall(r"\w+", text)
        if slop <= 1 or len(words) < 2:
            return "phraseto_tsquery('simple', %s)", [text]
        if slop ** (len(words) - 1) > 64:       # too many spellings: all the words, any order
            return "plainto_tsquery('simple', %s)", [text]
        # each next word 1..slop positions after the previous one
        sql, params = "plainto_tsquery('simple', %s)", [words[0]]
        for w in words[1:]:
            alts, all_params = [], []
            for d in range(1, slop + 1):
                alts.append(f"tsquery_phrase({sql}, plainto_tsquery('simple', %s), {d})")
                all_params += params + [w]
            sql, params = "(" + " || ".join(alts) + ")", all_params
        return sql, params

    def value_term(self, t: Term) -> str:
        facet = t.field
        if facet == "language":
            self._p(str(t.value).lower())
            return "a.seq IN (SELECT seq FROM mw_values WHERE facet = 'language' AND key = %s)"
        if facet == "country":          # every country named, not only the facet's (store.py)
            facet = "country_all"
            code = country_code(str(t.value)) if t.kind in ("word", "phrase") else None
            if code:
                self._p(code.lower())
                return "a.seq IN (SELECT seq FROM mw_values WHERE facet = 'country_all' AND key = %s)"
        if t.kind == "phrase":
            q, qp = "phraseto_tsquery('simple', %s)", [t.value]
        elif t.kind == "prefix":
            q, qp = "to_tsquery('simple', %s)", [lexeme(t.value) + ":*"]
        elif t.kind in ("wildcard", "fuzzy"):
            words = self.expand(t.kind, t.value, t.slop)
            wq = self._words_query(words)
            if wq is None:
                return "FALSE"
            q, qp = wq
        else:
            q, qp = "plainto_tsquery('simple', %s)", [t.value]
        self._p(facet, *qp)
        return f"a.seq IN (SELECT seq FROM mw_values WHERE facet = %s AND words @@ {q})"


# mw_pairs (migration 4) makes no pair of a word this long, nor past this position
PAIR_WORD_LIMIT, PAIR_POSITION_LIMIT = 100, 16383


def phrase_pairs(tokens: list[tuple[str, int]] | None) -> list[str] | None:
    """The word pairs of a phrase, in order, from its tokens as PostgreSQL's ``simple`` parser
    gives them ((lexeme, position), by position); None when the pairs cannot stand for it (one
    word, or a token that ``mw_pairs`` leaves out)."""
    if not tokens or len(tokens) < 2:
        return None
    out = []
    for (w1, p1), (w2, p2) in zip(tokens, tokens[1:]):
        if p2 != p1 + 1 or max(len(w1), len(w2)) >= PAIR_WORD_LIMIT or p2 >= PAIR_POSITION_LIMIT:
            return None
        out.append(f"{w1} {w2}")
    return out


def condition(text: str, expand: Expander) -> Condition | None:
    """The SQL condition for a query; None for an empty query (every article). QueryError."""
    tree = parse(text)
    if tree is None:
        return None
    b = _Builder(expand)
    sql = b.node(tree)
    rank_sql = " + ".join(f"ts_rank(a.lead, {q})" for q, _ in b.rank) or "0"
    rank_params = [p for _, ps in b.rank for p in ps]
    return Condition(sql, b.params, rank_sql, rank_params, rank_queries=list(b.rank),
                     highlight_words=b.words, highlight_prefixes=b.prefixes)


def wildcard_regex(pattern: str) -> str:
    """``w?ld*`` -> ``^w.ld.*$`` (a POSIX regex for ``mw_words``)."""
    out = []
    for ch in pattern:
        out.append(".*" if ch == "*" else "." if ch == "?" else re.escape(ch))
    return "^" + "".join(out) + "$"
