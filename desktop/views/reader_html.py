"""The reader's HTML: the clean article with the query's words highlighted and numbered anchors.

Pure functions (no widgets) so the highlighting is testable on its own. Matching mirrors the
search loosely: a word matches a query term when it starts with the term's root, so "talks" also
marks "talk" and "talked"; quoted phrases mark their words; field-only terms (person:, country:)
are not body words and are skipped.
"""
from __future__ import annotations

import html
import re

from desktop.labels import country_label, language_name
from index.vocab.countries import focus_and_passing

OPERATORS = {"and", "or", "not", "to"}
NON_BODY_FIELDS = {"person", "country", "outlet", "lang", "language", "agency", "published", "date"}
DATE_SOURCE_TEXT = {
    "meta": "from the page's metadata", "header": "from the message header", "feed": "from the feed",
    "text": "from a date line in the text", "filename": "from the file name",
    # weak: the page states no date, only its address has one ("/2017/07/12/slug")
    "url": "from the page's address: the page states no date",
    # the page gave no publication date: the day it was last changed is the best there is
    "updated": "the page's update date: it states no publication date",
}
TOKEN = re.compile(r'(-?)(?:(\w+):)?("[^"]*"|[^\s()"]+)', re.UNICODE)


def query_terms(query: str) -> list[str]:
    """Body words worth highlighting for ``query`` (lower case; a trailing * kept as a prefix)."""
    terms: list[str] = []
    for neg, field, token in TOKEN.findall(query or ""):
        if neg or (field and field.lower() in NON_BODY_FIELDS):
            continue
        token = re.sub(r"~\d*(\.\d+)?$", "", token.strip('"'))
        for word in re.findall(r"[\w*]+", token, re.UNICODE):
            if word.lower() not in OPERATORS and len(word.strip("*")) >= 2:
                terms.append(word.lower())
    return list(dict.fromkeys(terms))


def term_pattern(terms: list[str], phrases: list[str] = ()) -> re.Pattern | None:
    parts = []
    for phrase in phrases:
        if phrase.strip():
            parts.append(r"\b" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"\b")
    for term in terms:
        if term.endswith("*"):
            parts.append(r"\b" + re.escape(term.rstrip("*")) + r"\w*")
        elif len(term) <= 4:
            parts.append(r"\b" + re.escape(term) + r"(?:s|es)?\b")
        else:
            root = term[:max(4, len(term) - 2)]
            parts.append(r"\b" + re.escape(root) + r"\w*")
    if not parts:
        return None
    return re.compile("|".join(parts), re.IGNORECASE | re.UNICODE)


def highlight(text: str, pattern: re.Pattern | None, mark_style: str, start: int = 0) -> tuple[str, int]:
    """Escape ``text`` and wrap matches in anchored spans; returns (html, next hit number)."""
    if pattern is None:
        return html.escape(text), start
    out, pos, n = [], 0, start
    for m in pattern.finditer(text):
        out.append(html.escape(text[pos:m.start()]))
        out.append(f'<a name="hit-{n}"></a><span style="{mark_style}">{html.escape(m.group(0))}</span>')
        n += 1
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out), n


def chip_links(facet: str, values: list[str], chip_style: str) -> str:
    links = []
    for v in values:
        label = country_label(v) if facet == "country" else v
        href = f"mw:{facet}:{html.escape(v, quote=True)}"
        links.append(f'<a href="{href}" style="{chip_style}">&nbsp;{html.escape(label)}&nbsp;</a>')
    return " &nbsp;".join(links)


def country_chips(article, c: dict) -> str:
    """The countries the article is about as chips, heaviest first; the ones it names in passing
    after them, dimmed (they are searchable, the facet does not count them)."""
    about, passing = focus_and_passing(article)
    out = chip_links("country", [code for code, _ in about], c["chip"])
    if passing:
        names = ", ".join(html.escape(country_label(code)) for code, _ in passing)
        out += f' &nbsp;<span style="color:{c["dim"]}">also named: {names}</span>'
    return out


def article_html(article, query: str, persons_selected=(), colors: dict | None = None) -> tuple[str, int]:
    """The reader's document for ``article``; returns (html, number of highlighted hits)."""
    c = {"mark": "background-color:#ffd84d; color:#000000;", "dim": "#777777",
         "chip": "background-color:#dde7f5; color:#10305a; text-decoration:none;"}
    c.update(colors or {})
    pattern = term_pattern(query_terms(query), list(persons_selected))
    title, hits = highlight(article.title or "(untitled)", pattern, c["mark"])
    meta = []
    if article.outlet:
        meta.append(f"<b>{html.escape(article.outlet)}</b>")
    if article.published:
        how = DATE_SOURCE_TEXT.get(article.published_source or "", "")
        meta.append(f"{article.published.isoformat()}"
                    + (f' <span style="color:{c["dim"]}">({how})</span>' if how else ""))
    else:
        meta.append(f'<span style="color:{c["dim"]}">no publication date found</span>')
    if article.language:
        meta.append(html.escape(language_name(article.language)))
    rows = []
    if article.agencies:
        rows.append(("Agencies", html.escape(", ".join(article.agencies))))
    if article.authors:
        rows.append(("Authors", html.escape(", ".join(article.authors))))
    if article.persons:
        rows.append(("Persons", chip_links("person", article.persons, c["chip"])))
    if article.countries:
        rows.append(("Countries", country_chips(article, c)))
    if article.url:
        u = html.escape(article.url, quote=True)
        rows.append(("URL", f'<a href="{u}">{html.escape(article.url)}</a>'))
    rows.append(("File", f'<span style="color:{c["dim"]}">{html.escape(article.path)}</span>'))
    table = "".join(f'<tr><td style="color:{c["dim"]}; padding-right:8px">{k}</td><td>{v}</td></tr>'
                    for k, v in rows)
    paras = []
    for para in re.split(r"\n\s*\n|\n", article.body or ""):
        if para.strip():
            text, hits = highlight(para.strip(), pattern, c["mark"], hits)
            paras.append(f"<p>{text}</p>")
    doc = (f'<h2 style="margin-bottom:4px">{title}</h2>'
           f'<p style="margin-top:0">{" &nbsp;·&nbsp; ".join(meta)}</p>'
           f'<table cellspacing="2">{table}</table><hr/>' + "".join(paras))
    return doc, hits
