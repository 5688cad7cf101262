"""Entity quality and speed over the shared corpora (issue 3 item 6). Prints figures; asserts nothing.

    .venv/bin/python bench/entities_bench.py [--corpora ../shared/corpora] [--split eng.testa] [--errors N]
                                             [--part open|lockbox|all]

``--part`` picks the documents (bench/lockbox.py): ``open`` (default) to tune on, ``lockbox`` only to
report (errors are never printed there), ``all`` for both. eng.train is open as a whole.

- CoNLL-2003: document-level person sets vs gold PER spans (a surname-only gold mention is one
  entity with the full name it belongs to); precision, recall, F1. Develop on eng.train, report eng.testa.
- Reuters-21578: the countries an article is about (the facet: weight over the threshold) vs
  <PLACES> (Reuters place names mapped to ISO), micro precision/recall; every mention beside it.
- BSNLP (multilingual_news/bsnlp_slavic_news.jsonl): person recall against gold entities; country
  recall of the countries stored (every mention: BSNLP lists every place named), the facet beside it.
- Language accuracy over multilingual_news/*.jsonl with index.extract.language.detect.detect_language.
- Speed: articles/s for language + persons + countries on ~500-word English articles (CPU time).
- Load: the person model loaded in a fresh process, and the first article (lexicons too).
"""
from __future__ import annotations

import argparse
import collections
import html
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.lockbox import bsnlp_lockbox, conll_lockbox, keep, reuters_lockbox  # noqa: E402
from index.extract.countries.mentions import extract_countries, focus, weigh_countries  # noqa: E402
from index.extract.countries.gazetteer import TOKEN_RE, gazetteer  # noqa: E402
from index.extract.language.detect import detect_language, warm_up as warm_up_language  # noqa: E402
from index.extract.persons.lexicon import cyr_stem, token_key  # noqa: E402
from index.extract.persons.mentions import extract_persons  # noqa: E402
from index.extract.persons.tagger import use_model  # noqa: E402

# Reuters place names that pycountry cannot look up by name.
REUTERS_PLACES = {
    "usa": "US", "uk": "GB", "west-germany": "DE", "east-germany": "DE", "ussr": "RU", "south-korea": "KR",
    "north-korea": "KP", "taiwan": "TW", "iran": "IR", "syria": "SY", "vietnam": "VN", "venezuela": "VE",
    "bolivia": "BO", "tanzania": "TZ", "hong-kong": "HK", "czechoslovakia": "CZ", "yugoslavia": "RS",
    "zaire": "CD", "burma": "MM", "ivory-coast": "CI", "bahamas": "BS", "netherlands-antilles": "CW",
    "uae": "AE", "south-africa": "ZA", "new-zealand": "NZ", "sri-lanka": "LK", "saudi-arabia": "SA",
    "russia": "RU", "moldova": "MD", "laos": "LA", "macao": "MO", "vatican": "VA", "brunei": "BN",
    "cape-verde": "CV", "east-timor": "TL", "tunisia": "TN", "turkey": "TR", "kampuchea": "KH",
    "north-yemen": "YE", "south-yemen": "YE", "congo": "CG", "gambia": "GM", "falkland": "FK",
}


def default_corpora() -> Path:
    """../shared/corpora beside the checkout; from a worktree (/work/wt/NAME) one level higher."""
    for up in (ROOT.parent, ROOT.parent.parent):
        if (up / "shared" / "corpora").exists():
            return up / "shared" / "corpora"
    return ROOT.parent / "shared" / "corpora"


def conll_docs(path: Path):
    doc, sent = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if doc or sent:
                yield doc + ([sent] if sent else [])
            doc, sent = [], []
        elif not line.strip():
            if sent:
                doc.append(sent)
            sent = []
        else:
            parts = line.split()
            sent.append((parts[0], parts[-1]))
    if doc or sent:
        yield doc + ([sent] if sent else [])


def conll_gold(doc) -> list[str]:
    spans, cur, prev = [], [], "O"
    for sent in doc:
        for word, tag in sent + [("", "O")]:
            if tag.endswith("PER") and not (tag.startswith("B-") and cur) and prev.endswith("PER"):
                cur.append(word)
            elif tag.endswith("PER"):
                if cur:
                    spans.append(" ".join(cur))
                cur = [word]
            else:
                if cur:
                    spans.append(" ".join(cur))
                cur = []
            prev = tag
    return spans


def _norm(name: str) -> list[str]:
    return [token_key(t) for t in TOKEN_RE.findall(name)]


def _sub(a: list[str], b: list[str]) -> bool:
    """a is a contiguous run of b's tokens."""
    return any(b[i:i + len(a)] == a for i in range(len(b) - len(a) + 1)) if a else False


