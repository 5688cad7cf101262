"""Frozen entry point: the same dispatcher as the `mediawatch` console script (desktop.launch:main).

A separate file because PyInstaller needs a script, and because the executable must not share a
name with a package folder (mediawatch.py next to a `mediawatch` package confuses imports).
"""
import multiprocessing
import sys

if __name__ == "__main__":
    # Whoosh's multiprocess writer and any ProcessPool re-launch this executable; without this the
    # children would start a second app instead of running their task.
    multiprocessing.freeze_support()
    from desktop.launch import main

    sys.exit(main())
