"""Allow `python3 -m medops_lab`."""
import sys

from medops_lab.cli import main

sys.exit(main())
