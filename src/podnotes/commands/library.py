"""Library commands: parse, add, list, validate."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from podnotes.commands.common import (
    ChaptersOption,
    ColorOption,
    EncodingOption,
    ForceOption,
    FormatOption,
    JsonOption,
    PagerOption,
    WrapOption,
    finish,
    settings,
)
from podnotes.commands.filtering import (
    GuestFilter,
    PodcastFilter,
    SinceFilter,
    TagFilter,
    UntilFilter,
    episode_filter,
)
from podnotes.filters import Sort

if TYPE_CHECKING:
    from collections.abc import Callable

    from podnotes.app import Library
    from podnotes.errors import PodnotesError
    from podnotes.importer import AddOutcome, ParseOptions
    from podnotes.model import Episode
    from podnotes.render import Output


def _check_format(fmt: str | None) -> str | None:
    from podnotes.parse import FORMATS

    if fmt is not None and fmt not in FORMATS:
        raise typer.BadParameter(f"choose from {', '.join(FORMATS)}", param_hint="--format")
    return fmt


def parse_cmd(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="A notes file, or - for stdin.", metavar="SOURCE")],
    fmt: FormatOption = None,
    chapters: ChaptersOption = None,
    encoding: EncodingOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the YAML to this file.", metavar="FILE"),
    ] = None,
    force: ForceOption = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Then say on stderr which family of notes was recognised, the input lines "
            "each field came from, and every line that landed nowhere.",
        ),
    ] = False,
    pager: PagerOption = True,
) -> None:
    """Parse episode notes and print the YAML document (nothing is stored). A file of several
    episodes (Snipd's 'Export all') prints them all as a YAML stream, one document each."""
    from podnotes.commands.manage import stdin_hint
    from podnotes.importer import ParseOptions, parse_source, read_chapters
    from podnotes.parse.explain import explain_source

    out = settings(ctx).output(pager=pager)
    options = ParseOptions(_check_format(fmt), encoding, read_chapters(chapters, encoding))
    stdin_hint(settings(ctx).output(), [source])
    if explain:
        parts = explain_source(source, options)
    else:
        parts = [(line, episode, "") for line, episode in parse_source(source, options)]
    finish(_print_parsed(out, source, parts, output, force))


def _print_parsed(
    out: Output,
    source: str,
    parts: list[tuple[int, Episode | PodnotesError, str]],
    output: Path | None,
    force: bool,
) -> int:
    """The documents on stdout (or in `output`), explanations and failed parts on stderr;
    the exit status."""
    from podnotes.errors import ExitCode, PodnotesError
    from podnotes.fileio import write_atomic
    from podnotes.yamlio import dump

    episodes = [episode for _, episode, _ in parts if not isinstance(episode, PodnotesError)]
    failed = [episode for _, episode, _ in parts if isinstance(episode, PodnotesError)]
    documents = [dump(episode, include_imported=False) for episode in episodes]
    if len(parts) > 1:
        out.note(
            f"{source}: {len(parts)} episodes (Snipd's 'Export all' file), one YAML document each"
        )
        documents = [f"---\n{document}" for document in documents]
    if output is None:
        out.document("".join(documents))
    elif documents:
        write_atomic(output, "".join(documents).encode("utf-8"), overwrite=force)
        out.note(f"wrote {output}")
    for error in failed:
        out.error(str(error))
    for _, _, report in parts:
        if report:
            typer.echo(report, err=True)
    if failed:
        return ExitCode.PARTIAL if episodes else failed[0].exit_code
    return ExitCode.OK


TitleOption = Annotated[str | None, typer.Option(help="The episode title.", metavar="TITLE")]
PodcastOption = Annotated[str | None, typer.Option(help="The podcast's name.", metavar="NAME")]
GuestOption = Annotated[
    list[str] | None, typer.Option("--guest", help="A guest (repeat for more).", metavar="NAME")
]
UrlOption = Annotated[str | None, typer.Option(help="The episode's web page.", metavar="URL")]
DateOption = Annotated[
    str | None, typer.Option("--date", help="Publish date, YYYY-MM-DD.", metavar="DATE")
]
TagOption = Annotated[
    list[str] | None, typer.Option("--tag", help="A tag (repeat for more).", metavar="TAG")
]
SourcesArgument = Annotated[
    list[str],
    typer.Argument(help="Notes files or folders of them, or - for stdin.", metavar="SOURCE..."),
]


ReplaceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Store an input again even if it is stored already, replacing the note made "
        "from it (never a different episode of the same title).",
    ),
]
UpdateOption = Annotated[
    bool,
    typer.Option("--update", help="Apply the options to a note already added from the input."),
]
TranscriptFileOption = Annotated[
    str | None,
    typer.Option(
        "--transcript",
        help="A transcript for the one notes file: WebVTT, SubRip, Whisper JSON or timed text.",
        metavar="FILE",
    ),
]
TranscriptsAloneOption = Annotated[
    bool,
    typer.Option(
        "--transcripts-alone",
        help="Add a transcript without a notes file of the same name as an episode of its own.",
    ),
]


