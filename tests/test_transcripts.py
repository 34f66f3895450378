"""Transcript formats: readers on fixtures of our own, detection, errors, writers, round trips."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from podnotes.errors import ParseError
from podnotes.model import Segment, clean_line
from podnotes.parse.decode import decode
from podnotes.transcripts import detect_transcript, read_transcript, write_transcript
from podnotes.transcripts.cues import NAME, is_speaker_name
from podnotes.transcripts.timecode import format_clock, parse_at, parse_clock

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
INPUTS = Path(__file__).parent / "fixtures" / "inputs"
ROOT = Path(__file__).parent.parent


def load(name: str) -> str:
    return decode((FIXTURES / name).read_bytes(), name)


def read(name: str) -> tuple[Segment, ...]:
    return read_transcript(load(name), name)


def test_vtt_voices_ids_settings_notes_styles_and_entities() -> None:
    segments = read("interview.vtt")
    assert [s.speaker for s in segments[:4]] == [
        "Dana Whitfield",
        "Tomás Ibáñez",
        "Dana Whitfield",
        "Tomás Ibáñez",
    ]
    assert segments[0] == Segment(
        0.0, 4.25, "Dana Whitfield", "Welcome back to Harbour Lights. I'm Dana."
    )
    assert segments[1].text == "Thanks for having me & my terrible microphone."
    assert segments[2].text == "So, tide tables <first>?"
    assert not any("cue(" in s.text or "Made by hand" in s.text for s in segments)


def test_vtt_cue_with_two_voices_becomes_two_segments_at_the_same_time() -> None:
    both = [s for s in read("interview.vtt") if s.start == 9.5]
    assert [(s.speaker, s.text) for s in both] == [
        ("Dana Whitfield", "So, tide tables <first>?"),
        ("Tomás Ibáñez", "Tide tables first."),
    ]


def test_overlapping_cues_and_cues_past_the_hours_are_kept() -> None:
    segments = read("interview.vtt")
    assert (segments[4].start, segments[4].end, segments[5].start) == (12.0, 15.5, 13.2)
    assert segments[-2].start == 3730.0
    assert (segments[-1].start, segments[-1].end) == (7198.2, 7203.9)


def test_youtube_rolling_captions_keep_each_line_once() -> None:
    texts = [s.text for s in read("rolling_youtube.vtt")]
    assert texts == ["so the harbour master", "kept a ledger", "of every ship"]


def test_srt_with_bom_crlf_speaker_prefixes_tags_and_a_long_cue() -> None:
    segments = read("bom_crlf.srt")
    assert segments[0] == Segment(0.0, 4.25, "Dana Whitfield", "Welcome back to Harbour Lights.")
    assert segments[1].text == "Thanks for having me, and my terrible microphone."
    assert [(s.start, s.speaker) for s in segments[2:4]] == [
        (9.5, "Dana Whitfield"),
        (9.5, "Tomás Ibáñez"),
    ]
    assert (segments[4].start, segments[4].end) == (3730.0, 7203.9)
    # 'Note:' is said once: a word of the sentence, not a speaker.
    assert segments[5] == Segment(3731.0, 3732.5, "", "Note: the ledger is mentioned again later.")


def _srt(texts: list[str]) -> str:
    return "\n".join(
        f"{i}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\n{text}\n" for i, text in enumerate(texts, 1)
    )


@pytest.mark.parametrize(
    ("texts", "speakers"),
    [
        # A remark said twice in unlabelled cues is no speaker, nor in labelled ones.
        (["So we begin.", "Note: the market fell.", "On.", "Note: it rose.", "Ok."], {""}),
        (
            ["Dana: Hi.", "Sam: Hello.", "Warning: loud.", "Dana: Ok.", "WARNING: again."],
            {"", "Dana", "Sam"},
        ),
        (
            ["Dana: Hi.", "Sam: Hello.", "Chapter 2: The crash", "Dana: Ok.", "Sam: Bye."],
            {"", "Dana", "Sam"},
        ),
        (
            ["Dana: Hi.", "MUSIC: upbeat", "Sam: Hello.", "Dana: Ok.", "Music: fades"],
            {"", "Dana", "Sam"},
        ),
        # Speakers still are: a recurring name, or any name where most cues carry one.
        (["So we begin.", "Student: Why?", "On.", "Student: And then?", "Ok."], {"", "Student"}),
        (["Q: What now?", "A: We wait.", "Q: How long?", "A: Weeks."], {"Q", "A"}),
        (["Dana: Hi.", "Sam: Hello.", "Guest 2: Hey.", "Dana: Ok."], {"Dana", "Sam", "Guest 2"}),
    ],
)
def test_a_cue_prefix_names_a_speaker_only_when_it_looks_like_one(
    texts: list[str], speakers: set[str]
) -> None:
    """'Name: text' without voice tags: a prefix that opens a remark or a heading ('Note:',
    'Warning:', 'Chapter 2:', 'MUSIC:') is the cue's text however often it comes."""
    segments = read_transcript(_srt(texts), "x.srt")
    assert {s.speaker for s in segments} == speakers
    remarks = [s.text for s in segments if not s.speaker]
    assert all(text in texts for text in remarks)


