"""`python -m desktop`: the same entry point as the `mediawatch` console script."""
import sys

from desktop.launch import main

sys.exit(main())
