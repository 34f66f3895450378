"""Library commands: parse, add, list, validate."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

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
    open_index,
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
from podnotes.errors import ExitCode
from podnotes.filters import Sort


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
) -> None:
    """Parse episode notes and print the YAML document (nothing is stored)."""
    from podnotes.importer import ParseOptions, parse_source, read_chapters
    from podnotes.store import write_atomic
    from podnotes.yamlio import dump

    options = ParseOptions(_check_format(fmt), encoding, read_chapters(chapters, encoding))
    document = dump(parse_source(source, options), include_imported=False)
    if output is None:
        settings(ctx).output().document(document)
    else:
        write_atomic(output, document.encode("utf-8"), overwrite=force)
        settings(ctx).output().note(f"wrote {output}")


def add_cmd(
    ctx: typer.Context,
    sources: Annotated[
        list[str],
        typer.Argument(help="Notes files or folders of them, or - for stdin.", metavar="SOURCE..."),
    ],
    title: Annotated[str | None, typer.Option(help="The episode title.", metavar="TITLE")] = None,
    podcast: Annotated[str | None, typer.Option(help="The podcast's name.", metavar="NAME")] = None,
    guest: Annotated[
        list[str] | None, typer.Option("--guest", help="A guest (repeat for more).", metavar="NAME")
    ] = None,
    url: Annotated[str | None, typer.Option(help="The episode's web page.", metavar="URL")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Publish date, YYYY-MM-DD.", metavar="DATE")
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", help="A tag (repeat for more).", metavar="TAG")
    ] = None,
    fmt: FormatOption = None,
    chapters: ChaptersOption = None,
    encoding: EncodingOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a stored note of the same name.")
    ] = False,
    transcript: Annotated[
        str | None,
        typer.Option(
            "--transcript",
            help="A transcript for the one notes file: WebVTT, SubRip, Whisper JSON or timed text.",
            metavar="FILE",
        ),
    ] = None,
    transcripts_alone: Annotated[
        bool,
        typer.Option(
            "--transcripts-alone",
            help="Add a transcript without a notes file of the same name as an episode of its own.",
        ),
    ] = False,
) -> None:
    """Parse notes files and store them in the library, one YAML file per episode. In a folder,
    a transcript (.vtt, .srt, Whisper .json, timed .txt) goes with the notes file of the same
    base name."""
    from podnotes.importer import ParseOptions, add_sources, read_chapters
    from podnotes.index import Index, keep_index
    from podnotes.parse.common import as_date
    from podnotes.render import PROGRESS_MIN
    from podnotes.render.library import add_summary, save_result
    from podnotes.transcripts.attach import fill_missing, plan_sources

    config = settings(ctx)
    out = config.output()
    plan = plan_sources(sources, transcript=transcript, alone=transcripts_alone)
    for skipped in plan.skipped:
        out.warn(skipped)
    files = plan.sources
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
        _check_format(fmt),
        encoding,
        read_chapters(chapters, encoding),
        overrides,
        plan.transcripts,
        frozenset(plan.alone),
    )
    library = config.library()
    library.sweep()  # what a killed earlier write may have left
    index = Index.existing(library, notice=out.note)
    if index is not None:
        index.refresh()  # notes synced or copied in since are known before anything is added
        index.attach(library)  # each save: one short transaction, indexed as it is written
    tally: Counter[str] = Counter()
    with out.progress("Adding", total=len(files)) as advance:
        for outcome in add_sources(library, files, options, force=force):
            if outcome.error is not None:
                tally["failed"] += 1
                out.error(str(outcome.error))
            elif outcome.result is not None:
                result = outcome.result
                if outcome.source in plan.transcripts and result.episode is None:
                    paired = plan.transcripts[outcome.source]  # stored before without it?
                    filled = fill_missing(library, index, result, paired, encoding)
                    if filled is not None:
                        keep_index(index, filled)
                        result = filled
                tally[result.status.value] += 1
                if len(files) < PROGRESS_MIN:
                    save_result(out, result, outcome.source)
            advance()
    if len(files) >= PROGRESS_MIN:
        add_summary(out, tally, library.root)
    if tally["failed"]:
        raise typer.Exit(ExitCode.USAGE)


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
    out = config.output(json=json, pager=pager, wrap=wrap)
    library = config.library()
    index = open_index(library, out)
    if not (chosen or sort or reverse):  # streamed straight from the index
        episode_list(out, listing.summaries(index), str(library.root), total=listing.count(index))
        return
    rows = list(chosen.select(listing.summaries(index)))
    if sort or reverse:
        rows = sort_summaries(rows, sort, reverse=reverse, root=library.root)
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
    """Check library files against the schema; exit 1 and list each problem when any is invalid."""
    from podnotes.errors import SchemaError
    from podnotes.render.library import validation

    config = settings(ctx, color)
    library = config.library()
    files = paths or library.paths()
    errors: list[SchemaError] = []
    for path in files:
        try:
            library.load(path)
        except SchemaError as err:
            errors.append(err)
    validation(config.output(json=json, pager=pager), len(files), errors)
    if errors:
        raise typer.Exit(ExitCode.INVALID)


def index_cmd(
    ctx: typer.Context,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Throw the index away and build it again.")
    ] = False,
    status: Annotated[
        bool, typer.Option("--status", help="Only report on the index; change nothing.")
    ] = False,
    json: JsonOption = False,
) -> None:
    """Bring the search index up to date (it is also refreshed by every command that reads the
    library), rebuild it, or report on it. The index is derived data beside the notes
    (.podnotes/index.sqlite3): safe to delete, never needed in version control."""
    from podnotes.index import Index
    from podnotes.render.library import index_status

    config = settings(ctx)
    out = config.output(json=json)
    library = config.library()
    if status:
        existing = Index.existing(library)
        index_status(out, existing.status() if existing else None, None)
        return
    index = Index.open(library, notice=out.note, refresh=False)
    result = index.rebuild() if rebuild else index.refresh(full=True)
    index_status(out, index.status(), result)
