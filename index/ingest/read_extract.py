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
from .readers import reader_for

log = logging.getLogger("mediawatch")


def read_and_extract(path: str, ext: str, data: bytes, ctx
                     ) -> tuple[list[Article], list[Problem], bool | None]:
    """Read one file's bytes and extract its articles. Returns (articles, problems, readable):
    ``readable`` is False when the file as a whole failed, None when it was read but held no
    article (a part of a big file may; see ingest/parallel.py). Runs in the importer or in a worker
    process, so it touches no library state besides the context's read-only parts."""
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
    arts: list[Article] = []
    problems: list[Problem] = []
    for raw in raws:
        try:
            arts.append(extract(raw, ctx))
        except Rejected as e:
            problems.append(Problem(raw.path, str(e)))
        except Exception as e:
            log.debug("extraction failed on %s:\n%s", raw.path, traceback.format_exc())
            problems.append(Problem(raw.path, f"extraction failed ({type(e).__name__}: {e})"))
    return arts, problems, True
