"""Plain text and Markdown (.txt, .md): encoding detection, title from the first line.

A date line near the top ("May 19, 2025", "Published: ...") is left in the text on purpose:
the pipeline's dates step reads it and records the provenance "text".
"""
from __future__ import annotations

import re

from index.model import RawArticle

from .common import decode_text, title_and_body, storable

FORMATS = ("txt", "text", "md", "markdown")

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.S)
_MD_RULES = [
    (re.compile(r"^ {0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$", re.M), r"\1"),     # ATX headings
    (re.compile(r"^ {0,3}(?:=+|-+)\s*$", re.M), ""),                      # setext underlines
    (re.compile(r"^ {0,3}(?:\*\s*){3,}$|^ {0,3}(?:_\s*){3,}$", re.M), ""),   # rules
    (re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+.*$", re.M), ""),               # link definitions
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),                        # images -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),                         # inline links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),                        # reference links
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),                            # autolinks
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),                 # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),     # emphasis *x*
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),       # emphasis _x_
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"^ {0,3}>\s?", re.M), ""),                                # block quotes
    (re.compile(r"^```.*$", re.M), ""),                                    # code fences
]


_BLOCK_START = re.compile(r"^\s*(?:#|>|[-*+]\s|\d+[.)]\s|\||```|=+\s*$|-+\s*$|\[[^\]]+\]:)")


def _unwrap(text: str) -> str:
    """Join the soft-wrapped lines of a Markdown paragraph: one paragraph, one line, as in the
    other formats (the cleaning step works line by line)."""
    out: list[str] = []
    for line in text.split("\n"):
        prev = out[-1] if out else ""
        if (line.strip() and prev.strip() and not _BLOCK_START.match(line)
                and not _BLOCK_START.match(prev) and not prev.endswith("  ")):
            out[-1] = prev.rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def strip_markdown(text: str) -> tuple[str, str | None]:
    """Markdown -> plain text; also returns a ``title:`` from YAML front matter if present."""
    title = None
    m = _FRONT_MATTER.match(text)
    if m:
        keep = []
        for line in m.group(1).split("\n"):
            key, _, value = line.partition(":")
            value = value.strip().strip("'\"")
            if key.strip().lower() == "title" and value:
                title = value
            elif key.strip().lower() in ("date", "published") and value:
                keep.append(value)   # a date line for the dates step, like any other text
        text = "\n\n".join(keep + [text[m.end():]])
    text = _unwrap(text)
    for rule, repl in _MD_RULES:
        text = rule.sub(repl, text)
    return re.sub(r"\n{3,}", "\n\n", text), title


@storable
def read(data: bytes, path: str) -> list[RawArticle]:
    text = decode_text(data)
    front_title = None
    if path.lower().endswith((".md", ".markdown")):
        text, front_title = strip_markdown(text)
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    if front_title:
        title, body, from_text = front_title, text.strip(), False
    else:
        title, body, from_text = title_and_body(text)
    return [RawArticle(path=path, text=body, format="txt", title=title, title_from_text=from_text)]
