"""The transcript block of a note: written by hand, read without the YAML parser, and always
read the same as a YAML parser reads it."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from podnotes.errors import SchemaError
from podnotes.model import Episode, Segment
from podnotes.transcripts.yamlblock import dump_block, split_block
from podnotes.yamlio import dump, load

SEGMENTS = (
    Segment(0.0, 4.25, "Dana Whitfield", 'She said "hi" \\ then left.'),
    Segment(
        3730.0, 7203.9, "", "Line\u2028separator, NEL\x85, BOM\ufeff, DEL\x7f, emoji 😀, tab\t."
    ),
)


def test_the_block_is_yaml_that_any_parser_reads_the_same() -> None:
    text = dump(Episode(title="T", transcript=SEGMENTS))
    assert '\ntranscript:\n- {start: 0.0, end: 4.25, speaker: "Dana Whitfield"' in text
    data = yaml.load(text, Loader=yaml.SafeLoader)  # the pure-Python parser, no fast path
    assert [tuple(s.values()) for s in data["transcript"]] == [
        (s.start, s.end, s.speaker, s.text) for s in SEGMENTS
    ]
    assert load(text, "t.yaml").transcript == SEGMENTS


def test_an_empty_transcript_is_an_empty_list() -> None:
    text = dump(Episode(title="T"))
    assert "\ntranscript: []\n" in text
    assert split_block(text) is None
    assert dump_block(()) == "transcript: []\n"


def test_a_hand_edited_block_still_loads_through_yaml() -> None:
    text = dump(Episode(title="T", transcript=SEGMENTS[:1]))
    line = next(line for line in text.splitlines() if line.startswith("- {start: 0.0"))
    edited = text.replace(line, "- start: 1\n  end: 2.5\n  speaker: Sam\n  text: edited by hand")
    assert split_block(edited) is None
    assert load(edited, "t.yaml").transcript == (Segment(1.0, 2.5, "Sam", "edited by hand"),)


def test_problems_in_the_block_are_named_by_line() -> None:
    text = dump(Episode(title="T", transcript=SEGMENTS))
    backwards = text.replace("{start: 0.0, end: 4.25,", "{start: 9.0, end: 4.25,")
    with pytest.raises(SchemaError, match=r"line \d+: transcript\.0\.end"):
        load(backwards, "t.yaml")
    twice = text + "transcript: []\n"
    with pytest.raises(SchemaError, match="duplicate key 'transcript'"):
        load(twice, "t.yaml")


_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)


@given(
    st.lists(
        st.tuples(st.integers(0, 10**9), st.integers(0, 10**6), _text, _text),
        min_size=1,
        max_size=5,
    )
)
def test_fast_path_and_yaml_parser_agree(rows: list[tuple[int, int, str, str]]) -> None:
    segments = tuple(Segment(s / 1000, (s + d) / 1000, who, what) for s, d, who, what in rows)
    text = dump(Episode(title="T", transcript=segments))
    split = split_block(text)
    assert split is not None
    assert split[1] == segments
    parsed = yaml.load(text, Loader=yaml.SafeLoader)["transcript"]
    assert [(p["start"], p["end"], p["speaker"], p["text"]) for p in parsed] == [
        (s.start, s.end, s.speaker, s.text) for s in segments
    ]


def test_a_long_transcript_is_stored_and_read_back_past_the_yaml_value_bound() -> None:
    """prepare() counts YAML values only in what load puts through the YAML parser: 8,000
    segments (72,000 values, past yamlguard.MAX_NODES) are read apart, so they are stored."""
    from podnotes.store import prepare
    from podnotes.yamlguard import MAX_NODES

    segments = tuple(Segment(i, i + 0.5, "A", f"line {i}") for i in range(8000))
    assert 9 * len(segments) > MAX_NODES
    _, data = prepare(Episode(title="Long", transcript=segments))
    assert load(data.decode(), "long.yaml").transcript == segments


def test_a_note_too_large_for_the_parser_is_still_refused() -> None:
    from podnotes.errors import InputError
    from podnotes.store import prepare

    episode = Episode(title="Many", takeaways=tuple(f"t{i}" for i in range(60_000)))
    with pytest.raises(InputError, match="too large to store"):
        prepare(episode)
