"""Facet counting on a big team library: every hit counted (exact, as before) against every Nth
hit of a broad query (search_sql.FACET_SAMPLE_HITS), the same queries interleaved in one run, on
a library built by team_bench.py --keep.

    .venv/bin/python bench/team_facet_bench.py --server-dir /tmp/mw-team-bench

Prints p50/p95 of whole searches (all facets, 20 hits, snippets) per query kind, both ways, and
how far the estimates are from the exact counts: for each facet's top 10 values (by exact
count), the largest relative error, over the queries that were sampled.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import search_bench as sb  # noqa: E402

EXACT = 10 ** 12           # a cap no library reaches: every hit counted


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--server-dir", default="/tmp/mw-team-bench")
    ap.add_argument("--database", default="bench")
    ap.add_argument("--queries", type=int, default=200, help="the first N of the bench's queries")
    args = ap.parse_args()
    from index.store.postgres import search_sql as ss
    from index.store.postgres.cluster import Cluster
    from index.store.postgres.store import PgStore
    cap = ss.FACET_SAMPLE_HITS
    c = Cluster(args.server_dir).start()
    try:
        store = PgStore.open(c.url(args.database), create=False)
        qs = sb.queries(random.Random(11), store)[:args.queries]
        for _, req in qs[:10]:                                   # warm caches once
            store.search(req)
        times: dict[str, dict[str, list[float]]] = {"exact": {}, "sampled": {}}
        errors: list[float] = []
        sampled = 0
        for kind, req in qs:
            got = {}
            for name, limit in (("exact", EXACT), ("sampled", cap)):
                ss.FACET_SAMPLE_HITS = limit
                t0 = time.perf_counter()
                got[name] = store.search(req)
                t = (time.perf_counter() - t0) * 1000
                for k in (kind, "all"):
                    times[name].setdefault(k, []).append(t)
            ex, est = got["exact"], got["sampled"]
            assert ex.total == est.total and ex.facets.get("date") == est.facets.get("date")
            if est.facet_stride > 1:
                sampled += 1
                for f in ("person", "country", "outlet", "language", "agency"):
                    have = dict(est.facets.get(f, []))
                    for v, n in ex.facets.get(f, [])[:10]:
                        errors.append(abs(have.get(v, 0) - n) / n)
        ss.FACET_SAMPLE_HITS = cap
        print(f"{store.count():,} articles; {len(qs)} queries, {sampled} of them sampled "
              f"(over {cap:,} hits in range)")
        print(f"{'query kind':<10} {'exact':>18} {'sampled':>18}   (p50 / p95 ms)")
        for kind in ("all", "term", "boolean", "phrase", "filter", "date"):
            a, b = times["exact"].get(kind, [0]), times["sampled"].get(kind, [0])
            print(f"{kind:<10} {sb.pct(a, 50):>8.0f} / {sb.pct(a, 95):<7.0f} "
                  f"{sb.pct(b, 50):>8.0f} / {sb.pct(b, 95):<7.0f}")
        if errors:
            errors.sort()
            print(f"top-10 values' relative error when sampled: median {sb.pct(errors, 50):.1%}, "
                  f"p95 {sb.pct(errors, 95):.1%}, max {errors[-1]:.1%} ({len(errors)} values)")
        store.close()
    finally:
        c.stop(remove=False)


if __name__ == "__main__":
    main()
