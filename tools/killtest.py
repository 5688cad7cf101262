"""Kill imports with SIGKILL at random moments and show the library survives every time.

    python tools/killtest.py                         # 10,000 articles, 30 kills (by hand; long)
    python tools/killtest.py --articles 300 --trials 3 --batch 40   # the suite's short run

A corpus of distinct synthetic articles (text files and JSON Lines exports, seeded) is imported
into a fresh library by a child process; the child reports its moments on a pipe (a commit
starting, Whoosh writing its table of contents, a segment merge, the after-commit steps, the
word-pair files) and the parent kills the child's whole process group with SIGKILL at one of
them, or at a random time. After each kill:

- the library opens and ``check`` finds no error (warnings must be repairable; they are
  repaired and counted, as the window's after-crash check does);
- every article the child saw committed is in the index, exactly once, and nothing else is
  there but the batch being committed when the kill came;
- the next trial's import is the re-import: it goes on from the state the kill left.

The last import runs to its end: the index must then hold the whole corpus once, the report
must count the earlier articles as duplicates, and ``check`` must pass. Finally two imports
are started together: the second must be told the library is in use (or wait).
Prints one line per trial and the figures; --json writes them. Exit status 1 on any failure.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MOMENTS = ("random", "commit", "toc", "merge", "hooks", "pairs")
WORDS = ("ceasefire talks delegation ministry sanctions pipeline harbour election parliament "
         "budget drone frontier refinery grain corridor summit envoy treaty inflation tariff "
         "convoy shelling evacuation reactor negotiators coalition referendum court verdict "
         "protest strike airport railway bridge port energy gas oil wheat fleet tanker").split()
NAMES = ("Vladimir Putin", "Donald Trump", "Volodymyr Zelensky", "Emmanuel Macron",
         "Olaf Scholz", "Recep Tayyip Erdogan", "Ursula von der Leyen", "Keir Starmer")
PLACES = ("Moscow", "Kyiv", "Istanbul", "Berlin", "Paris", "Warsaw", "Brussels", "Ankara")


# ------------------------------------------------------------------ the corpus
def make_corpus(folder: Path, n: int, seed: int) -> int:
    """``n`` distinct articles: a fifth as .txt files, the rest in .jsonl exports of 200."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    records = []
    for i in range(n):
        who, where = rng.choice(NAMES), rng.choice(PLACES)
        sentences = [f"{who} spoke in {where} on Monday about the {rng.choice(WORDS)} "
                     f"and the {rng.choice(WORDS)} (report {i})."]
        for _ in range(rng.randint(5, 9)):
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16)))
            sentences.append(words.capitalize() + f" in {rng.choice(PLACES)}.")
        day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        title = f"{where}: {rng.choice(WORDS)} and {rng.choice(WORDS)} ({i})"
        records.append({"title": title, "text": " ".join(sentences), "date": day,
                        "source": rng.choice(("Wire Desk", "Harbor Line", "Eastern Desk"))})
    txt = n // 5
    for i, r in enumerate(records[:txt]):
        (folder / f"a{i:05d}.txt").write_text(f"{r['title']}\n\n{r['date']}\n\n{r['text']}\n",
                                               encoding="utf-8")
    rest = records[txt:]
    for k in range(0, len(rest), 200):
        with open(folder / f"export{k // 200:03d}.jsonl", "w", encoding="utf-8") as f:
            for r in rest[k:k + 200]:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return n


# ------------------------------------------------------------------ the child
def child(library: str, corpus: str, batch: int) -> int:
    """Import ``corpus`` into ``library``, saying on stdout when each moment begins."""
    from index.library import open_library
    from index.store import whoosh_store
    from index.store.codec.writer import MediawatchWriter

    def say(*words) -> None:
        sys.stdout.write(" ".join(str(w) for w in words) + "\n")
        sys.stdout.flush()

    commit_documents = whoosh_store.Store._commit_documents

    def commit(self, articles, method):
        articles = list(articles)
        say("commit", *[a.id for a in articles])
        n = commit_documents(self, articles, method)
        say("committed", *[a.id for a in articles])
        return n

    toc_commit = MediawatchWriter.commit

    def writer_commit(self, *a, **kw):
        say("toc")
        return toc_commit(self, *a, **kw)

    merge = whoosh_store.tiered_merge

    def tiered(writer, segments):
        return _merge_saying(merge, writer, segments, say)

    after = whoosh_store.Store._after_commit

    def after_commit(self, fresh=None):
        say("pairs")
        return after(self, fresh)

    whoosh_store.Store._commit_documents = commit
    MediawatchWriter.commit = writer_commit
    whoosh_store.tiered_merge = tiered
    whoosh_store.Store._after_commit = after_commit
    lib = open_library(library)
    lib.after_commit[:] = [_saying(fn, say) for fn in lib.after_commit]   # the listed steps
    try:
        report = lib.import_all([corpus], batch_size=batch)
    finally:
        lib.close()
    say("done", report.imported, report.duplicates, len(report.failed))
    return 0


