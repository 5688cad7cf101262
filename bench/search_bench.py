"""Search + facet speed at scale: builds a synthetic library from real corpus sentences, runs
mixed queries with every facet count, and compares with Whoosh's own groupedby faceting.

    .venv/bin/python bench/search_bench.py --docs 100000 --library /tmp/mw-bench-100k
    (an existing --library with enough documents is reused; --rebuild forces a new one)

Articles: ~500 words of sentences recombined from ../shared/corpora (en/ru/uk/de/fr/es), persons
from Reuters' PEOPLE list, 200 outlets, agencies, 1-4 countries, dates over 5 years (3% undated).
Generation is seeded. Prints p50/p95/max per query kind (200 queries, each with all 6 facet
counts, 20 hits and snippets), open time, memory, and the same queries (a sample) faceted by
Whoosh's FieldFacet(allow_overlap=True). Building goes through Store.add like an import
(commits of 10,000): a library killed mid-build keeps every committed batch, and this script
reuses whatever --library holds.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from index.model import Article, SearchRequest  # noqa: E402
from index.store import Store  # noqa: E402

from corpora import CORPORA  # noqa: E402  ($MEDIAWATCH_CORPORA, or beside a checkout or worktree)
LANG_SHARE = {"en": 0.5, "ru": 0.18, "de": 0.12, "uk": 0.08, "fr": 0.06, "es": 0.06}
COUNTRIES = "US RU UA DE FR GB CN ES IT PL TR IR IL SY JP IN BR CA KZ BY GE MD LT LV EE FI SE NO".split()
AGENCIES = ["AFP", "Reuters", "AP", "TASS", "Interfax", "dpa", "EFE", "Ukrinform", "RIA Novosti"]
CITIES = ("Moscow Kyiv Berlin Paris Madrid London Boston Denver Lviv Kazan Hamburg Lyon Sevilla "
          "Odesa Munich Toronto Chicago Dallas Milan Vienna").split()
KINDS = ("Times Herald Post Gazette Daily Courier Tribune Observer Review Journal").split()


def sentences() -> dict[str, list[str]]:
    pool: dict[str, list[str]] = {lang: [] for lang in LANG_SHARE}
    for f in sorted((CORPORA / "multilingual_news").glob("*.jsonl")):
        for line in f.open(encoding="utf-8"):
            d = json.loads(line)
            if d.get("lang") in pool:
                pool[d["lang"]] += [s.strip() for s in re.split(r"(?<=[.!?])\s+", d.get("text", ""))
                                    if 30 < len(s.strip()) < 400]
    for f in sorted((CORPORA / "reuters21578").glob("reut2-*.sgm"))[:4]:
        raw = f.read_text(encoding="latin-1")
        for body in re.findall(r"<BODY>(.*?)</BODY>", raw, re.S):
            body = re.sub(r"&#\d+;|&lt;|&gt;|\s+", " ", body)
            pool["en"] += [s.strip() for s in re.split(r"(?<=[.!?])\s+", body) if 30 < len(s.strip()) < 400]
    return pool


def persons() -> list[str]:
    names = []
    for line in (CORPORA / "reuters21578" / "all-people-strings.lc.txt").open(encoding="latin-1"):
        parts = line.strip().split("-")
        if len(parts) >= 2:
            names.append(" ".join(p.capitalize() for p in reversed(parts)))
    return names


def generate(n: int, seed: int = 7):
    rnd = random.Random(seed)
    pool, people = sentences(), persons()
    outlets = [f"{c} {k}" for c in CITIES for k in KINDS][:200]
    langs, weights = zip(*LANG_SHARE.items())
    start = dt.date(2021, 1, 1)
    for i in range(n):
        lang = rnd.choices(langs, weights)[0]
        sents = rnd.choices(pool[lang], k=22)
        body = " ".join(sents)
        zipf = lambda seq, k: list(dict.fromkeys(seq[min(len(seq) - 1, int(rnd.paretovariate(1.1)) - 1)]
                                                for _ in range(k)))
        yield Article(
            id=f"b{i:07d}", title=sents[0][:90], body=body, path=f"bench/{i}.txt", sha256=str(i),
            format="txt", outlet=outlets[int(rnd.paretovariate(0.8)) % len(outlets)],
            agencies=zipf(AGENCIES, rnd.choice([0, 0, 0, 1, 1, 2])), language=lang,
            persons=zipf(people, rnd.randint(0, 6)), countries=zipf(COUNTRIES, rnd.randint(1, 4)),
            published=None if rnd.random() < 0.03 else start + dt.timedelta(days=rnd.randrange(1826)))


_GEN = None


def _prepared_batch(args):
    """Worker: generate articles [start, stop) and do their indexing work ahead, as the
    importer's extraction worker does (store.schema.prepare)."""
    global _GEN
    start, stop, n = args
    from index.store.schema import prepare
    if _GEN is None or _GEN[1] > start:          # one worker, chunks in order: one generator
        _GEN = [generate(n), 0]
    gen, out = _GEN[0], []
    while _GEN[1] < stop:
        a = next(gen)
        _GEN[1] += 1
        if _GEN[1] > start:
            prepare(a)
            out.append(a)
    return out


