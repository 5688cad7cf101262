"""The person tagger: an averaged perceptron over the features of features.py, decoded by Viterbi over each chain.

The weights ship in ``resources/data/persons_tagger.npz`` (trained by tools/train_persons.py on
CoNLL-2003 eng.train and the open BSNLP topics: research-only data, see resources/data/README.md).
The file holds the feature names (one UTF-8 blob, split at load) and a float16 weight matrix,
one row per feature and one column per class (features.CLASSES). It loads once per process.

Speed: only candidates (capitalised tokens) are scored. Nearly every feature is a function of one
word at one offset, so each (offset, word) gets its weight rows summed once and cached as a row of
``_mat`` (a new word's feature ids are looked up from its parts, never as strings); a document is
then one numpy gather over its candidates plus one batched Viterbi pass over its chains of adjacent
candidates (the previous-tag feature).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ...resources import data_path
from . import features as F

MODEL_FILE = "persons_tagger.npz"
_CACHE_ROWS = 400_000
SUFFIX_RETRY = True       # tests switch it off to show what it changes
RETRY_DROPS = 3


@dataclass
class Span:
    start: int          # position of the first word (features.Prepared.words)
    end: int            # one past the last
    words: list[str]    # the words as written (title-cased in an all-caps line)
    before: list[str]   # the two tokens before it (boundary tokens at a line start)
    score: float        # margin of the person tag over the best other class, lowest in the span


class Tagger:
    def __init__(self, names: list[str], weights: np.ndarray):
        self.classes = F.CLASSES
        self.index = {n: i for i, n in enumerate(names)}
        self.w = weights.astype(np.float32)
        k = self.w.shape[1]
        self.flag_w = np.stack([self._vec(f) for f in F.FLAGS])
        self.prev_w = [self._vec("prev=" + c).tolist() for c in self.classes]
        self.prev_none_vec = self._vec("prev=-")
        self.prev_none = self.prev_none_vec.tolist()
        self._lock = threading.RLock()      # one document's rows at a time
        self._rows: list[dict[str, int]] = [{} for _ in F.SLOTS]
        self._mat = np.zeros((1024, k), np.float32)
        self._n = 1                       # row 0: the word brings no weight
        # Feature ids by template and value ("s3" -> {"ova": 17}): a new word's ids are looked up
        # from its parts, without building the feature strings of features.word_features.
        self.tmpl: dict[str, dict[str, int]] = {}
        for n, i in self.index.items():
            t, _, v = n.partition("=")
            self.tmpl.setdefault(t, {})[v] = i

    @classmethod
    def load(cls, path: Path | None = None) -> "Tagger":
        path = path or data_path(MODEL_FILE)
        with np.load(path, allow_pickle=False) as z:
            names = bytes(z["names"]).decode("utf-8").split("\n")
            weights = z["weights"]
            classes = tuple(bytes(z["classes"]).decode("utf-8").split("\n"))
        if classes != F.CLASSES or len(names) != weights.shape[0]:
            raise ValueError(f"{path}: not a person model for these features")
        return cls(names, weights)

    def _vec(self, feature: str) -> np.ndarray:
        i = self.index.get(feature)
        return self.w[i] if i is not None else np.zeros(self.w.shape[1], np.float32)

    def _fill(self, slot: int, words: list[str]) -> list[int]:
        """Sum the weights each word brings at this offset once and keep them as a row of ``_mat``
        (row 0, all zeros, for a word that brings none). Called with the lock held."""
        offset = F.SLOTS[slot]
        feature_ids = self._ids0 if offset == 0 else self._ids1 if offset in (-1, 1) else self._ids2
        ids, bounds = [], []
        for w in words:
            feature_ids(w, str(offset), ids)
            bounds.append(len(ids))
        need = self._n + len(words)
        if need > len(self._mat):
            grown = np.zeros((max(need, 2 * len(self._mat)), self._mat.shape[1]), np.float32)
            grown[:self._n] = self._mat[:self._n]
            self._mat = grown
        starts = [0] + bounds[:-1]
        filled = [k for k in range(len(words)) if bounds[k] > starts[k]]
        rows = self._rows[slot]
        out = [0] * len(words)
        if filled:
            sums = np.add.reduceat(self.w[np.array(ids, dtype=np.intp)], [starts[k] for k in filled])
            self._mat[self._n:self._n + len(filled)] = sums
            for n, k in enumerate(filled):
                out[k] = self._n + n
            self._n += len(filled)
        for w, r in zip(words, out):
            rows[w] = r
        return out

    def feature_ids(self, w: str, offset: int) -> list[int]:
        """The ids of the model's features among features.word_features(w, offset), in its order."""
        ids: list[int] = []
        (self._ids0 if offset == 0 else self._ids1 if offset in (-1, 1) else self._ids2)(w, str(offset), ids)
        return ids

    # The ids of features.word_features(w, offset), in its order (the float32 sums stay the same
    # to the bit), appended to ``ids``; a test checks them against the strings.
    def _ids0(self, w: str, o: str, ids: list[int]) -> None:
        t = self.tmpl
        bias = self.index.get("bias")
        if bias is not None:
            ids.append(bias)
        if w in F.BOUNDARY:
            return
        lw, sh, classes, cyr, st = F._info(w)
        for name, v in (("w", lw), ("sh", sh)):
            if (i := t.get(name, {}).get(v)) is not None:
                ids.append(i)
        if (i := self.index.get("cyr" if cyr else "lat")) is not None:
            ids.append(i)
        if st != lw and (i := t.get("st", {}).get(st)) is not None:
            ids.append(i)
        if len(lw) > 3:
            for name, v in (("s2", lw[-2:]), ("s3", lw[-3:]), ("s4", lw[-4:]), ("p3", lw[:3])):
                if (i := t.get(name, {}).get(v)) is not None:
                    ids.append(i)
        if len(w) > 1 and w.isupper() and (i := self.index.get("allcaps")) is not None:
            ids.append(i)
        lt = t.get("L", {})
        ids += [i for c in classes if (i := lt.get(c)) is not None]

    def _ids1(self, w: str, o: str, ids: list[int]) -> None:
        t = self.tmpl
        if w in F.BOUNDARY:
            if (i := t.get(o + "w", {}).get(w)) is not None:
                ids.append(i)
            return
        lw, sh, classes, cyr, st = F._info(w)
        for name, v in (("w", lw), ("sh", sh)):
            if (i := t.get(o + name, {}).get(v)) is not None:
                ids.append(i)
        lt = t.get(o + "L", {})
        ids += [i for c in classes if (i := lt.get(c)) is not None]
        if len(lw) > 3 and (i := t.get(o + "s3", {}).get(lw[-3:])) is not None:
            ids.append(i)

    def _ids2(self, w: str, o: str, ids: list[int]) -> None:
        # Two words away only the word itself counts: no lexicon look-ups for it.
        if (i := self.tmpl.get(o + "w", {}).get(w if w in F.BOUNDARY else F.norm(w))) is not None:
            ids.append(i)

    def scores(self, prep: F.Prepared) -> np.ndarray:
        """Class scores of every candidate before the previous-tag feature: (len(cands), classes)."""
        with self._lock:
            return self._scores(prep)

    def _scores(self, prep: F.Prepared) -> np.ndarray:
        words, cands = prep.words, prep.cands
        if self._n >= _CACHE_ROWS:
            # Forget the cached rows between documents, never inside one (its rows are in use).
            for d in self._rows:
                d.clear()
            self._n = 1
        idx = []
        ctx = [F.slot_words(words, i) for i in cands]
        for slot in range(len(F.SLOTS)):
            rows = self._rows[slot]
            ws = [c[slot] for c in ctx]
            r = [rows.get(w, -1) for w in ws]
            if -1 in r:
                missing = list(dict.fromkeys(w for x, w in zip(r, ws) if x < 0))
                got = dict(zip(missing, self._fill(slot, missing)))
                r = [x if x >= 0 else got[w] for x, w in zip(r, ws)]
            idx.append(r)
        s = self._mat[np.array(idx, dtype=np.intp)].sum(0)
        return s + np.array(prep.flags, dtype=np.float32) @ self.flag_w

    def tag(self, text: str) -> list[Span]:
        return self.tag_runs(text)[0]

    def tag_runs(self, text: str) -> tuple[list[Span], list[tuple[list[str], list[str]]]]:
        """The person names, and the runs of capitalised words outside them with the two tokens
        before each (for the lexicon's known persons)."""
        prep = F.prepare(F.tokenize(text))
        cands, words = prep.cands, prep.words
        if not cands:
            return [], []
        scores = self.scores(prep)
        # A candidate alone in its chain (most of them) is decided here at once: its best class,
        # and its margin as a person over the best other class.
        alone = scores + self.prev_none_vec
        person = alone[:, (F.PER_B, F.PER_I)].max(1)
        margin_alone = (person - alone[:, F.NOT_PER].max(1)).tolist()
        base = scores.tolist()
        spans: list[Span] = []
        per = (F.PER_B, F.PER_I)
        per_set = set(per)
        runs = chains(cands)
        long_runs = [r for r in runs if r[1] - r[0] > 1]
        paths = viterbi_many(scores, long_runs, self.prev_none, self.prev_w)
        # A chain the tagger reads with no person in it may open with a word that belongs to what
        # comes before ("министър на Ирландия Саймън Кавъни", "szefa Facebooka Marka Zuckerberga"):
        # its rest is read again as a chain of its own (up to RETRY_DROPS words dropped, each staying
        # the left context), kept when it opens with a given name (Cyrillic: any word, see _given_first).
        # So may a chain read as a lone person at its end ("МИД Египта Тарек Мансур" read as an
        # institution, a place, a word outside and "Мансур"): there the rest must give a longer name.
        retry = {}
        for r in long_runs:
            path = paths[r[0]]
            if not per_set.intersection(path):
                retry[r] = 1
            elif r[1] - r[0] > 2 and path[-1] in per_set and not per_set.intersection(path[:-1]):
                retry[r] = 2
        again = self._retry(scores, retry, cands, words) if SUFFIX_RETRY else {}
        for lo, hi in runs:
            if hi - lo == 1:
                if margin_alone[lo] > 0:
                    spans.append(self._span([cands[lo]], [margin_alone[lo]], words))
                continue
            path = paths[lo]
            if lo in again:
                lo, path = again[lo]
            if hi - lo == 1:
                if margin_alone[lo] > 0:
                    spans.append(self._span([cands[lo]], [margin_alone[lo]], words))
                continue
            em = base[lo:hi]
            cur: list[int] = []
            margins: list[float] = []
            for k, c in enumerate(path):
                if cur and (c not in per or c == F.PER_B):
                    spans.append(self._span(cur, margins, words))
                    cur, margins = [], []
                if c in per:
                    add = self.prev_w[path[k - 1]] if k else self.prev_none
                    sc = [a + b for a, b in zip(em[k], add)]
                    cur.append(cands[lo + k])
                    margins.append(sc[c] - max([sc[j] for j in F.NOT_PER]))
            if cur:
                spans.append(self._span(cur, margins, words))
        spans = given_before(merge_initials([s for s in spans if s.words]), words)
        inside = {i for s in spans for i in range(s.start, s.end)}
        others, run = [], []
        for i in cands + [-2]:
            if run and (i != run[-1] + 1 or i in inside):
                others.append(([words[j] for j in run], words[max(0, run[0] - 2):run[0]]))
                run = []
            if i >= 0 and i not in inside:
                run.append(i)
        return spans, others

    def _retry(self, scores: np.ndarray, runs: dict[tuple[int, int], int], cands: list[int],
               words: list[str]) -> dict[int, tuple[int, list[int]]]:
        """For chains read with no person (or a lone one at the end): the first of their rests
        (dropping up to RETRY_DROPS opening words) that reads as a person of at least ``runs[chain]``
        words opening with a given name (_given_first). Chain start -> (new start, path)."""
        out: dict[int, tuple[int, list[int]]] = {}
        todo = [(lo, lo + 1, hi, need) for (lo, hi), need in runs.items()]
        for _ in range(RETRY_DROPS):
            todo = [t for t in todo if t[1] < t[2]]
            if not todo:
                break
            got = viterbi_many(scores, [(a, b) for _, a, b, _ in todo], self.prev_none, self.prev_w)
            left = []
            for lo, a, b, need in todo:
                path = got[a]
                if sum(c == F.PER_B or c == F.PER_I for c in path) >= need and \
                        self._given_first(path, cands, a, words):
                    out[lo] = (a, path)
                else:
                    left.append((lo, a + 1, b, need))
            todo = left
        return out

    @staticmethod
    def _given_first(path: list[int], cands: list[int], lo: int, words: list[str]) -> bool:
        """The first word the path tags a person is a given name of the name lists, or Cyrillic
        (the lists hold few foreign names in Cyrillic spelling: "Найджъл", "Грег")."""
        for k, c in enumerate(path):
            if c == F.PER_B or c == F.PER_I:
                _, _, classes, cyr, _ = F._info(words[cands[lo + k]])
                return cyr or not F.GIVEN_CLASSES.isdisjoint(classes)
        return False

    @staticmethod
    def _span(idx: list[int], margins: list[float], words: list[str]) -> Span:
        while idx and words[idx[-1]] in F.PARTICLES:
            idx, margins = idx[:-1], margins[:-1]
        while idx and words[idx[0]] in F.PARTICLES:
            idx, margins = idx[1:], margins[1:]
        if not idx:
            return Span(0, 0, [], [], 0.0)
        return Span(idx[0], idx[-1] + 1, [words[i] for i in idx], words[max(0, idx[0] - 2):idx[0]], min(margins))


