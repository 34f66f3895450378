"""The `podnotes` program: the index's full check, when the command will want one, is started
(index.early) before anything else is imported, then the CLI runs."""

from __future__ import annotations

import sys
from typing import NoReturn


def main() -> NoReturn:
    from podnotes.index import early

    early.start(sys.argv[1:])
    from podnotes.cli import main as cli

    try:
        cli()
    finally:
        # What the command made is freed with the process: the interpreter's shutdown would
        # first look through all of it for cycles to collect (about a tenth of a search's
        # instructions). Nothing is skipped but that search: files and connections still close.
        import gc

        gc.freeze()
