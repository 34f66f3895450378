"""parse --explain (parse/explain.py) and the family detection behind it."""

from __future__ import annotations

from pathlib import Path
from typing import SupportsIndex

import pytest
from typer.testing import CliRunner

from podnotes.cli import app
from tests.families import FAMILIES, explain, explain_part

INPUTS = Path(__file__).parent / "fixtures" / "inputs"


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("snipd_obsidian.md", "snipd-markdown"),
        ("logseq_page.md", "snipd-markdown"),
        ("readwise_export.md", "readwise"),
        ("podnotes_export.md", "podnotes"),
        ("snipd_page_seed.txt", "snipd-page"),
        ("show_notes_chapters.txt", "show-notes"),
        ("chapters_podcasting20.json", "chapter-json"),
        ("notion_escaped.md", "markdown"),
    ],
)
def test_first_release_fixtures_leave_nothing_unexplained(name: str, family: str) -> None:
    explanation = explain(str(Path("..") / "inputs" / name))
    assert explanation.family == family
    assert explanation.unexplained() == []


def test_fields_name_the_lines_they_came_from() -> None:
    explanation = explain("plugin_custom.md")
    assert explanation.fields["title"] == [1]
    assert explanation.fields["podcast"] == [4]
    assert 12 in explanation.fields["highlights"]


def test_dropped_markup_is_reported_as_such() -> None:
    tmp = FAMILIES.parent / "tmp-explain.md"
    tmp.write_text("# T\n\n<iframe src='x'></iframe>\n\n## Episode notes\nText.\n", "utf-8")
    try:
        explanation = explain(str(Path("..") / tmp.name))
    finally:
        tmp.unlink()
    assert explanation.leftover == [(3, "<iframe src='x'></iframe>", "html")]
    assert explanation.fields["episode_notes"] == [6]


def test_cli_prints_the_explanation_after_the_yaml_on_stderr() -> None:
    result = CliRunner().invoke(app, ["parse", "--explain", str(FAMILIES / "readwise_default.md")])
    assert result.exit_code == 0
    assert result.stdout.startswith("schema: podnotes/2")
    assert "family: readwise" in result.stderr
    assert "landed nowhere: 2 lines" in result.stderr
    assert "family:" not in result.stdout


def test_the_summary_is_normalised_once_not_for_every_line() -> None:
    """Each line of the notes is looked for in the summary (blanks reduced to one): the
    summary is reduced once for the whole explanation (it was once a line)."""
    from podnotes.parse import finish, parse_draft
    from podnotes.parse.explain import explain_text

    class Counted(str):
        splits = 0

        def split(self, sep: str | None = None, maxsplit: SupportsIndex = -1) -> list[str]:
            Counted.splits += 1
            return super().split(sep, maxsplit)

    notes = "\n".join(f"A line of my own notes, number {n}." for n in range(50))
    text = f"# Title\n\n## Summary\n\nWhat  the episode\tis about.\n\n## My notes\n\n{notes}\n"
    draft = parse_draft(text)
    episode = finish(draft)
    draft.summary = Counted(draft.summary)
    explanation = explain_text(text, draft, episode)
    assert explanation.fields["summary"] == [5]
    assert len(explanation.fields["episode_notes"]) == 50
    assert Counted.splits == 1


def test_a_property_kept_nowhere_on_purpose_is_told_from_an_unknown_one() -> None:
    """'cover' is a key podnotes drops on purpose (vocabulary.IGNORED_KEYS); 'mood' is one it
    has never heard of: --explain tells them apart, so a gap in the parser shows."""
    text = "---\ntitle: Tiny Houses\ncover: c.png\nmood: calm\n---\n## Episode notes\nText.\n"
    leftover = explain_part(text, "x.md").leftover
    assert leftover == [
        (3, "cover: c.png", "a property podnotes keeps nowhere, on purpose"),
        (4, "mood: calm", "a property podnotes does not know"),
    ]
