"""Allow ``python -m moonmap``."""

import sys

from moonmap.cli import main

sys.exit(main())
