"""Commands that change the library's notes: rm, restore, tag, set, edit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from podnotes.commands.common import EpisodeArgument, complete_episode, settings
from podnotes.errors import ExitCode, PodnotesError

if TYPE_CHECKING:
    from typing import Any

    from podnotes.app import Library, Report
    from podnotes.manage import Changed, Manager
    from podnotes.render import Output
    from podnotes.store import SaveResult

EpisodesArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Episodes: slugs, unique slug prefixes, or words of their titles.",
        metavar="EPISODE...",
        autocompletion=complete_episode,
        show_default=False,
    ),
]


def _manager(ctx: typer.Context) -> tuple[Manager, Output]:
    config = settings(ctx)
    out = config.output()
    return config.library(out).changes(), out


def _finish(out: Output, report: Report[Changed], verb: str, describe: object) -> None:
    for changed in report.done:
        out.note(f"{verb}: {describe(changed)}", style="green")  # type: ignore[operator]
    for error in report.failed:
        out.error(str(error))
    if report.exit_code:
        raise typer.Exit(report.exit_code)


def rm_cmd(
    ctx: typer.Context,
    episodes: EpisodesArgument = None,
    purge: Annotated[
        bool, typer.Option("--purge", help="Delete every note in the trash for good.")
    ] = False,
) -> None:
    """Move notes to the library's trash folder (podnotes restore brings them back)."""
    manager, out = _manager(ctx)
    if purge:
        if episodes:
            raise typer.BadParameter("--purge empties the whole trash; give no EPISODE")
        removed = manager.purge()
        out.note(f"deleted {removed} note{'s' * (removed != 1)} from the trash for good")
        return
    if not episodes:
        raise typer.BadParameter("name the episodes to remove", param_hint="EPISODE...")
    report = manager.remove(episodes)
    _finish(out, report, "removed", lambda c: f"{c.slug} -> {c.path}")
    if report.done:
        out.note(f"podnotes restore {' '.join(c.path.stem for c in report.done)} brings it back")


def restore_cmd(
    ctx: typer.Context,
    episodes: Annotated[
        list[str] | None,
        typer.Argument(help="Trashed notes, by slug or slug prefix.", metavar="EPISODE..."),
    ] = None,
    show: Annotated[
        bool, typer.Option("--list", help="List the notes in the trash, newest first.")
    ] = False,
) -> None:
    """Bring notes back from the library's trash folder."""
    manager, out = _manager(ctx)
    if show:
        trashed = manager.trashed()
        for path in trashed:
            out.line(path.stem)
        if not trashed:
            out.note(f"the trash ({manager.folder.root / '.trash'}) is empty")
        return
    if not episodes:
        raise typer.BadParameter("name the notes to restore (--list shows them)")
    _finish(out, manager.restore(episodes), "restored", lambda c: f"{c.before} -> {c.path}")


def tag_cmd(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(
            help="Episodes, and tags to change: +TAG adds, -TAG removes.",
            metavar="EPISODE... [+TAG|-TAG]...",
        ),
    ],
) -> None:
    """Add (+tag) and remove (-tag) tags of one or more episodes."""
    from podnotes.editing import tag_changes

    manager, out = _manager(ctx)
    try:
        episodes, add, drop = tag_changes(words)
    except PodnotesError as err:
        raise typer.BadParameter(str(err)) from None
    report = manager.retag(episodes, add, drop)
    _finish(out, report, "tagged", lambda c: f"{c.slug}: {', '.join(c.episode.tags) or '-'}")


def set_cmd(
    ctx: typer.Context,
    episode: EpisodeArgument,
    title: Annotated[str | None, typer.Option(help="A new title.", metavar="TITLE")] = None,
    podcast: Annotated[str | None, typer.Option(help="The podcast's name.", metavar="NAME")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publish date, YYYY-MM-DD ('' clears it).", metavar="DATE")
    ] = None,
    url: Annotated[str | None, typer.Option(help="The episode's web page.", metavar="URL")] = None,
    guest: Annotated[
        list[str] | None,
        typer.Option("--guest", help="The guests (repeat; replaces the list).", metavar="NAME"),
    ] = None,
) -> None:
    """Change fields of one note in place: validated, written atomically, index updated."""
    from podnotes.editing import field_changes

    manager, out = _manager(ctx)
    try:
        changes = field_changes(
            title=title, podcast=podcast, published=published, url=url, guests=guest
        )
    except PodnotesError as err:
        raise typer.BadParameter(str(err)) from None
    changed = manager.set_fields(episode, changes)
    out.note(f"updated: {changed.slug} ({', '.join(changes)})", style="green")


def edit_cmd(ctx: typer.Context, episode: EpisodeArgument) -> None:
    """Open a note's YAML in $EDITOR; on save it is validated, and an invalid note reopens
    with the problem on top (quit without saving to leave the note as it was)."""
    from podnotes.editing import Edited, editor_command, run_editor

    manager, out = _manager(ctx)
    entry, result = manager.edit(episode, run_editor(editor_command()))
    if result.status is Edited.SAVED:
        out.note(f"saved: {entry.path}", style="green")
    elif result.status is Edited.UNCHANGED:
        out.note(f"unchanged: {entry.path}")
    else:
        kept = f"; your edit is in {result.draft}" if result.draft else ""
        out.error(f"{entry.path} left as it was ({result.problem}){kept}")
        raise typer.Exit(ExitCode.USAGE)


def stored_again(
    out: Output, library: Library, result: SaveResult, overrides: dict[str, Any], *, update: bool
) -> None:
    """`add` of an input already stored: apply its options with --update, else say how."""
    from podnotes.manage import update_stored
    from podnotes.store import Saved

    if result.status is not Saved.UNCHANGED:
        return
    changes = library.changes()
    options = update_stored(changes.folder, changes.index, result.slug, overrides, apply=update)
    if options and update:
        out.note(f"updated: {result.slug} ({', '.join(options)})", style="green")
    elif options:
        out.note(f"{', '.join(options)} differ from the stored note; add --update to apply them")


def stdin_hint(out: Output, sources: list[str]) -> None:
    """On a terminal, `-` waits for typed or pasted notes: say so, and how to end them."""
    import sys

    if "-" in sources and sys.stdin.isatty():
        out.note("reading notes from standard input; end with Ctrl-D (Ctrl-C cancels)")
