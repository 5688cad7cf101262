"""The person tagger's model: shipped, loaded offline, trained reproducibly by tools/train_persons.py."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from index.extract.persons import features as F
from index.extract.persons.tagger import MODEL_FILE, Tagger, tagger, viterbi, viterbi_many
from index.resources import data_path

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_model_loads_offline_in_a_fresh_process():
    # A fresh interpreter with every socket refused: loading the model and tagging the seed
    # must not need the network (nothing is downloaded at run time).
    code = textwrap.dedent("""
        import socket
        def refuse(*a, **k):
            raise OSError("network used")
        socket.socket = refuse
        socket.create_connection = refuse
        from index.extract.persons.mentions import extract_persons
        from index.extract.persons.tagger import tagger
        from index.resources import data_path, seeds_dir
        from index.extract.persons.world_names import world_names
        t = tagger()
        assert len(world_names().given) > 10_000 and len(world_names().surnames) > 10_000
        text = (seeds_dir() / "moscow-times-trump-putin-call.txt").read_text(encoding="utf-8")
        print(len(t.index), data_path("persons_tagger.npz"), "|".join(extract_persons(text, "en")))
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "tests", capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    n, path, persons = out.stdout.split()[0], out.stdout.split()[1], out.stdout.strip().split(" ", 2)[2]
    assert int(n) > 10_000
    assert Path(path) == data_path(MODEL_FILE) and Path(path).is_relative_to(ROOT / "resources" / "data")
    assert "Vladimir Putin" in persons.split("|")


def test_model_is_loaded_once_per_process():
    assert tagger() is tagger()


def test_model_file_names_its_classes(tmp_path):
    with np.load(data_path(MODEL_FILE)) as z:
        assert tuple(bytes(z["classes"]).decode().split("\n")) == F.CLASSES
        assert z["weights"].dtype == np.float16 and z["weights"].shape[1] == len(F.CLASSES)
    bad = tmp_path / "other.npz"
    np.savez(bad, names=np.frombuffer(b"bias", dtype=np.uint8), weights=np.zeros((1, 3), np.float16),
             classes=np.frombuffer(b"O\nX\nY", dtype=np.uint8))
    with pytest.raises(ValueError, match="not a person model"):
        Tagger.load(bad)


def test_same_text_same_names_after_the_row_cache_is_reset(monkeypatch):
    text = "Chancellor Olaf Scholz met Giorgia Meloni in Rome. Meloni said the talks went well."
    t = Tagger.load()
    first = t.tag(text)
    monkeypatch.setattr("index.extract.persons.tagger._CACHE_ROWS", 8)
    t2 = Tagger.load()
    again = t2.tag(text)
    assert [s.words for s in first] == [s.words for s in again]
    assert ["Olaf", "Scholz"] in [s.words for s in first]


def test_tokens_and_candidates():
    lines = F.tokenize("Putin's aide met J.D. Vance and A. Smith in the U.S.\nSOCCER - KLINSMANN SCORES")
    assert lines[0][:2] == ["Putin", "'s"] and "J.D." in lines[0] and "A." in lines[0] and "U.S." in lines[0]
    prep = F.prepare(lines)
    cands = [prep.words[i] for i in prep.cands]
    assert "Klinsmann" in cands and "Scores" in cands        # an all-caps line is read title-cased
    assert "aide" not in cands and "Putin" in cands
    caps = [fl[1] for i, fl in zip(prep.cands, prep.flags) if prep.words[i] == "Klinsmann"]
    assert caps == [1.0]


def test_viterbi_follows_transitions():
    # Two classes; the second token alone prefers class 0, but 1 -> 1 is strongly rewarded.
    em = [[0.0, 5.0], [1.0, 0.0]]
    assert viterbi(em, [0.0, 0.0], [[0.0, 0.0], [0.0, 0.0]]) == [1, 0]
    assert viterbi(em, [0.0, 0.0], [[0.0, 0.0], [0.0, 3.0]]) == [1, 1]


WORDS = ["Putin", "putin", "PUTIN", "Kowalskiego", "Путина", "Зеленський", "J.D.", "U.S.", "A.", "de", "von",
         "al-Assad", "d'Estaing", "1996", "3-0", "12.5", "=", "a=b", "Le", "the", "Komisji", "Brytanii",
         "Sturgeonová", "O'Neill", "Mr", "President", "<s>", "</s>", ",", "NATO", "ab", "Ondřej", "Jr"]


def _string_ids(t: Tagger, w: str, offset: int) -> list[int]:
    return [t.index[f] for f in F.word_features(w, offset) if f in t.index]


