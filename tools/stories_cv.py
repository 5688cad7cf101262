"""Cross-validation by cluster for the pairwise story model (used by tools/train_stories.py).

The open part is what the model and thresholds are fitted on, so its own figures (1.0 for BASIL
and NewsWCL50) say how well the model remembers, not how it does on events it never saw. Here
the open clusters are dealt into ``FOLDS`` folds by a stable hash of the cluster (distractors by
their WMT cluster or document), and each fold is scored by a model and thresholds chosen without
it: a pair's probability comes from coefficients fitted on the pairs of the other folds only,
and the thresholds are the best on the other folds (nested). The held-out figures pooled over
the folds are the estimate of the lockbox; the lockbox itself is never read.
"""
from __future__ import annotations

import hashlib

import numpy as np

FOLDS = 5


def fold_of(key: str) -> int:
    return hashlib.sha1(f"stories-cv:{key}".encode()).digest()[0] % FOLDS


def article_folds(items) -> dict[str, int]:
    """Fold of each article: its gold cluster's, its WMT document's, else its own."""
    out = {}
    for r, a in items:
        if r.get("set"):
            out[a.id] = fold_of(f"{r['set']}:{r['cluster']}")
        elif str(r.get("origin", "")).startswith("wmt"):
            out[a.id] = fold_of(f"wmt:{r['origin_cluster']}")
        else:
            out[a.id] = fold_of(f"doc:{a.id}")
    return out


def oof_probabilities(pairs, keys, X, y, w, folds: dict[str, int], fit, probabilities, l2):
    """Every recorded pair's probability from a model fitted without the fold of (one of) its
    articles: ``keys`` are the labelled pairs (rows of X), ``pairs`` all recorded pairs."""
    fa = np.array([folds[a] for a, _ in keys])
    fb = np.array([folds[b] for _, b in keys])
    out = {}
    betas = []
    for f in range(FOLDS):
        train = (fa != f) & (fb != f)
        beta = fit(X[train], y[train], w[train], l2)
        betas.append(beta)
        mine = {k: v for k, v in pairs.items() if folds[k[0]] == f}
        out.update(probabilities(mine, beta))
    return out, betas


def fold_counts(items, story: dict[str, int], source: str) -> list[tuple[int, int, int]]:
    """Per fold: (true pairs found, pairs predicted, gold pairs) of the source's articles of that
    fold. A predicted pair counts once, for the fold of its source article (two of one fold)."""
    gold = {a.id: r["cluster"] for r, a in items if r["set"] == source}
    folds = article_folds(items)
    members: dict[int, list[str]] = {}
    for aid, sid in story.items():
        members.setdefault(sid, []).append(aid)
    out = [[0, 0, 0] for _ in range(FOLDS)]
    for aid, c in gold.items():
        f = folds[aid]
        for other in members.get(story.get(aid), []):
            if other == aid:
                continue
            same = gold.get(other) == c
            if other in gold and aid > other:
                continue                          # counted from the other side
            out[f][1] += 1
            out[f][0] += same
    sizes: dict[tuple[int, str], int] = {}
    for aid, c in gold.items():
        sizes[(folds[aid], c)] = sizes.get((folds[aid], c), 0) + 1
    for (f, _c), n in sizes.items():
        out[f][2] += n * (n - 1) // 2
    return [tuple(x) for x in out]


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 1.0
    r = tp / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def nested(tried, sources) -> dict[str, tuple[float, float, float]]:
    """Held-out P/R/F1 per source: fold f is scored with the setting best on the other folds.

    ``tried``: (setting, {source: fold_counts}) for every grid point (replayed with out-of-fold
    probabilities)."""
    pooled = {s: [0, 0, 0] for s in sources}
    for f in range(FOLDS):
        def others(counts):
            fs = []
            for s in sources:
                c = counts[s]
                tp, pr, go = (sum(c[g][i] for g in range(FOLDS) if g != f) for i in range(3))
                fs.append(prf(tp, pr, go)[2])
            return sum(fs) / len(fs)
        _, best = max(tried, key=lambda t: others(t[1]))
        for s in sources:
            for i in range(3):
                pooled[s][i] += best[s][f][i]
    return {s: prf(*pooled[s]) for s in sources}


def pooled(counts) -> tuple[float, float, float]:
    return prf(*(sum(c[i] for c in counts) for i in range(3)))


def mean_f1(by_source) -> float:
    return sum(pooled(c)[2] for c in by_source.values()) / len(by_source)

