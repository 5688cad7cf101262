"""Body cleaning: the article without the page around it, plus the credits found on the way.

Rules are general (phrases in resources/data/boilerplate.json, agency names from the outlet
directory), never strings of one site. Three passes over the lines:
1. line rules: credits and bylines (recorded, then cut), share buttons, ads, photo captions,
   cookie and newsletter lines, "Read also" links, navigation at the head;
2. lists: a "Related stories" / "More from X" heading cuts the list under it (to the end when
   nothing but headlines follows);
3. tail appeals: the last paragraphs are scored for appeal signals ("Dear readers", "support us",
   "Remind me later", buttons); a block dense enough in signals is cut from its opener to the end,
   so a news paragraph that merely mentions support or donations stays;
4. tail sections: a comments or author-box heading in the second half ("12 Kommentare",
   "Leave a reply", "About the author") cuts from there to the end;
5. newsletter footers (footers.py): "Unsubscribe", "You are receiving this email because ...",
   cut as lines anywhere and as one block at the tail with the address lines under them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..dates import is_date_line
from . import credits as cr
from .boilerplate import rules
from .footers import footer_block, is_footer_line


@dataclass
class Cleaned:
    body: str
    agencies: list[str] = field(default_factory=list)     # credited agencies, canonical names ("AFP")
    authors: list[str] = field(default_factory=list)      # from bylines
    outlet_lines: list[str] = field(default_factory=list) # lines that name the publisher
    removed: list[tuple[str, str]] = field(default_factory=list)  # (reason, text) of cut blocks


_SEP = re.compile(r"\s*(?:[|•·/>›»,]|\s-\s|\s–\s)\s*")
_CRUMB = re.compile(r"\s+/\s+|\s*[|•·>›»]\s*")      # breadcrumbs: "Home › World › Europe"
_SENTENCE_END = re.compile(r"""[.!?…:;][\"'”’»)]*$""")
_WORDS = re.compile(r"\w+")
_COOKIE_STEMS = ("cookie", "куки")
_PHOTO_STEMS = ("getty", "shutterstock", "photo", "epa", "reuters", "afp", "tass", "тасс", "sputnik",
                "kremlin.ru", "imago", "alliance", "alamy", "/ap", "/ ap", "©", "фото")
_NEWSLETTER_STEMS = ("newsletter", "рассылк", "розсилк", "infolettre", "boletín", "бюллетен", "sign up",
                     "subscribe", "register", "mail", "inbox", "briefing", "digest")
_SHORT = 200           # lines longer than this are paragraphs, never boilerplate lines


def _norm(line: str) -> str:
    return " ".join(line.strip(" \t*•·–—-|>").casefold().split())


def _is_paragraph(line: str) -> bool:
    return len(line) >= 120 or (bool(_SENTENCE_END.search(line)) and len(_WORDS.findall(line)) >= 10)


def _has(n: str, stems: tuple[str, ...]) -> bool:
    return any(x in n for x in stems)


def _tokens_in(line: str, vocabulary: set[str]) -> bool:
    parts = [p for p in _SEP.split(_norm(line)) if p]
    return bool(parts) and all(p in vocabulary for p in parts)


def line_reason(line: str) -> str | None:
    """Why a single line is boilerplate ("share", "ad", ...), or None."""
    r = rules()
    s = line.strip()
    if not s or len(s) > 600:
        return None
    n = _norm(s)
    # Substring gates first: the phrase regexes are alternations, slow on every line.
    if _has(n, _COOKIE_STEMS) and r.cookie_words.search(s) and r.cookie_context.search(s):
        return "cookie"
    if is_footer_line(s):
        return "footer"
    if len(s) > _SHORT:
        return None
    if r.ad_lines.match(n):
        return "ad"
    if _tokens_in(s, r.share_words) or n in r.share_words:
        return "share"
    if r.photo_line.match(s) or (_has(n, _PHOTO_STEMS) and _photo_credit(s)):
        return "photo"
    if (_has(n, _NEWSLETTER_STEMS) and r.newsletter_line.search(s)) or r.subscribe_line.match(n):
        return "newsletter"
    if r.list_headings.match(n):
        return None          # a list heading: the list pass takes it with the list under it
    if r.read_also.match(n):
        return "related"
    if len(s) <= 160 and appeal_score(s)[1] >= 2:
        return "appeal"
    return None


