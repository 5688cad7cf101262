"""The import pipeline object (index/ingest/pipeline.py): its stages, its one setting for workers,
and the promise that how an import ran never changes what a search finds or how it scores."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.ingest import parallel, pipeline
from index.ingest.pipeline import ImportPipeline, after_commit_steps
from index.library import open_library
from index.model import SearchRequest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

QUERIES = [
    SearchRequest(query="putin"),
    SearchRequest(query="trump putin call"),
    SearchRequest(query='"prisoner exchange" OR gefangene'),
    SearchRequest(query="sanctions -fleet"),
    SearchRequest(query="istanbul", sort="newest"),
    SearchRequest(query="", sort="newest", limit=100),
    SearchRequest(query="talks", filters={"language": ["en"]}),
    SearchRequest(query="kremlin OR kreml OR кремль", limit=100),
]


def _results(lib) -> list:
    out = []
    for req in QUERIES:
        res = lib.search(req)
        assert res.error is None, res.error
        out.append((res.total, [(h.id, h.score, h.snippet) for h in res.hits],
                    {k: list(v) for k, v in res.facets.items()}))
    return out


def test_search_results_and_scores_are_the_same_whichever_way_the_import_ran(tmp_path, monkeypatch):
    """In-process, or through a worker (articles analyzed ahead, sent over a pipe), in small
    commits whose segments merge: every hit, score, snippet and facet count is identical.
    (The same batches on both sides: a merged segment's total field length is the sum of
    Whoosh's one-byte document lengths, so merging moves BM25 scores by ~0.5%, in bare Whoosh
    too.) Commits by the clock are off: on a busy machine they would cut other batches."""
    monkeypatch.setattr(pipeline, "COMMIT_SECONDS", 1e9)
    a = open_library(tmp_path / "a")
    report_a = a.import_all([SEEDS], workers=0, batch_size=3)
    b = open_library(tmp_path / "b")
    report_b = b.import_all([SEEDS], workers=1, batch_size=3)
    try:
        assert report_a.ids == report_b.ids and len(report_a.ids) >= 30
        assert len(list(b.store.searcher().leaf_searchers())) < len(report_b.ids) / 3  # merged
        first = _results(a)
        assert any(total > 5 for total, _, _ in first)        # the queries do find things
        assert _results(b) == first
    finally:
        a.close()
        b.close()


def test_after_commit_steps_run_in_order_on_every_committed_batch(tmp_path):
    lib = open_library(tmp_path / "lib")
    calls = []
    steps = [lambda library, batch: calls.append(("first", [x.id for x in batch])),
             lambda library, batch: calls.append(("second", library.count()))]
    pipe = ImportPipeline(lib, workers=0, batch_size=10, steps=steps)
    gen = pipe.run([str(SEEDS)])
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        report = stop.value
    lib.close()
    batches = [ids for name, ids in calls if name == "first"]
    assert [name for name, _ in calls] == ["first", "second"] * len(batches)
    assert len(batches) == -(-len(report.ids) // 10)
    assert [i for ids in batches for i in ids] == report.ids
    # each second step saw its batch committed already
    counts = [n for name, n in calls if name == "second"]
    assert counts == [min(10 * (k + 1), len(report.ids)) for k in range(len(batches))]


def test_a_failing_step_loses_nothing(tmp_path):
    lib = open_library(tmp_path / "lib")

    def broken(library, batch):
        raise RuntimeError("step broke")

    pipe = ImportPipeline(lib, workers=0, steps=[broken])
    gen = pipe.run([str(SEEDS / "moscow-times-trump-putin-call.txt")])
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        report = stop.value
    assert len(report.ids) == 1 and lib.count() == 1
    lib.close()


def test_the_library_steps_are_the_default_ones(tmp_path):
    lib = open_library(tmp_path / "lib")
    names = [getattr(s, "__name__", "") for s in after_commit_steps(lib)]
    lib.close()
    assert names.index("group_new") < names.index("check_new_articles")   # alerts read copies


@pytest.mark.parametrize("env, expected", [("0", 0), ("2", 2), ("", None)])
def test_one_setting_chooses_the_workers(monkeypatch, env, expected):
    monkeypatch.setenv(parallel.WORKERS_ENV, env)
    small = [object()] * 3
    big = [object()] * (parallel.MIN_SOURCES_FOR_WORKERS + 1)
    if expected is None:
        assert parallel.default_workers(small) == 0           # a worker costs a second to start
        assert parallel.default_workers(big) >= 1
    else:
        assert parallel.default_workers(small) == expected == parallel.default_workers(big)


def test_a_copied_library_imports_only_new_files_as_new(tmp_path):
    """Duplicates are found in the library as well as in the run (one lookup per part)."""
    lib = open_library(tmp_path / "lib")
    first = lib.import_all([SEEDS / "moscow-times-trump-putin-call.txt"], workers=0)
    shutil.copytree(SEEDS, tmp_path / "again")
    second = lib.import_all([tmp_path / "again"], workers=0)
    lib.close()
    assert second.duplicates >= 1 and first.ids[0] in second.duplicate_ids
    assert first.ids[0] not in second.ids