def _merge_saying(merge, writer, segments, say):
    # the policy decides and adds the merged readers; say so before it starts the work
    say("merge-check", len(segments))
    kept = merge(writer, segments)
    if len(kept) < len(segments):
        say("merge", len(segments) - len(kept))
    return kept


def _saying(fn, say):
    def run(library, articles):
        say("hooks", getattr(fn, "__name__", "hook"))
        return fn(library, articles)
    run.__name__ = getattr(fn, "__name__", "hook")
    return run


# ------------------------------------------------------------------ the parent
class Trial:
    def __init__(self, library: Path, corpus: Path, batch: int):
        self.cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(library),
                    str(corpus), str(batch)]
        self.committed: set[str] = set()    # the child saw these commits return
        self.inflight: set[str] = set()     # the batch of the last commit that began
        self.events: Counter = Counter()
        self.done: list[str] | None = None

    def run(self, moment: str, rng: random.Random, kill: bool, est: float) -> str:
        """Run the child until the moment (the k-th time it comes) and kill it; returns what
        it was killed in ("" when it ran to its end)."""
        proc = subprocess.Popen(self.cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True, cwd=ROOT)
        nth = rng.randint(1, 3)
        delay = rng.uniform(0.0, max(0.5, est))     # random: counted from the child's first moment
        deadline, fired_at, seen, buf = None, None, 0, b""
        while True:
            timeout = 0.5
            if fired_at is not None:
                timeout = max(0.0, fired_at - time.monotonic())
            elif deadline is not None:
                timeout = max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([proc.stdout], [], [], timeout)
            now = time.monotonic()
            if kill and ((fired_at is not None and now >= fired_at)
                         or (deadline is not None and now >= deadline)):
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                return self._last or "start"
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            buf += chunk
            *lines, buf = buf.split(b"\n")
            for line in lines:
                self._event(line.decode().split())
                if moment == "random" and deadline is None:
                    deadline = time.monotonic() + delay
                if kill and fired_at is None and self._last == moment:
                    seen += 1
                    if seen >= nth:      # inside it: a little later, a random few milliseconds
                        fired_at = time.monotonic() + rng.uniform(0, 0.03)
        proc.wait()
        if proc.returncode != 0 and self.done is None:
            err = proc.stderr.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"the import failed (exit {proc.returncode}):\n{err}")
        return ""

    _last = ""

    def _event(self, words: list[str]) -> None:
        if not words:
            return
        kind, rest = words[0], words[1:]
        self.events[kind] += 1
        if kind == "commit":
            self.inflight = set(rest)
        elif kind == "committed":
            self.committed |= set(rest)
            self.inflight = set()
        elif kind == "done":
            self.done = rest
        self._last = kind if kind != "merge-check" else self._last


def verify(library: Path, trial: Trial) -> dict:
    """The library after a kill: opens, check has no error, exactly the committed articles."""
    from index.check import check_library
    from index.library import open_library
    report = check_library(library)
    errors = [str(f) for f in report.problems if f.level == "error"]
    unrepairable = [str(f) for f in report.problems if f.level != "error" and not f.repairable]
    repaired = []
    if report.problems and not errors and not unrepairable:
        repaired = sorted({f.area for f in report.problems})
        report = check_library(library, repair=True)
    with open_library(library, create=False) as lib:
        ids = Counter(a.id for a in lib.store.iter_articles())
    twice = [i for i, c in ids.items() if c > 1]
    lost = trial.committed - set(ids)
    stray = set(ids) - trial.committed - trial.inflight
    # A kill after Whoosh wrote its table of contents but before the child said so: that batch
    # is committed (all of it, or none: a commit is atomic). The next trial starts from here.
    landed = trial.inflight & set(ids)
    partial = bool(landed) and landed != trial.inflight
    trial.committed |= landed
    trial.inflight = set()
    ok = (report.ok and not errors and not unrepairable and not twice and not lost and not stray
          and not partial)
    return {"ok": ok, "articles": sum(ids.values()), "errors": errors + unrepairable,
            "repaired": repaired, "twice": len(twice), "lost": len(lost), "stray": len(stray),
            "partial_batch": partial}