def _photo_credit(s: str) -> bool:
    """A caption: a photo credit opens the line ("Getty Images Massa sits down ...") or closes it
    ("... in Berlin. (Hayoung Jeon/EPA)"). A credit-like string inside a sentence ("a
    Reuters/Ipsos poll showed ...") is news."""
    if len(_WORDS.findall(s)) > 40:
        return False
    marks = list(rules().photo_markers.finditer(s))
    if not marks:
        return False
    first = marks[0].start()
    if first == 0 or (first <= 2 and s[0] in "(©[") or marks[-1].end() >= len(s) - 3:
        return True
    return marks[-1].start() >= len(s) - 50 and s[-1] not in ".!?\"”»"


def appeal_score(line: str) -> tuple[int, int]:
    """(score, strong hits) of one line: openers, strong phrases and buttons count 2, weak 1."""
    r = rules()
    n = _norm(line)
    if not n:
        return 0, 0
    if n.rstrip(".!?") in r.buttons:
        return 2, 1
    # The phrase regexes are long alternations (slow per character); most lines share no stem.
    if not any(stem in n for stem in r.appeal_stems):
        return 0, 0
    strong = len(r.appeal_strong.findall(n)) + (1 if r.appeal_openers.match(n) else 0)
    weak = min(2, len(r.appeal_weak.findall(n)))
    return 2 * strong + weak, strong


def unwrap(text: str) -> str:
    """Hard-wrapped text (fixed-width lines: wire copy, e-mail, PDF) -> one paragraph per line.

    Line rules need whole paragraphs: a wrapped line starting "related to the takeover" or
    "by AMR Corp, said" is the middle of a sentence, not a link list or a byline. Text that is
    not hard-wrapped is returned unchanged."""
    lines = text.split("\n")
    full = [ln.rstrip() for ln in lines if ln.strip()]
    if len(full) < 6:
        return text
    lens = sorted(len(ln) for ln in full)
    width = lens[int(len(lens) * 0.9)]
    long = [ln for ln in full if len(ln) >= 0.75 * width]
    if not 55 <= width <= 100 or len(long) < 0.5 * len(full):
        return text
    if sum(1 for ln in long if _SENTENCE_END.search(ln)) >= 0.4 * len(long):
        return text                      # long lines that end sentences are paragraphs already
    indent_starts = sum(1 for ln in full if ln[:1].isspace()) < 0.5 * len(full)
    paras: list[str] = []
    cur: list[str] = []
    prev_len = width
    for ln in lines:
        s = ln.strip()
        if not s:
            if cur:
                paras.append(" ".join(cur))
                cur = []
            continue
        ended = bool(cur) and bool(_SENTENCE_END.search(cur[-1]))
        table = "  " in s or "  " in (cur[-1] if cur else "")      # columns: never joined
        if cur and ((indent_starts and ln[:1].isspace()) or prev_len < 0.6 * width or table
                    or (ended and len(s) < 0.4 * width)):    # a sign-off line ("Reuter")
            paras.append(" ".join(cur))
            cur = []
        cur.append(s)
        prev_len = len(ln.rstrip())
    if cur:
        paras.append(" ".join(cur))
    return "\n".join(paras)


