"""The `podnotes` program: the index's full check, when the command will want one, is started
(index.early) before anything else is imported, then the CLI runs."""

from __future__ import annotations

import sys
from typing import NoReturn


def main() -> NoReturn:
    from podnotes.index import early

    early.start(sys.argv[1:])
    from podnotes.cli import main as cli

    cli()
