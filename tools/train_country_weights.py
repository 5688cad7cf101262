"""Train the country weight model (index/extract/countries/weights.py) -> resources/data/country_weights.json.

    .venv/bin/python tools/train_country_weights.py [--corpora ../shared/corpora] [--recall 0.955] [--out FILE]

Data, read in place and never copied: Reuters-21578, the open files only (bench/lockbox.py keeps
reut2-009/010 out). Each (document, mentioned country) is one example, labelled by whether the
country is in the document's <PLACES>. A country in <PLACES> that the text never names cannot be
found by any weight; it still counts against recall when the threshold is chosen.

The model is L2-regularised logistic regression fitted by Newton's method (numpy only; a few dozen
coefficients). Figures: leave-one-file-out cross-validation over the open files (each file is a
stretch of time, as unseen news is), then the final fit on all open files. The threshold is the
highest one whose out-of-fold recall reaches ``--recall``. Takes about a minute on one core.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.entities_bench import default_corpora, reuters_docs  # noqa: E402
from index.extract.countries.features import FEATURES  # noqa: E402
from index.extract.countries.mentions import mention_features  # noqa: E402
from index.extract.countries.weights import MODEL_FILE  # noqa: E402
from index.extract.persons.mentions import extract_persons  # noqa: E402


def examples(corpora: Path):
    """X, y, file index per example, and the number of gold countries per file (for recall)."""
    rows, labels, files, gold_per_file = [], [], [], {}
    names: list[str] = []
    for text, body_start, gold, fname in reuters_docs(corpora, "open", with_file=True):
        if fname not in names:
            names.append(fname)
        fi = names.index(fname)
        gold_per_file[fi] = gold_per_file.get(fi, 0) + len(gold)
        vectors = mention_features(text, "en", extract_persons(text, "en"), body_start)
        for code, vec in vectors.items():
            rows.append(vec)
            labels.append(code in gold)
            files.append(fi)
    return (np.array(rows, dtype=float), np.array(labels, dtype=float), np.array(files),
            gold_per_file, names)


def fit(X: np.ndarray, y: np.ndarray, l2: float = 1.0, iters: int = 30) -> np.ndarray:
    """Logistic regression by Newton's method; the bias (column 0) is not penalised."""
    w = np.zeros(X.shape[1])
    reg = np.full(X.shape[1], l2)
    reg[0] = 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-np.clip(X @ w, -40, 40)))
        grad = X.T @ (p - y) + reg * w
        hess = (X * (p * (1 - p))[:, None]).T @ X + np.diag(reg) + 1e-9 * np.eye(X.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def curve(p: np.ndarray, y: np.ndarray, n_gold: int):
    """(threshold, precision, recall) at every distinct score, highest threshold first."""
    order = np.argsort(-p)
    tp = np.cumsum(y[order])
    n = np.arange(1, len(p) + 1)
    return p[order], tp / n, tp / n_gold


def choose(p: np.ndarray, y: np.ndarray, n_gold: int, recall: float) -> tuple[float, float, float]:
    t, prec, rec = curve(p, y, n_gold)
    ok = np.flatnonzero(rec >= recall)
    if not len(ok):
        return float(t[-1]), float(prec[-1]), float(rec[-1])
    i = ok[0]
    return float(t[i]), float(prec[i]), float(rec[i])


def print_curve(p: np.ndarray, y: np.ndarray, n_gold: int,
                recalls=(0.90, 0.92, 0.94, 0.95, 0.955, 0.96, 0.97, 0.98)) -> None:
    """The out-of-fold P/R curve at a few recall levels, so the operating point is chosen with the
    trade-off in view (the highest threshold reaching each recall, and its precision)."""
    print("  out-of-fold P/R curve (open files): recall >= r -> threshold, precision")
    for r in recalls:
        t, prec, rec = choose(p, y, n_gold, r)
        print(f"    R>={r:.3f}: threshold {t:.3f}  P={prec:.3f}  R={rec:.3f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", type=Path, default=default_corpora())
    ap.add_argument("--recall", type=float, default=0.955)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--out", type=Path, default=ROOT / "resources" / "data" / MODEL_FILE)
    a = ap.parse_args(argv)
    if not (a.corpora / "reuters21578").exists():
        print(f"Reuters-21578 not found under {a.corpora}", file=sys.stderr)
        return 1
    X, y, files, gold_per_file, names = examples(a.corpora)
    n_gold = sum(gold_per_file.values())
    print(f"{len(y)} examples ({int(y.sum())} positive) from {len(names)} files, {n_gold} gold countries")
    oof = np.zeros(len(y))
    for fi in range(len(names)):
        test = files == fi
        oof[test] = 1 / (1 + np.exp(-(X[test] @ fit(X[~test], y[~test], a.l2))))
    t_cv, p_cv, r_cv = choose(oof, y, n_gold, a.recall)
    print(f"cross-validated (leave one file out): P={p_cv:.3f} R={r_cv:.3f} at threshold {t_cv:.3f}")
    print_curve(oof, y, n_gold)
    w = fit(X, y, a.l2)
    probs = 1 / (1 + np.exp(-(X @ w)))
    t_fit, p_fit, r_fit = choose(probs, y, n_gold, a.recall)
    # The threshold comes from the out-of-fold scores: the in-sample ones are optimistic.
    threshold = t_cv
    for name, c in zip(FEATURES, w):
        print(f"  {name:>24} {c:+.3f}")
    data = {
        "about": "Logistic weights of country mentions (index/extract/countries/weights.py), trained by "
                 "tools/train_country_weights.py on the open files of Reuters-21578 (<PLACES> labels).",
        "features": list(FEATURES),
        "coef": [round(float(c), 5) for c in w],
        "threshold": round(threshold, 5),
        "cv": {"precision": round(p_cv, 4), "recall": round(r_cv, 4), "target_recall": a.recall},
        "in_sample": {"precision": round(p_fit, 4), "recall": round(r_fit, 4)},
    }
    a.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out} (threshold {threshold:.3f}; in-sample P={p_fit:.3f} R={r_fit:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
