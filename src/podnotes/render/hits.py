"""Rendering for search hits, notes and transcripts alike, printed as they come: snippets
with the matched span highlighted."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING

from podnotes.render import Output, views, visible
from podnotes.render.views import Hits, Report
from podnotes.search import Hit

if TYPE_CHECKING:
    from podnotes.transcripts.search import SegmentHit

CONTEXT = 60  # characters of context each side of the match


def snippet(hit: Hit, context: int = CONTEXT) -> tuple[str, str, str]:
    """(before, match, after) on one line, cut to a window around the span at word boundaries."""
    flat = hit.text.replace("\n", " ")
    start, end = hit.span
    left = max(0, start - context)
    if left > 0:
        space = flat.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    right = min(len(flat), end + context)
    if right < len(flat):
        space = flat.rfind(" ", end, right)
        right = space if space >= 0 else right
    before = ("…" if left > 0 else "") + flat[left:start]
    after = flat[end:right] + ("…" if right < len(flat) else "")
    return visible(before), visible(flat[start:end]), visible(after)


def record_title(hit: Hit) -> str:
    """The title of the deep dive, highlight or chapter a hit is in: its unit's first line."""
    from podnotes.fields import FIELDS, Search

    records = {f.section for f in FIELDS if f.search is Search.RECORDS}
    return hit.text.split("\n", 1)[0] if hit.field in records else ""


def hits(
    out: Output, notes: Iterable[Hit], spoken: Sequence[SegmentHit], *, limit: int | None
) -> bool:
    """Notes hits and transcript hits in one list, printed as they come: best score first,
    notes before transcripts on a tie (and in --exact / --regex, where every hit scores the
    same). True when there was a hit."""
    sources: tuple[Iterable[Hit | SegmentHit], ...] = (notes, spoken)
    both = islice(heapq.merge(*sources, key=_best_first), limit)
    seen = 0

    def counted() -> Iterator[Hit | SegmentHit]:
        nonlocal seen
        for hit in both:
            seen += 1
            yield hit

    taken = counted()  # the Rich or plain rows, or the JSON items: a printer reads one
    out.emit(
        Hits((_shown(h) for h in taken), data=(h.to_json() for h in taken), empty="No matches.")
    )
    return seen > 0


def tallies(
    out: Output,
    notes: Sequence[tuple[str, int, float]],
    spoken: Sequence[SegmentHit],
    *,
    count: bool,
) -> bool:
    """-l and -c: each episode with a hit (and how many), in the order of its first hit in the
    list `hits` prints; `notes` holds (episode, hits, best score) in that order already."""
    first: dict[str, tuple[float, int, int]] = {}
    per_episode: Counter[str] = Counter()
    for place, (episode, n, best) in enumerate(notes):
        first[episode] = (-best, 0, place)
        per_episode[episode] += n
    for place, hit in enumerate(spoken):
        first[hit.episode] = min(first.get(hit.episode, (0.0, 2, 0)), (-hit.score, 1, place))
        per_episode[hit.episode] += 1
    ordered = sorted(per_episode.items(), key=lambda item: first[item[0]])
    lines = [f"{episode}:{n}" if count else episode for episode, n in ordered]
    out.emit(Report(lines=lines, data=[{"episode": e, "hits": n} for e, n in ordered]))
    return bool(ordered)


def _best_first(hit: Hit | SegmentHit) -> float:
    return -hit.score


def _shown(hit: Hit | SegmentHit) -> views.Hit:
    if isinstance(hit, Hit):
        return views.Hit(
            hit.episode, hit.title, hit.field, f"{hit.score:.0f}", *snippet(hit), record_title(hit)
        )
    as_hit = Hit(hit.episode, hit.title, "transcript", hit.text, hit.score, hit.span)
    before, match, after = snippet(as_hit)
    who = f" {hit.speaker}:" if hit.speaker else ""
    before = f"[{_clock(hit.start)}]{who} {before}"
    return views.Hit(hit.episode, hit.title, "transcript", f"{hit.score:.0f}", before, match, after)


def _clock(seconds: float) -> str:
    from podnotes.transcripts.timecode import format_short

    return format_short(seconds)
