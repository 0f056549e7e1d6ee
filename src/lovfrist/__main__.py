"""``python -m lovfrist``: the command line."""

import sys

from lovfrist.cli import main

sys.exit(main())
