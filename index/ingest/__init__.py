"""Files -> RawArticle: ``discover`` finds what to read, ``readers`` turn bytes into articles."""
from .discover import Source, discover
from .readers import READERS, reader_for

__all__ = ["READERS", "Source", "discover", "reader_for"]