def build(folder: Path, n: int, batch: int = 10000) -> None:
    """Through Store.add, as an import writes (tiered merges, word-pair files), in commits of
    ``batch`` articles; a worker process generates and analyzes the next batch meanwhile. A
    library killed mid-build keeps every committed batch; this script reuses what --library holds."""
    from concurrent.futures import ProcessPoolExecutor
    store = Store.open(folder, create=True)
    done = store.count()
    t0 = time.perf_counter()
    chunks = [(i, min(n, i + 1000), n) for i in range(done, n, 1000)]
    with ProcessPoolExecutor(1) as pool:
        pending = []
        ahead = [pool.submit(_prepared_batch, c) for c in chunks[:3]]   # bounded: memory
        for k in range(len(chunks)):
            arts = ahead.pop(0).result()
            if k + 3 < len(chunks):
                ahead.append(pool.submit(_prepared_batch, chunks[k + 3]))
            pending += arts
            if len(pending) >= batch or chunks and arts and arts[-1].id == f"b{n - 1:07d}":
                store.add(pending)
                done += len(pending)
                pending = []
                print(f"  built {done} ({(done - chunks[0][0]) / (time.perf_counter() - t0):.0f} docs/s)",
                      flush=True)
        if pending:
            store.add(pending)
    store.close()
    print(f"built {n} in {time.perf_counter() - t0:.0f} s", flush=True)


