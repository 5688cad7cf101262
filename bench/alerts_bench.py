"""Benchmark: check a batch of new articles against watched searches on a large library.

Target (issue 7): 1,000 new articles x 100 watched searches on a 100,000-article library < 2 s.

    .venv/bin/python bench/alerts_bench.py                    # builds /tmp/mw-alerts-bench (100k)
    .venv/bin/python bench/alerts_bench.py --size 20000       # smaller library, faster to build
    .venv/bin/python bench/alerts_bench.py --library DIR      # an existing library (copied first)

The library is built from synthetic articles straight through ``Store.add`` (extraction is not
what is measured): a vocabulary of common and rarer words, persons, countries, outlets and
languages drawn with a fixed seed, so every run is the same. The measured step is exactly what
the importer runs after committing a batch: ``index.alerts.watch.check_new_articles``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.alerts import inbox, saved, schema  # noqa: E402
from index.alerts.watch import check_new_articles  # noqa: E402
from index.library import open_library  # noqa: E402
from index.model import Article, SearchRequest  # noqa: E402

# Topical words that saved searches ask about, placed at Zipf ranks among generated filler so
# that each query word appears in a realistic share of articles (a few per cent down to 0.1 %).
TOPICAL = ("ceasefire drone strike talks minister sanctions election parliament refinery pipeline "
           "harbour grain export inflation budget court protest border summit nuclear energy gas "
           "tariff vaccine flood wildfire bank currency rate union railway airport satellite "
           "missile treaty embassy refugee hospital school university police army navy").split()
VOCAB_SIZE = 30_000


def _vocabulary() -> tuple[list[str], list[float]]:
    words = [f"w{i}" for i in range(VOCAB_SIZE)]
    for k, w in enumerate(TOPICAL):
        words[40 + k * 47] = w                       # ranks 40 .. ~2,000
    cum, total = [], 0.0
    for r in range(VOCAB_SIZE):
        total += 1.0 / (r + 1)                       # Zipf's law
        cum.append(total)
    return words, cum


VOCAB, WEIGHTS = _vocabulary()
WORDS = TOPICAL
FILLER = VOCAB[:30]
PERSONS = ["Vladimir Putin", "Donald Trump", "Volodymyr Zelensky", "Olaf Scholz", "Emmanuel Macron",
           "Xi Jinping", "Recep Tayyip Erdogan", "Keir Starmer", "Narendra Modi", "Ursula von der Leyen",
           "Sergei Lavrov", "Antony Blinken", "Giorgia Meloni", "Donald Tusk", "Viktor Orban"]
COUNTRIES = ["RU", "UA", "US", "DE", "FR", "CN", "TR", "GB", "IN", "PL", "HU", "IT", "IR", "IL", "JP"]
OUTLETS = ["The Moscow Times", "Reuters", "BBC", "Der Spiegel", "Le Monde", "TASS", "Meduza",
           "Kyiv Independent", "The Guardian", "Al Jazeera"]
LANGS = ["en", "en", "en", "de", "fr", "ru"]


def make_article(rng: random.Random, n: int) -> Article:
    words = rng.choices(VOCAB, cum_weights=WEIGHTS, k=rng.randint(120, 260))
    persons = rng.sample(PERSONS, rng.randint(0, 3))
    countries = rng.sample(COUNTRIES, rng.randint(1, 3))
    body = " ".join(words) + " " + " ".join(persons) + f" item{n}."
    sha = hashlib.sha256(f"bench-{n}".encode()).hexdigest()
    return Article(
        id=sha[:16], title=f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} report {n}", body=body,
        path=f"bench/{n}.txt", sha256=sha, format="txt", outlet=rng.choice(OUTLETS),
        published=dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 700)),
        published_source="text", language=rng.choice(LANGS), persons=persons, countries=countries,
        imported=dt.datetime.now().replace(microsecond=0))


def make_searches(rng: random.Random, n: int) -> list[SearchRequest]:
    out = []
    for i in range(n):
        kind = i % 5
        if kind == 0:
            r = SearchRequest(query=f"{rng.choice(WORDS)} AND {rng.choice(WORDS)}")
        elif kind == 1:
            r = SearchRequest(query=rng.choice(WORDS), filters={"person": [rng.choice(PERSONS)]})
        elif kind == 2:
            r = SearchRequest(query=f'"{rng.choice(FILLER)} {rng.choice(WORDS)}" OR {rng.choice(WORDS)}',
                              filters={"country": rng.sample(COUNTRIES, 2)}, excludes={"language": ["ru"]})
        elif kind == 3:
            r = SearchRequest(filters={"outlet": [rng.choice(OUTLETS)], "language": ["en"]},
                              date_from=dt.date(2025, 1, 1))
        else:
            r = SearchRequest(query=f"{rng.choice(WORDS)} NOT {rng.choice(WORDS)}",
                              filters={"country": [rng.choice(COUNTRIES)]})
        out.append(r)
    return out


def build(folder: Path, size: int, rng: random.Random) -> None:
    lib = open_library(folder)
    have = lib.count()
    t0 = time.perf_counter()
    for start in range(have, size, 5000):
        lib.store.add([make_article(rng, n) for n in range(start, min(size, start + 5000))])
        print(f"  built {min(size, start + 5000):,} articles ({time.perf_counter() - t0:.0f} s)", flush=True)
    lib.close()


def searches_from_library(lib, rng: random.Random, n: int) -> list[SearchRequest]:
    """Standing questions built from the library's own facet values (so filters really select)."""
    top = lib.search(SearchRequest(limit=0, facet_limit=30, snippets=False)).facets
    values = {f: [v for v, _ in top.get(f, [])] or fallback for f, fallback in
              (("person", PERSONS), ("country", COUNTRIES), ("outlet", OUTLETS), ("language", LANGS))}
    out = []
    for i in range(n):
        kind, w = i % 5, lambda: rng.choice(TOPICAL)
        if kind == 0:
            r = SearchRequest(query=f"{w()} OR {w()}")
        elif kind == 1:
            r = SearchRequest(query=w(), filters={"person": [rng.choice(values["person"])]})
        elif kind == 2:
            r = SearchRequest(query=f'"{rng.choice(["the", "in", "of"])} {w()}" OR {w()}',
                              filters={"country": rng.sample(values["country"], 2)},
                              excludes={"language": [rng.choice(values["language"])]})
        elif kind == 3:
            r = SearchRequest(filters={"outlet": [rng.choice(values["outlet"])],
                                       "language": [rng.choice(values["language"])]})
        else:
            r = SearchRequest(query=f"{w()} NOT {w()}", filters={"country": [rng.choice(values["country"])]},
                              date_from=dt.date(2022, 1, 1))
        out.append(r)
    return out


