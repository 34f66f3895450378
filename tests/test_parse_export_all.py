"""Snipd's 'Export all' file: every episode in one file, split into one document each."""

from __future__ import annotations

from pathlib import Path

import pytest

from podnotes.errors import ParseError, PodnotesError
from podnotes.importer import ParseOptions
from podnotes.model import Episode
from podnotes.parse.explain import explain_source
from podnotes.parse.split import parse_episodes, split_export
from tests.families import FAMILIES, document, expected, explain_part

# Two generations of the Markdown export: Dataview fields with show notes in <details> and
# transcripts as HTML (2023-25), and 'Episode AI notes' over bold-titled snips (2024-25); and
# the Logseq export ('- ## [[Title]]' blocks with properties, org-mode quotes).
EXPORTS = ["export_all_dataview.md", "export_all_ai_notes.md", "export_all_logseq.md"]


def episodes(name: str) -> list[Episode]:
    parts = parse_episodes((FAMILIES / name).read_bytes(), name=name)
    found = [episode for _, episode in parts]
    assert all(isinstance(episode, Episode) for episode in found)
    return [episode for episode in found if isinstance(episode, Episode)]


@pytest.mark.parametrize("name", EXPORTS)
def test_each_episode_is_a_whole_document(name: str) -> None:
    stream = "".join(f"---\n{document(episode)}" for episode in episodes(name))
    assert stream == expected(name)


@pytest.mark.parametrize("name", EXPORTS)
def test_every_part_is_recognised_and_explained(name: str) -> None:
    text = (FAMILIES / name).read_text(encoding="utf-8")
    for part in split_export(text):
        explanation = explain_part(part.text, name)
        assert explanation.family == "snipd-markdown"
        assert [n for n, _ in explanation.unexplained()] == []


def test_parts_start_where_their_title_is_and_a_repeat_is_read_once() -> None:
    text = (FAMILIES / "export_all_dataview.md").read_text(encoding="utf-8")
    lines = text.split("\n")
    parts = split_export(text)
    assert [p.title for p in parts] == [
        "Lighthouses Without Keepers",
        "Salt Roads of the Baltic",
        "Rivers That Changed Course",
    ]
    for part in parts:
        assert lines[part.line - 1] == f"# {part.title}"
    # The first episode pasted again at the end joins its first part, at its own lines.
    first = parts[0].text.split("\n")
    assert first[166] == lines[166] == "# Lighthouses Without Keepers"
    assert len(episodes("export_all_dataview.md")[0].highlights) == 2


def test_logseq_parts_start_at_their_top_block_and_a_repeat_is_read_once() -> None:
    text = (FAMILIES / "export_all_logseq.md").read_text(encoding="utf-8")
    lines = text.split("\n")
    parts = split_export(text)
    assert [(p.title, p.line) for p in parts] == [
        ("Harbour Lights at Dusk", 1),
        ("Salt, Tar and Rope", 31),
    ]
    assert lines[30] == "- ## [[Salt, Tar and Rope]]"
    first, second = episodes("export_all_logseq.md")
    assert first.title == "Harbour Lights at Dusk"
    assert [h.title for h in first.highlights] == [
        "Fog signals before radio",
        "The last keeper left in 1998",
    ]
    assert first.summary.count("lighthouse keepers") == 1  # the copy adds nothing
    assert second.highlights[0].transcript == (
        "Lena Varga: Untarred hemp lasts a season at sea, tarred hemp ten.",
    )


def test_one_document_twice_is_no_export_all() -> None:
    for name in ["legacy_html_twice.md", "plugin_twice.md", "readwise_custom_twice.md"]:
        assert split_export((FAMILIES / name).read_text(encoding="utf-8")) == []


def test_the_explanation_numbers_the_files_lines() -> None:
    name = "export_all_ai_notes.md"
    text = (FAMILIES / name).read_text(encoding="utf-8")
    assert split_export(text)[1].line == 46
    parts = explain_source(str(FAMILIES / name), ParseOptions())
    assert [line for line, _, _ in parts] == [1, 46]
    assert "title: lines 46, 51" in parts[1][2]


