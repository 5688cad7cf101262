"""`python -m desktop`: the same entry point as the `mediawatch` console script."""
import sys

from desktop.launch import main

# The guard matters: import processes are spawned and re-import the main module.
if __name__ == "__main__":
    sys.exit(main())
