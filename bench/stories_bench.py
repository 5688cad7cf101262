"""Story grouping quality on clustered news corpora (../shared/corpora), through the real importer.

Each set is written as one-article JSONL files into a temp folder, imported into a fresh library
(the library's after-commit step groups every committed batch, exactly as in the app), and the stories are
compared with the gold clusters: pairwise precision / recall / F1, similar@k (of the top k
"other coverage" results, the share in the article's gold cluster; and hit@1), and the commonest
errors. Parameters are the shipped defaults; nothing here is tuned per document.

    .venv/bin/python bench/stories_bench.py [--sets basil,giveme,newswcl] [--cross] [--batch 200]
    .venv/bin/python bench/stories_bench.py --scale     # ms/article as the library grows

Targets (issue 6): pairwise F1 >= 0.85 Giveme5W1H, >= 0.80 BASIL and NewsWCL50.
"""
from __future__ import annotations

import argparse
import collections
import itertools
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.library import open_library  # noqa: E402
from index.stories import service  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
SETS = {"basil": ("basil_story_triplets", 0.80), "giveme": ("giveme5w1h_news_clusters", 0.85),
        "newswcl": ("newswcl50_story_clusters", 0.80)}


def rows_of(name: str) -> list[dict]:
    path = CORPORA / name / "articles.jsonl"
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def cross_rows(langs=("en", "de", "ru")) -> list[dict]:
    """WMT newstest2012: each article in several languages (gold cluster = the translations).
    The date comes from the outlet's URL path in the document id when it has one."""
    out = []
    for r in rows_of_file(CORPORA / "multilingual_news" / "wmt_newstest2012_parallel_news.jsonl"):
        if r["lang"] in langs:
            m = re.search(r"/(20\d\d)/(\d\d)/(\d\d)/", r.get("wmt_docid") or "")
            r = dict(r, date=f"{m[1]}-{m[2]}-{m[3]}" if m else None)
            out.append(r)
    return out


