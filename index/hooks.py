"""Functions run after the importer commits a batch: ``fn(library, articles)``.

Stories grouping and watch alerts register here, so every import (drop, menu, watch folder,
CLI) runs them whatever started it. Retag runs AFTER_RETAG instead, so alerts never repeat.
"""
from __future__ import annotations

from typing import Callable

AFTER_COMMIT: list[Callable] = []
AFTER_RETAG: list[Callable] = []


def _register() -> None:
    # Imported here, not at module top, so index.hooks stays importable while modules load.
    # Watch alerts go last: they read the copy links the stories step writes for the batch.
    from .alerts.watch import check_new_articles
    from .stories.service import group_new
    AFTER_COMMIT.append(group_new)
    AFTER_COMMIT.append(check_new_articles)


_register()