def test_a_timed_text_line_opening_with_a_remark_has_no_speaker() -> None:
    """Timed text reads its speakers by the same rule: '[00:00:09] Note: …' is a line of
    text, and a chapter list of 'Chapter 1: Intro' lines is no transcript of speakers."""
    text = (
        "[00:00:01] Dana: Hello there.\n[00:00:05] Sam: Hi Dana.\n"
        "[00:00:09] Note: the market fell that week.\n[00:00:12] Dana: Right.\n"
    )
    segments = read_transcript(text, "x.txt", "txt")
    assert [(s.speaker, s.text) for s in segments][2] == ("", "Note: the market fell that week.")
    assert detect_transcript("00:00 Chapter 1: Intro\n05:00 Chapter 2: Growth\n") is None
    assert not is_speaker_name("Chapter 2")
    assert is_speaker_name("Speaker 2")


def test_vtt_with_bom_and_crlf() -> None:
    segments = read("bom_crlf.vtt")
    assert segments == (
        Segment(1.0, 2.0, "Ana de la Cruz", "Hola."),
        Segment(3600.0, 3601.5, "Ana de la Cruz", "An hour later."),
    )


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("broken.vtt", 6, "malformed cue timing '00:00:03.000 -> 00:00:06.000'"),
        ("bad_time.srt", 6, "the cue ends before it starts"),
        ("missing_timing.srt", 6, "expected a cue timing"),
    ],
)
def test_a_broken_cue_is_one_error_naming_its_line(name: str, line: int, words: str) -> None:
    with pytest.raises(ParseError) as caught:
        read(name)
    message = str(caught.value)
    assert message.startswith(f"{name}: line {line}: ")
    assert words in message
    assert "\n" not in message


def test_impossible_times_name_the_line() -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfine\n\n00:00:75.000 --> 00:01:20.000\nbad\n"
    with pytest.raises(ParseError, match=r"^x\.vtt: line 6: .*59"):
        read_transcript(text, "x.vtt")
    with pytest.raises(ParseError, match=r"^x\.txt: line 2: "):
        read_transcript("[00:00:01] Dana: hi\n[00:99:01] Dana: hi\n", "x.txt")


def test_whisper_json() -> None:
    segments = read("whisper.json")
    assert segments[0] == Segment(0.0, 4.25, "", "Welcome back to Harbour Lights.")
    assert segments[-1] == Segment(3730.0, 3734.48, "", "An hour in.")


def test_whisperx_json_keeps_speakers() -> None:
    segments = read("whisperx.json")
    assert [s.speaker for s in segments] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00"]
    assert segments[1].start < segments[0].end  # overlap kept
    assert segments[-1].end == 7270.125


def test_whisper_cpp_json_uses_millisecond_offsets() -> None:
    assert read("whisper_cpp.json")[1] == Segment(3730.0, 3734.48, "", "An hour in.")