def test_feature_ids_are_those_of_the_feature_strings():
    # The tagger looks a new word's feature ids up from its parts, not from the strings of
    # features.word_features: the same ids in the same order (so the same float32 sums).
    t = tagger()
    for offset in F.OFFSETS:
        for w in WORDS:
            assert t.feature_ids(w, offset) == _string_ids(t, w, offset), (w, offset)
    # A model that knows every feature of these words: none may be left out.
    names = sorted({f for o in F.OFFSETS for w in WORDS for f in F.word_features(w, o)} | set(F.FLAGS))
    full = Tagger(names, np.zeros((len(names), len(F.CLASSES)), np.float16))
    for offset in F.OFFSETS:
        for w in WORDS:
            got = full.feature_ids(w, offset)
            assert got == _string_ids(full, w, offset) and len(got) == len(F.word_features(w, offset)), (w, offset)


def test_viterbi_of_many_chains_is_viterbi_of_each():
    # Small integer scores make ties common: the first best must win as in viterbi().
    rng = np.random.default_rng(7)
    k = len(F.CLASSES)
    for _ in range(50):
        lens = rng.integers(2, 7, size=rng.integers(1, 6))
        em = rng.integers(-2, 3, size=(int(lens.sum()) + 3, k)).astype(np.float32)
        start = rng.integers(-1, 2, size=k).astype(float).tolist()
        trans = rng.integers(-2, 3, size=(k, k)).astype(float).tolist()
        runs, lo = [], 1
        for n in lens.tolist():
            runs.append((lo, lo + n))
            lo += n
        paths = viterbi_many(em, runs, start, trans)
        for lo, hi in runs:
            assert paths[lo] == viterbi(em[lo:hi].tolist(), start, trans)
    assert viterbi_many(np.zeros((0, k), np.float32), [], [0.0] * k, [[0.0] * k] * k) == {}


def test_training_script_writes_a_model_that_tags(tmp_path):
    # A tiny CoNLL-format corpus written here: the script runs end to end and its file loads.
    corpus = tmp_path / "corpora" / "conll2003"
    corpus.mkdir(parents=True)
    sents = []
    for first, last in [("Anna", "Kowalska"), ("Peter", "Brandt"), ("Maria", "Lopez"), ("John", "Smith")] * 3:
        sents.append(f"{first} NNP B-NP B-PER\n{last} NNP I-NP I-PER\nsaid VBD B-VP O\nin IN B-PP O\n"
                     f"Paris NNP B-NP B-LOC\n. . O O\n")
    (corpus / "eng.train").write_text("-DOCSTART- -X- O O\n\n" + "\n".join(sents), encoding="utf-8")
    out = tmp_path / "model.npz"
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "train_persons.py"), "--corpora",
                          str(tmp_path / "corpora"), "--no-bsnlp", "--epochs", "3", "--min-count", "1",
                          "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    spans = Tagger.load(out).tag("John Smith said in Paris .")
    assert [s.words for s in spans] == [["John", "Smith"]]


def test_the_bundle_carries_the_model():
    # The frozen app finds resources/ at its root (index.resources.app_root): the spec copies the
    # folder whole, and no trimming rule drops the weights.
    sys.path.insert(0, str(ROOT / "packaging"))
    import bundle_contents as bc
    assert "resources" in bc.BUNDLED_FOLDERS
    assert bc.keep_file(f"resources/data/{MODEL_FILE}")
    assert bc.keep_file("resources/data/world_names.txt")      # the tagger's name-list features
    assert "numpy" not in bc.OTHER_EXCLUDES


def test_training_labels_do_not_depend_on_the_hash_seed(tmp_path):
    # Two mentions of the same length over the same tokens with different types: which one labels
    # them must not follow a set's order (it changed with PYTHONHASHSEED, and the weights with it).
    import json
    doc = {"lang": "pl", "topic": "t", "title": "", "text": "Wczoraj Jan Nowak i Polska Press mówili.",
           "entities": [{"mention": "Jan Nowak", "type": "PER", "id": "PER-Jan-Nowak", "lemma": "Jan Nowak"},
                        {"mention": "Jan Nowak", "type": "ORG", "id": "ORG-Jan-Nowak", "lemma": "Jan Nowak"},
                        {"mention": "Polska Press", "type": "ORG", "id": "ORG-PP", "lemma": "Polska Press"},
                        {"mention": "Polska Press", "type": "PRO", "id": "PRO-PP", "lemma": "Polska Press"}]}
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
        from tools.train_persons import bsnlp_docs
        print([c for _, c, _, _ in bsnlp_docs(__import__("pathlib").Path({str(path)!r}))])
    """)
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": str(seed), "PATH": ""}).stdout for seed in range(6)}
    assert len(outs) == 1, outs
