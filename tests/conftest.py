"""Shared pytest set-up. Qt must run headless: the platform is chosen before any Qt import."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture
def lib(tmp_path):
    """A real, empty library in a temporary folder, closed after the test."""
    from index.library import open_library
    library = open_library(tmp_path / "lib")
    yield library
    library.close()