def test_podcasting20_words_join_into_sentences() -> None:
    assert read("podcasting20.json") == (
        Segment(0.5, 1.1, "Dana Whitfield", "Welcome back."),
        Segment(1.2, 1.5, "Dana Whitfield", "Ready?"),
        Segment(1.8, 2.4, "Tomás Ibáñez", "Ready when you are."),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"segments": [{"start": "zero", "end": 1, "text": "x"}]}', "segment 1 has no valid"),
        ('{"segments": [{"start": 5, "end": 1, "text": "x"}]}', "segment 1 ends before"),
        ('{"segments": [\n{"start": 5,, }]}', "line 2: invalid JSON"),
        ('{"chapters": []}', "no transcript in this JSON"),
    ],
)
def test_bad_json_is_one_line(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        read_transcript(text, "t.json", "json")


def test_descript_style_text_transcript() -> None:
    segments = read("descript.txt")
    assert segments[0] == Segment(0.0, 4.0, "Dana Whitfield", "Welcome back to Harbour Lights.")
    assert segments[2].text == "So, tide tables first? This line continues Dana's turn."
    # a colon inside the words is not a new speaker
    assert segments[3].text == "The ledger goes back to 1871: every ship, every tide."
    assert segments[-1].start == 3750.0


def test_rev_style_text_transcript() -> None:
    segments = read("rev.txt")
    assert [(s.start, s.speaker) for s in segments] == [
        (0.0, "Dana Whitfield"),
        (4.0, "Tomás Ibáñez"),
        (3730.0, "Dana Whitfield"),
        (3735.0, "Tomás Ibáñez"),
    ]
    assert segments[1].text == "Thanks for having me. We met at 10:30 that morning."


def test_otter_style_text_transcript() -> None:
    segments = read("otter.txt")
    assert segments[1] == Segment(
        4.0, 3730.0, "Speaker 2", "Thanks for having me. The microphone is terrible."
    )
    assert segments[2].start == 3730.0


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("interview.vtt", "vtt"),
        ("bom_crlf.srt", "srt"),
        ("whisper.json", "json"),
        ("whisperx.json", "json"),
        ("podcasting20.json", "json"),
        ("descript.txt", "txt"),
        ("rev.txt", "txt"),
        ("otter.txt", "txt"),
    ],
)
def test_detected_by_content_whatever_the_name(name: str, fmt: str) -> None:
    text = load(name)
    assert detect_transcript(text) == fmt
    assert read_transcript(text, "renamed.dat") == read(name)


@pytest.mark.parametrize(
    "path",
    [
        *sorted(INPUTS.glob("*.md")),
        *sorted(INPUTS.glob("*.txt")),
        *sorted(INPUTS.glob("*.json")),
        *sorted((ROOT / "notes" / "raw").glob("*.txt")),
    ],
    ids=lambda p: p.name,
)
def test_notes_and_chapter_files_are_not_transcripts(path: Path) -> None:
    assert detect_transcript(decode(path.read_bytes(), path.name)) is None


def test_a_chapter_list_with_colons_is_not_a_transcript() -> None:
    chapters = "".join(f"00:{m:02d}:00 Topic {m}: why it matters\n" for m in range(8))
    assert detect_transcript(chapters) is None


def test_text_that_is_no_transcript_is_refused_with_one_line() -> None:
    with pytest.raises(ParseError, match=r"^notes\.md: not a transcript"):
        read_transcript("# Title\n\nSome notes.\n", "notes.md")
    with pytest.raises(ParseError, match="no spoken text"):
        read_transcript("WEBVTT\n\nNOTE nothing here\n", "empty.vtt")


def test_writers() -> None:
    segments = read("interview.vtt")[:3]
    assert write_transcript(segments, "vtt") == (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:04.250\n"
        "<v Dana Whitfield>Welcome back to Harbour Lights. I'm Dana.\n\n"
        "00:00:04.250 --> 00:00:09.900\n"
        "<v Tomás Ibáñez>Thanks for having me &amp; my terrible microphone.\n\n"
        "00:00:09.500 --> 00:00:12.000\n<v Dana Whitfield>So, tide tables &lt;first&gt;?\n"
    )
    assert write_transcript(segments[:2], "srt") == (
        "1\n00:00:00,000 --> 00:00:04,250\n"
        "Dana Whitfield: Welcome back to Harbour Lights. I'm Dana.\n\n"
        "2\n00:00:04,250 --> 00:00:09,900\n"
        "Tomás Ibáñez: Thanks for having me & my terrible microphone.\n"
    )
    assert write_transcript(read("interview.vtt")[-2:], "txt") == (
        "[01:02:10] Dana Whitfield: An hour in and we are still on the ledger.\n"
        "[01:59:58] Tomás Ibáñez: One last story before the two-hour mark.\n"
    )


@pytest.mark.parametrize("name", ["interview.vtt", "bom_crlf.srt", "whisperx.json", "bom_crlf.vtt"])
@pytest.mark.parametrize("fmt", ["vtt", "srt"])
def test_every_cue_survives_a_round_trip(name: str, fmt: str) -> None:
    segments = read(name)
    assert read_transcript(write_transcript(segments, fmt), f"back.{fmt}") == segments


