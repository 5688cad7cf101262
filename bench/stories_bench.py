"""Story grouping quality on clustered news corpora (../shared/corpora). Prints figures; asserts nothing.

The clustered sets (BASIL triplets, Giveme5W1H events, NewsWCL50 events) of the part asked for
(``--part``, bench/lockbox.py: whole clusters by hash) are imported together as *one* library,
with the multilingual news files (BSNLP, 10kGNAD, WMT) as distractors: articles of other events,
many undated, as an analyst's library has them. Articles go through the real importer (reader,
extraction) once; the extracted articles are cached in the temp folder, so a grouping run
replays them in one fixed interleaved order, in batches, through ``grouping.add_articles``
exactly as the import hook calls it. For each source: pairwise precision and recall apart (a
pair of a source article with an article of any other cluster, distractors included, is a wrong
pair), F1, and what the errors are.

    .venv/bin/python bench/stories_bench.py [--part open|lockbox|all] [--sets basil,giveme,newswcl]
                                            [--alone] [--no-distractors] [--errors N] [--fresh]
    .venv/bin/python bench/stories_bench.py --scale [--size 100000]   # ms/article as it grows

``--part open`` (the default) is what thresholds and the pairwise model are tuned on; ``--part
lockbox`` is only run to report (``--errors`` is refused there). ``--alone`` groups each set in
a library of its own (the older, easier measure).

Target (issue 13): pairwise F1 >= 0.90 on unseen clusters of every source.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import hashlib
import itertools
import json
import os
import pickle
import re
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.lockbox import bsnlp_lockbox, cluster_lockbox, hashed_lockbox, keep  # noqa: E402
from index.library import open_library  # noqa: E402
from index.stories import grouping, service  # noqa: E402

SETS = {"basil": "basil_story_triplets", "giveme": "giveme5w1h_news_clusters",
        "newswcl": "newswcl50_story_clusters"}
DISTRACTORS = ("bsnlp_slavic_news.jsonl", "gnad10k_de_news.jsonl",
               "wmt_newstest2012_parallel_news.jsonl")
TARGET = 0.90
CACHE = Path(tempfile.gettempdir()) / "mediawatch-stories-bench"


def default_corpora() -> Path:
    """../shared/corpora beside the checkout (a worktree sits one level deeper)."""
    if os.environ.get("MEDIAWATCH_CORPORA"):
        return Path(os.environ["MEDIAWATCH_CORPORA"])
    for up in (ROOT.parent, ROOT.parent.parent):
        if (up / "shared" / "corpora").is_dir():
            return up / "shared" / "corpora"
    return ROOT.parent / "shared" / "corpora"


def rows_of_file(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def load_rows(corpora: Path, sets: list[str], part: str, distractors: bool) -> list[dict]:
    """Gold rows of the part (``set`` and ``cluster`` kept) and distractors (``set`` None)."""
    rows = []
    for key in sets:
        for r in rows_of_file(corpora / SETS[key] / "articles.jsonl"):
            if keep(cluster_lockbox(f"{key}:{r['cluster']}"), part):
                rows.append(dict(r, set=key))
    if distractors:
        for name in DISTRACTORS:
            path = corpora / "multilingual_news" / name
            if path.exists():
                rows += [dict(r, set=None, cluster=None, origin=name, origin_cluster=r.get("cluster"),
                              date=r.get("date") or _url_date(r))
                         for r in rows_of_file(path) if keep(_distractor_lockbox(name, r), part)]
    # One fixed interleaving (by a hash of the text): sources and events arrive mixed, as they do.
    return sorted(rows, key=lambda r: hashlib.sha1(r["text"].encode()).hexdigest())


def _url_date(r: dict) -> str | None:
    """WMT documents carry no date field; most ids are the outlet's URL with the date in its path
    (as an analyst's saved page would be dated from its URL)."""
    m = re.search(r"/(20\d\d)/(\d\d)/(\d\d)/", r.get("wmt_docid") or "")
    return f"{m[1]}-{m[2]}-{m[3]}" if m else None


def _distractor_lockbox(name: str, r: dict) -> bool:
    """The distractors are split too (bench/lockbox.py): BSNLP by topic, WMT by cluster (the
    translations of one document), 10kGNAD by document."""
    if name.startswith("bsnlp"):
        return bsnlp_lockbox(r.get("topic", ""))
    if name.startswith("wmt"):
        return cluster_lockbox(f"wmt:{r['cluster']}")
    return hashed_lockbox(f"gnad:{r['id']}")


def row_key(r: dict) -> str:
    return hashlib.sha1(json.dumps([r.get("title"), r["text"], r.get("date"), r.get("source"),
                                    r.get("lang")]).encode()).hexdigest()


def extracted(rows: list[dict], fresh: bool = False) -> list[tuple[dict, object]]:
    """(row, Article) in row order, each row through the real importer once: the articles are
    cached by row in the temp folder (rows the importer took for duplicates are left out)."""
    cache = CACHE / "articles.pickle"
    known = pickle.loads(cache.read_bytes()) if cache.exists() and not fresh else {}
    keys = [row_key(r) for r in rows]
    missing = [i for i, k in enumerate(keys) if k not in known]
    if missing:
        print(f"   extracting {len(missing)} articles through the importer (cached after)")
        got = _import([rows[i] for i in missing])
        for j, i in enumerate(missing):
            known[keys[i]] = got.get(j)      # None: the importer took it for a duplicate
        CACHE.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps(known))
    return [(r, known[k]) for r, k in zip(rows, keys) if known.get(k) is not None]


