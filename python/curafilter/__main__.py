"""``python -m curafilter``: the same command line as ``curafilter``."""

import sys

from curafilter.cli import main

if __name__ == "__main__":
    sys.exit(main())
