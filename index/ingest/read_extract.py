"""One file's bytes to its articles: the reader for its format, then the extraction pipeline.

Shared by the importer's own process and the extraction workers (parallel.py); it touches no
library state, so a worker can run it on its own.
"""
from __future__ import annotations

import logging
import traceback

from ..errors import NoArticles, ReadError, Rejected
from ..extract.pipeline import extract
from ..model import Article, Problem
from .raw_seen import Known, raw_hash
from .readers import reader_for

log = logging.getLogger("mediawatch")


def read_and_extract(path: str, ext: str, data: bytes, ctx
                     ) -> tuple[list[Article | Known], list[Problem], bool | None]:
    """Read one file's bytes and extract its articles. Returns (articles, problems, readable):
    ``readable`` is False when the file as a whole failed, None when it was read but held no
    article (a part of a big file may; see ingest/parallel.py). Runs in the importer or in a worker
    process, so it touches no library state besides the context's read-only parts. A raw article
    the context's ``raw_seen`` knows comes back as a ``Known`` (its id), not extracted."""
    reader = reader_for(ext)
    if reader is None:
        return [], [Problem(path, f"unsupported file type {ext or '(none)'}")], False
    try:
        raws = reader.read(data, path)
    except NoArticles as e:
        return [], [Problem(path, str(e))], None
    except ReadError as e:
        return [], [Problem(path, str(e))], False
    except MemoryError:
        return [], [Problem(path, "file too large to read into memory")], False
    except Exception as e:  # a reader bug must cost one file, not the run
        log.debug("reader failed on %s:\n%s", path, traceback.format_exc())
        return [], [Problem(path, f"could not read the file ({type(e).__name__}: {e})")], False
    if not raws:
        return [], [Problem(path, "no articles found in the file")], False
    arts: list[Article | Known] = []
    problems: list[Problem] = []
    hashes, known = _known(raws, ctx)
    for raw, sha in zip(raws, hashes):
        if sha in known:        # imported before: the importer checks the id, no extraction
            arts.append(Known(known[sha], raw, sha))
            continue
        try:
            art = extract(raw, ctx)
            art.raw_sha256 = sha
            arts.append(art)
        except Rejected as e:
            problems.append(Problem(raw.path, str(e)))
        except Exception as e:
            log.debug("extraction failed on %s:\n%s", raw.path, traceback.format_exc())
            problems.append(Problem(raw.path, f"extraction failed ({type(e).__name__}: {e})"))
    return arts, problems, True


def _known(raws: list, ctx) -> tuple[list[str | None], dict[str, str]]:
    """The raw articles' hashes (None without a check) and those the library has seen."""
    seen = getattr(ctx, "raw_seen", None)
    if seen is None:
        return [None] * len(raws), {}
    hashes = [raw_hash(raw) for raw in raws]
    try:
        return hashes, seen.known(hashes)
    except Exception:  # a cache: a locked or damaged table costs the extraction, not the file
        log.debug("raw-article check failed:\n%s", traceback.format_exc())
        return hashes, {}