def score_persons(gold_mentions: list[str], predicted: list[str]):
    mentions = sorted({tuple(_norm(g)) for g in gold_mentions if _norm(g)}, key=len, reverse=True)
    entities: list[list[tuple]] = []
    for m in mentions:
        for e in entities:
            if _sub(list(m), list(e[0])):
                e.append(m)
                break
        else:
            entities.append([m])
    preds = [_norm(p) for p in predicted]
    matched_e, matched_p = set(), set()
    for pi, p in enumerate(preds):
        for ei, e in enumerate(entities):
            if ei in matched_e:
                continue
            full = list(e[0])
            if any(list(m) == p for m in e) or _sub(p, full) or _sub(full, p) or \
                    (len(p) > 1 and len(full) > 1 and p[0] == full[0] and p[-1] == full[-1]):
                matched_e.add(ei)
                matched_p.add(pi)
                break
    fp = [predicted[i] for i in range(len(preds)) if i not in matched_p]
    fn = [" ".join(e[0]) for i, e in enumerate(entities) if i not in matched_e]
    return len(matched_p), len(preds), len(matched_e), len(entities), fp, fn


def conll_part(path: Path, part: str):
    """The documents of a CoNLL file in the part asked for (the lockbox is the end of eng.testa)."""
    docs = list(conll_docs(path))
    lockboxed = path.name == "eng.testa"
    return [d for i, d in enumerate(docs) if keep(lockboxed and conll_lockbox(i, len(docs)), part)]


def bench_conll(corpora: Path, split: str, errors: int, part: str = "open"):
    path = corpora / "conll2003" / split
    if not path.exists():
        print(f"conll: {path} missing, skipped")
        return
    tp_p = n_p = tp_g = n_g = 0
    fps, fns = collections.Counter(), collections.Counter()
    docs = conll_part(path, part)
    for doc in docs:
        text = "\n".join(" ".join(w for w, _ in s) for s in doc)
        pred = extract_persons(text, "en")
        a, b, c, d, fp, fn = score_persons(conll_gold(doc), pred)
        tp_p, n_p, tp_g, n_g = tp_p + a, n_p + b, tp_g + c, n_g + d
        fps.update(fp)
        fns.update(fn)
    p, r = tp_p / max(n_p, 1), tp_g / max(n_g, 1)
    print(f"conll {split} ({part}, {len(docs)} docs): persons P={p:.3f} R={r:.3f} "
          f"F1={2 * p * r / max(p + r, 1e-9):.3f} (predicted {n_p}, gold entities {n_g})")
    if errors:
        print("  false positives:", fps.most_common(errors))
        print("  missed:", fns.most_common(errors))
    return p, r


def reuters_code(place: str) -> str | None:
    if place in REUTERS_PLACES:
        return REUTERS_PLACES[place]
    entry = gazetteer().lookup.get(place.replace("-", " "))
    return entry[0] if entry and entry[1] == "name" else None


def reuters_docs(corpora: Path, part: str = "all", with_file: bool = False):
    """(text, body_start, gold codes) per Reuters document with places, laid out as the pipeline
    lays out an article: title, blank line, body opening with its dateline ("BASLE, March 3 - ")."""
    for f in sorted((corpora / "reuters21578").glob("reut2-*.sgm")):
        if not keep(reuters_lockbox(f.name), part):
            continue
        data = f.read_bytes().decode("latin-1")
        for block in re.findall(r"<REUTERS.*?</REUTERS>", data, re.S):
            places = re.search(r"<PLACES>(.*?)</PLACES>", block, re.S)
            body = re.search(r"<BODY>(.*?)</BODY>", block, re.S)
            title = re.search(r"<TITLE>(.*?)</TITLE>", block, re.S)
            dateline = re.search(r"<DATELINE>(.*?)</DATELINE>", block, re.S)
            if not places or not body:
                continue
            codes = {c for c in (reuters_code(p) for p in re.findall(r"<D>(.*?)</D>", places.group(1))) if c}
            if codes:
                head = html.unescape(title.group(1)).strip() + "\n\n" if title else ""
                text = head + html.unescape((dateline.group(1).strip() + " " if dateline else "") + body.group(1))
                yield (text, len(head), codes, f.name) if with_file else (text, len(head), codes)