def concurrent(library: Path, corpus: Path, batch: int) -> dict:
    """Two imports at once into a new library: the second must be told it is in use (or wait)."""
    from index.library import open_library
    open_library(library).close()
    first = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child",
                              str(library), str(corpus), str(batch)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                             start_new_session=True)
    first.stdout.readline()            # its first commit begins: it holds the library now
    os.killpg(first.pid, signal.SIGSTOP)   # and keeps holding it, however fast the machine
    try:
        second = subprocess.run([sys.executable, "-m", "index", "import", str(corpus),
                                 "--library", str(library), "--quiet"], capture_output=True,
                                text=True, cwd=ROOT, timeout=3600)
    finally:
        os.killpg(first.pid, signal.SIGCONT)
    first.communicate(timeout=3600)
    told = second.returncode != 0 and "in use" in second.stderr
    waited = second.returncode == 0
    return {"ok": told or waited, "second_exit": second.returncode,
            "second_said": second.stderr.strip()[-300:], "first_exit": first.returncode}


def complete_set(library: Path, trial: "Trial", articles: int, log) -> dict:
    """After an import ran to its end: the whole corpus once, earlier ones counted as duplicates."""
    from index.check import check_library
    from index.library import open_library
    with open_library(library, create=False) as lib:
        count = lib.count()
        unique = len({a.id for a in lib.store.iter_articles()})
    report = check_library(library)
    imported, duplicates = (int(trial.done[0]), int(trial.done[1])) if trial.done else (-1, -1)
    out = {"ok": count == unique == articles and report.ok and imported + duplicates == articles,
           "articles": count, "unique": unique, "imported": imported, "duplicates": duplicates,
           "check": report.summary()}
    log(f"import to the end: {count} articles ({unique} distinct) of {articles}; the last run "
        f"imported {imported}, {duplicates} duplicates; {report.summary()}")
    return out


def run(articles: int, trials: int, batch: int, seed: int, workdir: Path, log=print) -> dict:
    rng = random.Random(seed)
    corpus = workdir / "corpus"
    make_corpus(corpus, articles, seed)
    from index.library import open_library
    cycles: list[dict] = []
    library = workdir / "library-1"
    open_library(library).close()
    trial = Trial(library, corpus, batch)
    results, est = [], 5.0
    for k in range(trials):
        moment = MOMENTS[k % len(MOMENTS)]
        start = time.monotonic()
        killed_in = trial.run(moment, rng, kill=True, est=est)
        elapsed = time.monotonic() - start
        if not killed_in:
            est = max(est, elapsed)           # it finished first: later random kills come earlier
        res = verify(library, trial)
        res.update(trial=k + 1, moment=moment, killed_in=killed_in or "(finished first)",
                   seconds=round(elapsed, 1))
        results.append(res)
        log(f"trial {k + 1:2}: kill at {moment:6} -> in {res['killed_in']:16} "
            f"{res['articles']:6} articles  {'ok' if res['ok'] else 'FAILED'}"
            + (f"  repaired {','.join(res['repaired'])}" if res["repaired"] else "")
            + (f"  {res['errors'][:2]} twice={res['twice']} lost={res['lost']} stray={res['stray']}"
               if not res["ok"] else ""))
        if trial.done is not None:   # the import got to its end before the kill: a new cycle
            cycles.append(complete_set(library, trial, articles, log))
            library = workdir / f"library-{len(cycles) + 1}"
            open_library(library).close()
            trial = Trial(library, corpus, batch)
    final = Trial(library, corpus, batch)
    final.committed = set(trial.committed)
    final.run("none", rng, kill=False, est=est)
    cycles.append(complete_set(library, final, articles, log))
    complete = {"ok": all(c["ok"] for c in cycles), "cycles": cycles}
    both = concurrent(workdir / "library-concurrent", corpus, batch)
    log(f"two imports at once: second exit {both['second_exit']}: {both['second_said']}")
    survived = sum(r["ok"] for r in results)
    return {"articles": articles, "trials": trials, "survived": survived,
            "moments": dict(Counter(r["killed_in"] for r in results)),
            "repaired": sum(bool(r["repaired"]) for r in results), "results": results,
            "complete": complete, "concurrent": both,
            "ok": survived == trials and complete["ok"] and both["ok"]}


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        return child(argv[1], argv[2], int(argv[3]))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--trials", type=int, default=30)
    ap.add_argument("--batch", type=int, default=250, help="articles per commit (default 250)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", type=Path, help="where corpus and library go (default: a temp dir)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="killtest-") as tmp:
        work = args.workdir or Path(tmp)
        start = time.monotonic()
        result = run(args.articles, args.trials, args.batch, args.seed, work)
        result["seconds"] = round(time.monotonic() - start, 1)
    print(f"{result['survived']}/{result['trials']} kills survived ({result['repaired']} needed "
          f"a repair of caches or stories), moments: {result['moments']}; complete: "
          f"{result['complete']['ok']}; concurrent import told: {result['concurrent']['ok']}; "
          f"{result['seconds']} s")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
