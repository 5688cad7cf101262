"""Exact phrases on a team library: the word-pairs index (``pairs @@ 'a b'``, migration 4)
against the positions check alone (``exact @@ phraseto_tsquery``: GIN finds both words, then
every candidate's text vector is read), on a library built by team_bench.py --keep.

    .venv/bin/python bench/team_phrase_bench.py --server-dir /tmp/mw-team-bench

Prints the hits (the same for both: the pairs are exact for two words) and the best of 3 ms.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PHRASES = ["the government", "prime minister", "said on", "central bank"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--server-dir", default="/tmp/mw-team-bench")
    ap.add_argument("--database", default="bench")
    args = ap.parse_args()
    import psycopg
    from index.store.postgres.cluster import Cluster
    c = Cluster(args.server_dir).start()
    try:
        with psycopg.connect(c.url(args.database)) as conn:
            conn.execute("SET enable_seqscan = off; SET jit = off")     # as searches run
            print(f"{conn.execute('SELECT count(*) FROM mw_articles').fetchone()[0]:,} articles")
            for ph in PHRASES:
                for name, cond, p in (("pairs", "pairs @@ %s::tsquery", f"'{ph}'"),
                                      ("exact <->", "exact @@ phraseto_tsquery('simple', %s)", ph)):
                    best, n = None, 0
                    for _ in range(3):
                        t0 = time.perf_counter()
                        n = conn.execute(f"SELECT count(*) FROM mw_articles WHERE {cond}", (p,)).fetchone()[0]
                        t = (time.perf_counter() - t0) * 1000
                        best = t if best is None else min(best, t)
                    print(f"{ph!r:18} {name:10} {n:7} hits  best of 3: {best:7.0f} ms")
    finally:
        c.stop(remove=False)


if __name__ == "__main__":
    main()
