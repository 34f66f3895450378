"""The Typer app: global options, error handling, and the commands registered from
`podnotes.commands`. Each command parses options, calls the core once and renders the result."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from podnotes import __version__
from podnotes.commands import export, library, read
from podnotes.commands.common import Settings
from podnotes.errors import PodnotesError
from podnotes.render import Color, Output


class _Group(TyperGroup):
    """The one place where errors become a stderr line and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PodnotesError as err:
            Output(color=Color.NEVER).error(str(err))
            raise typer.Exit(err.exit_code) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None


app = typer.Typer(
    cls=_Group,
    help="Podcast episode notes as a local YAML library: parse, add, read, search, export.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"podnotes {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    notes_dir: Annotated[
        Path | None,
        typer.Option(
            "--notes-dir",
            envvar="PODNOTES_DIR",
            help="The notes folder [default: ./notes if it exists, else the user data folder].",
            show_default=False,
        ),
    ] = None,
    color: Annotated[
        Color, typer.Option("--color", help="Colour and Rich layout: auto, always or never.")
    ] = Color.AUTO,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Podcast episode notes as a local YAML library: parse, add, read, search, export."""
    ctx.obj = Settings(notes_dir=notes_dir, color=color)


_COMMANDS: list[tuple[str, Callable[..., None]]] = [
    ("parse", library.parse_cmd),
    ("add", library.add_cmd),
    ("list", library.list_cmd),
    ("validate", library.validate_cmd),
    ("index", library.index_cmd),
    ("takeaways", read.takeaways_cmd),
    ("show", read.show_cmd),
    ("chapters", read.chapters_cmd),
    ("topics", read.topics_cmd),
    ("search", read.search_cmd),
    ("export", export.export_cmd),
]
for _name, _command in _COMMANDS:
    app.command(_name)(_command)


def main() -> NoReturn:
    app()
    raise SystemExit(0)
