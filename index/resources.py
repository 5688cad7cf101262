"""One resolver for bundled files, from a source checkout and inside the frozen app (sys._MEIPASS)."""
from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    """The folder holding resources/ and seeds/: the repo root, or the PyInstaller bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    return app_root().joinpath("resources", *parts)


def data_path(name: str) -> Path:
    """A data file shipped in resources/data (gazetteers, outlet directory, person list)."""
    return resource_path("data", name)


def seeds_dir() -> Path:
    return app_root() / "seeds"