def given_before(spans: list[Span], words: list[str]) -> list[Span]:
    """A lone surname right after a given name that is also a place ("Chad Smith", "Jordan Peterson"):
    the given name belongs to it (the tagger read the place)."""
    lex = F.lexicon()
    taken = {s.end for s in spans}
    out = []
    for s in spans:
        i = s.start - 1
        w = words[i] if i >= 0 else ""
        if len(s.words) == 1 and s.start not in taken and w[:1].isupper() and w.casefold() not in F.NEVER_NAMES \
                and F.token_key(w) in lex.given and words[i - 1] not in F.PARTICLES:
            s = Span(i, s.end, [w] + s.words, words[max(0, i - 2):i], s.score)
        out.append(s)
    return out


def merge_initials(spans: list[Span]) -> list[Span]:
    """A name never ends with a middle initial: "Robert F." + "Kennedy Jr" is one name."""
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev and prev.end == s.start and len(prev.words[-1]) == 2 and prev.words[-1][1] == "." \
                and prev.words[-1][0].isalpha():
            out[-1] = Span(prev.start, s.end, prev.words + s.words, prev.before, min(prev.score, s.score))
        else:
            out.append(s)
    return out


def chains(cands: list[int]) -> list[tuple[int, int]]:
    """(lo, hi) ranges of ``cands`` whose tokens follow each other: the tags chained by the previous tag."""
    out, lo = [], 0
    for k in range(1, len(cands) + 1):
        if k == len(cands) or cands[k] != cands[k - 1] + 1:
            out.append((lo, k))
            lo = k
    return out


