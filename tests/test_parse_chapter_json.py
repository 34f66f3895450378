"""A chapter JSON given as the notes themselves."""

from __future__ import annotations

import pytest

from podnotes.errors import ParseError
from podnotes.model import Chapter
from podnotes.parse import parse_text


def test_a_chapter_file_is_read_as_chapters_with_a_hint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = '{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro"}]}'
    episode = parse_text(text, name="ep.json")
    assert episode.chapters == (Chapter(0, "Intro"),)
    assert episode.episode_notes == ""  # never the raw JSON
    assert "--chapters" in capsys.readouterr().err


def test_a_non_standard_chapter_file_is_read_when_unambiguous() -> None:
    text = '{"segments": [{"start": "00:01:30", "name": "Talk"}, {"start": 0, "title": "Hi"}]}'
    assert parse_text(text).chapters == (Chapter(0, "Hi"), Chapter(90, "Talk"))


def test_other_json_is_refused_with_one_line() -> None:
    with pytest.raises(ParseError) as err:
        parse_text('{"name": "not chapters"}', name="x.json")
    assert "\n" not in str(err.value)
    assert "--chapters" in str(err.value)
