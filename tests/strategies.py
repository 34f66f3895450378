"""Hypothesis strategies for podnotes documents, in the model's canonical form."""

from __future__ import annotations

from hypothesis import strategies as st

from podnotes.model import (
    Chapter,
    DeepDive,
    Episode,
    Highlight,
    Segment,
    Source,
    clean_line,
    clean_text,
    normalize_chapters,
)

# Any text a user might paste, hostile parts included; surrogates cannot be encoded, so none.
_chars = st.characters(exclude_categories=["Cs"])
_hostile = st.sampled_from(
    [
        "[bold]x[/bold]",
        "\x1b[31mred",
        "# heading",
        "- item",
        "12:34",
        "---",
        "*",
        "|",
        "`",
        "&amp;",
        "\\",
        "> quote",
        "key:: value",
        "!!python/object",
        "&a *a",
        "null",
        "yes",
        "~",
    ]
)
raw_text = st.lists(st.one_of(st.text(_chars, max_size=30), _hostile), max_size=6).map("".join)
line = raw_text.map(clean_line)
nonempty_line = line.filter(bool)
paragraphs = st.lists(raw_text, max_size=4).map(lambda ps: clean_text("\n".join(ps)))
seconds = st.integers(min_value=0, max_value=20 * 3600)
# A transcript line: 'Speaker: text' as Snipd labels turns, or a line without a speaker.
turns = st.one_of(
    nonempty_line,
    st.tuples(st.sampled_from(["Speaker 1", "Ann Lee", "Note", "Quote"]), nonempty_line).map(
        ": ".join
    ),
)


@st.composite
def highlights(draw: st.DrawFn) -> Highlight:
    """A snip: an end time only ever follows a start time, and is not before it."""
    start = draw(st.none() | seconds)
    end = None if start is None else draw(st.none() | st.integers(start, start + 3600))
    return Highlight(
        title=draw(nonempty_line),
        start=start,
        end=end,
        takeaways=tuple(draw(st.lists(nonempty_line, max_size=3))),
        quote=draw(paragraphs),
        transcript=tuple(draw(st.lists(turns, max_size=3))),
        note=draw(paragraphs),
        tags=tuple(draw(st.lists(nonempty_line, max_size=3, unique=True))),
        url=draw(st.sampled_from(["", "https://share.snipd.com/snip/a1?t=1&u=2"])),
    )


@st.composite
def episodes(draw: st.DrawFn) -> Episode:
    return Episode(
        title=draw(nonempty_line),
        podcast=draw(line),
        host=draw(line),
        guests=tuple(draw(st.lists(nonempty_line, max_size=3, unique=True))),
        published=draw(st.none() | st.dates().map(lambda d: d.isoformat())),
        duration=draw(st.none() | seconds),
        url=draw(st.sampled_from(["", "https://example.com/ep?x=1&y=2"])),
        tags=tuple(draw(st.lists(nonempty_line, max_size=3, unique=True))),
        books=tuple(draw(st.lists(nonempty_line, max_size=3, unique=True))),
        summary=draw(paragraphs),
        takeaways=tuple(draw(st.lists(nonempty_line, max_size=5))),
        deep_dives=tuple(
            draw(st.lists(st.builds(DeepDive, title=nonempty_line, body=paragraphs), max_size=4))
        ),
        highlights=tuple(draw(st.lists(highlights(), max_size=3))),
        chapters=normalize_chapters(
            draw(st.lists(st.builds(Chapter, start=seconds, title=nonempty_line), max_size=5))
        ),
        episode_notes=draw(paragraphs),
        source=draw(
            st.none()
            | st.builds(
                Source,
                format=st.sampled_from(["snipd-page", "markdown"]),
                file=nonempty_line,
                sha256=st.text("0123456789abcdef", min_size=64, max_size=64),
                imported=st.none() | st.just("2026-11-28T10:00:00Z"),
            )
        ),
    )


@st.composite
def transcript_segments(draw: st.DrawFn) -> tuple[Segment, ...]:
    """An episode's transcript: times to the millisecond (past 100 hours too), an end never
    before its start, speakers empty or hostile."""
    out = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, 400 * 3600 * 1000))
        end = start + draw(st.integers(0, 3600 * 1000))
        speaker = draw(st.one_of(st.just(""), st.sampled_from(["Ann Lee", "**", "a:**"]), line))
        out.append(Segment(start / 1000, end / 1000, speaker, draw(nonempty_line)))
    return tuple(out)