def _import(rows: list[dict]) -> dict[int, object]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for i, r in enumerate(rows):
            rec = {"title": r.get("title") or "", "text": r["text"], "source": r.get("source"),
                   "date": r.get("date"), "url": r.get("url"), "lang": r.get("lang")}
            (src / f"doc_{i:05d}.jsonl").write_text(json.dumps(rec, ensure_ascii=False),
                                                   encoding="utf-8")
        with open_library(Path(tmp) / "lib") as lib:
            # grouped later, replayed: the import only extracts (the library's listed steps)
            lib.after_commit.remove(service.group_new)
            lib.import_all([src])
            out = {}
            for art in lib.store.iter_articles():
                m = re.search(r"doc_(\d{5})\.jsonl", art.path)
                if m:
                    out[int(m[1])] = art
    return out


def group(arts: list, batch: int) -> tuple[dict[str, int], float]:
    """Story id per article id after grouping in batches; CPU seconds spent grouping."""
    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(Path(tmp) / "s.sqlite3")
        grouping.ensure_schema(conn)
        spent = 0.0
        for i in range(0, len(arts), batch):
            t = time.process_time()
            with conn:
                grouping.add_articles(conn, arts[i:i + batch])
            spent += time.process_time() - t
        story = dict(conn.execute("SELECT article_id, story_id FROM story_articles"))
        conn.close()
    return story, spent


def pairs(groups) -> set[tuple[str, str]]:
    return {p for g in groups for p in itertools.combinations(sorted(g), 2)}


def evaluate(items: list[tuple[dict, object]], story: dict[str, int], source: str) -> dict:
    """Pairwise P/R/F1 of one source inside the library: a predicted pair counts if one side is
    an article of the source; it is right only if both sides are of the same gold cluster."""
    gold = {a.id: r["cluster"] for r, a in items if r["set"] == source}
    label = {a.id: (r["set"], r["cluster"]) for r, a in items}
    members = collections.defaultdict(list)
    for aid, sid in story.items():
        members[sid].append(aid)
    pred = set()
    for aid in gold:
        for other in members[story[aid]]:
            if other != aid:
                pred.add((min(aid, other), max(aid, other)))
    clusters = collections.defaultdict(list)
    for aid, c in gold.items():
        clusters[c].append(aid)
    G = pairs(clusters.values())
    tp = len(pred & G)
    prec = tp / len(pred) if pred else 1.0
    rec = tp / len(G) if G else 1.0
    wrong = collections.Counter(
        "other event of the same source" if label[b][0] == label[a][0] else
        ("distractor" if None in (label[a][0], label[b][0]) else "another source")
        for a, b in pred - G)
    return {"articles": len(gold), "clusters": len(clusters), "precision": prec, "recall": rec,
            "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
            "pred": pred, "gold": G, "wrong": wrong,
            "stories": len({story[a] for a in gold})}


