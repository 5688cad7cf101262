"""The shipped pairwise model and its trainer: the coefficients fit the signals the code computes,
the probabilities order pairs as the evidence does, the trainer's fit recovers a known model."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from index.resources import data_path
from index.stories import similarity

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_model_matches_the_signals_and_is_a_probability():
    doc = json.loads(data_path(similarity.MODEL_FILE).read_text(encoding="utf-8"))
    assert list(doc["weights"]) == list(similarity.FEATURES)
    m = similarity.model()
    assert 0 < m.attach < 1 and 0 < m.keep_link <= m.attach and m.linkage >= 1
    w = dict(zip(similarity.FEATURES, m.weights))
    # The signals that say "same event" push up, distance in time pushes down.
    assert min(w["cos"], w["names"], w["title"], w["numbers"], w["quotes"]) > 0
    assert w["days"] < 0 and w["undated"] < 0


def test_trainer_fit_recovers_a_known_logistic_model():
    sys.path.insert(0, str(ROOT / "tools"))
    import train_stories
    rng = np.random.default_rng(7)
    X = np.column_stack([np.ones(4000), rng.normal(size=(4000, 2))])
    truth = np.array([-1.0, 2.5, -1.5])
    y = (rng.random(4000) < 1 / (1 + np.exp(-X @ truth))).astype(float)
    beta = train_stories.fit(X, y, np.ones(4000), l2=0.01)
    assert np.allclose(beta, truth, atol=0.25)


def test_cross_validation_counts_each_pair_once_and_scores_a_fold_by_the_others_choice():
    sys.path.insert(0, str(ROOT))
    from tools import stories_cv as cv

    class A:
        def __init__(self, id):
            self.id = id
    # Two gold clusters of one source and a distractor; cluster x is split, y joined with the
    # distractor.
    items = [({"set": "s", "cluster": c}, A(i)) for i, c in
             (("a1", "x"), ("a2", "x"), ("a3", "x"), ("b1", "y"), ("b2", "y"))]
    items.append(({"set": None, "cluster": None, "origin": "gnad"}, A("d")))
    story = {"a1": 1, "a2": 1, "a3": 2, "b1": 3, "b2": 3, "d": 3}
    counts = cv.fold_counts(items, story, "s")
    tp, pred, gold = (sum(c[i] for c in counts) for i in range(3))
    assert (tp, pred, gold) == (2, 4, 4)        # a1-a2, b1-b2 right; b1-d, b2-d wrong; a-a3 missed
    p, r, f = cv.pooled(counts)
    assert (p, r) == (0.5, 0.5)
    # nested: the setting that is better on the other folds scores each fold
    good = {"s": [(1, 1, 1)] * cv.FOLDS}
    bad = {"s": [(0, 1, 1)] * cv.FOLDS}
    assert cv.nested([("bad", bad), ("good", good)], ["s"])["s"] == (1.0, 1.0, 1.0)