def rows_of_file(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def import_set(rows: list[dict], folder: Path, batch: int):
    src = folder / "in"
    src.mkdir(parents=True)
    for i, r in enumerate(rows):
        rec = {"title": r.get("title") or "", "text": r["text"], "source": r.get("source"),
               "date": r.get("date"), "url": r.get("url"), "lang": r.get("lang")}
        (src / f"doc_{i:05d}.jsonl").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    lib = open_library(folder / "lib")
    spent = [0.0]

    def timed(library, articles):          # the stories hook alone, as the importer calls it
        t = time.thread_time()             # CPU of this thread: the machine is shared
        service.group_new(library, articles)
        spent[0] += time.thread_time() - t

    lib.after_commit[lib.after_commit.index(service.group_new)] = timed
    t0 = time.perf_counter()
    report = lib.import_all([src], batch_size=batch)
    elapsed = (time.perf_counter() - t0, spent[0])
    gold: dict[str, str] = {}
    titles: dict[str, str] = {}
    for art in lib.store.iter_articles():
        m = re.search(r"doc_(\d{5})\.jsonl", art.path)
        if m:
            r = rows[int(m[1])]
            gold[art.id] = r["cluster"]
            titles[art.id] = f"{art.published or 'undated'} {art.outlet or r.get('source')}: " \
                             f"{(art.title or '')[:70]}"
    return lib, report, gold, titles, elapsed


def pairs(groups) -> set[tuple[str, str]]:
    return {p for g in groups for p in itertools.combinations(sorted(g), 2)}


def evaluate(lib, gold: dict[str, str], titles: dict[str, str], ks=(1, 3, 5)) -> dict:
    stories = service.stories(lib)
    pred = [[a.id for a in s.articles if a.id in gold] for s in stories]
    clusters = collections.defaultdict(list)
    for aid, c in gold.items():
        clusters[c].append(aid)
    P, G = pairs(pred), pairs(clusters.values())
    tp = len(P & G)
    prec = tp / len(P) if P else 1.0
    rec = tp / len(G) if G else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    # similar@k over articles that have other coverage in the gold set
    at_k = {k: [] for k in ks}
    hit1 = []
    for aid, c in gold.items():
        mates = set(clusters[c]) - {aid}
        if not mates:
            continue
        sim = [s.id for s in service.similar(lib, aid, limit=max(ks))]
        hit1.append(bool(sim) and sim[0] in mates)
        for k in ks:
            top = sim[:k]
            at_k[k].append(sum(1 for s in top if s in mates) / min(k, len(mates)))
    story_of = {aid: s.id for s in stories for aid in (a.id for a in s.articles)}
    date_of = {aid: titles[aid][:10] for aid in gold}
    errors = collections.Counter()
    for a, b in G - P:
        errors[f"missed pair: {_gap(date_of[a], date_of[b])}"] += 1
    merged = collections.Counter()
    for a, b in P - G:
        errors["wrong pair (different events in one story)"] += 1
        merged[story_of[a]] += 1
    examples = []
    for sid, _n in merged.most_common(3):
        s = next(x for x in stories if x.id == sid)
        examples.append([f"{gold[a.id]} | {titles[a.id]}" for a in s.articles if a.id in gold][:6])
    return {"articles": len(gold), "gold_clusters": len(clusters), "stories": len(pred),
            "precision": prec, "recall": rec, "f1": f1,
            **{f"similar@{k}": sum(v) / len(v) if v else 0.0 for k, v in at_k.items()},
            "hit@1": sum(hit1) / len(hit1) if hit1 else 0.0,
            "errors": errors.most_common(), "merged_examples": examples}


def _gap(a: str, b: str) -> str:
    import datetime as dt
    try:
        d = abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    except ValueError:
        return "one undated"
    return "same 3 days" if d <= 3 else ("4-30 days apart" if d <= 30 else "over 30 days apart")


def scale(batch: int = 100, size: int = 0) -> None:
    """Incremental cost: group every available corpus article (no extraction: title, body, date
    and language from the JSONL) in batches into one SQLite file; CPU ms/article per window.

    ``size`` above the corpus (3,774 articles) repeats it, each round shifted 400 days later and
    with new ids, so the library grows to ``size`` (a load test: the repeats fall outside each
    other's date window, except undated articles). The gold sets go last in every round, and the
    last round's are scored (pairwise F1 inside the big mixed library, not alone)."""
    import datetime as dt
    import hashlib
    import sqlite3

    from index.model import Article
    from index.stories import grouping
    rows = []
    for f in sorted((CORPORA / "multilingual_news").glob("*.jsonl")):
        rows += [dict(r, cluster=None) for r in rows_of_file(f)]
    rows += [dict(r, set=key) for key in SETS for r in rows_of(SETS[key][0])]
    rounds = max(1, -(-size // len(rows))) if size else 1
    arts, gold = [], {}
    n_gold = sum(1 for r in rows if r.get("set"))
    for rnd in range(rounds):
        this = rows
        if rnd == rounds - 1 and size:     # trim the last round's corpus rows, keep its gold sets
            keep = size - rnd * len(rows)
            this = rows[:max(0, keep - n_gold)] + rows[len(rows) - n_gold:] if keep < len(rows) else rows
        for r in this:
            sha = hashlib.sha256((r["text"] + (f"#{rnd}" if rnd else "")).encode()).hexdigest()
            d = (r.get("date") or "")[:10]
            try:
                pub = dt.date.fromisoformat(d) + dt.timedelta(days=400 * rnd) if d else None
            except ValueError:
                pub = None
            arts.append(Article(id=sha[:16], title=r.get("title") or "", body=r["text"],
                                path=r["id"], sha256=sha, outlet=r.get("source"), published=pub,
                                language=r.get("lang")))
            if rnd == rounds - 1 and r.get("set"):
                gold[sha[:16]] = (r["set"], r["cluster"])
    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(Path(tmp) / "s.sqlite3")
        grouping.ensure_schema(conn)
        window, t_win, done, total = 500, 0.0, 0, 0.0
        print(f"\n== scale: {len(arts)} articles in batches of {batch} (grouping only, one SQLite "
              f"file, {grouping.SCORED} pairs scored per article)")
        for i in range(0, len(arts), batch):
            t = time.process_time()        # CPU: the machine is shared, wall time is noise
            with conn:
                grouping.add_articles(conn, arts[i:i + batch])
            t_win += time.process_time() - t
            done += len(arts[i:i + batch])
            if done % window == 0 or done == len(arts):
                n = done % window or window
                print(f"   articles {done - n + 1:>5}-{done:<5} {1000 * t_win / n:6.1f} ms/article (CPU)")
                total += t_win
                t_win = 0.0
        print(f"   all: {1000 * total / len(arts):.1f} ms/article (CPU)")
        story = dict(conn.execute("SELECT article_id, story_id FROM story_articles"))
    for key in SETS:
        ids = sorted(a for a, (k, _) in gold.items() if k == key and a in story)
        by_story, by_gold = collections.defaultdict(list), collections.defaultdict(list)
        for a in ids:
            by_story[story[a]].append(a)
            by_gold[gold[a][1]].append(a)
        P, G = pairs(by_story.values()), pairs(by_gold.values())
        prec, rec = len(P & G) / max(1, len(P)), len(P & G) / max(1, len(G))
        print(f"   {key} inside the mixed library: P={prec:.3f} R={rec:.3f} "
              f"F1={2 * prec * rec / max(1e-9, prec + rec):.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default="basil,giveme,newswcl")
    ap.add_argument("--cross", action="store_true", help="also WMT en/de/ru translations (stretch)")
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--scale", action="store_true", help="only the incremental-cost run")
    ap.add_argument("--size", type=int, default=0, help="--scale: grow the library to this size")
    ap.add_argument("--scored", type=int, default=0, help="pairs scored per article (default: "
                    "grouping.SCORED)")
    args = ap.parse_args()
    if args.scored:
        from index.stories import grouping
        grouping.SCORED = args.scored
    if not CORPORA.exists():
        print(f"corpora not found at {CORPORA}; nothing to do")
        return 0
    if args.scale:
        scale(size=args.size)
        return 0
    jobs = [(key, SETS[key][0], SETS[key][1], rows_of(SETS[key][0])) for key in args.sets.split(",") if key]
    if args.cross:
        jobs.append(("cross-en-de-ru", "wmt_newstest2012 en/de/ru", None, cross_rows()))
    ok = True
    for key, name, target, rows in jobs:
        with tempfile.TemporaryDirectory() as tmp:
            lib, report, gold, titles, elapsed = import_set(rows, Path(tmp), args.batch)
            with lib:
                res = evaluate(lib, gold, titles)
        verdict = "" if target is None else (" PASS" if res["f1"] >= target else " BELOW TARGET")
        ok &= target is None or res["f1"] >= target
        print(f"\n== {key} ({name}): {len(rows)} rows, {res['articles']} articles imported "
              f"({report.duplicates} duplicates, {len(report.failed)} failed), "
              f"import {elapsed[0]:.1f}s, of which grouping {elapsed[1]:.1f}s CPU "
              f"({1000 * elapsed[1] / max(1, res['articles']):.0f} ms/article, batches of {args.batch})")
        print(f"   pairwise P={res['precision']:.3f} R={res['recall']:.3f} F1={res['f1']:.3f}"
              + (f" (target {target}){verdict}" if target else ""))
        print(f"   stories={res['stories']} gold clusters={res['gold_clusters']}  "
              + "  ".join(f"{k}={res[k]:.3f}" for k in ("hit@1", "similar@1", "similar@3", "similar@5")))
        for what, n in res["errors"][:5]:
            print(f"   error: {what}: {n} pairs")
        for ex in res["merged_examples"][:2]:
            print("   merged story: " + " || ".join(ex))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
