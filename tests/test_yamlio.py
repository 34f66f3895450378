from __future__ import annotations

import pytest
from hypothesis import given

from podnotes.errors import SchemaError
from podnotes.model import Chapter, Episode
from podnotes.schema import KEYS
from podnotes.yamlio import dump, load
from tests.strategies import episodes


@pytest.mark.slow
@given(episodes())  # the profile's examples (tests/conftest.py)
def test_document_yaml_document_round_trip(episode: Episode) -> None:
    assert load(dump(episode), "x.yaml") == episode


def test_dump_is_stable_and_keeps_schema_key_order() -> None:
    episode = Episode(title="T", summary="One.\n\nTwo.", chapters=(Chapter(754, "12:34"),))
    text = dump(episode)
    assert text == dump(episode)
    top_keys = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert top_keys == list(KEYS)
    assert "summary: |-\n  One.\n\n  Two.\n" in text
    assert load(text, "x").chapters[0].title == "12:34"


def test_unicode_is_written_unescaped() -> None:
    assert "Café 🎧" in dump(Episode(title="Café 🎧"))


def problems_of(text: str) -> str:
    with pytest.raises(SchemaError) as info:
        load(text, "bad.yaml")
    return str(info.value)


def test_missing_and_unknown_keys_are_named_with_lines() -> None:
    message = problems_of("schema: podnotes/1\npodcast: P\nrating: 5\n")
    assert "bad.yaml" in message
    assert "missing required key 'title'" in message
    assert "line 3: rating: unknown key" in message


def test_wrong_types_name_the_key_and_line() -> None:
    message = problems_of("schema: podnotes/1\ntitle: 12:34\ntakeaways: nope\n")
    assert "line 2: title: expected text, found a number" in message
    assert "line 3: takeaways: expected a list" in message


def test_nested_problems_point_inside_lists() -> None:
    text = "schema: podnotes/1\ntitle: T\ndeep_dives:\n- title: A\n  body: B\n- title: 7\n"
    assert "line 6: deep_dives.1.title: expected text" in problems_of(text)


def test_python_tags_are_refused_never_executed() -> None:
    text = "schema: podnotes/1\ntitle: !!python/object/apply:os.system ['echo pwned']\n"
    assert "not valid YAML" in problems_of(text)


def test_alias_bombs_are_refused() -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nschema: podnotes/1\ntitle: *c\n'
    assert "aliases are not allowed" in problems_of(bomb)


def test_duplicate_keys_are_reported() -> None:
    assert "duplicate key 'title'" in problems_of("schema: podnotes/1\ntitle: A\ntitle: B\n")


def test_bad_yaml_names_the_line() -> None:
    assert "line 4: not valid YAML" in problems_of("schema: podnotes/1\ntitle: T\nguests: [a,\n")


def test_wrong_schema_version_is_reported() -> None:
    assert "expected 'podnotes/1'" in problems_of("schema: podnotes/9\ntitle: T\n")


def test_empty_file() -> None:
    assert "empty file" in problems_of("")