def queries(rnd: random.Random, store: Store) -> list[tuple[str, SearchRequest]]:
    people = [p for p, _ in store.search(SearchRequest(limit=0)).facets["person"][:60]]
    words = "government minister president economy police election talks bank oil war".split()
    ru = "правительство президент переговоры выборы".split()
    qs: list[tuple[str, SearchRequest]] = []
    for _ in range(40):
        qs.append(("term", SearchRequest(query=rnd.choice(words + ru), limit=20)))
    for _ in range(40):
        a, b = rnd.sample(words, 2)
        op = rnd.choice(["AND", "OR", "NOT"])
        qs.append(("boolean", SearchRequest(query=f"{a} {op} {b}", limit=20)))
    for _ in range(30):
        qs.append(("phrase", SearchRequest(query=rnd.choice(['"prime minister"', '"the government"',
                   '"said on"', '"the president"', '"central bank"']), limit=20)))
    for _ in range(40):
        qs.append(("filter", SearchRequest(query=rnd.choice(["", rnd.choice(words)]), limit=20,
                   filters={"person": [rnd.choice(people)]} if rnd.random() < .5 else
                   {"country": rnd.sample(["RU", "UA", "US", "DE"], 2)})))
    for _ in range(50):
        d0 = dt.date(2021, 1, 1) + dt.timedelta(days=rnd.randrange(1600))
        qs.append(("date", SearchRequest(query=rnd.choice(["", rnd.choice(words)]), limit=20,
                   date_from=d0, date_to=d0 + dt.timedelta(days=rnd.choice([7, 31, 180, 365])))))
    rnd.shuffle(qs)
    return qs


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def whoosh_groupedby(store: Store, qs) -> dict[str, list[float]]:
    """The same queries faceted with Whoosh's FieldFacet(allow_overlap=True) (person, country, outlet)."""
    from whoosh import sorting, query as wq
    from index.store.search.query import parse
    s, times = store.searcher(), {}
    facets = {f: sorting.FieldFacet(f"f_{f}", allow_overlap=True) for f in ("person", "country", "outlet")}
    for kind, req in qs:
        q = parse(req.query, store._parser()) or wq.Every()
        # ``exact`` keeps no positions: give Whoosh the same phrase as a ``pairs`` term
        q = q.accept(lambda n: wq.Term("pairs", " ".join(n.words))
                     if isinstance(n, wq.Phrase) and len(n.words) == 2 else n)
        if req.filters or req.date_from:      # Whoosh's way of filtering: a filter query
            parts = [wq.Or([wq.Term(f"f_{f}", v) for v in vals]) for f, vals in req.filters.items()]
            if req.date_from:
                from index.store.schema import day_number
                parts.append(wq.NumericRange("pubday", day_number(req.date_from), day_number(req.date_to)))
            q = wq.And([q] + parts)
        t0 = time.perf_counter()
        r = s.search(q, limit=20, groupedby=facets)
        for f in facets:
            r.groups(f)
        times.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--library", default="/tmp/mw-bench-100k")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--whoosh-sample", type=int, default=30, help="queries to time with groupedby")
    args = ap.parse_args()
    if not CORPORA.exists():
        sys.exit(f"corpora not found at {CORPORA}")
    folder = Path(args.library)
    if args.rebuild or not folder.exists():
        build(folder, args.docs)
    proc = psutil.Process()
    rss0 = proc.memory_info().rss
    t0 = time.perf_counter()
    store = Store.open(folder, create=False)
    n = store.count()
    t_open = time.perf_counter() - t0
    t0 = time.perf_counter()
    store.search(SearchRequest(limit=0))
    t_first = time.perf_counter() - t0
    print(f"library: {n} articles, open {t_open * 1000:.0f} ms, first search incl. column build "
          f"{t_first * 1000:.0f} ms")
    qs = queries(random.Random(11), store)
    times: dict[str, list[float]] = {}
    for kind, req in qs:
        t0 = time.perf_counter()
        store.search(req)
        times.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
    print(f"memory: RSS {proc.memory_info().rss / 2**20:.0f} MB (+{(proc.memory_info().rss - rss0) / 2**20:.0f} MB for the store)")
    print(f"\nours: whole search with all 6 facet counts + 20 hits with snippets, ms")
    print(f"{'kind':10} {'n':>4} {'p50':>8} {'p95':>8} {'max':>8}")
    for kind, xs in sorted(times.items()):
        print(f"{kind:10} {len(xs):4} {pct(xs, 50):8.1f} {pct(xs, 95):8.1f} {max(xs):8.1f}")
    sample = qs[: args.whoosh_sample]
    wt = whoosh_groupedby(store, sample)
    print(f"\nwhoosh groupedby FieldFacet(allow_overlap) person+country+outlet, {len(sample)} of the same queries, ms")
    for kind, xs in sorted(wt.items()):
        print(f"{kind:10} {len(xs):4} {pct(xs, 50):8.1f} {pct(xs, 95):8.1f} {max(xs):8.1f}")
    store.close()


if __name__ == "__main__":
    main()
