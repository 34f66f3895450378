"""The `podnotes` program: the index's full check, when the command will want one, is started
(index.early) before anything else is imported, then the CLI runs."""

from __future__ import annotations

import gc
import sys
from typing import NoReturn


def main() -> NoReturn:
    # Start-up makes tens of thousands of objects that live as long as the process (modules,
    # classes, functions) and no garbage: collecting while importing only looks through them
    # again and again (half of a search's collections). Frozen once imported, they are never
    # looked through again, by the collections while the command runs or at its exit.
    gc.disable()
    from podnotes.index import early

    early.start(sys.argv[1:])
    from podnotes.cli import main as cli

    gc.freeze()
    gc.enable()
    try:
        cli()
    finally:
        # What the command made is freed with the process: the interpreter's shutdown would
        # first look through all of it for cycles to collect (about 6 % of a search's
        # instructions, 30M of 520M at 100,000 notes). What only a cycle holds is then never
        # finalized: podnotes closes its files and connections itself (`with`, Index.close),
        # and the interpreter still flushes the standard streams.
        gc.freeze()
