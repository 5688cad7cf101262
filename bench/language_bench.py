"""Language detection: our detector beside langdetect alone, on whole articles and on snippets.

Corpus: ../shared/corpora/multilingual_news/*.jsonl (12 languages; never copied into the repo).
For each document: the whole article (title + text), and up to ``--per-doc`` snippets of
``--chars`` characters (default 120) spread evenly over the text, each starting at a word.

``--part`` (bench/lockbox.py): ``open`` to tune on, ``lockbox`` only to report (no ``--errors``).
BSNLP is split by topic, WMT and 10kGNAD by the stable hash of the document id.

Run:
    .venv/bin/python bench/language_bench.py [--part open|lockbox|all] [--errors N]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

sys.path.insert(0, str(ROOT))

from bench.corpora import CORPORA  # noqa: E402  (found from a worktree too)
from bench.lockbox import bsnlp_lockbox, hashed_lockbox, keep  # noqa: E402
from index.extract.language.detect import detect_language, warm_up  # noqa: E402

_WORD_START = re.compile(r"(?<!\w)\w")


def documents(corpora: Path, part: str) -> list[dict]:
    docs = []
    for f in sorted((corpora / "multilingual_news").glob("*.jsonl")):
        for line in f.open(encoding="utf-8"):
            d = json.loads(line)
            locked = bsnlp_lockbox(d.get("topic") or "") if "bsnlp" in f.name else hashed_lockbox(d["id"])
            if keep(locked, part) and (d.get("text") or "").strip():
                docs.append(d)
    return docs


def snippets(text: str, chars: int, per_doc: int) -> list[str]:
    """Up to ``per_doc`` windows of ``chars`` characters, evenly spread, each starting at a word."""
    text = " ".join(text.split())
    if len(text) <= chars:
        return [text]
    out = []
    span = len(text) - chars
    for k in range(per_doc):
        m = _WORD_START.search(text, span * k // max(1, per_doc - 1) if per_doc > 1 else 0)
        start = m.start() if m else 0
        piece = text[start:start + chars]
        if len(piece) == chars and piece not in out:
            out.append(piece)
    return out


def langdetect_alone(text: str) -> str | None:
    from langdetect import detect
    from langdetect.lang_detect_exception import LangDetectException
    try:
        got = detect(text)
    except LangDetectException:
        return None
    return {"zh-cn": "zh", "zh-tw": "zh"}.get(got, got)


class Score:
    def __init__(self):
        self.n = 0
        self.ok = Counter()
        self.by_lang = Counter()
        self.ok_by_lang: dict[str, Counter] = {}
        self.wrong: dict[str, Counter] = {}
        self.seconds = Counter()

    def add(self, gold: str, name: str, got: str | None, seconds: float) -> None:
        self.seconds[name] += seconds
        right = got == gold
        self.ok[name] += right
        self.ok_by_lang.setdefault(name, Counter())[gold] += right
        if not right:
            self.wrong.setdefault(name, Counter())[(gold, got)] += 1

    def report(self, label: str) -> None:
        print(f"{label}: {self.n} texts")
        for name, ok in self.ok.items():
            per = self.seconds[name] / max(1, self.n) * 1000
            print(f"  {name:10s} accuracy {ok / max(1, self.n):.4f}  ({self.n - ok} wrong, {per:.2f} ms each)")
        langs = sorted(self.by_lang)
        print("  per language " + " ".join(f"{lang:>6s}" for lang in langs))
        for name, per_lang in self.ok_by_lang.items():
            print(f"  {name:12s} " + " ".join(f"{per_lang[lang] / self.by_lang[lang]:6.3f}" for lang in langs))


DETECTORS = {"langdetect": langdetect_alone, "ours": lambda t: detect_language(t)}


def score(texts: list[tuple[str, str, str]], label: str, errors: int) -> Score:
    s = Score()
    for gold, text, doc_id in texts:
        s.n += 1
        s.by_lang[gold] += 1
        for name, fn in DETECTORS.items():
            t0 = time.perf_counter()
            got = fn(text)
            s.add(gold, name, got, time.perf_counter() - t0)
            if errors and name == "ours" and got != gold and errors > 0:
                errors -= 1
                print(f"    [{doc_id}] {gold} -> {got}: {text[:160]!r}")
    s.report(label)
    for name, wrong in s.wrong.items():
        print(f"  {name} confusions (gold -> got): "
              + ", ".join(f"{g}->{w} {c}" for (g, w), c in wrong.most_common(12)))
    return s


def calibrate(docs: list[dict]) -> None:
    """Log loss and accuracy of the confidence at several temperatures, snippets of 30/60/120
    characters (open part): the temperature in detect.py is the one with the lowest loss."""
    import math
    from index.extract.language.detect import ngram_probabilities
    for tau in (0.05, 0.1, 0.15, 0.2, 0.3, 0.5):
        line = []
        for chars in (30, 60, 120):
            loss = n = 0
            for d in docs:
                for s in snippets(d["text"], chars, 1):
                    probs = dict(ngram_probabilities(s, temperature=tau))
                    loss -= math.log(max(probs.get(d["lang"], 0.0), 1e-9))
                    n += 1
            line.append(f"{chars} chars {loss / max(1, n):.4f}")
        print(f"temperature {tau}: log loss " + ", ".join(line))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    ap.add_argument("--part", default="open", choices=("open", "lockbox", "all"))
    ap.add_argument("--chars", type=int, default=120)
    ap.add_argument("--per-doc", type=int, default=3)
    ap.add_argument("--errors", type=int, default=0, help="print this many of our wrong snippets (open only)")
    ap.add_argument("--skip-whole", action="store_true")
    ap.add_argument("--calibrate", action="store_true", help="fit the confidence's temperature (open only)")
    a = ap.parse_args(argv)
    if a.errors and a.part != "open":
        ap.error("--errors shows documents: not with the lockbox (use --part open)")
    if not (a.corpora / "multilingual_news").is_dir():
        print(f"multilingual_news: not found under {a.corpora}, skipped")
        return 1
    from langdetect import DetectorFactory
    DetectorFactory.seed = 0
    warm_up()
    docs = documents(a.corpora, a.part)
    if a.calibrate:
        if a.part != "open":
            ap.error("--calibrate tunes: only on the open part")
        calibrate(docs)
        return 0
    if not a.skip_whole:
        whole = [(d["lang"], f"{d.get('title') or ''}\n{d['text']}", d["id"]) for d in docs]
        score(whole, f"whole articles ({a.part})", a.errors)
    snips = [(d["lang"], s, d["id"]) for d in docs for s in snippets(d["text"], a.chars, a.per_doc)]
    score(snips, f"{a.chars}-character snippets ({a.part})", a.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
