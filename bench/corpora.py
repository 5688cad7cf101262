"""Readers for the shared research corpora used by the benchmarks (never shipped, never copied)."""
from __future__ import annotations

import html
import os
import re
from pathlib import Path



def _find_corpora() -> Path:
    """$MEDIAWATCH_CORPORA, else the first ``shared/corpora`` beside a folder above the repo
    (the main checkout sits one level below it, a worktree two)."""
    env = os.environ.get("MEDIAWATCH_CORPORA")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent.parent
    for up in here.parents:
        if (up / "shared" / "corpora").is_dir():
            return up / "shared" / "corpora"
    return here.parent / "shared" / "corpora"


CORPORA = _find_corpora()

_DOC = re.compile(r"<REUTERS(.*?)>(.*?)</REUTERS>", re.S)


def _tag(doc: str, name: str) -> str:
    m = re.search(rf"<{name}[^>]*>(.*?)</{name}>", doc, re.S)
    return html.unescape(m.group(1)).strip() if m else ""


def _labels(doc: str, name: str) -> list[str]:
    block = _tag(doc, name)
    return re.findall(r"<D>(.*?)</D>", block)


def reuters(limit: int | None = None, with_body: bool = True, part: str = "all") -> list[dict]:
    """Reuters-21578 documents: {id, title, dateline, body, date, places, people}; ``part``: the
    files of bench/lockbox.py's open part, its lockbox, or all."""
    from bench.lockbox import keep, reuters_lockbox
    folder = CORPORA / "reuters21578"
    docs: list[dict] = []
    for f in sorted(folder.glob("reut2-*.sgm")):
        if not keep(reuters_lockbox(f.name), part):
            continue
        raw = f.read_bytes().decode("latin-1")
        for m in _DOC.finditer(raw):
            attrs, doc = m.groups()
            body = _tag(doc, "BODY")
            if with_body and not body:
                continue
            newid = re.search(r'NEWID="(\d+)"', attrs).group(1)
            body = re.sub(r"\s*Reuter\s*\Z", "", body.replace("\x03", "")).strip()
            docs.append({
                "id": newid, "title": _tag(doc, "TITLE"), "dateline": _tag(doc, "DATELINE"),
                "body": body, "date": _tag(doc, "DATE"),
                "places": re.findall(r"<D>(.*?)</D>", re.search(r"<PLACES>(.*?)</PLACES>", doc, re.S).group(1)),
                "people": re.findall(r"<D>(.*?)</D>", re.search(r"<PEOPLE>(.*?)</PEOPLE>", doc, re.S).group(1)),
            })
            if limit and len(docs) >= limit:
                return docs
    return docs