def bench_reuters(corpora: Path, errors: int, part: str = "open"):
    if not (corpora / "reuters21578").exists():
        print("reuters: missing, skipped")
        return
    tp = n_pred = n_gold = docs = tp_any = n_any = 0
    fps, fns = collections.Counter(), collections.Counter()
    for text, body_start, gold in reuters_docs(corpora, part):
        weights = weigh_countries(text, "en", persons=extract_persons(text, "en"), body_start=body_start)
        pred = set(focus(weights))
        tp += len(pred & gold)
        n_pred += len(pred)
        n_gold += len(gold)
        tp_any += len(set(weights) & gold)
        n_any += len(weights)
        docs += 1
        fps.update(pred - gold)
        fns.update(gold - pred)
    print(f"reuters ({part}): countries P={tp / max(n_pred, 1):.3f} R={tp / max(n_gold, 1):.3f} over {docs} docs "
          f"(every mention: P={tp_any / max(n_any, 1):.3f} R={tp_any / max(n_gold, 1):.3f})")
    if errors:
        print("  false positives:", fps.most_common(errors))
        print("  missed:", fns.most_common(errors))


def bench_bsnlp(corpora: Path, errors: int, langs: set[str] | None = None, part: str = "open",
                topics: set[str] | None = None, select=None, seen: set[str] | None = None):
    """``select``: a test of the document's record, for a fold of tools/train_persons.py --heldout;
    ``seen``: the person ids of its training documents (recall is then told for the others too)."""
    path = corpora / "multilingual_news" / "bsnlp_slavic_news.jsonl"
    if not path.exists():
        print("bsnlp: missing, skipped")
        return
    g = gazetteer()
    # lang -> person hits, person gold, country hits, country gold, country hits among all mentions,
    # predicted persons that name a gold person, predicted persons, hits and gold among the persons
    # not ``seen`` in training
    stats = collections.defaultdict(lambda: [0] * 9)
    missed, wrong = collections.Counter(), collections.Counter()
    for line in path.open(encoding="utf-8"):
        d = json.loads(line)
        if not d.get("entities") or (langs and d["lang"] not in langs) or \
                (topics and d.get("topic") not in topics) or not keep(bsnlp_lockbox(d.get("topic", "")), part) or \
                (select and not select(d)):
            continue
        text = f"{d.get('title') or ''}\n\n{d['text']}"
        persons = extract_persons(text, d["lang"])
        weights = weigh_countries(text, d["lang"], persons=persons, body_start=len(text) - len(d["text"]))
        countries, focused = set(weights), set(focus(weights))
        pred_keys = {cyr_stem(t) for p in persons for t in TOKEN_RE.findall(p)} | \
                    {t.casefold() for p in persons for t in TOKEN_RE.findall(p)}
        s = stats[d["lang"]]
        per: dict[str, set[str]] = collections.defaultdict(set)
        ctry: set[str] = set()
        for e in d["entities"]:
            if e["type"] == "PER" and (e.get("id") or "").startswith("PER-"):
                per[e["id"]] |= {cyr_stem(t) for t in TOKEN_RE.findall(e["mention"] + " " + e["lemma"])}
                per[e["id"]] |= {t.casefold() for t in TOKEN_RE.findall(e["id"][4:].replace("-", " "))}
            elif e["type"] == "LOC" and e.get("id"):
                entry = g.lookup.get(e["id"].split("-", 1)[-1].replace("-", " ").casefold())
                if entry and entry[1] == "name":
                    ctry.add(entry[0])
        gold_keys = set().union(*per.values()) if per else set()
        for p in persons:
            s[6] += 1
            if {cyr_stem(t) for t in TOKEN_RE.findall(p)} & gold_keys or \
                    {t.casefold() for t in TOKEN_RE.findall(p)} & gold_keys:
                s[5] += 1
            else:
                wrong[(d["lang"], p)] += 1
        for pid, stems in per.items():
            s[1] += 1
            new = seen is not None and pid not in seen
            s[8] += new
            if stems & pred_keys:
                s[0] += 1
                s[7] += new
            else:
                missed[(d["lang"], pid)] += 1
        s[2] += len(ctry & countries)
        s[3] += len(ctry)
        s[4] += len(ctry & focused)
    tot = [sum(v[i] for v in stats.values()) for i in range(9)]
    for lang, v in sorted(stats.items()) + [("all", tot)]:
        unseen = f"; unseen in training {v[7] / max(v[8], 1):.3f} ({v[8]})" if seen is not None else ""
        print(f"bsnlp {lang} ({part}): person recall {v[0] / max(v[1], 1):.3f} ({v[1]}{unseen}), "
              f"precision {v[5] / max(v[6], 1):.3f} ({v[6]}), "
              f"country recall {v[2] / max(v[3], 1):.3f} ({v[3]}; in the facet, weight over the "
              f"threshold: {v[4] / max(v[3], 1):.3f})")
    if errors:
        print("  missed persons:", missed.most_common(errors))
        print("  persons not in the gold:", wrong.most_common(errors))
    return tot


def bench_language(corpora: Path):
    ok = n = 0
    for f in sorted((corpora / "multilingual_news").glob("*.jsonl")):
        for line in f.open(encoding="utf-8"):
            d = json.loads(line)
            n += 1
            ok += detect_language(f"{d.get('title') or ''}\n{d['text']}") == d["lang"]
    print(f"language: accuracy {ok / max(n, 1):.3f} over {n} docs")