def _add_request(
    out: Output,
    sources: list[str],
    fmt: str | None,
    chapters: str | None,
    encoding: str | None,
    transcript: str | None,
    alone: bool,
    **given: Any,
) -> tuple[list[str], ParseOptions]:
    """The files to add and how to parse them, with every option checked first."""
    from podnotes.commands.manage import stdin_hint
    from podnotes.importer import ParseOptions, read_chapters
    from podnotes.parse.common import as_date
    from podnotes.transcripts.attach import plan_sources

    plan = plan_sources(sources, transcript=transcript, alone=alone)
    for skipped in plan.skipped:
        out.warn(skipped)
    files = plan.sources
    stdin_hint(out, files)
    if not files:
        raise typer.BadParameter("no notes files (.txt, .md) found", param_hint="SOURCES")
    per_episode = {"--title": given["title"], "--url": given["url"], "--date": given["date"]}
    named = [name for name, value in {**per_episode, "--chapters": chapters}.items() if value]
    if len(files) > 1 and named:
        raise typer.BadParameter(f"{', '.join(named)} apply to one episode; {len(files)} given")
    date = given["date"]
    if date is not None and as_date(date) is None:
        raise typer.BadParameter("expected a date like 2024-03-28", param_hint="--date")
    overrides = {
        "title": given["title"],
        "podcast": given["podcast"],
        "guests": tuple(given["guest"] or ()),
        "url": given["url"],
        "published": as_date(date) if date else None,
        "tags": tuple(given["tag"] or ()),
    }
    chapter_list = read_chapters(chapters, encoding)
    options = ParseOptions(
        _check_format(fmt),
        encoding,
        chapter_list,
        overrides,
        plan.transcripts,
        frozenset(plan.alone),
    )
    return files, options


def _each_added(
    out: Output,
    library: Library,
    total: int,
    overrides: dict[str, Any],
    update: bool,
    advance: Callable[[], None],
) -> Callable[[AddOutcome], None]:
    """What `add` says about each input as it is done."""
    from podnotes.commands.manage import stored_again
    from podnotes.render import PROGRESS_MIN
    from podnotes.render.library import save_result

    def each(outcome: AddOutcome) -> None:
        if outcome.index == 1 and outcome.parts > 1 and total < PROGRESS_MIN:
            out.note(f"{outcome.source}: {outcome.parts} episodes (Snipd's 'Export all' file)")
        if outcome.error is not None:
            out.error(str(outcome.error))
        elif outcome.result is not None:
            if total < PROGRESS_MIN:
                where = f"{outcome.source}, line {outcome.line}" if outcome.line else ""
                save_result(out, outcome.result, where or outcome.source)
            stored_again(out, library, outcome.result, overrides, update=update)
        if outcome.index == outcome.parts:
            advance()

    return each


