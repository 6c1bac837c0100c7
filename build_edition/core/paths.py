"""Where the package, its data files and (in a checkout) the repository are."""
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent   # build_edition/
DATA = PACKAGE / "data"                           # shipped data: Hunspell dictionary, search rules...
REPOSITORY = PACKAGE.parent                       # the checkout holding seeds/ and content/
