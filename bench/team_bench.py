"""Team library at scale: import rate with 1 and 2 concurrent importers, and search with every
facet (p50/p95), phrases and date ranges on PostgreSQL, side by side with a local (Whoosh)
library, in one run.

    .venv/bin/python bench/team_bench.py --team-docs 1000000 --local-docs 100000
    .venv/bin/python bench/team_bench.py --team-docs 50000 --local-docs 50000   # a quick look

Articles are search_bench.py's synthetic ones (real corpus sentences recombined, ../shared/
corpora; seeded). The team library lives on a throwaway server started here (``--url`` uses
yours instead; ``--keep`` leaves the server's folder for another run: an existing library is
reused and only topped up). The local library is search_bench.py's (``--local``; reused when it
holds enough articles). Importers write through ``PgStore.add`` in transactions of
``--batch`` articles, as an import commits; the two-importer figure is two processes adding
disjoint halves at once (no lock between them). Queries: the same 200 as search_bench.py, each
with all facet counts, 20 hits and snippets. Run by hand; print ``uptime`` with the figures.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import search_bench as sb  # noqa: E402
from index.model import SearchRequest  # noqa: E402

for _cand in (ROOT.parent / "shared" / "corpora", Path("/work/shared/corpora")):
    if _cand.exists():
        sb.CORPORA = _cand
        break


def _add_range(url: str, start: int, stop: int, batch: int, total: int, out) -> None:
    """One importer process: articles [start, stop), generated here (seeded by ``start``, so
    ranges differ and no importer generates another's), timed inside ``PgStore.add`` only."""
    from index.store.postgres.store import PgStore
    store = PgStore.open(url, create=True)
    from team_bulk import article_batches
    n, spent = 0, 0.0
    for buf in article_batches(start, stop, batch):
        t0 = time.perf_counter()
        n += store.add(buf)
        spent += time.perf_counter() - t0
    out.put((n, spent))
    store.close()


def import_rate(url: str, start: int, stop: int, batch: int, total: int, importers: int) -> float:
    """Articles per second written over [start, stop) by ``importers`` processes at once
    (articles over the longest importer's time in PgStore.add)."""
    q = mp.Queue()
    step = (stop - start + importers - 1) // importers
    procs = [mp.Process(target=_add_range, args=(url, start + k * step, min(stop, start + (k + 1) * step),
                                                  batch, total, q)) for k in range(importers)]
    for p in procs:
        p.start()
    results = [q.get() for _ in procs]
    for p in procs:
        p.join()
    return sum(n for n, _ in results) / max(t for _, t in results)


def build_team(url: str, n: int, batch: int, topup: int) -> dict[str, float]:
    """A library of ``n`` articles: all but the last ``topup`` by bulk COPY (team_bulk.py), the
    rest through ``PgStore.add`` as imports write (half with 1 importer, half with 2 at once),
    so the import rates are those of a library of about ``n`` articles."""
    from index.store.postgres.store import PgStore
    from team_bulk import bulk_load
    store = PgStore.open(url, create=True)
    have = store.count()
    rates: dict[str, float] = {}
    bulk_to = max(0, n - topup)
    with store._conn() as c:
        from index.store.postgres import bulk
        unfinished = bulk.pending(c)              # a killed bulk build: finish it first
    store.close()
    if have < bulk_to or unfinished:
        fig = bulk_load(url, have, bulk_to, batch=2000, say=lambda m: print(m, flush=True))
        rates["bulk load, loading only"] = fig["loaded/s"]
        rates["bulk load, with vocabulary, indexes, statistics"] = fig["overall/s"]
        store = PgStore.open(url)
        have = store.count()
        store.close()
        print(f"  team: {have:,} articles, bulk build {fig['overall/s']:.0f} articles/s overall "
              f"(finish {fig['finish s']:.0f} s)", flush=True)
    if have < n:
        split = max(have, n - topup // 2)
        if split > have:
            rates["1 importer"] = import_rate(url, have, split, batch, n, 1)
            print(f"  team: {split:,} articles, 1 importer {rates['1 importer']:.0f} articles/s", flush=True)
        rates["2 importers"] = import_rate(url, split, n, batch, n, 2)
        print(f"  team: {n:,} articles, 2 importers {rates['2 importers']:.0f} articles/s", flush=True)
    store = PgStore.open(url)
    store.optimize()
    store.close()
    return rates


# A server for a desk's archive, not PostgreSQL's defaults for a small machine: buffers and
# working memory the size of what one search's facet counts sort, WAL room for a big load.
# wal_level minimal (no replica of a throwaway server): an index built by the bulk load's
# finish is written once, not also into the WAL.
SERVER_SETTINGS = {"shared_buffers": "2GB", "work_mem": "64MB", "maintenance_work_mem": "1GB",
                   "max_wal_size": "8GB", "effective_cache_size": "12GB",
                   "random_page_cost": "1.1", "wal_level": "minimal", "max_wal_senders": "0"}


def tune(cluster) -> None:
    import psycopg
    with psycopg.connect(cluster.url(), autocommit=True) as c:
        current = {k: c.execute(f"SHOW {k}").fetchone()[0] for k in SERVER_SETTINGS}
        if all(current[k] == v for k, v in SERVER_SETTINGS.items()):
            return
        for k, v in SERVER_SETTINGS.items():
            c.execute(f"ALTER SYSTEM SET {k} = '{v}'")
    cluster.stop(remove=False)
    cluster.start()


def _fresh_database(cluster, name: str) -> str:
    import psycopg
    with psycopg.connect(cluster.url(), autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        c.execute(f"CREATE DATABASE {name}")
    return cluster.url(name)


def _local_count(folder: Path) -> int:
    from index.store import Store
    try:
        s = Store.open(folder, create=False)
    except Exception:              # being built by another process, or not a library yet
        return 0
    try:
        return s.count()
    finally:
        s.close()


def timed(store, qs) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}
    for kind, req in qs:
        t0 = time.perf_counter()
        store.search(req)
        times.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
        times.setdefault("all", []).append(times[kind][-1])
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--team-docs", type=int, default=1_000_000)
    ap.add_argument("--local-docs", type=int, default=100_000)
    ap.add_argument("--url", help="a team library address (default: a throwaway server here)")
    ap.add_argument("--server-dir", default="/tmp/mw-team-bench", help="the throwaway server's folder")
    ap.add_argument("--keep", action="store_true", help="keep the throwaway server's folder")
    ap.add_argument("--local", default=None, help="local library folder (default /tmp/mw-bench-N)")
    ap.add_argument("--batch", type=int, default=2000, help="articles per import transaction")
    ap.add_argument("--topup", type=int, default=20_000,
                    help="the last articles of the team library, added through PgStore.add with "
                         "1 then 2 importers (the import rates); the rest is a bulk COPY build")
    ap.add_argument("--import-docs", type=int, default=0,
                    help="also time 1 and 2 importers on a new database of this many articles")
    ap.add_argument("--build-only", action="store_true", help="build the libraries, time no query")
    ap.add_argument("--no-local-build", action="store_true",
                    help="time the local library only if it is already built (another process "
                         "may be building it): for runs in stages with --keep")
    args = ap.parse_args()
    if not sb.CORPORA.exists():
        sys.exit(f"corpora not found at {sb.CORPORA}")
    cluster = None
    url = args.url
    if url is None:
        from index.store.postgres.cluster import Cluster
        cluster = Cluster(args.server_dir).start()
        tune(cluster)
        import psycopg
        with psycopg.connect(cluster.url(), autocommit=True) as c:
            if not c.execute("SELECT 1 FROM pg_database WHERE datname = 'bench'").fetchone():
                c.execute("CREATE DATABASE bench")
        url = cluster.url("bench")
    try:
        print(f"load: {os.getloadavg()}")
        rates = build_team(url, args.team_docs, args.batch, args.topup)
        if args.import_docs and cluster is not None:
            fresh = _fresh_database(cluster, "bench_import")
            half = args.import_docs // 2
            rates["1 importer (new library)"] = import_rate(fresh, 0, half, args.batch, half, 1)
            rates["2 importers (new library)"] = import_rate(fresh, half, 2 * half, args.batch, half, 2)
        local = Path(args.local or f"/tmp/mw-bench-{args.local_docs // 1000}k")
        from index.store import Store
        have_local = local.exists() and _local_count(local) >= args.local_docs
        if not have_local and not args.no_local_build:
            sb.build(local, args.local_docs)
            have_local = True
        if args.build_only:
            for k, v in rates.items():
                print(f"team import, {k}: {v:.0f} articles/s")
            return
        from index.store.postgres.store import PgStore
        team = PgStore.open(url)
        lstore = Store.open(local, create=False) if have_local else None
        # the queries' person filters are the most frequent persons (the same in both libraries:
        # one generator)
        qs = sb.queries(random.Random(11), lstore or team)
        for s in (team, lstore):                                  # warm caches once
            for _, req in (qs[:10] if s is not None else ()):
                s.search(req)
        tt = timed(team, qs)
        lt = timed(lstore, qs) if lstore is not None else {}
        print(f"\nload: {os.getloadavg()}")
        for k, v in rates.items():
            print(f"team import, {k}: {v:.0f} articles/s")
        shown = format(lstore.count(), ",") if lstore is not None else "(not built yet)"
        print(f"\n{'query kind':<10} {'team ' + format(team.count(), ','):>24} "
              f"{'local ' + shown:>24}   (p50 / p95 ms)")
        for kind in ("all", "term", "boolean", "phrase", "filter", "date"):
            a, b = tt.get(kind, [0]), lt.get(kind, [0])
            print(f"{kind:<10} {sb.pct(a, 50):>11.0f} / {sb.pct(a, 95):<10.0f} "
                  f"{sb.pct(b, 50):>11.0f} / {sb.pct(b, 95):<10.0f}")
        team.close()
        if lstore is not None:
            lstore.close()
    finally:
        if cluster is not None:
            cluster.stop(remove=not args.keep)


if __name__ == "__main__":
    main()
