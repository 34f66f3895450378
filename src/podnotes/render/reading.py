"""Rendering for reading commands: takeaways, show, chapters, topics."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from podnotes.model import Episode, Summary, format_timestamp
from podnotes.render import Output, one_line, plain_table, text, visible
from podnotes.store import Entry
from podnotes.yamlio import to_data

if TYPE_CHECKING:
    from rich.console import RenderableType

    from podnotes.topics import Topic

BAR_WIDTH = 30


# --- takeaways -----------------------------------------------------------------------------------


def takeaways(out: Output, groups: Sequence[tuple[Summary, Sequence[str]]]) -> None:
    groups = [(ep, items) for ep, items in groups if items]
    if out.json:
        out.print_json(
            [
                {
                    "episode": ep.slug,
                    "title": ep.title,
                    "podcast": ep.podcast,
                    "takeaways": list(items),
                }
                for ep, items in groups
            ]
        )
        return
    if not groups:
        out.note("No takeaways found.")
        return
    if not out.rich:
        rows = [[ep.slug, str(n), t] for ep, items in groups for n, t in enumerate(items, 1)]
        for line in plain_table(("episode", "#", "takeaway"), rows):
            out.line(line)
        return
    from rich.table import Table

    for ep, items in groups:
        table = Table(
            title=text(ep.title, "bold"),
            caption=text(_byline(ep), "cyan"),
            title_justify="left",
            caption_justify="left",
            show_header=False,
            expand=True,
        )
        table.add_column("#", justify="right", style="magenta", no_wrap=True)
        table.add_column("Takeaway", overflow="fold")
        for n, takeaway in enumerate(items, 1):
            table.add_row(str(n), text(takeaway))
        out.show(table)


def _byline(ep: Episode | Summary) -> str:
    parts = [ep.podcast, ep.published or "", ", ".join(ep.guests)]
    return " · ".join(p for p in parts if p)


# --- show ----------------------------------------------------------------------------------------


def show(out: Output, entry: Entry, sections: Sequence[str], *, pager: bool) -> None:
    ep = entry.episode
    if out.json:
        data = to_data(ep)
        keys = {"summary": ["summary"], "deep-dives": ["deep_dives"], "notes": ["episode_notes"]}
        shown = {k for s in sections for k in keys.get(s, [s])}
        hidden = {"summary", "takeaways", "deep_dives", "highlights", "chapters", "episode_notes"}
        out.print_json(
            {"slug": entry.slug, **{k: v for k, v in data.items() if k not in hidden - shown}}
        )
        return
    if not out.rich:
        for line in _plain_episode(ep, sections):
            out.line(line)
        return
    group = _rich_episode(ep, sections)
    console = out.console()
    if pager and out.stdout.isatty():
        with console.capture() as capture:
            console.print(group)
        if capture.get().count("\n") > console.height:
            os.environ.setdefault("LESS", "-FRX")  # keep colours; quit when it fits
            with console.pager(styles=True):
                console.print(group)
            return
    console.print(group)


def _sections(ep: Episode, sections: Sequence[str]) -> list[tuple[str, str]]:
    """(heading, section) pairs that have content, in reading order."""
    present = {
        "summary": bool(ep.summary),
        "takeaways": bool(ep.takeaways),
        "deep-dives": bool(ep.deep_dives),
        "highlights": bool(ep.highlights),
        "chapters": bool(ep.chapters),
        "notes": bool(ep.episode_notes),
    }
    names = {
        "summary": "Summary",
        "takeaways": "Key takeaways",
        "deep-dives": "Deep dives",
        "highlights": "Highlights",
        "chapters": "Chapters",
        "notes": "Episode notes",
    }
    return [(names[s], s) for s in names if s in sections and present[s]]


def _time_range(start: int | None, end: int | None) -> str:
    if start is None:
        return ""
    return format_timestamp(start) + (f" – {format_timestamp(end)}" if end is not None else "")


def _plain_episode(ep: Episode, sections: Sequence[str]) -> list[str]:
    lines = [one_line(ep.title)]
    if _byline(ep):
        lines.append(one_line(_byline(ep)))
    for heading, section in _sections(ep, sections):
        lines += ["", heading.upper()]
        if section == "summary":
            lines += visible(ep.summary).split("\n")
        elif section == "takeaways":
            lines += [f"- {one_line(t)}" for t in ep.takeaways]
        elif section == "deep-dives":
            for dive in ep.deep_dives:
                lines += [f"## {one_line(dive.title)}", *visible(dive.body).split("\n"), ""]
            lines.pop()
        elif section == "highlights":
            for h in ep.highlights:
                lines.append(f"## {one_line(h.title)} {_time_range(h.start, h.end)}".rstrip())
                lines += [f"- {one_line(t)}" for t in h.takeaways]
                lines += [f"> {line}" for line in visible(h.quote).split("\n") if h.quote]
                lines += visible(h.note).split("\n") if h.note else []
        elif section == "chapters":
            lines += [f"{format_timestamp(c.start)}  {one_line(c.title)}" for c in ep.chapters]
        else:
            lines += visible(ep.episode_notes).split("\n")
    return lines


def _rich_episode(ep: Episode, sections: Sequence[str]) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding
    from rich.rule import Rule

    parts: list[Any] = [text(ep.title, "bold magenta")]
    if _byline(ep):
        parts.append(text(_byline(ep), "cyan"))
    if ep.url:
        parts.append(text(ep.url, "dim"))
    for heading, section in _sections(ep, sections):
        parts += ["", Rule(text(heading, "bold"), align="left", style="magenta")]
        if section == "summary":
            parts.append(text(ep.summary))
        elif section == "takeaways":
            parts += [_bullet(t) for t in ep.takeaways]
        elif section == "deep-dives":
            for dive in ep.deep_dives:
                parts += [text(dive.title, "bold yellow"), Padding(text(dive.body), (0, 0, 1, 2))]
        elif section == "highlights":
            for h in ep.highlights:
                title = text(h.title, "bold yellow")
                title.append(f"  {_time_range(h.start, h.end)}", style="dim")
                parts.append(title)
                parts += [_bullet(t) for t in h.takeaways]
                if h.quote:
                    parts.append(Padding(text(h.quote, "italic"), (0, 0, 0, 2)))
                if h.note:
                    parts.append(Padding(text(h.note, "green"), (0, 0, 0, 2)))
                parts.append("")
        elif section == "chapters":
            parts.append(_chapter_table(ep))
        else:
            parts.append(text(ep.episode_notes))
    return Group(*parts)


def _bullet(value: str) -> RenderableType:
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="magenta")
    grid.add_column(overflow="fold")
    grid.add_row("•", text(value))
    return grid


# --- chapters ------------------------------------------------------------------------------------


def chapter_rows(ep: Episode) -> list[dict[str, Any]]:
    """Start, end and duration of each chapter; the last one's end is unknown."""
    rows = []
    for i, chapter in enumerate(ep.chapters):
        end = ep.chapters[i + 1].start if i + 1 < len(ep.chapters) else None
        rows.append(
            {
                "start": chapter.start,
                "end": end,
                "duration": None if end is None else end - chapter.start,
                "title": chapter.title,
            }
        )
    return rows


