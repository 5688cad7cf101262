"""Where a team library search spends its time: the bench's 200 queries (search_bench.py's, each
with every facet count, 20 hits and snippets), each split as PgStore.search runs it (``counts``:
the totals, then the facets and date histogram over the sample the totals decide; ``page``: the
20 hits with ``ts_headline``), on a library built by team_bench.py --keep.

    .venv/bin/python bench/team_search_profile.py --server-dir /tmp/team-bench/pg
    .venv/bin/python bench/team_search_profile.py --server-dir /tmp/team-bench/pg --explain 3

Prints p50/p95 per query kind of the whole search and of each part, and the slowest queries;
``--explain N`` prints EXPLAIN (ANALYZE, BUFFERS) of the three statements of the N slowest.
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


def statements(store, conn, req):
    """[(totals sql, params), (counts sql, params)], (page sql, params) of a request, as
    PgStore.search builds them: the totals run here, since their hit count decides the facet
    sample's stride (search_sql.stride_for)."""
    from index.store.postgres import search_sql as ss
    p = ss.plan(req, store.condition_for(conn, req.query))
    page = ss.page_sql(p, req, body=False, limit=max(0, req.limit), offset=max(0, req.offset))
    totals = ss.totals_sql(p)
    in_range = conn.execute(*totals).fetchone()[0]
    return [totals, ss.counts_sql(p, req, ss.stride_for(int(in_range)))], page


def run_counts(conn, counts) -> None:
    for sql, params in counts:
        conn.execute(sql, params).fetchall()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--server-dir", default="/tmp/team-bench/pg")
    ap.add_argument("--database", default="bench")
    ap.add_argument("--queries", type=int, default=200, help="the first N of the bench's queries")
    ap.add_argument("--explain", type=int, default=0, help="EXPLAIN the N slowest queries")
    ap.add_argument("--kind", default=None, help="only queries of this kind")
    args = ap.parse_args()
    from index.store.postgres import search_sql as ss
    from index.store.postgres.cluster import Cluster
    from index.store.postgres.store import PgStore
    c = Cluster(args.server_dir).start()
    store = PgStore.open(c.url(args.database), create=False)
    qs = sb.queries(random.Random(11), store)[:args.queries]
    if args.kind:
        qs = [(k, r) for k, r in qs if k == args.kind]
    for _, req in qs[:10]:                                   # warm caches once
        store.search(req)
    times: dict[str, dict[str, list[float]]] = {"search": {}, "counts": {}, "page": {}}
    rows = []
    with store._conn() as conn:
        for kind, req in qs:
            t0 = time.perf_counter()
            res = store.search(req)
            t1 = time.perf_counter()
            with conn.transaction():
                conn.execute(ss.SEARCH_SETTINGS)
                counts, (ps, pp) = statements(store, conn, req)
                t2 = time.perf_counter()
                run_counts(conn, counts)
                t3 = time.perf_counter()
                conn.execute(ps, pp).fetchall()
                t4 = time.perf_counter()
            for name, t in (("search", t1 - t0), ("counts", t3 - t2), ("page", t4 - t3)):
                for k in (kind, "all"):
                    times[name].setdefault(k, []).append(t * 1000)
            rows.append(((t1 - t0) * 1000, (t3 - t2) * 1000, (t4 - t3) * 1000, res.total, kind, req))
    print(f"{store.count():,} articles; {len(qs)} queries")
    print(f"{'query kind':<10} {'search':>16} {'counts':>16} {'page':>16}   (p50 / p95 ms)")
    for kind in ("all", "term", "boolean", "phrase", "filter", "date"):
        if kind not in times["search"]:
            continue
        cells = [f"{sb.pct(times[n][kind], 50):>7.0f} / {sb.pct(times[n][kind], 95):<6.0f}"
                 for n in ("search", "counts", "page")]
        print(f"{kind:<10} " + " ".join(cells))
    rows.sort(key=lambda r: -r[0])
    print("\nslowest: search / counts / page ms, hits, query")
    for s, cn, pg, total, kind, req in rows[:15]:
        what = {k: v for k, v in (("query", req.query), ("filters", req.filters),
                                  ("from", req.date_from), ("to", req.date_to)) if v}
        print(f"  {s:6.0f} {cn:6.0f} {pg:6.0f} {total:7,}  {kind:<8} {what}")
    with store._conn() as conn:
        for s, cn, pg, total, kind, req in rows[:args.explain]:
            with conn.transaction():
                conn.execute(ss.SEARCH_SETTINGS)
                counts, (ps, pp) = statements(store, conn, req)
                for name, (sql, params) in (("totals", counts[0]), ("counts", counts[1]),
                                            ("page", (ps, pp))):
                    print(f"\n--- {name}: {req.query!r} {req.filters} {req.date_from} {req.date_to}")
                    for (line,) in conn.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params):
                        print(line)
    store.close()


if __name__ == "__main__":
    main()
