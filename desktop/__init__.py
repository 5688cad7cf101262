"""The Mediawatch desktop app (PySide6). The only package with threads, signals and widgets."""
