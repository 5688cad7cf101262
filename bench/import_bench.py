"""Import speed end to end: Reuters-21578 as JSONL -> a fresh library, beside bare Whoosh.

    .venv/bin/python bench/import_bench.py [--limit N]

Prints articles/s, peak memory and index size for Mediawatch's import (reading, cleaning,
language, dates, entities, indexing, stories and alert hooks) and for bare Whoosh indexing of the
same texts with a stemming analyzer and no extraction.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import CORPORA, reuters  # noqa: E402


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_mediawatch(jsonl: Path, lib: Path) -> dict:
    from index.library import open_library

    t0 = time.perf_counter()
    library = open_library(lib)
    report = library.import_all([jsonl])
    n = library.count()
    library.close()
    secs = time.perf_counter() - t0
    return {"articles": n, "seconds": secs, "failed": len(report.failed),
            "duplicates": report.duplicates, "index_bytes": folder_size(lib)}


def run_bare_whoosh(docs: list[dict], folder: Path) -> dict:
    from whoosh import fields, index
    from whoosh.analysis import StemmingAnalyzer

    schema = fields.Schema(id=fields.ID(stored=True, unique=True),
                           title=fields.TEXT(stored=True, analyzer=StemmingAnalyzer()),
                           body=fields.TEXT(stored=True, analyzer=StemmingAnalyzer()))
    folder.mkdir(parents=True)
    t0 = time.perf_counter()
    ix = index.create_in(folder, schema)
    w = ix.writer()
    for d in docs:
        w.add_document(id=d["id"], title=d["title"], body=d["body"])
    w.commit()
    secs = time.perf_counter() - t0
    return {"articles": len(docs), "seconds": secs, "index_bytes": folder_size(folder)}


def child(mode: str, data: str, out: str) -> None:
    """Runs one measurement in a fresh process so peak memory is its own."""
    if mode == "mediawatch":
        res = run_mediawatch(Path(data), Path(out))
    else:
        docs = [json.loads(l) for l in Path(data).read_text(encoding="utf-8").splitlines()]
        res = run_bare_whoosh([{"id": str(i), "title": d["title"], "body": d["text"]}
                               for i, d in enumerate(docs)], Path(out))
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(res))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(*a.child)
        return
    if not (CORPORA / "reuters21578").exists():
        print("skipped: ../shared/corpora/reuters21578 is absent")
        return
    docs = reuters(a.limit)
    tmp = Path(tempfile.mkdtemp(prefix="mw-import-bench-"))
    jsonl = tmp / "reuters.jsonl"
    with jsonl.open("w", encoding="utf-8") as f:
        for d in docs:
            text = (d["dateline"] + " " + d["body"]).strip() if d["dateline"] else d["body"]
            f.write(json.dumps({"title": d["title"], "text": text, "source": "Reuters",
                                "date": d["date"]}) + "\n")
    print(f"{len(docs)} Reuters-21578 articles, {jsonl.stat().st_size / 1e6:.1f} MB of JSONL; {os.cpu_count()} cores")
    results = {}
    for mode in ("mediawatch", "bare-whoosh"):
        out = tmp / mode
        proc = subprocess.run([sys.executable, __file__, "--child", mode, str(jsonl), str(out)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stderr[-3000:])
            raise SystemExit(f"{mode} failed")
        results[mode] = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"{'':14}{'articles':>9}{'seconds':>9}{'art/s':>8}{'peak MB':>9}{'index MB':>10}")
    for mode, r in results.items():
        print(f"{mode:14}{r['articles']:>9}{r['seconds']:>9.1f}{r['articles'] / r['seconds']:>8.0f}"
              f"{r['peak_rss_mb']:>9.0f}{r['index_bytes'] / 1e6:>10.1f}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
