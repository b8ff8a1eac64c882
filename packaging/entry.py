"""The standalone app's start: the ``workbench`` command, or the import worker when multiprocessing runs it."""

import sys

from workbench.__main__ import frozen_main

if __name__ == "__main__":
    sys.exit(frozen_main())
