"""Shared by the family tests: parse a fixture of tests/fixtures/families, compare it with its
expected document (expected/<name>.yaml, written by hand-checked runs of the parser), and
explain it."""

from __future__ import annotations

from pathlib import Path

from podnotes.model import Episode
from podnotes.parse import finish, parse_bytes, parse_draft
from podnotes.parse.explain import Explanation, explain_text
from podnotes.parse.report import capture
from podnotes.yamlio import dump

FAMILIES = Path(__file__).parent / "fixtures" / "families"


def parse(name: str) -> Episode:
    return parse_bytes((FAMILIES / name).read_bytes(), name=name)


def document(episode: Episode) -> str:
    return dump(episode.with_changes(source=None))


def expected(name: str) -> str:
    return (FAMILIES / "expected" / f"{Path(name).stem}.yaml").read_text(encoding="utf-8")


def explain_part(text: str, name: str) -> Explanation:
    """`parse --explain`'s account of a text, its warnings kept out of the test's output."""
    warnings: list[str] = []
    old = capture(warnings.append)
    try:
        draft = parse_draft(text, name=name)
        return explain_text(text, draft, finish(draft, name=name))
    finally:
        capture(old)


def explain(name: str) -> Explanation:
    return explain_part((FAMILIES / name).read_text(encoding="utf-8"), name)


def assert_family(name: str, family: str) -> Episode:
    """The fixture parses to its expected document, is recognised as `family`, and every line
    that landed nowhere is known chrome."""
    episode = parse(name)
    assert document(episode) == expected(name)
    explanation = explain(name)
    assert explanation.family == family
    assert explanation.unexplained() == []
    return episode
