"""Rendering for search hits: snippets with the matched span highlighted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from podnotes.render import Output, views, visible
from podnotes.render.views import Hits, Report
from podnotes.search import Hit

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


def hits(out: Output, found: Sequence[Hit], *, files_only: bool, count: bool) -> None:
    if files_only or count:
        per_episode = Counter(h.episode for h in found)
        lines = [f"{episode}:{n}" if count else episode for episode, n in per_episode.items()]
        data = [{"episode": e, "hits": n} for e, n in per_episode.items()]
        out.emit(Report(lines=lines, data=data))
        return
    shown = [
        views.Hit(h.episode, h.title, h.field, f"{h.score:.0f}", *snippet(h), record_title(h))
        for h in found
    ]
    out.emit(Hits(shown, data=[h.to_json() for h in found], empty="No matches."))
