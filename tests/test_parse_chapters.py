"""Timestamped chapters in show notes, and chapter files (parse/chapters.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podnotes.errors import ParseError
from podnotes.model import Chapter
from podnotes.parse import parse_bytes, parse_text, read_chapter_file
from podnotes.parse.chapters import chapter_from_line, parse_timestamp, split_chapters

INPUTS = Path(__file__).parent / "fixtures" / "inputs"


@pytest.mark.parametrize(
    ("line", "start", "title"),
    [
        ("(00:00:00) - Intro", 0, "Intro"),
        ("00:00 Title", 0, "Title"),
        ("[01:02:03] Title", 3723, "Title"),
        ("1:02:03 - Title", 3723, "Title"),
        ("12:34 – En dash", 754, "En dash"),
        ("12:34 — Em dash", 754, "Em dash"),
        ("4:05: Colon", 245, "Colon"),
        ("75:20 | Long minutes", 4520, "Long minutes"),
        ("- 00:12:34 Bullet", 754, "Bullet"),
        ("* **(00:45:10)** – Bold", 2710, "Bold"),
        ("[01:02](https://youtu.be/x?t=62) Linked", 62, "Linked"),
        ("  •  9:59   Spaces   inside  ", 599, "Spaces inside"),
    ],
)
def test_chapter_lines(line: str, start: int, title: str) -> None:
    assert chapter_from_line(line) == Chapter(start, title)


@pytest.mark.parametrize(
    "line",
    [
        "We recorded this at 10:30 in the morning.",
        "00:00:01 --> 00:00:05",
        "00:00:05.500 --> 00:00:09.000",
        "00:00:01,000 --> 00:00:05,000",
        "Apple Podcasts - https://podcasts.apple.com/x",
        "12:34 https://example.com/only-a-link",
        "7:30 pm ET — join the live Q&A",
        "10:00 a.m. doors open",
        "12:60 not a time",
        "123:45:67 no",
        "1:2 too short",
        "12:34",
        "",
        "x" * 600,
    ],
)
def test_not_chapter_lines(line: str) -> None:
    assert chapter_from_line(line) is None


def test_parse_timestamp() -> None:
    assert parse_timestamp("0:00") == 0
    assert parse_timestamp("12:34") == 754
    assert parse_timestamp("1:02:03") == 3723


def test_a_lone_timestamped_line_is_not_a_chapter_list() -> None:
    lines = ["Intro text.", "12:30 is when it gets good", "More text."]
    assert split_chapters(lines) == (lines, [])
    rest, chapters = split_chapters(lines, min_count=1)
    assert rest == ["Intro text.", "More text."]
    assert chapters == [Chapter(750, "is when it gets good")]


def test_show_notes_with_many_spellings_and_decoys() -> None:
    path = INPUTS / "show_notes_chapters.txt"
    episode = parse_bytes(path.read_bytes(), name=path.name)
    assert episode.source is not None
    assert episode.source.format == "show-notes"
    assert episode.chapters == (
        Chapter(0, "Intro"),
        Chapter(150, "Why fusion is hard"),
        Chapter(340, "Plasma instabilities"),
        Chapter(605, "Tokamaks vs. stellarators"),
        Chapter(2710, "What ITER taught us"),
        Chapter(3723, "The money question"),
        Chapter(4500, "Private fusion startups"),
        Chapter(5400, "Lightning round"),
    )
    # The description paragraph is the summary, and is not repeated in the notes.
    assert episode.summary.startswith("Dr. Maya Lindgren joins us")
    assert episode.summary.endswith("and yes, the coffee ran out by 11:15.")
    notes = episode.episode_notes
    assert notes.startswith("Episode 212: The Long Road to Fusion Power\n\nSponsors:\n")
    assert "Dr. Maya Lindgren" not in notes
    for decoy in (
        "Jane Street - https://janestreet.com/careers",
        "00:00:01 --> 00:00:05",
        "00:00:05.500 --> 00:00:09.000",
        "7:30 pm ET — join the live Q&A on YouTube.",
    ):
        assert decoy in notes
    assert "Timestamps:" not in notes
    assert "Intro" not in notes


def test_chapters_anywhere_in_markdown_notes() -> None:
    text = "## Episode notes\n\nTalk.\n\n0:00 Start\n1:02:03 – End\n\nBye.\n"
    episode = parse_text(text)
    assert episode.chapters == (Chapter(0, "Start"), Chapter(3723, "End"))
    assert episode.episode_notes == "Talk.\n\nBye."


def test_podcasting20_json_chapter_file() -> None:
    text = (INPUTS / "chapters_podcasting20.json").read_text(encoding="utf-8")
    assert read_chapter_file(text, "chapters.json") == (
        Chapter(0, "Long contexts"),
        Chapter(972, "Intelligence is just associations"),
        Chapter(1955, "Intelligence explosion & great researchers"),
        Chapter(4012, "Superposition & secret communication"),
    )


def test_plain_chapter_list_file() -> None:
    text = (INPUTS / "chapters_list.txt").read_text(encoding="utf-8")
    assert read_chapter_file(text, "chapters.txt") == (
        Chapter(0, "Intro"),
        Chapter(275, "Why fusion is hard"),
        Chapter(725, "Tokamaks vs. stellarators"),
        Chapter(3723, "The money question"),
    )


def test_a_bare_json_list_of_chapters() -> None:
    text = json.dumps([{"startTime": 5, "title": "B"}, {"startTime": 1, "title": "A"}])
    assert read_chapter_file(text, "c.json") == (Chapter(1, "A"), Chapter(5, "B"))


def test_invalid_chapter_file_fixture() -> None:
    text = (INPUTS / "chapters_invalid.json").read_text(encoding="utf-8")
    with pytest.raises(ParseError, match=r"chapters_invalid\.json: chapter 2 has no valid"):
        read_chapter_file(text, "chapters_invalid.json")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"chapters": [', "invalid JSON at line 1"),
        ("[" * 100_000, "nested too deeply"),
        ("{}", "expected a 'chapters' list"),
        ('{"chapters": []}', "expected a 'chapters' list"),
        ("[1]", "chapter 1 is not an object"),
        ('[{"startTime": -1, "title": "x"}]', "chapter 1 has no valid 'startTime'"),
        ('[{"startTime": true, "title": "x"}]', "chapter 1 has no valid 'startTime'"),
        ('[{"startTime": "12", "title": "x"}]', "chapter 1 has no valid 'startTime'"),
        ('[{"startTime": 1e400, "title": "x"}]', "chapter 1 has no valid 'startTime'"),
        ('[{"startTime": NaN, "title": "x"}]', "chapter 1 has no valid 'startTime'"),
        ('[{"startTime": 1, "title": "  "}]', "chapter 1 has no 'title'"),
        ("just some words\nand more", "no chapters found"),
    ],
)
def test_invalid_chapter_files(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        read_chapter_file(text, "c.json")


def test_chapter_file_replaces_the_notes_chapters() -> None:
    text = "Notes.\n\n00:00 A\n01:00 B\n"
    episode = parse_text(text, chapters=(Chapter(30, "From file"),))
    assert episode.chapters == (Chapter(30, "From file"),)
