"""Errors the core raises for a person to read; the CLI prints them without a traceback."""


class MediawatchError(Exception):
    """Base class: ``str(err)`` is a complete sentence for the user."""


class LibraryError(MediawatchError):
    """The library folder cannot be used (wrong version, not a library, unreadable)."""


class LibraryInUse(LibraryError):
    """Another live process holds the library's write lock."""


class ReadError(MediawatchError):
    """A reader could not turn a file into articles. The message is the reason, not the path."""


class NoArticles(ReadError):
    """The file was read but none of its entries is an article (no text). When a big file is
    read in parts, a part with no article is not a failure of the file."""


class Rejected(MediawatchError):
    """The extraction pipeline refused an article (empty after cleaning, ...). Message = reason."""