def bench_speed(corpora: Path):
    texts = []
    for name in ("giveme5w1h_news_clusters", "basil_story_triplets", "newswcl50_story_clusters"):
        p = corpora / name / "articles.jsonl"
        if p.exists():
            for line in p.open(encoding="utf-8"):
                d = json.loads(line)
                words = (d.get("text") or d.get("body") or "").split()
                if len(words) >= 500:
                    texts.append(" ".join(words[:500]))
    if not texts:
        print("speed: no English articles found, skipped")
        return
    half = len(texts) // 2
    # Warm-up: data files, models and profiles load once per process (the load is measured apart,
    # bench_load). English articles are mostly told by their function words, so langdetect's
    # profiles would otherwise load inside the timed loop, on the first article that needs them.
    warm_up_language()
    for t in texts[half:]:
        extract_countries(t, detect_language(t), persons=extract_persons(t, "en"))
    # CPU time of this process: on a shared machine wall time mostly measures the neighbours.
    start, wall = time.process_time(), time.perf_counter()
    for t in texts[:half]:
        lang = detect_language(t)
        persons = extract_persons(t, lang)
        extract_countries(t, lang, persons=persons)
    dt, dwall = time.process_time() - start, time.perf_counter() - wall
    start = time.process_time()
    for t in texts[:half]:
        detect_language(t)
    dl = time.process_time() - start
    print(f"speed (CPU time): {half / dt:.0f} articles/s language+persons+countries "
          f"({half / max(dt - dl, 1e-9):.0f}/s entities alone, {half / dl:.0f}/s language alone); "
          f"wall clock {half / dwall:.0f}/s; {half} English articles of 500 words")


LOAD_CODE = """
import time
c0, w0 = time.process_time(), time.perf_counter()
from index.extract.persons.tagger import tagger
tagger()
c1, w1 = time.process_time(), time.perf_counter()
from index.extract.persons.mentions import extract_persons
extract_persons("President Emmanuel Macron met Olaf Scholz.", "en")
c2, w2 = time.process_time(), time.perf_counter()
print(f"{c1 - c0:.3f} {w1 - w0:.3f} {c2 - c0:.3f} {w2 - w0:.3f}")
"""


def bench_load(runs: int = 3):
    """Loading the person model in a fresh process (import, weights), then the first article (the
    lexicons and gazetteer too): best of a few runs, CPU and wall seconds."""
    import subprocess
    best = None
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", LOAD_CODE], cwd=ROOT, capture_output=True, text=True, check=True)
        vals = [float(x) for x in out.stdout.split()]
        best = vals if best is None else [min(a, b) for a, b in zip(best, vals)]
    print(f"model load in a fresh process: {best[0]:.2f} s CPU ({best[1]:.2f} s wall); with the lexicons and "
          f"the first article {best[2]:.2f} s CPU ({best[3]:.2f} s wall); best of {runs}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", type=Path, default=default_corpora())
    ap.add_argument("--split", default="eng.testa")
    ap.add_argument("--errors", type=int, default=15)
    ap.add_argument("--only", default="conll,reuters,bsnlp,language,speed,load")
    ap.add_argument("--langs", default="", help="BSNLP languages to score (default: all)")
    ap.add_argument("--topics", default="", help="BSNLP topics to score (default: all of the part)")
    ap.add_argument("--model", type=Path, default=None,
                    help="person tagger weights to use instead of the shipped file (held-out checks)")
    ap.add_argument("--part", default="open", choices=("open", "lockbox", "all"),
                    help="corpus part (bench/lockbox.py): tune on open, report lockbox")
    a = ap.parse_args(argv)
    if a.part != "open" and a.errors:
        if "--errors" in (argv if argv is not None else sys.argv[1:]):
            ap.error("--errors shows documents: not with the lockbox (use --part open)")
        a.errors = 0          # the lockbox is reported, never read
    only = set(a.only.split(","))
    if a.model:
        use_model(a.model)
    if not a.corpora.exists():
        print(f"corpora not found at {a.corpora}; nothing to measure")
        return 0
    if "conll" in only:
        bench_conll(a.corpora, a.split, a.errors, a.part)
    if "reuters" in only:
        bench_reuters(a.corpora, a.errors, a.part)
    if "bsnlp" in only:
        bench_bsnlp(a.corpora, a.errors, set(filter(None, a.langs.split(","))), a.part,
                    set(filter(None, a.topics.split(","))))
    if "language" in only:
        bench_language(a.corpora)
    if "speed" in only:
        bench_speed(a.corpora)
    if "load" in only:
        bench_load()
    return 0


if __name__ == "__main__":
    sys.exit(main())
