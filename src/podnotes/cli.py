"""The Typer app: options in, one core call, the result to a renderer. Nothing else lives here."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from podnotes import __version__
from podnotes.errors import ExitCode, PodnotesError
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
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Settings:
    notes_dir: Path | None
    color: Color

    def library(self) -> Any:
        from podnotes.store import Library, resolve_notes_dir

        return Library(resolve_notes_dir(self.notes_dir))

    def output(self, *, json: bool = False) -> Output:
        return Output(color=self.color, json=json)


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace an existing file.")]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="Input shape: snipd-page, markdown or show-notes (default: detected).",
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
    str | None, typer.Option("--encoding", help="Read input in this encoding (default: detected).")
]


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


def _settings(ctx: typer.Context) -> Settings:
    settings: Settings = ctx.ensure_object(Settings)
    return settings


def _check_format(fmt: str | None) -> str | None:
    from podnotes.parse import FORMATS

    if fmt is not None and fmt not in FORMATS:
        raise typer.BadParameter(f"choose from {', '.join(FORMATS)}", param_hint="--format")
    return fmt


@app.command("parse")
def parse_cmd(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="A notes file, or - for stdin.")],
    fmt: FormatOption = None,
    chapters: ChaptersOption = None,
    encoding: EncodingOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the YAML to this file.")
    ] = None,
    force: ForceOption = False,
) -> None:
    """Parse episode notes and print the YAML document (nothing is stored)."""
    from podnotes.importer import ParseOptions, parse_source, read_chapters
    from podnotes.store import write_atomic
    from podnotes.yamlio import dump

    options = ParseOptions(_check_format(fmt), encoding, read_chapters(chapters, encoding))
    document = dump(parse_source(source, options), include_imported=False)
    if output is None:
        sys.stdout.write(document)
    else:
        write_atomic(output, document.encode("utf-8"), overwrite=force)
        _settings(ctx).output().note(f"wrote {output}")


@app.command("add")
def add_cmd(
    ctx: typer.Context,
    sources: Annotated[
        list[str], typer.Argument(help="Notes files or folders of them, or - for stdin.")
    ],
    title: Annotated[str | None, typer.Option(help="The episode title.")] = None,
    podcast: Annotated[str | None, typer.Option(help="The podcast's name.")] = None,
    guest: Annotated[
        list[str] | None, typer.Option("--guest", help="A guest (repeat for more).")
    ] = None,
    url: Annotated[str | None, typer.Option(help="The episode's web page.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Publish date, YYYY-MM-DD.", metavar="DATE")
    ] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag (repeat for more).")] = None,
    fmt: FormatOption = None,
    chapters: ChaptersOption = None,
    encoding: EncodingOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a stored note of the same name.")
    ] = False,
) -> None:
    """Parse notes files and store them in the library, one YAML file per episode."""
    from podnotes.importer import ParseOptions, add_sources, expand_sources, read_chapters
    from podnotes.parse.common import as_date
    from podnotes.render import PROGRESS_MIN
    from podnotes.render.library import add_summary, save_result

    settings = _settings(ctx)
    out = settings.output()
    files = expand_sources(sources)
    if not files:
        raise typer.BadParameter("no notes files (.txt, .md) found", param_hint="SOURCES")
    per_episode = {"--title": title, "--url": url, "--date": date, "--chapters": chapters}
    given = [name for name, value in per_episode.items() if value]
    if len(files) > 1 and given:
        raise typer.BadParameter(f"{', '.join(given)} apply to one episode; {len(files)} given")
    if date is not None and as_date(date) is None:
        raise typer.BadParameter("expected a date like 2024-03-28", param_hint="--date")
    overrides = {
        "title": title,
        "podcast": podcast,
        "guests": tuple(guest or ()),
        "url": url,
        "published": as_date(date) if date else None,
        "tags": tuple(tag or ()),
    }
    options = ParseOptions(
        _check_format(fmt), encoding, read_chapters(chapters, encoding), overrides
    )
    library = settings.library()
    tally: Counter[str] = Counter()
    with out.progress("Adding", total=len(files)) as advance:
        for outcome in add_sources(library, files, options, force=force):
            if outcome.error is not None:
                tally["failed"] += 1
                out.error(str(outcome.error))
            elif outcome.result is not None:
                tally[outcome.result.status.value] += 1
                if len(files) < PROGRESS_MIN:
                    save_result(out, outcome.result, outcome.source)
            advance()
    if len(files) >= PROGRESS_MIN:
        add_summary(out, tally, library.root)
    if tally["failed"]:
        raise typer.Exit(ExitCode.USAGE)


@app.command("list")
def list_cmd(ctx: typer.Context, json: JsonOption = False) -> None:
    """List the episodes in the library with their counts."""
    from podnotes.render.library import episode_list

    settings = _settings(ctx)
    out = settings.output(json=json)
    library = settings.library()
    entries, errors = library.load_all()
    for error in errors:
        out.warn(f"skipped {error}")
    episode_list(out, entries, str(library.root))


@app.command("validate")
def validate_cmd(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files to check [default: the whole library].")
    ] = None,
    json: JsonOption = False,
) -> None:
    """Check library files against the schema; exit 1 and list each problem when any is invalid."""
    from podnotes.errors import SchemaError
    from podnotes.render.library import validation

    settings = _settings(ctx)
    library = settings.library()
    files = paths or library.paths()
    errors: list[SchemaError] = []
    for path in files:
        try:
            library.load(path)
        except SchemaError as err:
            errors.append(err)
    validation(settings.output(json=json), len(files), errors)
    if errors:
        raise typer.Exit(ExitCode.INVALID)


def main() -> NoReturn:
    app()
    raise SystemExit(0)
