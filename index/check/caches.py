"""The caches beside the index: word-pair files (index/pairs/) and facet columns
(index/columns/). Both are rebuilt from the stored text, so damage here is a warning that
``--repair`` removes (the files are deleted and written again)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from .report import INFO, WARNING, CheckReport
from .segments import IndexContents


def check_pairs(folder: Path, contents: IndexContents, report: CheckReport) -> list[Path]:
    """Returns the pair files to delete on repair (damaged, disagreeing, or of gone segments)."""
    pairs = folder / "index" / "pairs"
    bad: list[Path] = []
    if not pairs.is_dir():
        return bad
    for segid, ids in contents.segment_ids.items():
        files = [pairs / f"{segid}.{part}" for part in ("keys.npy", "docs.npy", "ids.json")]
        if not files[2].exists():
            continue            # not written yet: built at the first phrase search
        reason = _pair_problem(files, ids)
        if reason:
            report.add(WARNING, "pairs", f"word pairs of segment {segid}: {reason}", repairable=True)
            bad += files
    orphans = [p for p in pairs.iterdir()
               if p.name.split(".", 1)[0] not in contents.segment_ids and contents.readable]
    if orphans:
        report.add(INFO, "pairs", f"{len(orphans)} word-pair file(s) of segments that are gone",
                   repairable=True)
        bad += orphans
    return bad


def _pair_problem(files: list[Path], ids: list[str]) -> str | None:
    try:
        stored = json.loads(files[2].read_text(encoding="utf-8"))
        keys = np.load(files[0], mmap_mode="r")
        docs = np.load(files[1], mmap_mode="r")
    except (OSError, ValueError, EOFError) as e:     # EOFError: an empty .npy
        return f"unreadable ({type(e).__name__}: {e})"
    # Deleted documents read as "" in the segment; their files keep the old id.
    if len(stored) != len(ids) or any(i and i != s for i, s in zip(ids, stored)):
        return "its article ids differ from the segment's"
    if keys.shape != docs.shape or keys.dtype != np.uint64:
        return "keys and documents do not match"
    if len(docs) and (int(np.max(docs)) >= len(ids)):
        return "a document number is out of range"
    if len(keys) > 1 and bool(np.any(keys[1:] < keys[:-1])):
        return "keys are not sorted"
    return None


def check_columns(folder: Path, contents: IndexContents, report: CheckReport) -> list[Path]:
    from index.store.search.columns import _load
    cols = folder / "index" / "columns"
    bad: list[Path] = []
    if not cols.is_dir():
        return bad
    for path in cols.glob("*.npz"):
        ids = contents.segment_ids.get(path.stem)
        if ids is None:
            continue            # a gone segment's file: the store prunes it
        try:
            _, days = _load(path)
            ok = len(days) == len(ids)
        except Exception as e:   # noqa: BLE001 - np.load raises many kinds for a bad file
            ok, why = False, f"unreadable ({type(e).__name__})"
        else:
            why = f"{len(days)} rows for {len(ids)} documents"
        if not ok:
            report.add(WARNING, "columns", f"facet columns of segment {path.stem}: {why}",
                       repairable=True)
            bad.append(path)
    return bad
