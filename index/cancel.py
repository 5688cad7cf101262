"""A cancel token the core checks between documents; the GUI or a signal handler sets it."""
from __future__ import annotations

import threading


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def __bool__(self) -> bool:  # "if token:" reads as "if cancelled"
        return self._event.is_set()
