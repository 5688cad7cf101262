"""The briefing of a saved search: its new matches since a date, grouped by story, as one
self-contained HTML page (and PDF through the desktop app's printer, see ``pdf``).

"New since DATE" (``basis``):
- ``published`` (default): matches published on or after DATE, plus undated matches that were
  imported on or after DATE (they are new to the library and would otherwise never show);
- ``imported``: matches that arrived in the library on or after DATE, whatever their date.

Stories are those of ``mediawatch stories``: newest story first, its articles in publication
order (the lead first); a near-identical copy says which source it copies. Every article is a
numbered source cited exactly as the comparison briefing cites (``stories.briefing.citation``:
outlet, date, title, URL or file, SHA-256). Nothing is passed through as HTML: titles,
snippets and names are escaped, the page carries a Content-Security-Policy that forbids every
load, and it has no scripts, frames, images or remote styles.
"""
from __future__ import annotations

import datetime as dt
import html
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from index.alerts.watch import copy_links
from index.export import ExportCancelled, ExportError, table
from index.export.results import describe
from index.model import Article, SearchRequest
from index.store.search.highlight import MARK_CLOSE, MARK_OPEN
from index.stories.briefing import CSS, NO_REMOTE, citation
from index.stories.compare import Side

BASES = ("published", "imported")
LIMIT = 500
PAGE = 500

_DIGEST_CSS = CSS + """
.story { margin: 1.2em 0 1.6em; }
.story h2 { margin-bottom: .2em; }
.meta { color: #555; font-size: .92em; }
ol.items { padding-left: 0; list-style: none; }
ol.items li { margin: .7em 0; }
.snip { display: block; margin: .2em 0 .1em; }
.who { display: block; color: #555; font-size: .92em; }
mark { background: #fff1c4; }
"""


@dataclass
class DigestItem:
    n: int                      # source number
    article: Article
    snippet: str                # Hit.snippet markup ([[ ]] around matched words)
    copy_of: int | None = None  # source number of the article this one copies


@dataclass
class DigestStory:
    story_id: int | None
    items: list[DigestItem]
    in_library: int = 0         # articles of this story in the whole library

    @property
    def outlets(self) -> list[str]:
        return sorted({i.article.outlet for i in self.items if i.article.outlet})

    @property
    def dates(self) -> list[dt.date]:
        return sorted(i.article.published for i in self.items if i.article.published)


@dataclass
class Digest:
    name: str
    request: SearchRequest
    since: dt.date
    basis: str
    total: int                  # new matches
    stories: list[DigestStory] = field(default_factory=list)
    generated: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))

    @property
    def shown(self) -> int:
        return sum(len(s.items) for s in self.stories)


def _is_new(a: Article, since: dt.date, basis: str) -> bool:
    if basis == "published" and a.published is not None:
        return a.published >= since
    return a.imported is not None and a.imported.date() >= since


def _candidates(request: SearchRequest, since: dt.date, basis: str) -> list[SearchRequest]:
    """Requests whose matches hold every new match (each then checked by ``_is_new``)."""
    base = {**request.to_json(), "offset": 0, "sort": "newest", "facets": False, "snippets": True}
    if basis == "imported":
        return [SearchRequest.from_json(base)]
    out = []
    if not request.no_date:
        dated = SearchRequest.from_json(base)
        dated.date_from = max(since, request.date_from) if request.date_from else since
        if dated.date_to is None or dated.date_to >= dated.date_from:
            out.append(dated)
    if request.date_from is None and request.date_to is None:
        undated = SearchRequest.from_json(base)
        undated.no_date = True
        out.append(undated)
    return out


def build_digest(library, request: SearchRequest, since: dt.date, *, name: str = "",
                 basis: str = "published", limit: int = LIMIT, cancel=None) -> Digest:
    """The newest ``limit`` new matches of ``request`` since ``since``, grouped by story.
    Raises QueryError for a stored query that no longer parses."""
    if basis not in BASES:
        raise ExportError(f'unknown basis "{basis}" (use {", ".join(BASES)})')
    kept: list = []
    total = 0
    for req in _candidates(request, since, basis):
        with library.store.scan(req) as scan:
            for page in scan.pages(PAGE):
                if cancel is not None and cancel.cancelled:
                    break
                for m in page:
                    if _is_new(m.article, since, basis):
                        total += 1
                        if len(kept) < limit:
                            kept.append(m)
    if cancel is not None and cancel.cancelled:
        raise ExportCancelled("The briefing was cancelled; no file was written.")
    digest = Digest(name or describe(request), request, since, basis, total)
    digest.stories = _group(library.state, kept)
    return digest