def viterbi_many(em: np.ndarray, runs: list[tuple[int, int]], start: list[float],
                 trans: list[list[float]]) -> dict[int, list[int]]:
    """viterbi() of every run (lo, hi) of the rows of ``em`` (float32 scores) at once, step by step across the runs
    (a document has a dozen chains of 2-4 tokens: one numpy pass instead of a Python loop each).
    The same float64 sums and maxima as viterbi(), the first best on ties: the same paths."""
    if not runs:
        return {}
    e = em.astype(np.float64)                          # the values of em.tolist(), exactly
    t = np.array(trans, dtype=np.float64)              # t[previous, class]
    los = np.array([lo for lo, _ in runs], dtype=np.intp)
    lens = np.array([hi - lo for lo, hi in runs], dtype=np.intp)
    score = e[los] + np.array(start, dtype=np.float64)
    backs = []
    for step in range(1, int(lens.max())):
        vals = score[:, :, None] + t[None]             # [run, previous, class]
        best = vals.argmax(1)
        nxt = np.take_along_axis(vals, best[:, None, :], 1)[:, 0] + e[np.minimum(los + step, len(e) - 1)]
        live = lens > step                             # runs this long go on; the others keep their score
        score = np.where(live[:, None], nxt, score)
        backs.append(best)
    last = score.argmax(1).tolist()
    backs = [b.tolist() for b in backs]
    out = {}
    for r, (lo, hi) in enumerate(runs):
        c = last[r]
        path = [c]
        for step in range(hi - lo - 1, 0, -1):
            c = backs[step - 1][r][c]
            path.append(c)
        out[lo] = path[::-1]
    return out


def viterbi(em: list[list[float]], start: list[float], trans: list[list[float]]) -> list[int]:
    """Best class sequence: emission scores per token, start scores, trans[previous][class]."""
    k = range(len(start))
    cols = list(zip(*trans))
    score = [e + s for e, s in zip(em[0], start)]
    back = []
    for row in em[1:]:
        best, nxt = [], []
        for c in k:
            vals = [a + b for a, b in zip(score, cols[c])]
            m = max(vals)
            best.append(vals.index(m))
            nxt.append(m + row[c])
        back.append(best)
        score = nxt
    c = score.index(max(score))
    path = [c]
    for best in reversed(back):
        c = best[c]
        path.append(c)
    return path[::-1]


_MODEL_PATH: Path | None = None


def use_model(path: Path | None) -> None:
    """Tag with another weights file from now on (benchmarks of held-out models); None: the shipped one."""
    global _MODEL_PATH
    _MODEL_PATH = path
    tagger.cache_clear()


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    """The shipped model (or the one ``use_model`` named), loaded once per process."""
    return Tagger.load(_MODEL_PATH)
