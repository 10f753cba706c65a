"""`python -m mlpviz` runs the command line."""

import sys

from mlpviz.cli import main

sys.exit(main())