def _gap(a, b) -> str:
    if a.published is None or b.published is None:
        return "one undated"
    d = abs((a.published - b.published).days)
    return "same 3 days" if d <= 3 else ("4-30 days apart" if d <= 30 else "over 30 days apart")


def show_errors(items, story, res, n: int) -> None:
    by_id = {a.id: (r, a) for r, a in items}
    missed = collections.Counter(_gap(by_id[a][1], by_id[b][1]) for a, b in res["gold"] - res["pred"])
    print("   missed pairs by date gap: " + ", ".join(f"{k}: {v}" for k, v in missed.most_common()))
    for kind, pairs_ in (("wrong", res["pred"] - res["gold"]), ("missed", res["gold"] - res["pred"])):
        for a, b in sorted(pairs_)[:n]:
            print(f"   {kind}:")
            for x in (a, b):
                r, art = by_id[x]
                print(f"      [{r['set']}:{r['cluster']}] {art.published} {art.outlet}: "
                      f"{(art.title or '')[:80]}")


def run(args, corpora: Path) -> None:
    sets = [s for s in args.sets.split(",") if s]
    libraries = [[s] for s in sets] if args.alone else [sets]
    for members in libraries:
        rows = load_rows(corpora, members, args.part, distractors=not args.no_distractors)
        items = extracted(rows, args.fresh)
        story, spent = group([a for _, a in items], args.batch)
        print(f"\n== one library: {', '.join(members)} ({args.part} part) "
              f"+ {sum(1 for r, _ in items if r['set'] is None)} distractors, "
              f"{len(items)} articles; grouping {1000 * spent / len(items):.1f} ms/article CPU "
              f"(batches of {args.batch}; load {os.getloadavg()[0]:.1f})")
        for key in members:
            res = evaluate(items, story, key)
            verdict = "PASS" if res["f1"] >= TARGET else "below target"
            print(f"   {key:8s} {res['articles']:4d} articles {res['clusters']:3d} clusters "
                  f"{res['stories']:4d} stories  P={res['precision']:.3f} R={res['recall']:.3f} "
                  f"F1={res['f1']:.3f} ({verdict} {TARGET})  wrong pairs: "
                  + (", ".join(f"{k} {v}" for k, v in res["wrong"].most_common()) or "none"))
            if args.errors:
                show_errors(items, story, res, args.errors)


