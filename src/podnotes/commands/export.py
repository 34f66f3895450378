"""The export command."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from podnotes.commands.common import load_entries, resolve_episode, settings
from podnotes.commands.filtering import (
    GuestFilter,
    PodcastFilter,
    SinceFilter,
    TagFilter,
    UntilFilter,
    chosen_paths,
    episode_filter,
)
from podnotes.errors import ExitCode

if TYPE_CHECKING:
    from podnotes.store import Entry


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


def export_cmd(
    ctx: typer.Context,
    episodes: Annotated[
        list[str] | None,
        typer.Argument(
            help="Episodes to export (slug, slug prefix or title words).",
            show_default=False,
            metavar="[EPISODE]...",
        ),
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Export every episode.")] = False,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="What to write.")] = Format.MARKDOWN,
    profile: Annotated[
        Profile, typer.Option("--profile", help="Markdown flavour: obsidian, logseq or commonmark.")
    ] = Profile.OBSIDIAN,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="A Jinja2 template for Markdown (see --print-template).",
            metavar="FILE",
        ),
    ] = None,
    print_template: Annotated[
        bool,
        typer.Option("--print-template", help="Print the built-in Markdown template and exit."),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write one episode to this file.", metavar="FILE"),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir", help="Write one file per episode, named by slug, into DIR.", metavar="DIR"
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace existing files.")] = False,
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="Refresh earlier podnotes exports (any format), keeping the front matter keys "
            "and the sections (such as '## My notes') you added.",
        ),
    ] = False,
    podcast: PodcastFilter = None,
    tag: TagFilter = None,
    guest: GuestFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
) -> None:
    """Export episodes as Markdown (Obsidian, Logseq or CommonMark), JSON, YAML, Podcasting 2.0
    chapters, YouTube chapter lines, or the transcript (vtt, srt, txt). One episode goes to
    stdout unless -o or --out-dir."""
    from podnotes.export import ExportOptions, export_text, export_to_dir, write_export
    from podnotes.export.markdown import builtin_template
    from podnotes.render import PROGRESS_MIN
    from podnotes.render.library import export_summary

    if print_template:
        sys.stdout.write(builtin_template(profile.value))
        return
    config = settings(ctx)
    out = config.output()
    library = config.library()
    if every and episodes:
        raise typer.BadParameter("give episodes or --all, not both")
    if not every and any((podcast, tag, guest, since, until)):
        raise typer.BadParameter("--podcast, --tag, --guest, --since and --until go with --all")
    if output is not None and out_dir is not None:
        raise typer.BadParameter("give -o FILE or --out-dir DIR, not both")
    options = ExportOptions(fmt.value, profile.value, template, force, update)
    if not every and not episodes:
        raise typer.BadParameter("name an episode, or use --all")
    if out_dir is None:
        if every or len(episodes or []) != 1:
            raise typer.BadParameter("more than one episode needs --out-dir DIR")
        entry = resolve_episode(config, (episodes or [""])[0])
        if output is None:
            out.document(export_text(entry, options))
        else:
            write_export(output, entry, options)
            out.note(f"wrote {output}")
        return

    if every:
        # Streamed, so memory stays flat however large the library.
        paths = chosen_paths(library, out, episode_filter(podcast, tag, guest, since, until))
        entries: Iterable[Entry] = load_entries(library, out, paths)
        total = len(paths)
    else:
        entries = [resolve_episode(config, name) for name in episodes or []]
        total = len(entries)
    failed = written = 0
    with out.progress("Exporting", total=total) as advance:
        for result in export_to_dir(entries, out_dir, options):
            if result.error is not None:
                failed += 1
                out.error(str(result.error))
            else:
                written += 1
                if total < PROGRESS_MIN:
                    out.note(f"wrote {result.path}")
            advance()
    export_summary(out, written, failed, out_dir)
    if failed:
        raise typer.Exit(ExitCode.USAGE)
