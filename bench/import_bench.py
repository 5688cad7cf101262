"""Import speed end to end, beside bare Whoosh on the same texts, in one run (issue 14).

    .venv/bin/python bench/import_bench.py [--limit 10000] [--formats jsonl,folder,mbox]
                                           [--rounds 1] [--into 0] [--workers auto]

For each input made from Reuters-21578 (one JSONL export, a folder of small .txt/.html files, one
.mbox), the `mediawatch import` command (reading, cleaning, language, dates, persons, countries,
indexing, word pairs, story grouping, alert checks, the commit) runs in its own process, then
bare Whoosh indexes the same titles and bodies with a StemmingAnalyzer and one writer. The
figure that counts is the ratio ours/bare (>= 1.0: at least as fast as the engine). With
``--rounds N`` the two alternate N times and the median ratio is printed: the machine is shared,
and alternating cancels most of the noise. ``--into N`` first builds a library of N articles
(synthetic when the corpus runs out) and imports into a copy of it: the "flat with size" check.

The corpus stays in ../shared/corpora: inputs are written to a temp folder and removed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpora import CORPORA, reuters  # noqa: E402

FORMATS = ("jsonl", "folder", "mbox")


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ------------------------------------------------------------------ inputs
def _text(d: dict) -> str:
    return (d["dateline"] + " " + d["body"]).strip() if d["dateline"] else d["body"]


def _date(d: dict) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(d["date"].strip()[:20], "%d-%b-%Y %H:%M:%S")
    except ValueError:
        return None


def write_jsonl(docs: list[dict], out: Path) -> Path:
    with out.open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"title": d["title"], "text": _text(d), "source": "Reuters",
                                "date": d["date"]}) + "\n")
    return out


def write_folder(docs: list[dict], out: Path) -> Path:
    """Small files, 100 a subfolder: two in three .txt (title line, blank line, body), the rest
    minimal saved pages."""
    import html
    for i, d in enumerate(docs):
        sub = out / f"{i // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        if i % 3 == 2:
            paras = "".join(f"<p>{html.escape(p)}</p>" for p in _text(d).split("\n\n") if p.strip())
            page = (f"<html><head><title>{html.escape(d['title'])}</title>"
                    f"<meta property='og:site_name' content='Reuters'></head><body><article>"
                    f"<h1>{html.escape(d['title'])}</h1>{paras}</article></body></html>")
            (sub / f"story{i:05d}.html").write_text(page, encoding="utf-8")
        else:
            (sub / f"story{i:05d}.txt").write_text(f"{d['title']}\n\n{_text(d)}\n", encoding="utf-8")
    return out


def write_mbox(docs: list[dict], out: Path) -> Path:
    from email.message import EmailMessage
    from email.policy import SMTP
    with out.open("wb") as f:
        for i, d in enumerate(docs):
            msg = EmailMessage()
            msg["From"] = "Reuters Newswire <wire@reuters.example>"
            msg["To"] = "desk@example.org"
            msg["Subject"] = d["title"] or f"Story {i}"
            when = _date(d)
            if when:
                msg["Date"] = email.utils.format_datetime(when.replace(tzinfo=dt.timezone.utc))
            msg["Message-ID"] = f"<story{i}@reuters.example>"
            msg.set_content(_text(d))
            body = msg.as_bytes(policy=SMTP).replace(b"\r\n", b"\n")
            body = b"\n".join(b">" + line if line.startswith(b"From ") else line
                              for line in body.split(b"\n"))
            f.write(b"From wire@reuters.example Mon Mar  2 00:00:00 1987\n" + body + b"\n\n")
    return out


WRITERS = {"jsonl": ("reuters.jsonl", write_jsonl), "folder": ("reuters-files", write_folder),
           "mbox": ("reuters.mbox", write_mbox)}


# ------------------------------------------------------------------ the two measurements
def run_mediawatch(src: Path, lib: Path, workers: str) -> dict:
    """`mediawatch import` itself, as an analyst runs it (a fresh process: start-up included)."""
    env = dict(os.environ)
    if workers != "auto":
        env["MEDIAWATCH_IMPORT_WORKERS"] = workers
    cpu0 = _children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "index", "--library", str(lib), "import", "-q",
                             str(src)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)
    peak = _TreePeak(proc.pid)
    _, err = proc.communicate()
    secs = time.perf_counter() - t0
    peak.stop()
    # The workers are the forkserver's children: their CPU never reaches this process's
    # RUSAGE_CHILDREN, so it is taken from the samples (last seen, up to 50 ms short each).
    cpu = _children_cpu() - cpu0 + peak.descendants_cpu()
    if proc.returncode != 0:
        raise SystemExit(f"mediawatch import failed:\n{err[-3000:]}")
    from index.library import open_library
    library = open_library(lib, create=False)
    report = library.import_log(1)[0]
    n = library.count()
    library.close()
    return {"articles": len(report.ids), "library": n, "seconds": secs, "failed": len(report.failed),
            "peak_rss_mb": peak.mb, "peak_parent_mb": peak.parent_mb,
            "peak_workers_mb": peak.others_mb, "index_bytes": folder_size(lib), "cpu": cpu}


def _children_cpu() -> float:
    """CPU seconds of the waited-for children so far (an import's workers count to it)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


class _TreePeak:
    """Peak resident memory of a process and its children together (the import and its
    extraction workers), sampled every 50 ms on a thread; also each part's own peak and the
    CPU time of the descendants (not the process itself) as last seen."""

    def __init__(self, pid: int):
        import threading
        import psutil
        self.mb = self.parent_mb = self.others_mb = 0.0
        self._cpu: dict[int, float] = {}
        self._done = threading.Event()
        self._root = psutil.Process(pid)
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        import psutil
        while not self._done.wait(0.05):
            try:
                kids = self._root.children(recursive=True)
                own = self._root.memory_info().rss
                rss = []
                for p in kids:
                    try:
                        rss.append(p.memory_info().rss)
                        t = p.cpu_times()
                        self._cpu[p.pid] = t.user + t.system
                    except psutil.Error:
                        pass
            except psutil.Error:
                continue
            self.mb = max(self.mb, (own + sum(rss)) / 2 ** 20)
            self.parent_mb = max(self.parent_mb, own / 2 ** 20)
            self.others_mb = max(self.others_mb, sum(rss) / 2 ** 20)

    def descendants_cpu(self) -> float:
        return sum(self._cpu.values())

    def stop(self) -> None:
        self._done.set()


def bare_whoosh(texts: list[tuple[str, str]], folder: Path) -> dict:
    from whoosh import fields, index
    from whoosh.analysis import StemmingAnalyzer

    schema = fields.Schema(id=fields.ID(stored=True, unique=True),
                           title=fields.TEXT(stored=True, analyzer=StemmingAnalyzer()),
                           body=fields.TEXT(stored=True, analyzer=StemmingAnalyzer()))
    folder.mkdir(parents=True)
    t0, cpu0 = time.perf_counter(), time.process_time()
    ix = index.create_in(folder, schema)
    w = ix.writer()
    for i, (title, body) in enumerate(texts):
        w.add_document(id=str(i), title=title, body=body)
    w.commit()
    secs = time.perf_counter() - t0
    return {"articles": len(texts), "seconds": secs, "index_bytes": folder_size(folder),
            "cpu_in_run": time.process_time() - cpu0,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_bare(texts_file: Path, out: Path) -> dict:
    cpu0 = _children_cpu()
    proc = subprocess.run([sys.executable, __file__, "--bare", str(texts_file), str(out)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"bare Whoosh failed:\n{proc.stderr[-3000:]}")
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    res["cpu"] = res.pop("cpu_in_run")
    return res


# ------------------------------------------------------------------ a library that is not empty
def build_base(n: int, docs: list[dict], lib: Path) -> None:
    """A library of ``n`` articles: the corpus rewritten with a numbered sentence, so every one
    is new (and the benchmark's own articles stay new to it)."""
    tmp = lib.parent / "base-input.jsonl"
    with tmp.open("w", encoding="utf-8") as f:
        for i in range(n):
            d = docs[i % len(docs)]
            f.write(json.dumps({"title": d["title"], "text": f"{_text(d)}\nArchive copy {i}.",
                                "source": "Reuters", "date": d["date"]}) + "\n")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "index", "--library", str(lib), "import", "-q", str(tmp)],
                   check=True)
    print(f"base library of {n} articles built in {time.perf_counter() - t0:.0f} s")
    tmp.unlink()


def one_round(fmt: str, src: Path, texts_file: Path, tmp: Path, base: Path | None,
              workers: str, k: int) -> tuple[dict, dict]:
    lib = tmp / f"lib-{fmt}-{k}"
    if base is not None:
        shutil.copytree(base, lib)
    ours = run_mediawatch(src, lib, workers)
    bare = run_bare(texts_file, tmp / f"bare-{fmt}-{k}")
    shutil.rmtree(lib, ignore_errors=True)
    shutil.rmtree(tmp / f"bare-{fmt}-{k}", ignore_errors=True)
    return ours, bare


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=10000)
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--into", type=int, default=0, help="import into a library of this many articles")
    ap.add_argument("--workers", default="auto", help="extraction workers (auto, 0, 1, 2 ...)")
    ap.add_argument("--bare", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.bare:
        texts = json.loads(Path(a.bare[0]).read_text(encoding="utf-8"))
        print(json.dumps(bare_whoosh(texts, Path(a.bare[1]))))
        return
    if not (CORPORA / "reuters21578").exists():
        print(f"skipped: {CORPORA / 'reuters21578'} is absent")
        return
    docs = reuters(a.limit)
    tmp = Path(tempfile.mkdtemp(prefix="mw-import-bench-"))
    texts_file = tmp / "texts.json"
    texts_file.write_text(json.dumps([(d["title"], _text(d)) for d in docs]), encoding="utf-8")
    load = os.getloadavg()[0]
    print(f"{len(docs)} Reuters-21578 articles; {os.cpu_count()} cores; load {load:.1f}; "
          f"workers {a.workers}; rounds {a.rounds}")
    base = None
    if a.into:
        base = tmp / "base-library"
        build_base(a.into, docs, base)
    print(f"{'input':8}{'MB':>6}{'ours art/s':>11}{'bare art/s':>11}{'ratio':>7}"
          f"{'peak MB':>9}{'parent':>7}{'workers':>8}{'index MB':>9}{'failed':>7}"
          f"{'ours CPU ms/art':>16}{'bare CPU ms/art':>16}")
    try:
        for fmt in a.formats.split(","):
            name, write = WRITERS[fmt]
            src = write(docs, tmp / name)
            ratios, rows = [], []
            for k in range(a.rounds):
                ours, bare = one_round(fmt, src, texts_file, tmp, base, a.workers, k)
                ratios.append((ours["articles"] / ours["seconds"]) / (bare["articles"] / bare["seconds"]))
                rows.append((ours, bare))
            ours, bare = rows[sorted(range(len(ratios)), key=ratios.__getitem__)[len(ratios) // 2]]
            size = folder_size(src) if src.is_dir() else src.stat().st_size
            print(f"{fmt:8}{size / 1e6:>6.1f}{ours['articles'] / ours['seconds']:>11.0f}"
                  f"{bare['articles'] / bare['seconds']:>11.0f}{statistics.median(ratios):>7.2f}"
                  f"{ours['peak_rss_mb']:>9.0f}{ours['peak_parent_mb']:>7.0f}"
                  f"{ours['peak_workers_mb']:>8.0f}{ours['index_bytes'] / 1e6:>9.1f}{ours['failed']:>7}"
                  f"{ours['cpu'] * 1000 / ours['articles']:>16.2f}"
                  f"{bare['cpu'] * 1000 / bare['articles']:>16.2f}", flush=True)
            if a.rounds > 1:
                print(f"{'':8}ratios of the rounds: " + " ".join(f"{r:.2f}" for r in ratios))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
