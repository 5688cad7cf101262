"""Where each millisecond of an imported article goes: a per-stage table (issue 14, item 3).

    .venv/bin/python bench/import_profile.py [--limit 3000] [--format jsonl|folder|mbox]

Runs a real import in this process (no workers, so every stage is seen) of Reuters-21578 made
into one input file, with each stage's function wrapped by a timer. Times are CPU time of this
thread (``time.thread_time``), not wall time: on a shared machine they do not depend on what the
other processes do. Each stage's own time is shown ("self": its callees that are stages
themselves are counted there, not twice). Inter-process transfer (what a worker's result costs
to pickle and unpickle) is measured apart on the same articles, since this import has no worker.
"""
from __future__ import annotations

import argparse
import importlib
import pickle
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpora import CORPORA, reuters  # noqa: E402

SELF = defaultdict(float)       # stage -> its own CPU seconds
CALLS = defaultdict(int)
_STACK: list[list[float]] = []  # [start, time spent in nested stages]


def _timed(fn, label: str):
    def wrapper(*args, **kwargs):
        frame = [time.thread_time(), 0.0]
        _STACK.append(frame)
        try:
            return fn(*args, **kwargs)
        finally:
            _STACK.pop()
            spent = time.thread_time() - frame[0]
            SELF[label] += spent - frame[1]
            CALLS[label] += 1
            if _STACK:
                _STACK[-1][1] += spent
    wrapper.__wrapped__ = fn
    return wrapper


def wrap(owner, attr: str, label: str) -> None:
    fn = getattr(owner, attr, None)
    if fn is None:                       # a stage that moved: the table simply lacks its row
        print(f"(no {getattr(owner, '__name__', owner)}.{attr} to time)", file=sys.stderr)
        return
    setattr(owner, attr, _timed(fn, label))


def instrument() -> None:
    """Wrap each stage's entry point (module attributes are looked up at call time)."""
    from index import hooks
    from index.extract import dates, pipeline
    from index.extract.countries import mentions as countries
    from index.extract.language import detect
    from index.extract.persons import mentions as persons
    from index.extract.text import clean, learned_lines, outlets
    discover_mod = importlib.import_module("index.ingest.discover")
    from index.ingest import outcome, pipeline as pipeline_mod, readers
    from index.state import State
    from index.store import bigrams, whoosh_store
    from whoosh.fields import FieldType
    try:                                 # the store's own writer class (index/store/codec)
        from index.store.codec.writer import MediawatchWriter as SegmentWriter
    except ImportError:
        from whoosh.writing import SegmentWriter

    for mod in set(readers.READERS.values()):
        wrap(mod, "read", "read (reader: bytes -> raw articles)")
    wrap(pipeline_mod, "discover", "discover (walk, stat)")
    wrap(discover_mod.Source, "load", "load file bytes")
    wrap(clean, "clean_text", "extract: clean body, credits")
    wrap(outlets, "resolve_outlet", "extract: outlet")
    wrap(learned_lines.LearnedLines, "strip", "extract: learned lines strip")
    wrap(detect, "detect_language", "extract: language")
    wrap(dates, "date_from_text", "extract: dates")
    wrap(persons, "extract_persons", "extract: persons")
    wrap(countries, "extract_countries", "extract: countries")
    wrap(pipeline, "extract", "extract: rest (title, id hash, Article)")
    wrap(outcome, "accept", "duplicate check, queue")
    wrap(learned_lines.LearnedLines, "observe_many", "learned lines observe")
    wrap(whoosh_store, "to_document", "index: document (JSON of the article)")
    wrap(FieldType, "index", "index: analysis (tokenize, stem)")
    wrap(SegmentWriter, "add_document", "index: posting pool (add_document)")
    wrap(SegmentWriter, "_flush_segment", "index: posting writing (flush segment)")
    wrap(SegmentWriter, "add_reader", "index: segment merges")
    wrap(SegmentWriter, "commit", "index: commit (rest: TOC, sort)")
    wrap(bigrams, "doc_keys", "word pairs: hashing")
    wrap(whoosh_store.Store, "_after_commit", "word pairs: write per segment")
    wrap(whoosh_store.Store, "_writer", "index: open writer")
    wrap(State, "execute", "SQLite (state writes, reads)")
    wrap(State, "executemany", "SQLite (state writes, reads)")
    for i, fn in enumerate(hooks.AFTER_COMMIT):
        name = getattr(fn, "__name__", str(fn))
        label = {"group_new": "after commit: stories", "check_new_articles":
                 "after commit: alerts"}.get(name, f"after commit: {name}")
        hooks.AFTER_COMMIT[i] = _timed(fn, label)


def transfer_cost(library, n: int) -> tuple[float, float, int]:
    """CPU seconds to pickle and unpickle ``n`` prepared articles as a worker's result, and bytes."""
    from index.stories.signature import prepare as prepare_signature
    from index.store.schema import prepare
    arts = list(library.store.iter_articles())[:n]
    for a in arts:
        prepare(a)
        prepare_signature(a)
    t0 = time.thread_time()
    blob = pickle.dumps(arts, protocol=pickle.HIGHEST_PROTOCOL)
    t1 = time.thread_time()
    pickle.loads(blob)
    t2 = time.thread_time()
    return t1 - t0, t2 - t1, len(blob)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=3000)
    ap.add_argument("--format", default="jsonl", choices=("jsonl", "folder", "mbox"))
    a = ap.parse_args()
    if not (CORPORA / "reuters21578").exists():
        print(f"skipped: {CORPORA / 'reuters21578'} is absent")
        return
    import import_bench
    docs = reuters(a.limit)
    tmp = Path(tempfile.mkdtemp(prefix="mw-import-profile-"))
    name, write = import_bench.WRITERS[a.format]
    src = write(docs, tmp / name)
    from index.library import open_library
    library = open_library(tmp / "lib")
    library.count()                     # the store and its searcher open before timing
    from index.extract.persons import mentions
    mentions.extract_persons("Warm-up text about nobody.", "en")   # models load before timing
    instrument()
    wall0, cpu0 = time.perf_counter(), time.thread_time()
    report = library.import_all([src], workers=0)
    wall, cpu = time.perf_counter() - wall0, time.thread_time() - cpu0
    n = max(len(report.ids), 1)
    dumps, loads, size = transfer_cost(library, min(n, 1000))
    k = min(n, 1000)
    library.close()
    shutil.rmtree(tmp, ignore_errors=True)

    rows = sorted(SELF.items(), key=lambda kv: -kv[1])
    rows.append(("other (importer loop, progress, ...)", cpu - sum(SELF.values())))
    print(f"{n} articles from {a.format}, in-process; CPU {cpu:.1f} s, wall {wall:.1f} s "
          f"(load {__import__('os').getloadavg()[0]:.1f})")
    print(f"{'stage':46}{'ms/article':>11}{'share':>7}{'calls':>8}")
    for label, secs in rows:
        print(f"{label:46}{secs * 1000 / n:>11.3f}{secs / cpu:>7.0%}{CALLS.get(label, 0):>8}")
    print(f"{'total':46}{cpu * 1000 / n:>11.3f}{1:>7.0%}")
    print(f"{'inter-process: pickle a worker result':46}{dumps * 1000 / k:>11.3f}"
          f"{'':>7}  ({size / k / 1024:.1f} KB an article)")
    print(f"{'inter-process: unpickle it':46}{loads * 1000 / k:>11.3f}")


if __name__ == "__main__":
    main()
