"""Reading commands: takeaways, show, chapters, topics, search."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from podnotes.commands.common import (
    ColorOption,
    EpisodeArgument,
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
    chosen_slugs,
    episode_filter,
)
from podnotes.errors import ExitCode, PodnotesError
from podnotes.fields import SEARCHABLE, SECTIONS

if TYPE_CHECKING:
    from podnotes.app import Library
    from podnotes.filters import Filter
    from podnotes.search import Query

# Choices for --in and --section, made from the document's description (podnotes.fields).
# 'transcript' and 'all' (the notes and the transcript) are searched in their own index tables.
Field = StrEnum("Field", {n: n for n in (*SEARCHABLE, "transcript", "all")})  # type: ignore[misc]
Section = StrEnum("Section", {f.section: f.section for f in SECTIONS if f.section})  # type: ignore[misc]


def takeaways_cmd(
    ctx: typer.Context,
    episode: Annotated[
        str | None,
        typer.Argument(
            help="One episode (slug, slug prefix or title words) [default: every episode].",
            show_default=False,
            metavar="[EPISODE]",
        ),
    ] = None,
    podcast: PodcastFilter = None,
    tag: TagFilter = None,
    guest: GuestFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    json: JsonOption = False,
    color: ColorOption = None,
    pager: PagerOption = True,
) -> None:
    """List the takeaways of one episode, or of the whole library grouped by episode."""
    from podnotes import listing
    from podnotes.model import Summary
    from podnotes.render.reading import takeaways

    chosen = episode_filter(podcast, tag, guest, since, until)
    config = settings(ctx, color)
    library = config.library(out := config.output(json=json, pager=pager))
    index = library.index()
    groups: Iterable[tuple[Summary, list[str]]]
    keyed = None  # the whole library, unfiltered: plain text reads a leaner form
    if episode:
        entry = library.find(episode)
        groups = [(Summary.of(entry.slug, entry.episode), list(entry.episode.takeaways))]
    else:
        groups = listing.takeaway_groups(index)
        keyed = None if chosen else listing.takeaway_items(index)
    takeaways(out, ((ep, items) for ep, items in groups if chosen.matches(ep)), keyed)


def show_cmd(
    ctx: typer.Context,
    episode: EpisodeArgument,
    section: Annotated[
        list[Section] | None,
        typer.Option("--section", "-s", help="Show only this part (repeat for more)."),
    ] = None,
    pager: PagerOption = True,
    transcript: Annotated[
        bool, typer.Option("--transcript", help="Show the transcript, one segment a line.")
    ] = False,
    at: Annotated[
        str | None,
        typer.Option("--at", help="With --transcript: start at this time (12:34).", metavar="TIME"),
    ] = None,
    chapter: Annotated[
        int | None,
        typer.Option(
            "--chapter", min=1, help="With --transcript: start at chapter N.", metavar="N"
        ),
    ] = None,
    json: JsonOption = False,
    color: ColorOption = None,
) -> None:
    """Show one episode for reading: summary, takeaways, deep dives, chapters and notes; or,
    with --transcript, what was said, from a time or a chapter on."""
    from podnotes.render.reading import show

    config = settings(ctx, color)
    if (at is not None or chapter is not None) and not transcript:
        raise typer.BadParameter("--at and --chapter go with --transcript")
    entry = config.library().find(episode)
    if transcript:
        from podnotes.commands.transcripts import show_transcript

        show_transcript(config.output(json=json), entry, at, chapter, pager=pager)
        return
    chosen = [s.value for s in section] if section else [s.value for s in Section]
    show(config.output(json=json), entry, chosen, pager=pager)


def chapters_cmd(
    ctx: typer.Context,
    episode: EpisodeArgument,
    json: JsonOption = False,
    color: ColorOption = None,
    pager: PagerOption = True,
    wrap: WrapOption = False,
) -> None:
    """Show an episode's chapters with start, duration and a bar for each chapter's length."""
    from podnotes.render.reading import chapters

    config = settings(ctx, color)
    entry = config.library().find(episode)
    if not entry.episode.chapters and not json:
        raise PodnotesError(f"{entry.slug} has no chapters")
    chapters(config.output(json=json, pager=pager, wrap=wrap), entry)


def topics_cmd(
    ctx: typer.Context,
    min_episodes: Annotated[
        int,
        typer.Option(
            "--min-episodes", min=1, help="Only topics in at least N episodes.", metavar="N"
        ),
    ] = 1,
    podcast: PodcastFilter = None,
    tag: TagFilter = None,
    guest: GuestFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    json: JsonOption = False,
    color: ColorOption = None,
    pager: PagerOption = True,
    wrap: WrapOption = False,
) -> None:
    """Map what the library talks about: deep-dive titles merged when near-identical,
    counted by episodes, most common first."""
    from podnotes import listing
    from podnotes.render.reading import topic_table
    from podnotes.topics import stored_topics, topics

    chosen = episode_filter(podcast, tag, guest, since, until)
    config = settings(ctx, color)
    out = config.output(json=json, pager=pager, wrap=wrap)
    index = config.library(out).index()
    if not chosen:  # the whole library's map, kept in the index
        total, found = stored_topics(index, min_episodes=min_episodes)
        topic_table(out, found, total=total)
        return
    allowed = {e.slug for e in chosen.select(listing.summaries(index))}
    dives = ((slug, title) for slug, title in index.dive_titles() if slug in allowed)
    topic_table(out, topics(dives, min_episodes=min_episodes))


QueryArgument = Annotated[
    list[str],
    typer.Argument(
        help="Words to look for (fuzzy), a phrase or a regex; several words are one phrase.",
        metavar="QUERY...",
    ),
]
InOption = Annotated[
    list[Field] | None,
    typer.Option("--in", help="Search only this part of each episode (repeat for more)."),
]
FixedOption = Annotated[
    bool, typer.Option("--fixed-strings", "-F", "--exact", help="Literal text, like grep -F.")
]
WordOption = Annotated[
    bool,
    typer.Option("--word-regexp", "-w", help="Whole words only, like grep -w (literal unless -E)."),
]
RegexOption = Annotated[bool, typer.Option("--regex", "-E", help="A regular expression.")]
IgnoreCaseOption = Annotated[
    bool, typer.Option("--ignore-case", "-i", help="Ignore case in --exact and --regex.")
]
LimitOption = Annotated[
    int, typer.Option("--limit", "-n", min=1, help="Show at most N hits.", metavar="N")
]
MinScoreOption = Annotated[
    float,
    typer.Option(
        "--min-score", min=0, max=100, help="Fuzzy mode: the lowest score shown (0-100).",
        metavar="SCORE",
    ),
]  # fmt: skip
FilesOption = Annotated[
    bool, typer.Option("--files-with-matches", "-l", help="Print only the matching episodes.")
]
CountOption = Annotated[
    bool, typer.Option("--count", "-c", help="Print the number of hits per episode.")
]


def search_cmd(
    ctx: typer.Context,
    query: QueryArgument,
    fields: InOption = None,
    exact: FixedOption = False,
    word: WordOption = False,
    regex: RegexOption = False,
    ignore_case: IgnoreCaseOption = False,
    limit: LimitOption = 20,
    min_score: MinScoreOption = 80.0,
    files_with_matches: FilesOption = False,
    count: CountOption = False,
    podcast: PodcastFilter = None,
    tag: TagFilter = None,
    guest: GuestFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    json: JsonOption = False,
    color: ColorOption = None,
    pager: PagerOption = True,
) -> None:
    """Search every episode: fuzzy by default (typos and word order forgiven), or --exact or
    --regex like grep. Exit 0 when something matched, 1 when nothing did."""
    from podnotes.commands.transcripts import search_everywhere

    chosen = episode_filter(podcast, tag, guest, since, until)
    config = settings(ctx, color)
    out = config.output(json=json, pager=pager)
    places, request = _search_request(
        query, fields, exact=exact, word=word, regex=regex, ignore_case=ignore_case,
        min_score=min_score, limit=None if files_with_matches or count else limit,
    )  # fmt: skip
    library = config.library(out)
    allowed, request = _within(chosen, library, request, places)
    found = search_everywhere(
        out, library, request, places, files_only=files_with_matches, count=count,
        allowed=allowed, limit=None if files_with_matches or count else limit,
    )  # fmt: skip
    finish(ExitCode.OK if found else ExitCode.NO_MATCH)


def _within(
    chosen: Filter, library: Library, request: Query, places: frozenset[str]
) -> tuple[set[str] | None, Query]:
    """(the episodes a filter allows, or None; the query kept to them, so that its limit holds
    among them). The transcript search knows no filter: with it, every hit is found, then cut."""
    if not chosen:
        return None, request
    allowed = chosen_slugs(chosen, library.index())
    limit = None if "transcript" in places else request.limit
    return allowed, request._replace(episodes=frozenset(allowed), limit=limit)


def _search_request(
    words: list[str],
    fields: list[Field] | None,
    *,
    exact: bool,
    word: bool,
    regex: bool,
    ignore_case: bool,
    min_score: float,
    limit: int | None,
) -> tuple[frozenset[str], Query]:
    """Where to search (notes, transcript) and the query the options ask for."""
    from podnotes.commands.transcripts import search_places
    from podnotes.search import Mode, Query

    if exact and regex:
        raise typer.BadParameter("choose one of --fixed-strings and --regex")
    mode = Mode.REGEX if regex else Mode.EXACT if exact or word else Mode.FUZZY
    places, parts = search_places({f.value for f in fields or ()})
    request = Query(" ".join(words), mode, ignore_case, parts, min_score, limit, word=word)
    return places, request
