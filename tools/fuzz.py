"""Fuzz every reader: seeded mutations of valid files plus structure-aware hostile cases.

    python tools/fuzz.py                       # the long run: 1,000 mutations per reader, every case
    python tools/fuzz.py --cases 40 --quick    # the suite's short run (tests/test_fuzz.py)
    python tools/fuzz.py --readers pdf,docx --seed 7 --save build/fuzz

Every case must end in articles or in a named reason (ReadError with a sentence, a Rejected
article, a discover Problem): any other exception is a crash, no answer within --timeout seconds
(10, CPU time of the worker) a hang, growth past --memory-mb (500 MB over the worker's size as the case starts, enforced with
RLIMIT_AS) a memory failure. Cases run in a worker process that is replaced after a hang or a
death, so one bad case never stops the run. What the readers return goes through the extraction
pipeline and the index's analysis (store.schema.prepare) as an import would (the first
EXTRACT_LIMIT articles of a file), and must encode as UTF-8.

Prints a table per reader (cases, outcomes, slowest case, peak memory) and each distinct crash
with the case that found it; --save writes crashing inputs there; --json writes the figures.
Exit status 1 when anything crashed, hung or ran out of memory.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import fuzz_cases  # noqa: E402

EXTRACT_LIMIT = 200
BAD = ("crash", "hang", "memory", "died")
WALL_FACTOR = 6        # the parent's backstop: a case stuck in C code past this many timeouts


class CaseTimeout(BaseException):
    """Raised by SIGPROF when a case used its CPU time: a BaseException, so that no reader's
    ``except Exception`` swallows it."""


_phase = "read"


def _on_timer(*_):
    raise CaseTimeout(_phase)


# ------------------------------------------------------------------ the worker process
def _worker(conn, memory_mb: int, timeout: float) -> None:
    import resource
    import signal
    from index.ingest.readers import reader_for  # noqa: F401  (loaded before the limit)
    from index.extract.pipeline import ExtractContext, extract  # noqa: F401
    from index.store.schema import prepare  # noqa: F401
    # What an import worker has loaded after its first files: loaded here, before any limit, so
    # that a lazy import inside a case cannot fail to map its shared library (seen: dateparser's
    # `regex` .so under the limit, reported as an ImportError crash of the JSON reader).
    for name in ("dateparser", "feedparser", "trafilatura", "pypdf", "docx", "lxml.html"):
        try:
            __import__(name)
        except ImportError:
            pass
    secret = _secret()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    # The limit is CPU time, not wall time: on a machine shared by many jobs wall time says more
    # about the neighbours than about the reader. (The parent keeps a wall-clock backstop.)
    signal.signal(signal.SIGPROF, _on_timer)
    while True:
        msg = conn.recv()
        if msg is None:
            return
        reader, data = msg
        # The limit is the growth during this case over the worker's size as the case starts:
        # a long-lived worker keeps what earlier cases left in its heap, and counting that
        # against a later case reported MemoryErrors for files that need 130 MB on their own.
        base = _vm_bytes()
        if base and memory_mb:
            limit = base + memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS,
                               (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.process_time()
        signal.setitimer(signal.ITIMER_PROF, timeout)
        try:
            out = run_case(reader, data, secret)
        except MemoryError:
            out = {"outcome": "memory", "detail": "MemoryError outside the reader"}
        except CaseTimeout as t:
            out = {"outcome": "hang", "detail": f"over {timeout:g} s of CPU ({t.args[0]})",
                   "sig": f"hang in {t.args[0]}"}
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
        out["seconds"] = time.process_time() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        out["peak_mb"] = round(peak / 1024) if peak > before else None
        conn.send(out)


def _vm_bytes() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _secret() -> str | None:
    """A line of a local file an external XML entity would pull in (it must never show up)."""
    try:
        return Path("/etc/passwd").read_text().splitlines()[0][:40] or None
    except (OSError, IndexError):
        return None


def run_case(reader: str, data: bytes, secret: str | None = None) -> dict:
    if reader == "zip":
        return _zip_case(data, secret)
    return read_one(reader, data, f"case.{reader}", secret)


def read_one(ext: str, data: bytes, path: str, secret: str | None) -> dict:
    global _phase
    from index.errors import ReadError
    from index.ingest.readers import reader_for
    _phase = f"{ext} reader"
    try:
        raws = reader_for(ext).read(data, path)
    except ReadError as e:
        if not str(e).strip():
            return {"outcome": "crash", "detail": "ReadError without a reason", "sig": "ReadError()"}
        return {"outcome": "reason", "detail": str(e)}
    except MemoryError:
        return {"outcome": "memory", "detail": "MemoryError in the reader"}
    except Exception as e:     # noqa: BLE001 - what the harness is for
        return _crash(e)
    _phase = f"extraction of {min(len(raws), EXTRACT_LIMIT)} article(s)"
    return _extract(raws, secret)


def _extract(raws, secret) -> dict:
    from index.errors import Rejected
    from index.extract.pipeline import ExtractContext, extract
    from index.store.schema import prepare
    ctx = ExtractContext()
    n, rejected = 0, Counter()
    if not raws:
        return {"outcome": "crash", "detail": "reader returned no article and no reason",
                "sig": "empty list"}
    for raw in raws[:EXTRACT_LIMIT]:
        try:
            art = extract(raw, ctx)
            prepare(art)
            json.dumps(art.to_json(), ensure_ascii=False).encode("utf-8")
        except Rejected as e:
            rejected[str(e)] += 1
            continue
        except MemoryError:
            return {"outcome": "memory", "detail": "MemoryError in extraction"}
        except Exception as e:   # noqa: BLE001
            return _crash(e, "extract")
        if secret and secret in f"{art.title}\n{art.body}":
            return {"outcome": "crash", "detail": "an external entity was read into the article",
                    "sig": "external entity"}
        n += 1
    if n:
        return {"outcome": "articles", "detail": f"{n} article(s)", "articles": n}
    return {"outcome": "rejected", "detail": rejected.most_common(1)[0][0]}


def _zip_case(data: bytes, secret) -> dict:
    """An archive as the importer meets it: discover's walk, each member's load and reader."""
    import tempfile
    from index.errors import ReadError
    from index.ingest.discover import discover
    from index.model import Problem
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "case.zip"
        path.write_bytes(data)
        outcomes = Counter()
        try:
            for i, item in enumerate(discover([str(path)])):
                if i >= 50:
                    break
                if isinstance(item, Problem):
                    outcomes["reason"] += 1
                    continue
                try:
                    member = item.load()
                except ReadError:
                    outcomes["reason"] += 1
                    continue
                got = read_one(item.ext, member, item.path, secret)
                if got["outcome"] in BAD:
                    return got
                outcomes[got["outcome"]] += 1
        except MemoryError:
            return {"outcome": "memory", "detail": "MemoryError walking the archive"}
        except Exception as e:    # noqa: BLE001
            return _crash(e, "discover")
    if outcomes["articles"]:
        return {"outcome": "articles", "detail": dict(outcomes), "articles": outcomes["articles"]}
    return {"outcome": "reason", "detail": dict(outcomes) or "empty archive"}


def _crash(e: BaseException, where: str = "read") -> dict:
    frames = traceback.extract_tb(e.__traceback__)
    ours = [f for f in frames if "/index/" in f.filename] or frames
    last = ours[-1] if ours else None
    sig = f"{where}: {type(e).__name__} at {Path(last.filename).name}:{last.lineno}" if last \
        else f"{where}: {type(e).__name__}"
    return {"outcome": "crash", "detail": f"{type(e).__name__}: {str(e)[:200]}", "sig": sig,
            "trace": "".join(traceback.format_exception(type(e), e, e.__traceback__))[-3000:]}


# ------------------------------------------------------------------ the parent
class Pool:
    """One worker at a time; a hang or a death replaces it."""

    def __init__(self, memory_mb: int, timeout: float):
        self.ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self.memory_mb = memory_mb
        self.timeout = timeout
        self.proc = None

    def _start(self):
        parent, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_worker, args=(child, self.memory_mb, self.timeout),
                                   daemon=True)
        self.proc.start()
        self.conn = parent

    def run(self, reader: str, data: bytes) -> dict:
        if self.proc is None or not self.proc.is_alive():
            self._start()
            self.conn.send(("txt", b"warm up"))     # imports happen before the clock runs
            self.conn.poll(120) and self.conn.recv()
        start = time.monotonic()
        # CPU time is what the worker is limited by; on a machine shared by many jobs a CPU
        # second takes several wall seconds, so the backstop grows with the load
        load = os.getloadavg()[0] / (os.cpu_count() or 1) if hasattr(os, "getloadavg") else 1.0
        wall = max(60.0, self.timeout * max(WALL_FACTOR, 2 * load))
        try:
            self.conn.send((reader, data))
            if self.conn.poll(wall):
                return self.conn.recv()
            self.stop()
            return {"outcome": "hang", "detail": f"no answer in {wall:g} s of wall time (stuck "
                    "outside Python)", "seconds": time.monotonic() - start, "sig": "hang (wall)"}
        except (EOFError, BrokenPipeError, ConnectionResetError):
            code = self.proc.exitcode if self.proc else None
            self.stop()
            return {"outcome": "died", "detail": f"worker died (exit {code})",
                    "seconds": time.monotonic() - start, "sig": f"died {code}"}

    def stop(self) -> None:
        if self.proc is not None:
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join(5)
            self.proc = None

    def close(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            try:
                self.conn.send(None)
                self.proc.join(5)
            except (BrokenPipeError, OSError):
                pass
        self.stop()


def cases(readers, n: int, seed: int, quick: bool):
    pool = fuzz_cases.seeds()
    for reader in readers:
        if reader in pool:
            for name, data in fuzz_cases.mutations(reader, pool, n, seed):
                yield reader, f"mutation:{name}", data
    for reader, name, data in fuzz_cases.structured(quick):
        if reader in readers:
            yield reader, f"case:{name}", data


def run(readers, n: int, seed: int, quick: bool, timeout: float, memory_mb: int,
        save: Path | None, verbose: bool = False) -> dict:
    stats: dict[str, Counter] = defaultdict(Counter)
    slowest: dict[str, tuple[float, str]] = {}
    peak: dict[str, int] = {}
    crashes: dict[str, dict] = {}
    pool = Pool(memory_mb, timeout)
    start = time.monotonic()
    try:
        for reader, name, data in cases(readers, n, seed, quick):
            out = pool.run(reader, data)
            stats[reader]["cases"] += 1
            stats[reader][out["outcome"]] += 1
            secs = out.get("seconds", 0.0)
            if secs > slowest.get(reader, (-1, ""))[0]:
                slowest[reader] = (secs, name)
            if out.get("peak_mb"):
                peak[reader] = max(peak.get(reader, 0), out["peak_mb"])
            if out["outcome"] in BAD:
                key = f"{reader} {out.get('sig', out['outcome'])}"
                first = crashes.setdefault(key, {"reader": reader, "case": name, "count": 0,
                                                 "outcome": out["outcome"], "detail": out["detail"],
                                                 "trace": out.get("trace", "")})
                first["count"] += 1
                if save is not None and first["count"] == 1:
                    save.mkdir(parents=True, exist_ok=True)
                    safe = "".join(c if c.isalnum() else "_" for c in key)[:80]
                    (save / f"{safe}.{reader}").write_bytes(data)
            if verbose:
                print(f"{reader:6} {name:40} {out['outcome']:9} {secs:6.2f}s  {str(out['detail'])[:80]}",
                      flush=True)
    finally:
        pool.close()
    return {"seconds": round(time.monotonic() - start, 1), "seed": seed, "mutations": n,
            "quick": quick, "timeout": timeout, "memory_mb": memory_mb,
            "readers": {r: dict(stats[r], slowest_s=round(slowest[r][0], 2), slowest=slowest[r][1],
                                peak_mb=peak.get(r)) for r in stats},
            "failures": list(crashes.values())}


def print_table(result: dict) -> None:
    cols = ("cases", "articles", "reason", "rejected", "crash", "hang", "memory", "died")
    print(f"{'reader':8}" + "".join(f"{c:>9}" for c in cols) + f"{'slowest':>10}{'peak MB':>9}")
    total = Counter()
    for reader, s in sorted(result["readers"].items()):
        total.update({c: s.get(c, 0) for c in cols})
        print(f"{reader:8}" + "".join(f"{s.get(c, 0):>9}" for c in cols)
              + f"{s['slowest_s']:>9.2f}s{(s['peak_mb'] or 0):>9}")
    print(f"{'all':8}" + "".join(f"{total[c]:>9}" for c in cols))
    for f in result["failures"]:
        print(f"\n{f['outcome'].upper()} {f['reader']} ({f['count']}x, first: {f['case']}): {f['detail']}")
        if f["trace"]:
            print("    " + f["trace"].strip().replace("\n", "\n    "))
    print(f"\n{result['seconds']} s, seed {result['seed']}, {result['mutations']} mutations per "
          f"reader, timeout {result['timeout']:g} s, memory {result['memory_mb']} MB")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=1000, help="mutations per reader (default 1000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--readers", default=",".join(fuzz_cases.READERS),
                    help="comma-separated readers (default: all)")
    ap.add_argument("--quick", action="store_true", help="leave out the slow structure-aware cases")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per case (default 10)")
    ap.add_argument("--memory-mb", type=int, default=500, help="memory per case (default 500)")
    ap.add_argument("--save", type=Path, help="write each distinct failing input here")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per case")
    args = ap.parse_args(argv)
    readers = [r.strip() for r in args.readers.split(",") if r.strip()]
    result = run(readers, args.cases, args.seed, args.quick, args.timeout, args.memory_mb,
                 args.save, args.verbose)
    print_table(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
