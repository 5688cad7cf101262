"""Re-run person/country tagging and the analyst's corrections on every article in a library.

Works from the stored title and body (files are never re-read). Only articles whose persons or
countries change are written, in batches through ``library.store.replace``; after each batch the
functions in ``index.hooks.AFTER_RETAG`` run (not AFTER_COMMIT: alerts must not fire again).
The caller holds ``library.writing()``. A generator so the CLI and the window can show progress
and cancel between batches.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generator

from .pipeline import ExtractContext, tag_entities


@dataclass
class RetagProgress:
    done: int
    total: int
    changed: int = 0
    cancelled: bool = False


def retag(library, cancel=None, batch_size: int = 200) -> Generator[RetagProgress, None, RetagProgress]:
    from .. import hooks

    library.reload_corrections()          # the file may have been edited since the library opened
    ctx = ExtractContext(corrections=library.corrections)
    ids = [a.id for a in library.store.iter_articles()]
    prog = RetagProgress(done=0, total=len(ids))
    for start in range(0, len(ids), batch_size):
        if cancel is not None and (cancel.is_set() if hasattr(cancel, "is_set") else bool(cancel)):
            prog.cancelled = True
            break
        changed = []
        for art in library.store.get_many(ids[start:start + batch_size]):
            before = (list(art.persons), list(art.countries), art.country_focus)
            tag_entities(art, ctx)
            if (art.persons, art.countries, art.country_focus) != before:
                changed.append(art)
        if changed:
            library.store.replace(changed)
            for fn in hooks.AFTER_RETAG:
                fn(library, changed)
        prog.done = min(start + batch_size, len(ids))
        prog.changed += len(changed)
        yield prog
    return prog
