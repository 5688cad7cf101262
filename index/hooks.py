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
    pass


_register()