def batch_from_library(lib, rng: random.Random, n: int, tag: str) -> list[Article]:
    """New articles that look like the library's: random stored ones under new ids."""
    ids = [a.id for _, a in zip(range(20_000), lib.store.iter_articles())]
    out = []
    for k, art in enumerate(lib.store.get_many(rng.sample(ids, min(n, len(ids))))):
        sha = hashlib.sha256(f"{tag}-{k}".encode()).hexdigest()
        art.id, art.sha256, art.path = sha[:16], sha, f"new/{tag}-{k}.txt"
        art.body += f" Update {tag} {k}."
        art.imported = dt.datetime.now().replace(microsecond=0)
        out.append(art)
    return out


def prepare(base: Path, store: Path) -> None:
    """A library folder around a copy of a bare Whoosh index (e.g. bench/search_bench.py's)."""
    open_library(base).close()
    shutil.rmtree(base / "index")
    shutil.copytree(store, base / "index", ignore=shutil.ignore_patterns("*LOCK*", "*.tmp"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--library", type=Path, help="an existing library to copy and use")
    src.add_argument("--store", type=Path, help="a bare Whoosh index to use, e.g. /tmp/mw-bench-100k "
                                                "from bench/search_bench.py")
    ap.add_argument("--size", type=int, default=100_000, help="articles in the built library")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "mw-alerts-bench")
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--searches", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if args.store:
        base = args.cache / f"store-{args.store.name}"
        if not base.exists():
            print(f"copying {args.store} into a library at {base}")
            prepare(base, args.store)
    else:
        base = args.library or args.cache / f"lib-{args.size}"
        if args.library is None and (not base.exists() or open_library(base).count() < args.size):
            print(f"building a {args.size:,}-article library in {base} (once; cached)")
            build(base, args.size, random.Random(7))
    # One working copy (the cached library stays untouched); each run adds its own new batch.
    work = Path(tempfile.mkdtemp(prefix="mw-alerts-run-")) / "lib"
    shutil.copytree(base, work, ignore=shutil.ignore_patterns("library.lock"))
    lib = open_library(work)
    times, alerts, size = [], 0, lib.count()
    try:
        for run in range(args.runs):
            schema.ensure(lib.state)
            with lib.state.tx() as conn:      # a fresh set of standing questions per run
                for table in ("alerts", "saved_arrivals", "saved_searches"):
                    conn.execute(f"DELETE FROM {table}")
            for i, req in enumerate(searches_from_library(lib, random.Random(11), args.searches)):
                saved.add(lib.state, f"search {i:03d}", req, watched=True)
            batch = batch_from_library(lib, random.Random(1000 + run), args.batch, f"run{run}")
            lib.store.add(batch)              # the importer commits, then runs the hook
            t0 = time.perf_counter()
            check_new_articles(lib, batch)
            times.append(time.perf_counter() - t0)
            alerts = len(inbox.list_alerts(lib.state))
            print(f"run {run + 1}: {times[-1]:.3f} s, {alerts} alerts", flush=True)
    finally:
        lib.close()
        shutil.rmtree(work.parent, ignore_errors=True)
    print(f"\n{args.batch:,} new articles x {args.searches} watched searches on a {size:,}-article library "
          f"(+ the batch): median {statistics.median(times):.3f} s, best {min(times):.3f} s "
          f"(target < 2 s), {alerts} alerts recorded")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
