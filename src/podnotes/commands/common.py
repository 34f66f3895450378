"""What every command shares: the global settings and the options defined once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from podnotes.options import Color

if TYPE_CHECKING:
    from podnotes.app import Library
    from podnotes.render import Output


@dataclass
class Settings:
    notes_dir: Path | None
    color: Color
    debug: bool = False

    def library(self, out: Output | None = None) -> Library:
        """The library (notes folder and index); its notices go to stderr through `out`."""
        from podnotes.app import Library

        out = out or self.output()
        return Library(self.notes_dir, notice=out.note, warn=out.warn)

    def output(self, *, json: bool = False, pager: bool = True, wrap: bool = False) -> Output:
        from podnotes.render import Output

        return Output(color=self.color, json=json, pager=pager, wrap=wrap)


def settings(ctx: typer.Context, color: Color | None = None) -> Settings:
    """The global settings, with a --color given after the command taking precedence."""
    found = ctx.find_object(Settings) or Settings(None, Color.AUTO)
    return found if color is None else Settings(found.notes_dir, color, found.debug)


def finish(code: int) -> None:
    """End a command with the exit status its report asks for."""
    if code:
        raise typer.Exit(code)


def complete_episode(ctx: typer.Context, incomplete: str) -> list[str]:
    from podnotes.resolve import complete

    return complete(settings(ctx).library().folder, incomplete)


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
