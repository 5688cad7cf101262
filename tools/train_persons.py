"""Train the person tagger (index/extract/persons/tagger.py) and write resources/data/persons_tagger.npz.

    .venv/bin/python tools/train_persons.py [--corpora ../shared/corpora] [--epochs 8] [--out FILE]

Data, read in place and never copied (research-only, see resources/data/README.md):
- CoNLL-2003 ``eng.train`` (all of it; eng.testa is left for measuring, its last third is the lockbox);
- BSNLP ``bsnlp_slavic_news.jsonl``, the open topics only (bench/lockbox.py keeps ``asia_bibi`` out).
  Its entities are listed per document, not per token: every occurrence of a listed mention is
  projected onto the tokens, longest mentions first.

The model is an averaged perceptron, one weight row per feature and one column per class, trained on
candidates only (as it is applied), with the previous tag taken from its own guesses (as at run time).
The word's own identity is dropped from a share of the examples (``--dropout``) so that shape,
affixes, lexicons and context carry weight: the news it will read has other people in it.
Takes a few minutes on one core; the same data and seed give the same file.

``--heldout`` measures instead of writing the file: one model per fold of the open BSNLP documents,
each scored on its fold. ``--heldout-by topic`` (folds are topics: brexit is then read by a model
that met its languages only in the small Slovene topic, harsher than the lockbox) or ``half`` (two
halves by a hash of the document id: every language known, as for the lockbox, but a story's
persons partly seen; the recall of the persons its model never met is printed beside it).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.entities_bench import default_corpora  # noqa: E402
from bench.lockbox import bsnlp_lockbox  # noqa: E402
from index.extract.persons import features as F  # noqa: E402
from index.extract.persons.tagger import MODEL_FILE, viterbi  # noqa: E402

CONLL_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
BSNLP_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "EVT": "MISC", "PRO": "MISC"}


def _labels_to_classes(types: list[str | None], starts: list[bool]) -> list[int]:
    out = []
    for i, t in enumerate(types):
        if t == "PER":
            begin = starts[i] or i == 0 or types[i - 1] != "PER"
            out.append(F.PER_B if begin else F.PER_I)
        else:
            out.append(F.CLASSES.index(t) if t else 0)
    return out


def conll_docs(path: Path):
    """(lines of tokens, lines of classes) per document; CoNLL tokens re-tokenized as the tagger would."""
    doc: list[list[tuple[str, str]]] = []
    sent: list[tuple[str, str]] = []

    def flush():
        lines, classes = [], []
        for s in doc:
            toks, types, starts = [], [], []
            prev = "O"
            for word, tag in s:
                t = CONLL_TYPES.get(tag[2:]) if tag != "O" else None
                begin = tag.startswith("B-") or prev[2:] != tag[2:]
                for k, piece in enumerate(F.TOKEN_RE.findall(word) or [word]):
                    toks.append(piece)
                    types.append(t)
                    starts.append(begin and k == 0)
                prev = tag
            lines.append(toks)
            classes.append(_labels_to_classes(types, starts))
        return lines, classes

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if sent:
                doc.append(sent)
            if doc:
                yield flush()
            doc, sent = [], []
        elif not line.strip():
            if sent:
                doc.append(sent)
            sent = []
        else:
            parts = line.split()
            sent.append((parts[0], parts[-1]))
    if sent:
        doc.append(sent)
    if doc:
        yield flush()


def _bsnlp_type(e: dict) -> str | None:
    """BSNLP types PER the people of a country too ("Brytyjczycy", id GPE-...): those are not persons."""
    if e["type"] == "PER" and not (e.get("id") or "").startswith("PER-"):
        return "MISC"
    return BSNLP_TYPES.get(e["type"])


FOLD_SCHEMES = ("topic", "half")


def fold_of(d: dict, by: str = "topic") -> str:
    """The held-out fold of a BSNLP document: its topic (every language of a story at once: the
    model meets a story's persons *and*, for a topic in languages no other topic has, its languages
    cold), or its half by a stable hash of its id (every language known, as for the lockbox topic;
    a story's persons are then partly seen in training, so its recall flatters)."""
    if by == "topic":
        return d.get("topic", "")
    if by != "half":
        raise ValueError(f"unknown fold scheme {by!r}")
    return "half-" + "ab"[hashlib.sha1(f"persons-fold:{d['id']}".encode("utf-8")).digest()[0] % 2]


def bsnlp_docs(path: Path, topics: set[str] | None = None, exclude: set[str] = frozenset(),
               exclude_langs: set[str] = frozenset(), fold_by: str = "topic"):
    """(lines, classes, language, fold) of the open annotated documents; ``topics`` and ``exclude``
    select by fold (fold_of: the topic unless ``fold_by`` says otherwise)."""
    for line in path.open(encoding="utf-8"):
        d = json.loads(line)
        if bsnlp_lockbox(d.get("topic", "")):
            continue
        topic = fold_of(d, fold_by)
        if not d.get("entities") or topic in exclude or (topics and topic not in topics) \
                or d["lang"] in exclude_langs:
            continue
        text = f"{d.get('title') or ''}\n\n{d['text']}"
        lines = F.tokenize(text)
        classes = []
        # Longest first, ties in a fixed order (a set's order changes with the hash seed, and with
        # it which of two overlapping mentions labels the tokens: the weights were not reproducible).
        mentions = sorted({(tuple(F.TOKEN_RE.findall(e["mention"])), _bsnlp_type(e) or "")
                           for e in d["entities"] if e.get("mention")}, key=lambda m: (-len(m[0]), m))
        for toks in lines:
            types: list[str | None] = [None] * len(toks)
            starts = [False] * len(toks)
            first: dict[str, list[int]] = {}
            for i, t in enumerate(toks):
                first.setdefault(t, []).append(i)
            for mtoks, typ in mentions:
                if not mtoks or not typ:
                    continue
                n = len(mtoks)
                for i in first.get(mtoks[0], ()):
                    if tuple(toks[i:i + n]) == mtoks and all(x is None for x in types[i:i + n]):
                        types[i:i + n] = [typ] * n
                        starts[i] = True
            classes.append(_labels_to_classes(types, starts))
        yield lines, classes, d["lang"], topic


def examples(lines: list[list[str]], classes: list[list[int]]):
    """Per candidate: (feature names without the previous tag, gold class, follows a candidate)."""
    prep = F.prepare(lines)
    gold: list[int] = []
    for cl in classes:
        gold += [0] * F.PAD + cl + [0] * F.PAD
    words = prep.words
    out = []
    cand_set = set(prep.cands)
    for i, fl in zip(prep.cands, prep.flags):
        feats = []
        for o, w in zip(F.SLOTS, F.slot_words(words, i)):
            feats += F.word_features(w, o)
        feats += [f for f, on in zip(F.FLAGS, fl) if on]
        out.append((feats, gold[i], (i - 1) in cand_set))
    return out


class Perceptron:
    def __init__(self, n_feat: int, n_cls: int):
        self.w = np.zeros((n_feat, n_cls))
        self.acc = np.zeros((n_feat, n_cls))
        self.ts = np.zeros(n_feat)
        self.t = 0

    def update(self, ids: np.ndarray, truth: int, guess: int):
        t = self.t
        self.acc[ids] += (t - self.ts[ids])[:, None] * self.w[ids]
        self.ts[ids] = t
        self.w[ids, truth] += 1
        self.w[ids, guess] -= 1

    def update_one(self, f: int, cls: int, delta: float):
        self.acc[f] += (self.t - self.ts[f]) * self.w[f]
        self.ts[f] = self.t
        self.w[f, cls] += delta

    def averaged(self) -> np.ndarray:
        acc = self.acc + (self.t - self.ts)[:, None] * self.w
        return acc / max(self.t, 1)


def _chains(ex) -> list[tuple[int, int]]:
    out, lo = [], 0
    for k in range(1, len(ex) + 1):
        if k == len(ex) or not ex[k][2]:
            out.append((lo, k))
            lo = k
    return out


def train(docs_examples, epochs: int, dropout: float, min_count: int, seed: int = 7, list_dropout: float = 0.0):
    counts = Counter(f for ex in docs_examples for feats, _, _ in ex for f in feats)
    names = sorted(f for f, c in counts.items() if c >= min_count)
    names += ["prev=" + c for c in F.CLASSES] + ["prev=-"]
    names += [f for f in F.FLAGS if f not in names]
    index = {n: i for i, n in enumerate(names)}
    word_ids = {i for n, i in index.items() if n.startswith(("w=", "st="))}
    # The world name lists (world_names.py) miss many real names: dropping their features from a
    # share of the examples keeps weight on the shape, affixes and context that find the others.
    list_ids = {i for n, i in index.items() if "L=wgiven" in n or "L=wsur" in n}
    prev_ids = [index["prev=" + c] for c in F.CLASSES]
    prev_none = index["prev=-"]
    data = [[(np.array(sorted({index[f] for f in feats if f in index}), dtype=np.intp), y, follows)
             for feats, y, follows in ex] for ex in docs_examples]
    model = Perceptron(len(names), len(F.CLASSES))
    rng = random.Random(seed)
    for epoch in range(epochs):
        order = list(range(len(data)))
        rng.shuffle(order)
        wrong = total = 0
        t0 = time.time()
        for di in order:
            ex = data[di]
            for lo, hi in _chains(ex):
                rows = []
                for ids, _, _ in ex[lo:hi]:
                    if dropout and rng.random() < dropout:
                        ids = np.array([i for i in ids if i not in word_ids], dtype=np.intp)
                    if list_dropout and rng.random() < list_dropout:
                        ids = np.array([i for i in ids if i not in list_ids], dtype=np.intp)
                    rows.append(ids)
                em = [model.w[ids].sum(0).tolist() for ids in rows]
                trans = model.w[prev_ids].tolist()
                path = viterbi(em, model.w[prev_none].tolist(), trans)
                gold = [y for _, y, _ in ex[lo:hi]]
                model.t += 1
                total += len(gold)
                if path == gold:
                    continue
                for k, (g, y) in enumerate(zip(path, gold)):
                    pg = prev_ids[path[k - 1]] if k else prev_none
                    py = prev_ids[gold[k - 1]] if k else prev_none
                    if g != y:
                        wrong += 1
                        model.update(rows[k], y, g)
                    if g != y or pg != py:
                        model.update_one(py, y, +1)
                        model.update_one(pg, g, -1)
        print(f"epoch {epoch + 1}: {wrong / max(total, 1):.4f} errors over {total} candidates "
              f"({time.time() - t0:.0f} s)", flush=True)
    return names, model.averaged()


def save(path: Path, names: list[str], weights: np.ndarray, prune: float):
    keep = np.abs(weights).max(1) >= prune
    for n in ("prev=", "doc:", "line:", "bias"):
        keep |= np.array([x.startswith(n) for x in names])
    names = [n for n, k in zip(names, keep) if k]
    w = weights[keep].astype(np.float16)
    np.savez_compressed(path, names=np.frombuffer("\n".join(names).encode("utf-8"), dtype=np.uint8),
                        weights=w, classes=np.frombuffer("\n".join(F.CLASSES).encode("utf-8"), dtype=np.uint8))
    print(f"wrote {path}: {len(names)} features, {path.stat().st_size / 1e6:.2f} MB")


def heldout_loop(a, conll: list) -> int:
    """Per fold of the open annotated BSNLP documents (``--heldout-by``: topic or half, see fold_of):
    train on eng.train and the other folds, score the held-out fold (person recall and precision as
    bench/entities_bench.py counts them) and the open part of eng.testa; then the sums over the
    folds. The lockbox topic takes no part."""
    import tempfile
    from bench.entities_bench import bench_bsnlp, bench_conll
    from index.extract.persons.tagger import use_model
    path = a.corpora / "multilingual_news" / "bsnlp_slavic_news.jsonl"
    by_topic: dict[str, list] = {}
    for ln, c, _, topic in bsnlp_docs(path, fold_by=a.heldout_by):
        by_topic.setdefault(topic, []).append(examples(ln, c))
    # The persons of each fold, to tell recall on the persons training never met (the lockbox's case).
    persons: dict[str, set[str]] = {}
    for line in path.open(encoding="utf-8"):
        d = json.loads(line)
        if d.get("entities") and not bsnlp_lockbox(d.get("topic", "")):
            persons.setdefault(fold_of(d, a.heldout_by), set()).update(
                e["id"] for e in d["entities"] if e["type"] == "PER" and (e.get("id") or "").startswith("PER-"))
    pooled = [0] * 9
    with tempfile.TemporaryDirectory() as tmp:
        tmp = a.keep or tmp
        for topic in sorted(by_topic):
            docs = conll + [ex for t, exs in sorted(by_topic.items()) if t != topic for ex in exs]
            names, weights = train(docs, a.epochs, a.dropout, a.min_count, list_dropout=a.list_dropout)
            out = Path(tmp) / f"heldout-{topic}.npz"
            save(out, names, weights, a.prune)
            use_model(out)
            print(f"--- held out: {topic} ({len(by_topic[topic])} documents)")
            seen = set().union(*(ids for f, ids in persons.items() if f != topic))
            tot = bench_bsnlp(a.corpora, a.errors, select=lambda d, f=topic: fold_of(d, a.heldout_by) == f, seen=seen)
            pooled = [x + y for x, y in zip(pooled, tot)]
            bench_conll(a.corpora, "eng.testa", 0, "open")
        use_model(None)
    r, p = pooled[0] / max(pooled[1], 1), pooled[5] / max(pooled[6], 1)
    print(f"held-out {dict(topic='topics', half='halves')[a.heldout_by]} pooled: person recall {r:.3f} ({pooled[1]}), "
          f"precision {p:.3f} ({pooled[6]}); recall of the persons unseen in training "
          f"{pooled[7] / max(pooled[8], 1):.3f} ({pooled[8]})")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", type=Path, default=default_corpora())
    ap.add_argument("--out", type=Path, default=ROOT / "resources" / "data" / MODEL_FILE)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--dropout", type=float, default=0.5,
                    help="share of examples trained without the word's own identity (0.5 over 0.3: both held-out schemes)")
    ap.add_argument("--list-dropout", type=float, default=0.5,
                    help="share of examples trained without the world name-list features")
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--prune", type=float, default=0.05)
    ap.add_argument("--keep", type=Path, default=None, help="with --heldout: keep the fold models in this folder")
    ap.add_argument("--errors", type=int, default=0, help="with --heldout: errors to print per fold")
    ap.add_argument("--no-bsnlp", action="store_true", help="English only")
    ap.add_argument("--bsnlp-exclude", default="", help="open BSNLP topics to leave out (for a held-out check)")
    ap.add_argument("--heldout", action="store_true",
                    help="held-out-topic loop: per open BSNLP topic, train on the others and score it (no file written)")
    ap.add_argument("--heldout-by", choices=FOLD_SCHEMES, default="topic",
                    help="with --heldout: the folds are the open topics, or two halves of the documents by hash")
    ap.add_argument("--bsnlp-exclude-langs", default="", help="BSNLP languages to leave out (for a held-out check)")
    a = ap.parse_args(argv)
    t0 = time.time()
    docs = [examples(ln, c) for ln, c in conll_docs(a.corpora / "conll2003" / "eng.train")]
    print(f"conll eng.train: {len(docs)} documents")
    if a.heldout:
        return heldout_loop(a, docs)
    if not a.no_bsnlp:
        path = a.corpora / "multilingual_news" / "bsnlp_slavic_news.jsonl"
        bs = [examples(ln, c) for ln, c, _, _ in bsnlp_docs(
            path, exclude=set(filter(None, a.bsnlp_exclude.split(","))),
            exclude_langs=set(filter(None, a.bsnlp_exclude_langs.split(","))))]
        print(f"bsnlp open topics: {len(bs)} documents")
        docs += bs
    print(f"features extracted in {time.time() - t0:.0f} s")
    names, weights = train(docs, a.epochs, a.dropout, a.min_count, list_dropout=a.list_dropout)
    save(a.out, names, weights, a.prune)
    print(f"total {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
