"""The export command."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from podnotes.commands.common import PagerOption, finish, settings
from podnotes.commands.filtering import (
    GuestFilter,
    PodcastFilter,
    SinceFilter,
    TagFilter,
    UntilFilter,
    chosen_paths,
    episode_filter,
)

if TYPE_CHECKING:
    from podnotes.app import Library
    from podnotes.export import ExportOptions, Written
    from podnotes.render import Output


class Format(StrEnum):
    MARKDOWN = "markdown"
    JSON = "json"
    YAML = "yaml"
    CHAPTERS_JSON = "chapters-json"
    YOUTUBE = "youtube"
    VTT = "vtt"
    SRT = "srt"
    TXT = "txt"


class Profile(StrEnum):
    OBSIDIAN = "obsidian"
    LOGSEQ = "logseq"
    COMMONMARK = "commonmark"


EpisodesArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Episodes to export (slug, slug prefix or title words).",
        show_default=False,
        metavar="[EPISODE]...",
    ),
]
AllOption = Annotated[bool, typer.Option("--all", help="Export every episode.")]
ExportFormatOption = Annotated[Format, typer.Option("--format", "-f", help="What to write.")]
ProfileOption = Annotated[
    Profile, typer.Option("--profile", help="Markdown flavour: obsidian, logseq or commonmark.")
]
TemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--template", help="A Jinja2 template for Markdown (see --print-template).", metavar="FILE"
    ),
]
PrintTemplateOption = Annotated[
    bool, typer.Option("--print-template", help="Print the built-in Markdown template and exit.")
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write one episode to this file.", metavar="FILE"),
]
OutDirOption = Annotated[
    Path | None,
    typer.Option(
        "--out-dir", help="Write one file per episode, named by slug, into DIR.", metavar="DIR"
    ),
]
UpdateOption = Annotated[
    bool,
    typer.Option(
        "--update",
        help="Refresh earlier podnotes exports (any format), keeping the front matter keys "
        "and the sections (such as '## My notes') you added.",
    ),
]

TranscriptOption = Annotated[
    bool,
    typer.Option(
        "--transcript",
        help="Markdown: add a '## Transcript' section, one line a segment with its times and "
        "speaker.",
    ),
]


def export_cmd(
    ctx: typer.Context,
    episodes: EpisodesArgument = None,
    every: AllOption = False,
    fmt: ExportFormatOption = Format.MARKDOWN,
    profile: ProfileOption = Profile.OBSIDIAN,
    template: TemplateOption = None,
    print_template: PrintTemplateOption = False,
    output: OutputOption = None,
    out_dir: OutDirOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace existing files.")] = False,
    update: UpdateOption = False,
    transcript: TranscriptOption = False,
    pager: PagerOption = True,
    podcast: PodcastFilter = None,
    tag: TagFilter = None,
    guest: GuestFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
) -> None:
    """Export episodes as Markdown (Obsidian, Logseq or CommonMark), JSON, YAML, Podcasting 2.0
    chapters, YouTube chapter lines, or the transcript (vtt, srt, txt). One episode goes to
    stdout unless -o or --out-dir."""
    from podnotes.export import ExportOptions
    from podnotes.export.markdown import builtin_template

    if print_template:
        sys.stdout.write(builtin_template(profile.value))
        return
    _check_targets(episodes or [], every=every, output=output, out_dir=out_dir)
    filters = (podcast, tag, guest, since, until)
    _check_options(fmt, transcript=transcript, every=every, filters=filters)
    config = settings(ctx)
    library = config.library(out := config.output(pager=pager))
    options = ExportOptions(fmt.value, profile.value, template, force, update, transcript)
    if out_dir is None:
        _export_one(out, library, (episodes or [""])[0], options, output)
    else:
        paths = chosen_paths(library, episode_filter(*filters)) if every else None
        _export_many(out, library, episodes or [], paths, out_dir, options)


def _check_options(
    fmt: Format, *, transcript: bool, every: bool, filters: tuple[object, ...]
) -> None:
    if transcript and fmt is not Format.MARKDOWN:
        raise typer.BadParameter("--transcript goes with --format markdown (vtt, srt, txt: alone)")
    if not every and any(filters):
        raise typer.BadParameter("--podcast, --tag, --guest, --since and --until go with --all")


def _check_targets(
    episodes: list[str], *, every: bool, output: Path | None, out_dir: Path | None
) -> None:
    if every and episodes:
        raise typer.BadParameter("give episodes or --all, not both")
    if output is not None and out_dir is not None:
        raise typer.BadParameter("give -o FILE or --out-dir DIR, not both")
    if not every and not episodes:
        raise typer.BadParameter("name an episode, or use --all")
    if out_dir is None and (every or len(episodes) != 1):
        raise typer.BadParameter("more than one episode needs --out-dir DIR")


def _export_one(
    out: Output, library: Library, name: str, options: ExportOptions, output: Path | None
) -> None:
    from podnotes.export import export_text, write_export

    entry = library.find(name)
    if output is None:
        out.document(export_text(entry, options))
    else:
        write_export(output, entry, options)
        out.note(f"wrote {output}")


def _export_many(
    out: Output,
    library: Library,
    names: list[str],
    paths: list[Path] | None,
    out_dir: Path,
    options: ExportOptions,
) -> None:
    """The notes at `paths` (--all, streamed so memory stays flat) or the named episodes."""
    from podnotes.render import PROGRESS_MIN
    from podnotes.render.library import export_summary

    total = len(paths) if paths is not None else len(names)
    with out.progress("Exporting", total=total) as advance:

        def each(written: Written) -> None:
            if written.error is not None:
                out.error(str(written.error))
            elif total < PROGRESS_MIN:
                out.note(f"wrote {written.path}")
            advance()

        report = library.export(names if paths is None else paths, out_dir, options, each=each)
    export_summary(out, len(report.done), len(report.failed), out_dir)
    finish(report.exit_code)