DAMAGED = """# Tide Tables

## Episode metadata
- Show:: [[Harbour Talk]]

## Snips

### [01:10] Reading a tide table
[🎧 Play snip - 1min️ (00:30 - 01:10)](https://share.snipd.com/snip/e0000000-0000-4000-8000-000000000001)

---

# Cut Off Mid Export

## Episode metadata
- Export date:: 2025-01-19T11:14

## Snips

# Knots for Mooring

## Episode metadata
- Show:: [[Harbour Talk]]

## Snips

### [02:00] The bowline
[🎧 Play snip - 1min️ (01:20 - 02:00)](https://share.snipd.com/snip/e0000000-0000-4000-8000-000000000002)
"""


def test_a_damaged_part_is_one_error_naming_its_line_and_the_others_are_read() -> None:
    parts = parse_episodes(DAMAGED.encode(), name="all.md")
    assert [line for line, _ in parts] == [1, 13, 20]
    first, damaged, last = (episode for _, episode in parts)
    assert isinstance(first, Episode)
    assert first.title == "Tide Tables"
    assert isinstance(last, Episode)
    assert last.highlights[0].title == "The bowline"
    assert isinstance(damaged, ParseError)
    assert str(damaged) == (
        "all.md: line 13 (episode 'Cut Off Mid Export'): no episode notes recognised as markdown"
    )
    # Each part is its own input: the same file again is recognised part by part.
    assert first.source is not None
    assert last.source is not None
    assert first.source.sha256 != last.source.sha256


def test_per_episode_options_are_refused_for_a_file_of_several() -> None:
    with pytest.raises(PodnotesError, match=r"all\.md: holds 3 episodes .*--title"):
        parse_episodes(DAMAGED.encode(), name="all.md", overrides={"title": "One"})


def test_add_stores_each_episode_and_says_how_many(cli, notes_dir: Path) -> None:
    source = str(FAMILIES / "export_all_dataview.md")
    result = cli("add", source)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == f"{source}: 3 episodes (Snipd's 'Export all' file)"
    assert f"added: {source}, line 68 -> " in result.stderr
    assert sorted(p.name for p in notes_dir.glob("*.yaml")) == [
        "lighthouses-without-keepers.yaml",
        "rivers-that-changed-course.yaml",
        "salt-roads-of-the-baltic.yaml",
    ]
    again = cli("add", source)
    assert again.exit_code == 0
    assert again.stderr.count("unchanged: ") == 3


def test_add_of_a_damaged_export_stores_the_rest(cli, notes_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "all.md"
    source.write_text(DAMAGED, encoding="utf-8")
    result = cli("add", str(source))
    assert result.exit_code == 4  # partial: some stored, one failed
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {source}: line 13 (episode 'Cut Off Mid Export'): no episode notes "
        "recognised as markdown"
    ]
    assert len(list(notes_dir.glob("*.yaml"))) == 2


def test_parse_prints_a_yaml_stream(cli, tmp_path: Path) -> None:
    import yaml

    result = cli("parse", str(FAMILIES / "export_all_ai_notes.md"))
    assert result.exit_code == 0, result.stderr
    documents = list(yaml.safe_load_all(result.stdout))
    assert [d["title"] for d in documents] == [
        "Bread Before Farming",
        "The Oldest Recipe Tablets",
    ]
    assert "2 episodes (Snipd's 'Export all' file), one YAML document each" in result.stderr
    source = tmp_path / "all.md"
    source.write_text(DAMAGED, encoding="utf-8")
    damaged = cli("parse", str(source))
    assert damaged.exit_code == 4
    assert [d["title"] for d in yaml.safe_load_all(damaged.stdout)] == [
        "Tide Tables",
        "Knots for Mooring",
    ]
    assert "line 13 (episode 'Cut Off Mid Export')" in damaged.stderr