def scale(corpora: Path, batch: int = 100, size: int = 0) -> None:
    """Incremental cost: every corpus article (no extraction: title, body, date and language from
    the JSONL) grouped in batches into one SQLite file; CPU ms/article per window of 500.

    ``size`` above the corpus (~3,800 articles) repeats it, each round shifted 400 days later and
    with new ids, so the library grows to ``size`` (a load test: the repeats fall outside each
    other's date window, except undated articles)."""
    from index.model import Article
    rows = []
    for f in sorted((corpora / "multilingual_news").glob("*.jsonl")):
        rows += rows_of_file(f)
    for key in SETS:
        rows += rows_of_file(corpora / SETS[key] / "articles.jsonl")
    rounds = max(1, -(-size // len(rows))) if size else 1
    arts = []
    for rnd in range(rounds):
        for r in rows:
            sha = hashlib.sha256((r["text"] + (f"#{rnd}" if rnd else "")).encode()).hexdigest()
            d = (r.get("date") or "")[:10]
            try:
                pub = dt.date.fromisoformat(d) + dt.timedelta(days=400 * rnd) if d else None
            except ValueError:
                pub = None
            arts.append(Article(id=sha[:16], title=r.get("title") or "", body=r["text"],
                                path=r["id"], sha256=sha, outlet=r.get("source"), published=pub,
                                language=r.get("lang")))
    if size:
        arts = arts[:size]
    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(Path(tmp) / "s.sqlite3")
        grouping.ensure_schema(conn)
        window, t_win, done, total = 500, 0.0, 0, 0.0
        print(f"\n== scale: {len(arts)} articles in batches of {batch} (grouping only, one SQLite "
              f"file, {grouping.SCORED} pairs scored per article; load {os.getloadavg()[0]:.1f})")
        for i in range(0, len(arts), batch):
            t = time.process_time()        # CPU: the machine is shared, wall time is noise
            with conn:
                grouping.add_articles(conn, arts[i:i + batch])
            t_win += time.process_time() - t
            done += len(arts[i:i + batch])
            if done % window == 0 or done == len(arts):
                n = done % window or window
                if done <= 5000 or done % 10000 == 0 or done == len(arts):
                    print(f"   articles {done - n + 1:>6}-{done:<6} {1000 * t_win / n:6.2f} "
                          f"ms/article (CPU)")
                total += t_win
                t_win = 0.0
        print(f"   all: {1000 * total / len(arts):.2f} ms/article (CPU)")


def wire(limit: int, batch: int) -> None:
    """Open Reuters-1987 wire copy, which has no gold stories: templated briefs (quarterly
    results, dividends) of different companies share their whole template, so the largest
    story and the grouped pairs show whether a template passes for one event. Only the open
    part's files are read (bench/lockbox.py), oldest first."""
    from bench import corpora as wire_corpora
    rows = []
    for d in wire_corpora.reuters(limit=limit, part="open"):
        when = dt.datetime.strptime(d["date"].split(".")[0].strip(), "%d-%b-%Y %H:%M:%S")
        rows.append({"title": d["title"], "text": d["body"], "source": "Reuters",
                     "date": when.date().isoformat(), "lang": "en"})
    arts = [a for _r, a in extracted(rows)]
    story, spent = group(arts, batch)
    sizes = sorted(collections.Counter(story.values()).values(), reverse=True)
    grouped = sum(n * (n - 1) // 2 for n in sizes)
    print(f"Reuters-1987 wire, {len(arts)} open articles: {len(sizes)} stories, largest "
          f"{sizes[:5]}, grouped pairs {grouped:,}; grouping {1000 * spent / max(1, len(arts)):.2f} ms/article (CPU)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=None, help="default: ../shared/corpora")
    ap.add_argument("--part", default="open", choices=("open", "lockbox", "all"))
    ap.add_argument("--sets", default="basil,giveme,newswcl")
    ap.add_argument("--alone", action="store_true", help="each set in a library of its own")
    ap.add_argument("--no-distractors", action="store_true")
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--errors", type=int, default=0, help="show N wrong and N missed pairs")
    ap.add_argument("--fresh", action="store_true", help="extract again (ignore the cache)")
    ap.add_argument("--scale", action="store_true", help="only the incremental-cost run")
    ap.add_argument("--size", type=int, default=0, help="--scale: grow the library to this size")
    ap.add_argument("--wire", type=int, default=0, metavar="N",
                    help="only group N open Reuters-1987 articles (no gold): largest story, grouped pairs")
    args = ap.parse_args()
    if args.errors and args.part != "open":
        ap.error("--errors only on the open part: the lockbox is never debugged (bench/lockbox.py)")
    corpora = args.corpora or default_corpora()
    if not corpora.exists():
        print(f"corpora not found at {corpora}; nothing to do")
        return 0
    if args.wire:
        wire(args.wire, args.batch)
    elif args.scale:
        scale(corpora, size=args.size)
    else:
        run(args, corpora)
    return 0


if __name__ == "__main__":
    sys.exit(main())
