"""`python -m unionapp` is the same as the `unionapp` command."""

import sys

from unionapp.cli import main

sys.exit(main())
