"""Train the pairwise story model (resources/data/stories_model.json) on the open part of the
shared story clusters, and choose the grouping thresholds with it.

    .venv/bin/python tools/train_stories.py [--corpora ../shared/corpora] [--dry-run]

1. The open clusters of BASIL, Giveme5W1H and NewsWCL50 and the open distractors (BSNLP topics,
   10kGNAD, WMT; bench/lockbox.py) are imported as one library, as bench/stories_bench.py does.
2. Grouping runs over it once and every pair it scores (each new article against the candidates
   the look-up finds, so the pairs are the ones the app will see) is recorded with its signals
   (``similarity.pair_features``). Labels: 1 for two articles of one gold cluster, and for two
   translations of one WMT document (the only cross-language pairs there are); 0 for articles of
   different clusters or a gold article and a distractor; pairs of two unlabelled distractors
   (BSNLP topics, 10kGNAD) are left out.
3. A logistic regression (L2, Newton's method) over those signals; pairs weighted so that each
   source counts the same (Giveme5W1H would otherwise decide alone).
4. Thresholds: a small grid, grouping the library again for each, keeping the one with the best
   mean pairwise F1 over the three sources. The lockbox part is never read.
The model is a few coefficients, so it generalises only as far as the signals do; the figures
per source are printed for the report (tuned-on), and bench/stories_bench.py --part lockbox
gives the unseen ones.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import itertools
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import stories_bench as sb  # noqa: E402
from index.resources import data_path  # noqa: E402
from index.stories import grouping, similarity  # noqa: E402

SOURCES = ("basil", "giveme", "newswcl")
L2 = 1.0
GRID = {"attach": (0.35, 0.5, 0.65, 0.8), "bridge": (0.9,)}


def record_pairs(items) -> dict[tuple[str, str], list[float]]:
    """Group the library once, keeping the signals of every pair grouping scores."""
    seen: dict[tuple[str, str], list[float]] = {}
    real = grouping.pair_score

    def recording(a, b, idf):
        key = (min(a.id, b.id), max(a.id, b.id))
        if key not in seen:
            seen[key] = similarity.pair_features(a, b, idf)["x"]
        return real(a, b, idf)

    grouping.pair_score = recording
    try:
        sb.group([a for _, a in items], batch=200)
    finally:
        grouping.pair_score = real
    return seen


def labels(items, pairs) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature matrix, labels and weights (each source's pairs weigh the same in all)."""
    info = {}
    for r, a in items:
        if r["set"]:
            info[a.id] = (r["set"], r["cluster"])
        elif r.get("origin", "").startswith("wmt"):
            info[a.id] = ("wmt", r["origin_cluster"])
        else:
            info[a.id] = (None, None)
    X, y, src = [], [], []
    for (a, b), x in pairs.items():
        (sa, ca), (sb_, cb) = info[a], info[b]
        if sa is None and sb_ is None:
            continue                     # two unlabelled distractors
        X.append(x)
        y.append(1.0 if sa == sb_ and ca == cb and sa is not None else 0.0)
        src.append(sa or sb_)
    counts = collections.Counter(src)
    w = np.array([len(src) / (len(counts) * counts[s]) for s in src])
    return np.array(X), np.array(y), w


def fit(X: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = L2) -> np.ndarray:
    """Weighted L2 logistic regression by Newton's method (the bias is not penalised)."""
    beta = np.zeros(X.shape[1])
    pen = np.full(X.shape[1], l2)
    pen[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(X @ beta, -30, 30)))
        grad = X.T @ (w * (p - y)) + pen * beta
        hess = (X * (w * p * (1 - p))[:, None]).T @ X + np.diag(pen + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    return beta


def score_grouping(items) -> dict[str, dict]:
    story, _ = sb.group([a for _, a in items], batch=200)
    return {s: sb.evaluate(items, story, s) for s in SOURCES}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=None)
    ap.add_argument("--dry-run", action="store_true", help="print, do not write the model")
    args = ap.parse_args()
    corpora = args.corpora or sb.default_corpora()
    rows = sb.load_rows(corpora, list(SOURCES), "open", distractors=True)
    items = sb.extracted(rows)
    print(f"open part: {len(items)} articles "
          f"({sum(1 for r, _ in items if r['set'])} in gold clusters)")
    pairs = record_pairs(items)
    X, y, w = labels(items, pairs)
    print(f"{len(y)} labelled candidate pairs, {int(y.sum())} of one event")
    beta = fit(X, y, w)
    for name, b in zip(similarity.FEATURES, beta):
        print(f"   {name:12s} {b:+.3f}")
    best = None
    for attach, bridge in itertools.product(GRID["attach"], GRID["bridge"]):
        m = similarity.Model(tuple(beta), attach, min(0.99, attach + 0.1), bridge,
                             keep_link=min(0.2, attach / 2))
        similarity.use_model(m)
        res = score_grouping(items)
        mean = sum(r["f1"] for r in res.values()) / len(res)
        print(f"   attach {attach:.2f} bridge {bridge:.2f}: mean F1 {mean:.3f}  " + "  ".join(
            f"{s} P={r['precision']:.3f} R={r['recall']:.3f}" for s, r in res.items()))
        if best is None or mean > best[0]:
            best = (mean, m, res)
    similarity.use_model(None)
    mean, m, res = best
    doc = {
        "about": "Pairwise same-event model for story grouping (index/stories/similarity.py): "
                 "logistic regression over pair_features, trained by tools/train_stories.py on "
                 "the open part of the shared story clusters; thresholds chosen there.",
        "trained": dt.date.today().isoformat(),
        "pairs": {"labelled": int(len(y)), "same_event": int(y.sum())},
        "weights": {k: round(float(b), 4) for k, b in zip(similarity.FEATURES, m.weights)},
        "thresholds": {"attach": m.attach, "merge": round(m.merge, 3), "bridge": m.bridge,
                       "keep_link": round(m.keep_link, 3)},
        "open_part": {s: {"precision": round(r["precision"], 3), "recall": round(r["recall"], 3),
                          "f1": round(r["f1"], 3)} for s, r in res.items()},
    }
    print(json.dumps(doc["thresholds"]), f"mean F1 {mean:.3f}")
    if not args.dry_run:
        data_path(similarity.MODEL_FILE).write_text(json.dumps(doc, indent=1) + "\n",
                                                    encoding="utf-8")
        print(f"written {data_path(similarity.MODEL_FILE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
