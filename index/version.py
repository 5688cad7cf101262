"""The application's version (pyproject.toml says the same; a packaging test holds them together).

Its own module, so the library, the CLI and the window read it without importing the package face.
"""

__version__ = "0.1.0"
