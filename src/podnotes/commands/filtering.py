"""The episode filters every listing command takes, defined once: --podcast, --tag, --guest,
--since and --until."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from pathlib import Path

    from podnotes.app import Library
    from podnotes.filters import Filter
    from podnotes.index import Index

PodcastFilter = Annotated[
    str | None,
    typer.Option(help="Only episodes of podcasts whose name contains this.", metavar="NAME"),
]
TagFilter = Annotated[
    list[str] | None,
    typer.Option("--tag", help="Only episodes with this tag (repeat: all of them).", metavar="TAG"),
]
GuestFilter = Annotated[
    str | None,
    typer.Option(help="Only episodes with a guest whose name contains this.", metavar="NAME"),
]
SinceFilter = Annotated[
    str | None,
    typer.Option(
        help="Only episodes published on or after DATE (2024-03-28, 2024-03, 2024).", metavar="DATE"
    ),
]
UntilFilter = Annotated[
    str | None,
    typer.Option(help="Only episodes published on or before DATE.", metavar="DATE"),
]


def episode_filter(
    podcast: str | None,
    tag: list[str] | None,
    guest: str | None,
    since: str | None,
    until: str | None,
) -> Filter:
    """The filter the options ask for; a bad date is a usage error naming its option."""
    from podnotes.errors import PodnotesError
    from podnotes.filters import Filter

    try:
        return Filter.of(podcast=podcast, tags=tag or (), guest=guest, since=since, until=until)
    except PodnotesError as err:
        option, _, problem = str(err).partition(": ")
        raise typer.BadParameter(problem, param_hint=option) from None


def chosen_slugs(chosen: Filter, index: Index) -> set[str]:
    """The slugs of the episodes the filter keeps."""
    from podnotes import listing

    return {e.slug for e in chosen.select(listing.summaries(index))}


def chosen_paths(library: Library, chosen: Filter) -> list[Path]:
    """The notes the filter keeps (every note file when there is no filter, broken ones too,
    so each is reported when it is read)."""
    if not chosen:
        return library.folder.paths()
    from podnotes import listing

    summaries = listing.summaries(library.index())
    return [library.root / f"{e.slug}.yaml" for e in chosen.select(summaries)]
