"""The lockbox: the part of every shared corpus that nobody looks at while tuning.

Quality work (persons, countries, language, dates, main text, stories) tunes on the *open* part of
each corpus and reports the *lockbox* part beside it, untouched. The split is fixed here, once, for
every benchmark and every engineer, so a figure called "lockbox" means the same documents everywhere.

Do not print, read or debug lockbox documents while working: run a benchmark with
``--part lockbox`` only to report, never to find errors (benchmarks refuse ``--errors`` there).

How each corpus is split (the shared copy is itself the developer-visible half of each source; the
publishers' hold-out is elsewhere and split the same way, by document, cluster or topic):
- CoNLL-2003: ``eng.train`` is training data (open). ``eng.testa``: the last third of its documents
  is the lockbox.
- Reuters-21578: files ``reut2-009.sgm`` and ``reut2-010.sgm`` (the latest in time, as the hold-out is).
- BSNLP (``bsnlp_slavic_news.jsonl``): the whole ``asia_bibi`` topic (a story with its own persons
  and places, as an unseen topic would be).
- Other multilingual files (WMT, 10kGNAD), web-page corpora: documents whose stable hash of their key
  falls in the last third.
- Story clusters (BASIL, Giveme5W1H, NewsWCL50, WMT cross-language): whole clusters by the same hash,
  so no story is split between the parts.
"""
from __future__ import annotations

import hashlib

PARTS = ("open", "lockbox", "all")

CONLL_LOCKBOX_FRACTION = 1 / 3
REUTERS_LOCKBOX_FILES = frozenset({"reut2-009.sgm", "reut2-010.sgm"})
BSNLP_LOCKBOX_TOPICS = frozenset({"asia_bibi"})


def hashed_lockbox(key: str) -> bool:
    """True for keys in the lockbox third: a stable hash, the same on every machine and run."""
    digest = hashlib.sha1(f"mediawatch-lockbox:{key}".encode("utf-8")).digest()
    return digest[0] % 3 == 0


def conll_lockbox(doc_index: int, n_docs: int) -> bool:
    """eng.testa documents from the last third (by position) are the lockbox."""
    return doc_index >= n_docs - int(n_docs * CONLL_LOCKBOX_FRACTION)


def reuters_lockbox(file_name: str) -> bool:
    return file_name in REUTERS_LOCKBOX_FILES


def bsnlp_lockbox(topic: str) -> bool:
    return topic in BSNLP_LOCKBOX_TOPICS


def cluster_lockbox(cluster: str) -> bool:
    return hashed_lockbox(f"cluster:{cluster}")


def keep(in_lockbox: bool, part: str) -> bool:
    """Whether a document belongs to the part asked for ("open", "lockbox" or "all")."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}: choose one of {', '.join(PARTS)}")
    return part == "all" or in_lockbox == (part == "lockbox")
