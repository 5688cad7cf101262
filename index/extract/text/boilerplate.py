"""The boilerplate phrases of resources/data/boilerplate.json, compiled once per process.

Read by body cleaning (clean.py) and by credit recognition (credits.py): the phrases are general
(share buttons, appeals, navigation words, non-agency credits), never strings of one site.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from ...resources import data_path


class Rules:
    """Compiled boilerplate.json; built once per process (read-only afterwards)."""

    def __init__(self) -> None:
        with open(data_path("boilerplate.json"), encoding="utf-8") as fh:
            d = json.load(fh)
        # Appeal phrases start at a word (or a currency sign): saying so up front lets the regex
        # engine skip mid-word positions, 4x faster on long lines.
        for k in ("appeal_strong", "appeal_weak"):
            d[k] = r"(?<!\w)(?=[\w$€£₽])" + d[k]
        rx = {k: re.compile(v, re.I) for k, v in d.items() if isinstance(v, str) and k != "_about"}
        self.__dict__.update(rx)
        self.share_words = set(d["share_words"])
        self.buttons = set(d["buttons"])
        self.nav_words = set(d["nav_words"])
        self.appeal_stems = tuple(d["appeal_stems"])


@lru_cache(maxsize=1)
def rules() -> Rules:
    return Rules()
