"""Transcripts: the attach command, and the transcript parts of search and show."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from podnotes.commands.common import (
    ChaptersOption,
    EncodingOption,
    EpisodeArgument,
    settings,
)
from podnotes.errors import PodnotesError

T = TypeVar("T")

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterator

    from podnotes.app import Library
    from podnotes.index import Index
    from podnotes.render import Output
    from podnotes.search import Hit, Query
    from podnotes.store import Entry
    from podnotes.transcripts.search import SegmentHit

TranscriptOption = Annotated[
    str | None,
    typer.Option(
        "--transcript",
        help="A transcript file: WebVTT, SubRip, Whisper JSON or timed text lines.",
        metavar="FILE",
    ),
]


def attach_cmd(
    ctx: typer.Context,
    episode: EpisodeArgument,
    transcript: TranscriptOption = None,
    chapters: ChaptersOption = None,
    encoding: EncodingOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the transcript or chapters it has.")
    ] = False,
) -> None:
    """Add a transcript or a chapters file to an episode already in the library."""
    from podnotes.importer import read_chapters
    from podnotes.transcripts.attach import read_transcript_file, rewrite, with_transcript

    if transcript is None and chapters is None:
        raise typer.BadParameter("give --transcript FILE, --chapters FILE or both")
    config = settings(ctx)
    library = config.library()
    entry = library.find(episode)
    segments = read_transcript_file(transcript, encoding) if transcript else None
    found = read_chapters(chapters, encoding) if chapters else None
    updated = with_transcript(entry.episode, segments, found, force=force, name=entry.slug)
    library.keep(rewrite(library.folder, entry, updated))
    out = config.output()
    if segments is not None:
        out.note(f"{entry.slug}: transcript of {len(segments)} segments attached")
    if found is not None:
        out.note(f"{entry.slug}: {len(found)} chapters attached")


def search_places(chosen: set[str]) -> tuple[frozenset[str], frozenset[str]]:
    """From the --in choices: where to search ('notes', 'transcript') and which note parts.
    No --in means the notes only ('default' is then among the places, for the transcript
    hint); 'all' means the notes and the transcript."""
    from podnotes.fields import SEARCHABLE

    parts = chosen - {"transcript", "all"}
    places = set()
    if parts or "all" in chosen or not chosen:
        places.add("notes")
    if not chosen:
        places.add("default")
    if chosen & {"transcript", "all"}:
        places.add("transcript")
    fields = parts if parts and "all" not in chosen else set(SEARCHABLE)
    return frozenset(places), frozenset(fields)


def search_everywhere(
    out: Output,
    library: Library,
    request: Query,
    places: frozenset[str],
    *,
    files_only: bool,
    count: bool,
    allowed: Collection[str] | None = None,
    limit: int | None = None,
) -> bool:
    """Search the notes, the transcripts or both (`places` holds 'notes', 'transcript');
    render the hits as they are found; True when something matched. A search of the notes
    alone says how many transcript hits there are, when there are some.

    The question is asked before the index has settled (its full check may still run, on the
    other core), and asked again when the index was not current; nothing is shown before. A
    ranked search has its answer by then; a literal one reads its hits as they are shown."""
    from podnotes.render.hits import hits, tallies

    index = library.index(wait=False)
    settled = library.settled
    notes = "notes" in places
    if files_only or count:
        per_episode, spoken = _settled_answer(
            lambda: (
                _tallied(index, request, notes, allowed),
                _spoken(index, request, places, allowed),
            ),
            settled,
        )
        found = tallies(out, per_episode, spoken, count=count)
    else:
        shown, spoken = _settled_answer(
            lambda: (
                _shown(index, request, notes, allowed),
                _spoken(index, request, places, allowed),
            ),
            settled,
        )
        found = hits(out, shown, spoken, limit=request.limit if allowed is None else limit)
    if "default" in places and not out.json:
        _transcript_hint(out, index, request)
    return found


def _settled_answer(ask: Callable[[], T], settled: Callable[[], bool]) -> T:
    """`ask`'s answer: asked first, and again when the index turns out not to have been current."""
    answer = ask()
    return answer if settled() else ask()


def _spoken(
    index: Index, request: Query, places: frozenset[str], allowed: Collection[str] | None
) -> list[SegmentHit]:
    from podnotes.transcripts.search import search_transcripts

    if "transcript" not in places:
        return []
    spoken = search_transcripts(index.conn, request)
    if allowed is not None:  # --podcast, --tag ...: hits in the episodes they keep, then cut
        spoken = [h for h in spoken if h.episode in allowed]
    return spoken


def _tallied(
    index: Index, request: Query, notes: bool, allowed: Collection[str] | None
) -> list[tuple[str, int, float]]:
    from podnotes.ranking import tally

    per_episode = tally(index, request) if notes else []
    return [e for e in per_episode if allowed is None or e[0] in allowed]


def _shown(
    index: Index, request: Query, notes: bool, allowed: Collection[str] | None
) -> Iterator[Hit]:
    """The notes' hits; a ranked (fuzzy) search ranks them now, a literal one when read."""
    from podnotes.search import stream

    shown: Iterator[Hit] = stream(index, request) if notes else iter(())
    if allowed is not None:
        shown = (h for h in shown if h.episode in allowed)
    return shown


def _transcript_hint(out: Output, index: Index, request: Query) -> None:
    """After a search of the notes alone: how many hits `--in transcript` would add."""
    from podnotes.transcripts.search import count_transcript_hits

    if not _has_transcripts(index):
        return
    found, capped = count_transcript_hits(index.conn, request)
    if found:
        more = "+" if capped else ""
        out.note(f"+ {found}{more} hits in transcripts: --in transcript")


def _has_transcripts(index: Index) -> bool:
    return index.conn.execute("SELECT 1 FROM segments LIMIT 1").fetchone() is not None


def show_transcript(
    out: Output, entry: Entry, at: str | None, chapter: int | None, *, pager: bool
) -> None:
    """The transcript from a time or a chapter on, one segment a line, chapters as headings."""
    from podnotes.render.transcript import transcript_view
    from podnotes.transcripts.timecode import TimeError, parse_at

    episode = entry.episode
    if not episode.transcript:
        raise PodnotesError(f"{entry.slug} has no transcript (podnotes attach adds one)")
    start = 0.0
    if at is not None:
        try:
            start = parse_at(at)
        except TimeError:
            raise typer.BadParameter(
                "expected a time like 12:34 or 1:02:03", param_hint="--at"
            ) from None
    if chapter is not None:
        if not 1 <= chapter <= len(episode.chapters):
            have = f"chapters 1-{len(episode.chapters)}" if episode.chapters else "no chapters"
            raise PodnotesError(f"{entry.slug} has {have}; no chapter {chapter}")
        start = max(start, float(episode.chapters[chapter - 1].start))
    transcript_view(out, entry, start, pager=pager)
