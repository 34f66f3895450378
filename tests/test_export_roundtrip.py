"""podnotes' own Markdown export parses back to the same document."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings

from podnotes.export.markdown import builtin_template, render_markdown
from podnotes.model import Episode
from podnotes.parse import parse_text
from tests.strategies import episodes


def content(episode: Episode) -> Episode:
    """Everything but where the document came from."""
    return dataclasses.replace(episode, source=None)


def round_trip(episode: Episode, profile: str = "obsidian") -> Episode:
    template = (builtin_template(profile), profile)
    markdown = render_markdown(episode, slug="x", template=template)
    return parse_text(markdown, fmt="markdown", name="x.md")


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(episodes())
def test_markdown_round_trip(episode: Episode) -> None:
    assert content(round_trip(episode)) == content(episode)
