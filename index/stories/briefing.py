"""A self-contained HTML briefing of a comparison: summary, side-by-side texts, differences,
citations (outlet, date, URL or file, SHA-256). One file, inline CSS, no scripts or remote
resources, so it opens anywhere and can be mailed as is."""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from ..model import Article
from .panes import Pane, build_panes, story_summary

COLOURS = {"verbatim": "#cfe8ff", "paraphrase": "#e3f1ff", "unique": "#fff1c4",
           "quote": "#b9dcff", "flag": "#ffd0d0"}

CSS = f"""
body {{ font: 14px/1.45 system-ui, sans-serif; margin: 1.5em; color: #222; }}
h1 {{ font-size: 1.4em; }} h2 {{ font-size: 1.15em; margin-top: 1.6em; }}
table.panes {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
table.panes td, table.panes th {{ vertical-align: top; border: 1px solid #ccc; padding: .5em; }}
.s {{ display: block; margin: 0 0 .35em; padding: .1em .25em; border-radius: 3px; }}
.verbatim {{ background: {COLOURS['verbatim']}; }} .paraphrase {{ background: {COLOURS['paraphrase']}; }}
.unique {{ background: {COLOURS['unique']}; }}
mark.q {{ background: {COLOURS['quote']}; }} .flag {{ background: {COLOURS['flag']}; padding: 0 .2em; }}
.legend span {{ padding: 0 .4em; margin-right: .6em; }}
.cite {{ font-size: .9em; word-break: break-all; }}
"""


# The page may load nothing from anywhere: no scripts, frames, fonts or images (inline CSS only).
NO_REMOTE = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
             "style-src 'unsafe-inline'; img-src data:\">")


def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


def _sentence_html(sentence: str, pane: Pane) -> str:
    out = _e(sentence)
    for q in pane.quotes_shared:
        eq = _e(q)
        if eq in out:
            out = out.replace(eq, f'<mark class="q">{eq}</mark>', 1)
    return out


def _linkable(url: str | None) -> bool:
    """Only web addresses become links: a javascript: or file: URL from a feed stays text."""
    return bool(url) and url.strip().lower().startswith(("http://", "https://"))


def citation(n: int, s) -> str:
    """Source [n] as every briefing cites it: outlet, date, title, the URL (a link only for
    http(s)) or the original file, and the SHA-256 of the text. ``s``: a compare.Side."""
    if _linkable(s.url):
        where = f'<a href="{_e(s.url.strip())}" rel="noreferrer">{_e(s.url.strip())}</a>'
    elif s.url:
        where = f"{_e(s.url)} (file {_e(s.path)})"
    else:
        where = f"file {_e(s.path)}"
    return (f'<li id="src{n}">[{n}] {_e(s.outlet or "unknown outlet")}, '
            f'{_e(s.published or "no date")}: “{_e(s.title)}”. {where}. '
            f'<span class="cite">SHA-256 {_e(s.sha256)}</span></li>')


def render_briefing(articles: list[Article], copies: list[list[str]] | None = None,
                    panes: list[Pane] | None = None, title: str | None = None) -> str:
    panes = panes or build_panes(articles)
    summary = story_summary(articles, copies)
    head = title or (articles[0].title if articles else "Coverage briefing")
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'>{NO_REMOTE}<title>{_e(head)}</title>"
             f"<style>{CSS}</style></head><body>",
             f"<h1>Coverage briefing: {_e(head)}</h1>",
             f"<p>Generated {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} by Mediawatch. "
             f"{summary['articles']} articles from {len(summary['outlets'])} outlets "
             f"({_e(', '.join(summary['outlets']) or 'unknown')}); first published "
             f"{_e(summary['first'] or 'unknown')}, last {_e(summary['last'] or 'unknown')}.</p>"]
    if summary["copies"]:
        parts.append("<p>Syndicated copies: " + "; ".join(
            " → ".join(_e(i) for i in g) for g in summary["copies"]) + "</p>")
    parts.append('<p class="legend"><span class="verbatim">shared verbatim</span>'
                 '<span class="paraphrase">shared, reworded</span><span class="unique">only here</span>'
                 '<mark class="q">quote in several</mark></p>')
    parts.append('<table class="panes"><tr>')
    for n, p in enumerate(panes, 1):
        parts.append(f'<th><a href="#src{n}">[{n}]</a> {_e(p.side.outlet or "?")}, '
                     f'{_e(p.side.published or "no date")}<br>{_e(p.side.title)}</th>')
    parts.append("</tr><tr>")
    for p in panes:
        body = "".join(f'<span class="s {st}">{_sentence_html(s, p)}</span>'
                       for s, st in zip(p.sentences, p.status))
        parts.append(f"<td>{body}</td>")
    parts.append("</tr></table><h2>Differences</h2><ul>")
    for n, p in enumerate(panes, 1):
        src = f"[{n}] {_e(p.side.outlet or '?')}"
        for f in p.numbers:
            parts.append(f'<li>{src}: <span class="flag">{_e(", ".join(f.here))} {_e(f.unit)}</span> where '
                         f'{_e(f.other_outlet or f.other_id)} has {_e(", ".join(f.others))}</li>')
        if p.persons_missing:
            parts.append(f'<li>{src} does not name: <span class="flag">'
                         f'{_e(", ".join(p.persons_missing))}</span></li>')
        if p.persons_only:
            parts.append(f"<li>{src} alone names: {_e(', '.join(p.persons_only))}</li>")
        for q in p.quotes_unique:
            parts.append(f"<li>{src} alone quotes: “{_e(q)}”</li>")
    parts.append("</ul><h2>Sources</h2><ol style='list-style:none;padding:0'>")
    parts += [citation(n, p.side) for n, p in enumerate(panes, 1)]
    parts.append("</ol></body></html>")
    return "\n".join(parts)


def write_briefing(path: str | Path, articles: list[Article], copies: list[list[str]] | None = None,
                   panes: list[Pane] | None = None) -> Path:
    path = Path(path)
    path.write_text(render_briefing(articles, copies, panes), encoding="utf-8")
    return path
