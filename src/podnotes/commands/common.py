"""What every command shares: the global settings and the options defined once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from podnotes.errors import PodnotesError
from podnotes.options import Color

if TYPE_CHECKING:
    from podnotes.index import Index
    from podnotes.render import Output
    from podnotes.store import Entry, Library


@dataclass
class Settings:
    notes_dir: Path | None
    color: Color

    def library(self) -> Library:
        from podnotes.store import Library, resolve_notes_dir

        return Library(resolve_notes_dir(self.notes_dir))

    def output(self, *, json: bool = False, pager: bool = True, wrap: bool = False) -> Output:
        from podnotes.render import Output

        return Output(color=self.color, json=json, pager=pager, wrap=wrap)


def settings(ctx: typer.Context, color: Color | None = None) -> Settings:
    """The global settings, with a --color given after the command taking precedence."""
    found = ctx.find_object(Settings) or Settings(None, Color.AUTO)
    return found if color is None else Settings(found.notes_dir, color)


def load_entries(library: Library, out: Output, paths: list[Path] | None = None) -> Iterator[Entry]:
    """Every note that loads, streamed; each broken file is reported once on stderr, skipped."""
    for item in library.entries(paths):
        if isinstance(item, PodnotesError):
            out.warn(f"skipped {item}")
        else:
            yield item


def open_index(library: Library, out: Output) -> Index:
    """The library's index, up to date; each broken file is reported once on stderr."""
    from podnotes.index import Index

    index = Index.open(library, notice=out.note)
    for problem in index.problems():
        out.warn(f"skipped {problem}")
    return index


def resolve_episode(config: Settings, name: str) -> Entry:
    """The episode a user named; titles for fuzzy matching come from the index."""
    from podnotes.resolve import resolve

    library = config.library()
    return resolve(library, name, lambda: open_index(library, config.output()).summaries())


def complete_episode(ctx: typer.Context, incomplete: str) -> list[str]:
    from podnotes.resolve import complete

    return complete(settings(ctx).library(), incomplete)


ColorOption = Annotated[
    Color | None,
    typer.Option(
        "--color", help="Colour and Rich layout: auto, always or never.", show_default=False
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
PagerOption = Annotated[
    bool,
    typer.Option(
        "--pager/--no-pager",
        help="Page output taller than the terminal ($PODNOTES_PAGER, $PAGER or less -FRX).",
    ),
]
WrapOption = Annotated[
    bool, typer.Option("--wrap", help="Show long titles whole, wrapped, instead of cut with ….")
]
EpisodeArgument = Annotated[
    str,
    typer.Argument(
        help="An episode: its slug, a unique slug prefix, or words of its title.",
        metavar="EPISODE",
        autocompletion=complete_episode,
        show_default=False,
    ),
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="Input shape: snipd-page, markdown or show-notes [default: detected].",
        metavar="FORMAT",
    ),
]
ChaptersOption = Annotated[
    str | None,
    typer.Option(
        "--chapters",
        help="Chapters file: Podcasting 2.0 JSON or lines like '00:12:34 Title'.",
        metavar="FILE",
    ),
]
EncodingOption = Annotated[
    str | None,
    typer.Option(
        "--encoding", help="Read input in this encoding [default: detected].", metavar="NAME"
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace an existing file.")]
