"""Our changes to Whoosh-Reloaded 2.7.5, as classes we own (docs/whoosh-notes.md).

Nothing here patches Whoosh: the Store opens its index as ``MediawatchIndex``, whose writers and
readers use these subclasses; any other Whoosh index in the process behaves as upstream made it.

- ``codec.py``: ``MediawatchCodec`` (W3 file format, single-posting lists inlined into the term
  info, postings written a term at a time, inlined postings read back as bytes).
- ``writer.py``: ``MediawatchWriter`` (``Analyzed`` field values, field lengths read once a flush).
- ``files.py``: segment readers whose compound files are read lazily from the memory map.
- ``opening.py``: ``open_index`` and the check of the installed Whoosh version.
"""
from index.store.codec.codec import MediawatchCodec
from index.store.codec.opening import TESTED_WHOOSH, MediawatchIndex, check_whoosh_version, open_index
from index.store.codec.writer import Analyzed, MediawatchWriter

__all__ = ["Analyzed", "MediawatchCodec", "MediawatchIndex", "MediawatchWriter", "TESTED_WHOOSH",
           "check_whoosh_version", "open_index"]