def test_text_round_trip_keeps_speakers_words_and_whole_seconds() -> None:
    segments = read("descript.txt")
    assert read_transcript(write_transcript(segments, "txt"), "back.txt") == segments


def test_timecodes() -> None:
    assert parse_clock("01:02:03.450") == 3723.45
    assert parse_clock("2:03,5") == 123.5
    assert parse_clock("100:00:00.000") == 360000.0
    assert format_clock(3723.45) == "01:02:03.450"
    assert format_clock(0.0015, ",") == "00:00:00,002"
    assert parse_at("12:34") == 754.0
    assert parse_at("90") == 90.0


_words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1).map(
    clean_line
)
_names = st.sampled_from(["", "Dana Whitfield", "SPEAKER_00", "Ana de la Cruz", "Tomás & <Co>"])


@st.composite
def _segments(draw: st.DrawFn) -> list[Segment]:
    out = []
    for _ in range(draw(st.integers(1, 6))):
        start = draw(st.integers(0, 400_000_000))
        length = draw(st.integers(0, 100_000))
        text = draw(_words.filter(lambda t: t and "-->" not in t and ":" not in t))
        out.append(Segment(start / 1000, (start + length) / 1000, draw(_names), text))
    return out


@given(_segments())
def test_vtt_round_trip_property(segments: list[Segment]) -> None:
    assert read_transcript(write_transcript(segments, "vtt"), "p.vtt") == tuple(segments)


@given(_segments(), st.booleans())
def test_srt_round_trip_property(segments: list[Segment], named: bool) -> None:
    # SubRip names speakers only by a 'Name:' prefix: a file labels all its cues or none.
    plain = [
        Segment(s.start, s.end, "Dana Whitfield" if named and s.speaker else "", s.text)
        for s in segments
        if "<" not in s.text and "{" not in s.text and (s.speaker or not named)
    ]
    if plain:
        assert read_transcript(write_transcript(plain, "srt"), "p.srt") == tuple(plain)


@given(_segments())
def test_whisper_json_round_trip_property(segments: list[Segment]) -> None:
    """WhisperX's JSON: seconds to the millisecond, a speaker on each segment that has one."""
    rows = [
        {"start": s.start, "end": s.end, "text": s.text, "speaker": s.speaker} for s in segments
    ]
    text = json.dumps({"text": " ".join(s.text for s in segments), "segments": rows})
    assert detect_transcript(text) == "json"
    assert read_transcript(text, "p.json") == tuple(segments)


_PREFIXED = re.compile(rf"^(?P<name>{NAME}):[ \t]")


@given(_segments(), _words)
def test_text_round_trip_property(segments: list[Segment], extra: str) -> None:
    """A text transcript keeps whole seconds and no end times (a turn lasts until the next
    one); it names a speaker only by a name ('Dana Whitfield:'), so a text of no speaker that
    itself starts with a name and a colon reads as that speaker's, and is left out here."""
    turns = sorted(
        (
            Segment(s.start // 1, s.end, s.speaker if is_speaker_name(s.speaker) else "", text)
            for s in segments
            for text in (s.text, clean_line(f"{extra} {s.text}"))
        ),
        key=lambda s: s.start,
    )
    turns = [
        s
        for s in turns
        if s.speaker or not ((m := _PREFIXED.match(s.text)) and is_speaker_name(m["name"]))
    ]
    expected = tuple(
        dataclasses.replace(s, end=turns[i + 1].start if i + 1 < len(turns) else s.start)
        for i, s in enumerate(turns)
    )
    if turns:
        assert read_transcript(write_transcript(turns, "txt"), "p.txt", "txt") == expected


def test_a_text_turn_of_no_speaker_keeps_its_leading_dash_or_bar() -> None:
    """Hypothesis found '|0': a reader takes one separator after the time."""
    segments = (
        Segment(1.0, 2.0, "", "|0"),
        Segment(2.0, 3.0, "", "- x"),
        Segment(3.0, 3.0, "", "|"),
    )
    text = write_transcript(segments, "txt")
    assert text == "[00:00:01] - |0\n[00:00:02] - - x\n[00:00:03] - |\n"
    assert read_transcript(text, "p.txt", "txt") == segments


@given(st.text(max_size=2000))
def test_arbitrary_text_never_crashes_detection_or_reading(text: str) -> None:
    fmt = detect_transcript(text)
    if fmt:
        with contextlib.suppress(ParseError):
            read_transcript(text, "x", fmt)