def clean_text(text: str, *, title: str | None = None, format: str = "txt") -> Cleaned:
    text = unwrap(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [ln.rstrip() for ln in text.split("\n")]
    keep = [bool(ln.strip()) for ln in lines]
    out = Cleaned(body="")
    out.outlet_lines = cr.publisher_lines(lines)
    title_n = _norm(title) if title else None

    content = [i for i, k in enumerate(keep) if k]
    head = set(content[:8])
    tail = set(content[-6:])
    # An appeal goes as one block before line rules could take it apart piece by piece.
    _cut_tail_appeal(out, keep, lines)
    _cut_footer(out, keep, lines, email=format in ("eml", "mbox"))
    for i in content:
        if not keep[i]:
            continue
        line = lines[i].strip()
        credit = cr.credit(line, head=i in head, last=i == content[-1])
        if credit is not None:
            agencies, rest = credit
            _add(out.agencies, agencies)
            if rest:
                lines[i] = rest
            else:
                _cut(out, keep, lines, [i], "credit")
            continue
        reason = line_reason(line)
        if reason:
            _cut(out, keep, lines, [i], reason)
            continue
        if i in head or i in tail or len(line) <= 100:
            byline = cr.byline(line)
            if byline is not None:
                authors, extra, outlet_line = byline
                _add(out.authors, authors)
                _add(out.agencies, extra)
                if outlet_line:
                    out.outlet_lines.append(outlet_line)
                _cut(out, keep, lines, [i], "byline")
                continue
        if cr.is_publisher_line(line):
            _cut(out, keep, lines, [i], "publisher")
            continue
        if i in head and is_date_line(line):
            _cut(out, keep, lines, [i], "date")

    _cut_head_navigation(out, keep, lines, title_n)
    for _ in range(3):   # lists and appeals can hide each other at the tail
        changed = _cut_lists(out, keep, lines) | _cut_tail_appeal(out, keep, lines) | _cut_tail_section(out, keep, lines)
        changed |= _cut_buttons(out, keep, lines) | _cut_orphan_opener(out, keep, lines)
        if not changed:
            break
    body = "\n".join(ln.strip() if k else "" for ln, k in zip(lines, keep))
    out.body = re.sub(r"\n{3,}", "\n\n", body).strip()
    return out


def _add(target: list[str], values: list[str]) -> None:
    for v in values:
        if v and v not in target:
            target.append(v)


def _cut(out: Cleaned, keep: list[bool], lines: list[str], idx: list[int], reason: str) -> None:
    idx = [i for i in idx if keep[i]]
    if not idx:
        return
    for i in idx:
        keep[i] = False
    out.removed.append((reason, "\n".join(lines[i].strip() for i in idx)))


def _kept(keep: list[bool]) -> list[int]:
    return [i for i, k in enumerate(keep) if k]


def _cut_head_navigation(out: Cleaned, keep, lines, title_n) -> None:
    """Menus, breadcrumbs and section labels before the first real paragraph."""
    r = rules()
    cut = []
    for i in _kept(keep)[:12]:
        s = lines[i].strip()
        if _is_paragraph(s):
            break
        n = _norm(s)
        if title_n and n == title_n:
            continue
        crumbs = not s.startswith("|") and len(_CRUMB.findall(s)) >= 2   # "| a | b |" is a table row and all(len(p.split()) <= 4 for p in _CRUMB.split(s) if p)
        if n in r.nav_words or _tokens_in(s, r.nav_words | r.share_words | r.buttons) or (crumbs and len(s) < 120):
            cut.append(i)
    if cut:
        _cut(out, keep, lines, cut, "navigation")


def _cut_lists(out: Cleaned, keep, lines) -> bool:
    """A list heading takes the headlines under it; at the tail it takes everything after it."""
    r = rules()
    kept = _kept(keep)
    for pos, i in enumerate(kept):
        s = lines[i].strip()
        if len(s) > 80 or not r.list_headings.match(_norm(s)):
            continue
        rest = kept[pos + 1:]
        # Headlines follow a list heading; the first real paragraph ends the list (the article
        # goes on, or the heading was a subhead).
        block = [i]
        for j in rest:
            if _is_paragraph(lines[j].strip()):
                break
            block.append(j)
        # A heading followed directly by prose is a subhead ("Popular" as a section title); one
        # with nothing under it at the very end is the rest of a list the reader dropped.
        if len(block) > 1 or not rest:
            _cut(out, keep, lines, block, "related")
            return True
    return False


TAIL_FROM = 0.5    # a comments or author heading opens its section only in the text's second half


def _cut_tail_section(out: Cleaned, keep, lines) -> bool:
    """"12 Kommentare", "Leave a comment", "Комментарии", "About the author": the readers'
    comments or the author's box run from that heading to the end of the page."""
    r = rules()
    kept = _kept(keep)
    for pos in range(max(1, int(len(kept) * TAIL_FROM)), len(kept)):
        s = lines[kept[pos]].strip()
        if len(s) <= 80 and r.tail_sections.match(_norm(s)):
            _cut(out, keep, lines, kept[pos:], "tail section")
            return True
    return False


def _cut_tail_appeal(out: Cleaned, keep, lines) -> bool:
    """Score the last paragraphs; cut the appeal block from its first signal line to the end.

    A block needs two strong signals, a score of 6 and signal lines for at least half of its
    lines; a block holding most of the text also needs an opener or a button, so a short news
    item about a charity drive is not mistaken for an appeal."""
    r = rules()
    kept = _kept(keep)
    start, gap, total, strong, signal_lines = None, 0, 0, 0, 0
    for i in reversed(kept):
        score, st = appeal_score(lines[i])
        if score and cr.credit(lines[i].strip()) is not None:
            score = 0    # "AFP contributed reporting." is a credit, not part of an appeal
        if score:
            total, strong, signal_lines = total + score, strong + st, signal_lines + 1
            start, gap = i, 0
        else:
            gap += 1
            if gap > 2:
                break
    if start is None or strong < 2 or total < 6:
        return False
    block = [i for i in kept if i >= start]
    # The appeal starts at its first strong line: a news paragraph just above it that merely
    # mentions support ("the unions supported the decision") stays.
    while block and appeal_score(lines[block[0]])[1] == 0:
        block.pop(0)
    if not block or signal_lines < 0.5 * len(block):
        return False
    block_chars = sum(len(lines[i]) for i in block)
    all_chars = sum(len(lines[i]) for i in kept)
    marked = any(r.appeal_openers.match(_norm(lines[i])) or _norm(lines[i]).rstrip(".!?") in r.buttons
                 for i in block)
    if block_chars > 0.5 * all_chars and not marked:
        return False
    for i in block:   # a credit inside the cut block still counts
        credit = cr.credit(lines[i].strip())
        if credit:
            _add(out.agencies, credit[0])
    _cut(out, keep, lines, block, "appeal")
    return True


def _cut_footer(out: Cleaned, keep, lines, *, email: bool) -> bool:
    """A newsletter footer at the end goes as one block, with the address and copyright lines
    that carry no footer phrase of their own (footers.footer_block says where it starts)."""
    block = footer_block(lines, _kept(keep), email=email)
    if not block:
        return False
    for i in block:   # "© 2024 Reuters" inside the footer still credits the agency
        credit = cr.credit(lines[i].strip())
        if credit:
            _add(out.agencies, credit[0])
    _cut(out, keep, lines, block, "footer")
    return True


def _cut_orphan_opener(out: Cleaned, keep, lines) -> bool:
    """"Dear readers," left alone at the end once the appeal under it was cut line by line."""
    kept = _kept(keep)
    if kept and len(kept) > 1 and rules().appeal_openers.match(_norm(lines[kept[-1]])):
        _cut(out, keep, lines, [kept[-1]], "appeal")
        return True
    return False


def _cut_buttons(out: Cleaned, keep, lines) -> bool:
    """Button lines ("Accept all", "Continue") left next to something already cut, or at the end."""
    r = rules()
    changed = False
    kept = _kept(keep)
    for pos, i in enumerate(kept):
        if _norm(lines[i]).rstrip(".!?") not in r.buttons:
            continue
        prev_cut = i > 0 and not keep[i - 1] and lines[i - 1].strip()
        next_cut = i + 1 < len(lines) and not keep[i + 1] and lines[i + 1].strip()
        if prev_cut or next_cut or pos == len(kept) - 1:
            _cut(out, keep, lines, [i], "button")
            changed = True
    return changed


def title_from_body(body: str, limit: int = 100) -> str:
    """The first line as a title; a first line that is a whole paragraph is cut at a word
    boundary near ``limit`` characters and gets an ellipsis."""
    first = next((ln.strip() for ln in body.strip().split("\n") if ln.strip()), "")
    first = " ".join(first.split())
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return (cut or first[:limit]) + "…"
