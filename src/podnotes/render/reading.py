"""Rendering for reading commands: takeaways, show, chapters, topics."""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Sized
from typing import TYPE_CHECKING, Any

from podnotes.model import Episode, Summary, format_timestamp
from podnotes.render import Output
from podnotes.render.views import (
    Block,
    Column,
    Document,
    Fit,
    Gap,
    Group,
    Groups,
    Heading,
    Item,
    Line,
    Paragraph,
    Quote,
    Subheading,
    Table,
)
from podnotes.store import Entry

if TYPE_CHECKING:
    from podnotes.topics import Topic

BAR_WIDTH = 30


# --- takeaways -----------------------------------------------------------------------------------


def takeaways(
    out: Output,
    groups: Iterable[tuple[Summary, Sequence[str]]],
    keyed: Iterable[tuple[str, Sequence[str] | str]] | None = None,
) -> None:
    """Takeaways grouped by episode; `keyed`, (slug, takeaways) of the same episodes (see
    Groups.keyed), lets plain text skip building each episode's summary."""
    out.emit(
        Groups(
            (Group(ep.slug, ep.title, _byline(ep), items) for ep, items in groups if items),
            data=(
                {
                    "episode": ep.slug,
                    "title": ep.title,
                    "podcast": ep.podcast,
                    "takeaways": list(items),
                }
                for ep, items in groups
                if items
            ),
            empty="No takeaways found.",
            keyed=keyed,
        )
    )


def _byline(ep: Episode | Summary) -> str:
    parts = [ep.podcast, ep.published or "", ", ".join(ep.guests)]
    return " · ".join(p for p in parts if p)


# --- show ----------------------------------------------------------------------------------------


def show(out: Output, entry: Entry, sections: Sequence[str], *, pager: bool) -> None:
    from podnotes.yamlio import to_data  # here: topics and takeaways import this module too

    ep = entry.episode
    data = to_data(ep)
    keys = {"summary": ["summary"], "deep-dives": ["deep_dives"], "notes": ["episode_notes"]}
    shown = {k for s in sections for k in keys.get(s, [s])}
    hidden = {"summary", "takeaways", "deep_dives", "highlights", "chapters", "episode_notes"}
    hidden.add("transcript")  # show --transcript shows it
    data = {"slug": entry.slug, **{k: v for k, v in data.items() if k not in hidden - shown}}
    out.pager = out.pager and pager
    out.emit(Document(_blocks(ep, sections), data=data))


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


def _blocks(ep: Episode, sections: Sequence[str]) -> list[Block]:
    blocks: list[Block] = [Line(ep.title, "bold magenta")]
    if _byline(ep):
        blocks.append(Line(_byline(ep), "cyan"))
    if ep.url:
        blocks.append(Line(ep.url, "dim", plain=False))
    if ep.tags:
        blocks.append(Line("tags: " + ", ".join(ep.tags), "yellow"))
    for heading, section in _sections(ep, sections):
        blocks.append(Heading(heading))
        if section == "summary":
            blocks.append(Paragraph(ep.summary))
        elif section == "takeaways":
            blocks += [Item(t) for t in ep.takeaways]
        elif section == "deep-dives":
            for dive in ep.deep_dives:
                blocks += [Subheading(dive.title), Paragraph(dive.body, indent=2), Gap()]
            blocks.pop()
        elif section == "highlights":
            for h in ep.highlights:
                blocks.append(Subheading(h.title, _time_range(h.start, h.end)))
                blocks += [Item(t) for t in h.takeaways]
                blocks += [Quote(h.quote)] if h.quote else []
                blocks += [Paragraph(h.note, "green", indent=2)] if h.note else []
                blocks.append(Gap(plain=False))
        elif section == "chapters":
            blocks.append(_chapter_table(ep, in_document=True))
        else:
            blocks.append(Paragraph(ep.episode_notes))
    return blocks


# --- chapters ------------------------------------------------------------------------------------


def chapter_rows(ep: Episode) -> list[dict[str, Any]]:
    """Start, end and duration of each chapter; the last one's end is unknown."""
    rows = []
    chapters = sorted(ep.chapters, key=lambda c: c.start)  # a hand-edited note may be unsorted
    for i, chapter in enumerate(chapters):
        end = chapters[i + 1].start if i + 1 < len(chapters) else None
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
    """M:SS, or H:MM:SS past an hour."""
    return "" if seconds is None else format_timestamp(seconds, hours=None, width=1)


def chapters(out: Output, entry: Entry) -> None:
    data = {
        "episode": entry.slug,
        "title": entry.episode.title,
        "chapters": chapter_rows(entry.episode),
    }
    out.emit(_chapter_table(entry.episode, title=entry.episode.title, data=data))


def _chapter_table(
    ep: Episode, title: str = "", data: object = None, *, in_document: bool = False
) -> Table:
    rows = chapter_rows(ep)
    longest = max((r["duration"] or 0 for r in rows), default=0)
    columns = (
        Column("start", "Start", "cyan"),
        Column(None if in_document else "length", "Length", right=True),
        Column(None if in_document else "", "", "magenta", fit=Fit.BAR),
        Column("title", "Chapter", wide=True, fit=Fit.TITLE),
    )
    cells = (
        [
            format_timestamp(r["start"]),
            _duration(r["duration"]),
            _bar(r["duration"], longest),
            r["title"],
        ]
        for r in rows
    )
    return Table(
        columns, cells, data=data, title=title, title_style="bold", plain_header=not in_document
    )


# --- topics --------------------------------------------------------------------------------------


TOPIC_COLUMNS = (
    Column("episodes", "Episodes", "cyan", right=True),
    Column("topic", "Topic", "bold", wide=True, fit=Fit.TITLE),
    Column(None, "Also titled", "dim", wide=True, fit=Fit.PODCAST),
)


def topic_table(out: Output, found: Iterable[Topic], *, total: int | None = None) -> None:
    """The topics as a table; `found` may be a stream, then `total` says how many."""
    total = len(found) if total is None and isinstance(found, Sized) else total
    rows = (
        [str(len(t.episodes)), t.title, "; ".join(x for x in t.spellings() if x != t.title)]
        for t in found
    )
    out.emit(
        Table(
            TOPIC_COLUMNS,
            rows,
            data=(t.to_json() for t in found),
            title=f"{total} topics" if total is not None else "Topics",
            empty="No deep-dive topics in the library yet.",
            count=total,
        )
    )