def _bar(duration: int | None, longest: int) -> str:
    if duration is None or longest <= 0:
        return ""
    cells = max(1, round(BAR_WIDTH * duration / longest)) if duration else 0
    return "█" * cells


def _duration(seconds: int | None) -> str:
    if seconds is None:
        return ""
    minutes, secs = divmod(seconds, 60)
    return f"{minutes}:{secs:02d}"


def chapters(out: Output, entry: Entry) -> None:
    rows = chapter_rows(entry.episode)
    if out.json:
        out.print_json({"episode": entry.slug, "title": entry.episode.title, "chapters": rows})
        return
    longest = max((r["duration"] or 0 for r in rows), default=0)
    if not out.rich:
        table = [
            [
                format_timestamp(r["start"]),
                _duration(r["duration"]),
                _bar(r["duration"], longest),
                r["title"],
            ]
            for r in rows
        ]
        for line in plain_table(("start", "length", "", "title"), table):
            out.line(line)
        return
    out.show(_chapter_table(entry.episode, title=entry.episode.title))


def _chapter_table(ep: Episode, title: str = "") -> RenderableType:
    from rich.table import Table

    rows = chapter_rows(ep)
    longest = max((r["duration"] or 0 for r in rows), default=0)
    table = Table(title=text(title, "bold") if title else None, title_justify="left")
    table.add_column("Start", style="cyan", no_wrap=True)
    table.add_column("Length", justify="right", no_wrap=True)
    table.add_column("", style="magenta", no_wrap=True, min_width=BAR_WIDTH)
    table.add_column("Chapter", overflow="fold")
    for r in rows:
        table.add_row(
            format_timestamp(r["start"]),
            _duration(r["duration"]),
            _bar(r["duration"], longest),
            text(r["title"]),
        )
    return table


# --- topics --------------------------------------------------------------------------------------


def topic_table(out: Output, found: Sequence[Topic]) -> None:
    if out.json:
        out.print_json([t.to_json() for t in found])
        return
    if not found:
        out.note("No deep-dive topics in the library yet.")
        return
    if not out.rich:
        rows = [[str(len(t.episodes)), t.title] for t in found]
        for line in plain_table(("episodes", "topic"), rows):
            out.line(line)
        return
    from rich.table import Table

    table = Table(title=text(f"{len(found)} topics"), title_justify="left")
    table.add_column("Episodes", justify="right", style="cyan", no_wrap=True)
    table.add_column("Topic", overflow="fold", style="bold")
    table.add_column("Also titled", overflow="fold", style="dim")
    for topic in found:
        others = [t for t in topic.titles if t != topic.title]
        table.add_row(str(len(topic.episodes)), text(topic.title), text("; ".join(others)))
    out.show(table)
