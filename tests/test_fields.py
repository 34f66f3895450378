"""The document described once: schema podnotes/2, its new fields, and podnotes/1 notes."""

from __future__ import annotations

import json

import pytest

from podnotes import fields
from podnotes.errors import SchemaError
from podnotes.model import SCHEMA, Episode, Highlight, Segment
from podnotes.yamlio import dump, load, to_data

V1 = """schema: podnotes/1
title: Old note
podcast: P
guests: []
published: 2024-03-28
url: ''
tags: [a]
summary: ''
takeaways: [One]
deep_dives: []
highlights:
- title: Snip
  start: 5
  end: 9
  takeaways: []
  quote: Q
  note: ''
chapters: []
episode_notes: ''
source: null
"""

FULL = Episode(
    title="T",
    host="Hana Host",
    duration=3723,
    books=("Thinking, Fast and Slow", "The Beginning of Infinity"),
    highlights=(
        Highlight(
            "Snip",
            start=5,
            end=9,
            transcript=("Speaker 1: Hello.", "Speaker 2: Hi."),
            tags=("sleep",),
            url="https://share.snipd.com/snip/1",
        ),
    ),
    transcript=(Segment(0.0, 1.5, "Speaker 1", "Hello."), Segment(1.5, 3.25, "", "Hi.")),
)


def test_a_podnotes_1_note_loads_and_is_written_as_podnotes_2() -> None:
    episode = load(V1, "old.yaml")
    assert episode.published == "2024-03-28"
    assert episode.highlights[0].quote == "Q"
    assert episode.host == ""
    assert episode.books == ()
    assert episode.duration is None
    text = dump(episode)
    assert text.startswith(f"schema: {SCHEMA}\n")
    assert load(text, "new.yaml") == episode


def test_podnotes_2_keys_are_unknown_in_a_podnotes_1_note() -> None:
    with pytest.raises(SchemaError, match=r"line 4: host: unknown key"):
        load(V1.replace("podcast: P\n", "podcast: P\nhost: H\n"), "old.yaml")


def test_new_fields_round_trip_through_yaml_and_json() -> None:
    text = dump(FULL)
    assert load(text, "x.yaml") == FULL
    assert "duration: 3723\n" in text
    assert "- 'Speaker 1: Hello.'\n" in text
    data = json.loads(json.dumps(to_data(FULL)))
    assert data["books"] == list(FULL.books)
    assert data["highlights"][0]["url"] == "https://share.snipd.com/snip/1"
    assert data["transcript"][1] == {"start": 1.5, "end": 3.25, "speaker": "", "text": "Hi."}


def test_yaml_keys_follow_the_field_table() -> None:
    top = [line.split(":")[0] for line in dump(FULL).splitlines() if line[:1].isalpha()]
    assert top == list(fields.KEYS)
    assert list(to_data(FULL)) == [f.json for f in fields.FIELDS]


@pytest.mark.parametrize(
    ("yaml_tail", "problem"),
    [
        ("duration: -3\n", "duration: expected whole seconds"),
        ("books: Dune\n", "books: expected a list"),
        ("transcript:\n- {start: 2, end: 1, text: x}\n", "transcript.0.end: an end needs a start"),
        ("transcript:\n- {end: 1, text: x}\n", "transcript.0.start: missing"),
        ("transcript:\n- {start: a, end: 1, text: x}\n", "transcript.0.start: expected seconds"),
        ("highlights:\n- {title: S, tags: x}\n", "highlights.0.tags: expected a list"),
    ],
)
def test_new_fields_are_validated_with_line_and_key(yaml_tail: str, problem: str) -> None:
    with pytest.raises(SchemaError, match=problem):
        load(f"schema: podnotes/2\ntitle: T\n{yaml_tail}", "x.yaml")


def test_segment_times_keep_millisecond_precision() -> None:
    text = "schema: podnotes/2\ntitle: T\ntranscript:\n- {start: 1.23456, end: 2, text: x}\n"
    [segment] = load(text, "x.yaml").transcript
    assert segment == Segment(1.235, 2.0, "", "x")


def test_choices_come_from_the_table() -> None:
    assert fields.SEARCHABLE == (
        "title",
        "summary",
        "takeaways",
        "deep-dives",
        "highlights",
        "chapters",
        "notes",
    )
    assert fields.COUNTED == ("takeaways", "deep_dives", "highlights", "chapters")


def test_one_clock_for_every_time_format() -> None:
    from podnotes.model import format_timestamp as clock

    assert clock(307) == "00:05:07"  # exports and templates: fixed width
    assert clock(3723.99) == "01:02:03"  # a fraction is cut, never rounded up
    assert clock(307, hours=None, width=1) == "5:07"  # reading: hours only past an hour
    assert clock(3723, hours=None, width=1) == "1:02:03"
    assert clock(307, hours=False) == "05:07"  # YouTube chapters under an hour
    assert clock(3723.45, millis=".") == "01:02:03.450"  # WebVTT
    assert clock(0.0005, millis=",") == "00:00:00,000"  # SubRip, rounded to the millisecond


@pytest.mark.parametrize("profile", ["obsidian", "logseq", "commonmark"])
def test_the_export_headings_are_the_fields_headings(
    profile: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The built-in templates spell no heading themselves: one changed in fields.py is the
    heading every profile writes."""
    from podnotes.export.markdown import builtin_template, render_markdown

    monkeypatch.setitem(fields.HEADINGS, "takeaways", "Main points")
    monkeypatch.setitem(fields.HEADINGS, "summary", "In short")
    monkeypatch.setitem(fields.HIGHLIGHT_HEADINGS, "takeaways", "Points")
    monkeypatch.setitem(fields.HIGHLIGHT_HEADINGS, "quote", "Said")
    episode = Episode(
        title="T",
        summary="S.",
        takeaways=("One",),
        highlights=(Highlight(title="H", takeaways=("Two",), quote="Q."),),
    )
    text = render_markdown(episode, slug="t", template=(builtin_template(profile), profile))
    for heading in ("## In short", "## Main points", "#### Points", "#### Said"):
        assert heading in text
    assert "Summary" not in text
    assert "Key takeaways" not in text
    assert "Quote" not in text


def test_a_summary_is_the_listed_and_counted_fields() -> None:
    """The index's listing columns (fields.LISTED) are what a Summary holds, so a field
    listed anew is a column, an insert and a Summary attribute at once."""
    import dataclasses

    from podnotes.model import Summary

    names = [f.name for f in dataclasses.fields(Summary)]
    assert names == ["slug", *sorted((f.key for f in fields.LISTED), key=names.index), "counts"]
    assert set(names) == {"slug", "counts", *(f.key for f in fields.LISTED)}