def _story_sizes(state, story_ids: list[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    try:
        for i in range(0, len(story_ids), 500):
            chunk = story_ids[i:i + 500]
            out.update(state.execute(
                f"SELECT story_id, COUNT(*) FROM story_articles WHERE story_id IN "
                f"({','.join('?' * len(chunk))}) GROUP BY story_id", chunk).fetchall())
    except sqlite3.OperationalError:
        pass
    return out


def _day_key(a: Article) -> tuple:
    return (a.published is None, a.published or dt.date.min, a.id)


def _group(state, matches: list) -> list[DigestStory]:
    ids = [m.article.id for m in matches]
    story_of = table.story_ids(state, ids)
    groups: dict[object, list] = {}
    for m in matches:
        sid = story_of.get(m.article.id)
        groups.setdefault(sid if sid is not None else ("alone", m.article.id), []).append(m)
    sizes = _story_sizes(state, sorted({s for s in story_of.values()}))

    def newest(ms) -> tuple:
        dates = [m.article.published for m in ms if m.article.published]
        return (bool(dates), max(dates) if dates else dt.date.min, len(ms))

    ordered = sorted(groups.items(), key=lambda kv: newest(kv[1]), reverse=True)
    copies = copy_links(state, ids)
    stories, n = [], 0
    for key, ms in ordered:
        ms.sort(key=lambda m: _day_key(m.article))
        items, number = [], {}
        for m in ms:
            n += 1
            number[m.article.id] = n
            lead = next((number[o] for o in sorted(copies.get(m.article.id, ()))
                         if o in number and number[o] != n), None)
            items.append(DigestItem(n, m.article, m.snippet, lead))
        sid = key if isinstance(key, int) else None
        stories.append(DigestStory(sid, items, sizes.get(sid, len(items)) if sid is not None else 1))
    return stories


# ---------------------------------------------------------------- rendering

def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


def _snippet_html(snippet: str) -> str:
    # snippet() turns any "[[" / "]]" of the text itself into "[ [" / "] ]", so the markers
    # left are its own; escaping first keeps every character of the article text inert
    return _e(snippet).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def _since_text(d: Digest) -> str:
    if d.basis == "imported":
        return f"imported since {d.since.isoformat()}"
    return f"published since {d.since.isoformat()} (and undated articles imported since then)"


def _story_html(story: DigestStory) -> list[str]:
    lead = story.items[0].article
    dates = story.dates
    span = (f"{dates[0].isoformat()} – {dates[-1].isoformat()}" if len(dates) > 1 and dates[0] != dates[-1]
            else dates[0].isoformat() if dates else "no date")
    label = f"Story {story.story_id}" if story.story_id is not None else "Single article"
    more = (f"; {story.in_library} articles in the library" if story.in_library > len(story.items) else "")
    out = [f'<div class="story"><h2>{_e(label)}: {_e(lead.title or "(untitled)")}</h2>',
           f'<p class="meta">{len(story.items)} new · {_e(", ".join(story.outlets) or "unknown outlet")}'
           f' · {_e(span)}{_e(more)}</p><ol class="items">']
    for it in story.items:
        a = it.article
        who = []
        if a.persons:
            who.append("Persons: " + ", ".join(a.persons))
        if a.countries:
            who.append("Countries: " + ", ".join(a.countries))
        if a.agencies:
            who.append("Agency: " + ", ".join(a.agencies))
        copy = f" · copy of [{it.copy_of}]" if it.copy_of else ""
        out.append(
            f'<li id="item{it.n}"><a href="#src{it.n}">[{it.n}]</a> '
            f'{_e(a.outlet or "unknown outlet")}, {_e(a.published.isoformat() if a.published else "no date")}'
            f' — <b>{_e(a.title or "(untitled)")}</b>{_e(copy)}'
            + (f'<div class="snip">{_snippet_html(it.snippet)}</div>' if it.snippet else "")
            + (f'<div class="who">{_e("; ".join(who))}</div>' if who else "") + "</li>")
    out.append("</ol></div>")
    return out


def render_digest_html(d: Digest) -> str:
    title = f"Briefing: {d.name}"
    outlets = sorted({o for s in d.stories for o in s.outlets})
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'>{NO_REMOTE}"
             f"<title>{_e(title)}</title><style>{_DIGEST_CSS}</style></head><body>",
             f"<h1>{_e(title)}</h1>",
             f"<p>New matches {_e(_since_text(d))}. Generated {_e(d.generated.strftime('%Y-%m-%d %H:%M'))} "
             f"by Mediawatch. Search: {_e(describe(d.request))}.</p>"]
    if not d.total:
        parts.append("<p><b>No new matches.</b></p>")
    else:
        parts.append(f"<p><b>{d.total:,} new match{'es' if d.total != 1 else ''}</b> in "
                     f"{len(d.stories):,} stor{'ies' if len(d.stories) != 1 else 'y'} from "
                     f"{len(outlets):,} outlet{'s' if len(outlets) != 1 else ''}"
                     f"{': ' + _e(', '.join(outlets[:12])) + (' …' if len(outlets) > 12 else '') if outlets else ''}.</p>")
    if d.total > d.shown:
        parts.append(f"<p class='meta'>The {d.shown:,} newest are listed; {d.total - d.shown:,} "
                     "older new matches are not (raise the limit to include them).</p>")
    for story in d.stories:
        parts += _story_html(story)
    if d.shown:
        parts.append("<h2>Sources</h2><ol style='list-style:none;padding:0'>")
        parts += [citation(it.n, Side.of(it.article)) for s in d.stories for it in s.items]
        parts.append("</ol>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_digest(path: str | os.PathLike, digest: Digest, fmt: str | None = None) -> Path:
    """Write the briefing as HTML, or PDF (``.pdf`` or fmt="pdf") when a PDF renderer is
    installed (the desktop app installs one). Writes NAME.partial and renames it."""
    from index.export import pdf
    from index.export.writers import partial_path
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".") or "html").lower()
    if fmt == "htm":
        fmt = "html"
    if fmt not in ("html", "pdf"):
        raise ExportError(f"{path}: a briefing is written as .html or .pdf")
    if path.is_dir():
        raise ExportError(f"{path} is a folder; choose a file name")
    if fmt == "pdf" and not pdf.available():
        pdf.write_pdf("", path)          # raises, naming the file and what to do instead
    page = render_digest_html(digest)
    tmp = partial_path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "pdf":
            pdf.write_pdf(page, tmp, title=f"Briefing: {digest.name}")
        else:
            tmp.write_text(page, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {e.strerror or e}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
