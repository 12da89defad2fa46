"""``python -m sphinx_labnews`` runs the ``labnews`` command."""

import sys

from .cli.main import main

if __name__ == "__main__":
    sys.exit(main())
