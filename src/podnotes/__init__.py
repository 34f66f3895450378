"""podnotes: podcast episode notes as a local YAML library.

The core is usable without the CLI::

    from podnotes import Library, parse_text
    library = Library("notes")  # the notes folder and its search index, kept together
    library.add_episode(parse_text(open("notes.txt").read()))
    for hit in library.search("physiological sigh").hits:
        print(hit.episode, hit.text)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Episode", "Library", "__version__", "parse_bytes", "parse_text"]

if TYPE_CHECKING:
    from podnotes.app import Library
    from podnotes.model import Episode
    from podnotes.parse import parse_bytes, parse_text


def __getattr__(name: str) -> Any:
    # Lazy, so `podnotes --version` does not pay for the parser.
    if name in {"parse_text", "parse_bytes"}:
        from podnotes import parse

        return getattr(parse, name)
    if name == "Library":
        from podnotes.app import Library

        return Library
    if name == "Episode":
        from podnotes.model import Episode

        return Episode
    raise AttributeError(name)