def add_cmd(
    ctx: typer.Context,
    sources: SourcesArgument,
    title: TitleOption = None,
    podcast: PodcastOption = None,
    guest: GuestOption = None,
    url: UrlOption = None,
    date: DateOption = None,
    tag: TagOption = None,
    fmt: FormatOption = None,
    chapters: ChaptersOption = None,
    encoding: EncodingOption = None,
    force: ReplaceOption = False,
    update: UpdateOption = False,
    transcript: TranscriptFileOption = None,
    transcripts_alone: TranscriptsAloneOption = False,
) -> None:
    """Parse notes files and store them in the library, one YAML file per episode. A transcript
    (.vtt, .srt, Whisper .json, timed .txt) goes with the notes file of the same base name."""
    from podnotes.render import PROGRESS_MIN
    from podnotes.render.library import add_summary

    out = settings(ctx).output()
    files, options = _add_request(
        out, sources, fmt, chapters, encoding, transcript, transcripts_alone, title=title,
        podcast=podcast, guest=guest, url=url, date=date, tag=tag,
    )  # fmt: skip
    library = settings(ctx).library(out)
    with out.progress("Adding", total=len(files)) as advance:
        each = _each_added(out, library, len(files), options.overrides, update, advance)
        report = library.add(files, options, force=force, each=each)
    if len(files) >= PROGRESS_MIN:
        add_summary(out, report, library.root)
    finish(report.exit_code)


def list_cmd(
    ctx: typer.Context,
    podcast: PodcastFilter = None,
    tag: TagFilter = None,
    guest: GuestFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    sort: Annotated[Sort | None, typer.Option(help="Order by this [default: slug].")] = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Reverse the order.")] = False,
    json: JsonOption = False,
    color: ColorOption = None,
    pager: PagerOption = True,
    wrap: WrapOption = False,
) -> None:
    """List the episodes in the library with their counts."""
    from podnotes import listing
    from podnotes.filters import sort_summaries
    from podnotes.render.library import episode_list

    chosen = episode_filter(podcast, tag, guest, since, until)
    config = settings(ctx, color)
    library = config.library(out := config.output(json=json, pager=pager, wrap=wrap))
    index = library.index()
    if not (chosen or sort or reverse):  # streamed straight from the index
        every, cells = listing.summaries(index), listing.list_cells(index)
        episode_list(out, every, str(library.root), total=listing.count(index), cells=cells)
        return
    rows = list(chosen.select(listing.summaries(index)))
    if sort or reverse:
        added = listing.added_times(index) if sort is Sort.ADDED else None
        rows = sort_summaries(rows, sort, reverse=reverse, added=added)
    episode_list(out, rows, str(library.root))


def validate_cmd(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files to check [default: the whole library].", metavar="[PATH]..."),
    ] = None,
    json: JsonOption = False,
    color: ColorOption = None,
    pager: PagerOption = True,
) -> None:
    """Check library files against the schema; exit 3 and list each problem when any is invalid."""
    from podnotes.render.library import validation

    config = settings(ctx, color)
    report = config.library().validate(paths)
    validation(config.output(json=json, pager=pager), report.checked, report.errors)
    finish(report.exit_code)


IdleExitOption = Annotated[
    float | None,
    typer.Option(
        "--idle-exit",
        help="With --watch: stop after this many seconds without a change or a command "
        "relying on the watcher.",
    ),
]


def index_cmd(
    ctx: typer.Context,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Throw the index away and build it again.")
    ] = False,
    status: Annotated[
        bool, typer.Option("--status", help="Only report on the index; change nothing.")
    ] = False,
    json: JsonOption = False,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch",
            help="Keep running and keep the index current as notes change (Linux): commands "
            "then skip their check of every file.",
        ),
    ] = False,
    idle_exit: IdleExitOption = None,
) -> None:
    """Bring the search index up to date (it is also refreshed by every command that reads the
    library), rebuild it, report on it, or watch the notes folder. The index is derived data
    beside the notes (.podnotes/index.sqlite3): safe to delete, never needed in version control."""
    from podnotes.render.library import index_status

    config = settings(ctx)
    library = config.library(out := config.output(json=json))
    if watch:
        library.watch(idle_exit=idle_exit, ready=lambda: out.note(f"watching {library.root}"))
        return
    if status:
        index_status(out, library.index_status(), None)
        return
    result, state = library.reindex(rebuild=rebuild)
    index_status(out, state, result)
