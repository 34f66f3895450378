"""Rendering for search hits: snippets with the matched span highlighted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from podnotes.render import Output, plain_table, text, visible
from podnotes.search import Hit

if TYPE_CHECKING:
    from rich.console import RenderableType

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


def hits(out: Output, found: Sequence[Hit], *, files_only: bool, count: bool) -> None:
    if files_only or count:
        per_episode = Counter(h.episode for h in found)
        if out.json:
            out.print_json([{"episode": e, "hits": n} for e, n in per_episode.items()])
        else:
            for episode, n in per_episode.items():
                out.line(f"{episode}:{n}" if count else episode)
        return
    if out.json:
        out.print_json([h.to_json() for h in found])
        return
    if not found:
        out.note("No matches.")
        return
    if not out.rich:
        rows = [[h.episode, h.field, f"{h.score:.0f}", "".join(snippet(h))] for h in found]
        for line in plain_table(("episode", "field", "score", "text"), rows):
            out.line(line)
        return
    from rich.console import Group
    from rich.padding import Padding

    parts: list[RenderableType] = []
    for hit in found:
        head = text("")
        head.append(visible(hit.title), style="bold")
        head.append(f"  {hit.field}", style="cyan")
        head.append(f"  {hit.score:.0f}", style="dim")
        before, match, after = snippet(hit)
        body = text(before)
        body.append(match, style="bold black on yellow")
        body.append(after)
        parts += [head, Padding(body, (0, 0, 0, 2)), ""]
    out.show(Group(*parts[:-1]))
