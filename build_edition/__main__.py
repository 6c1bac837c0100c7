import sys

from build_edition.commands.cli import main

sys.exit(main())
