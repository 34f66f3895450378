"""export --update: what podnotes wrote is replaced, what the user added is kept byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podnotes.export import ExportOptions, export_text
from podnotes.export.merge import merge
from podnotes.export.recognize import is_outline, written_by_podnotes
from podnotes.model import Chapter, DeepDive, Episode
from podnotes.store import Entry, Library

EPISODE = Episode(
    title="Sleep Science",
    podcast="Huberman Lab",
    summary="Ada explains sleep pressure.",
    takeaways=("Light anchors the rhythm.",),
    deep_dives=(DeepDive("Adenosine", "It builds up."),),
    chapters=(Chapter(0, "Intro"), Chapter(300, "Light")),
)
ENTRY = Entry("sleep-science", Path("sleep-science.yaml"), EPISODE)
CHANGED = Entry("sleep-science", ENTRY.path, EPISODE.with_changes(summary="A new summary."))

MY_NOTES = """## My notes

Things to try:

```sh
# turn the lights down
## at 9 pm
echo done
```

    # an indented code line

<details>
# not a heading either
</details>

"""
MINE_LATER = "## Questions for later\n\nWhy adenosine?\n"


def export(entry: Entry, profile: str = "obsidian", existing: str | None = None) -> str:
    return export_text(entry, ExportOptions(profile=profile), existing)


def test_a_hash_line_in_code_does_not_cut_the_users_notes() -> None:
    """The reported loss: a '#' line in a fenced block ended 'My notes' there, and the user's
    later sections went with it."""
    old = export(ENTRY) + "\n" + MY_NOTES + MINE_LATER
    updated = export(CHANGED, existing=old)
    assert MY_NOTES + MINE_LATER in updated
    assert "A new summary." in updated
    assert "Ada explains" not in updated
    assert updated.count("## Summary") == 1
    assert export(CHANGED, existing=updated) == updated  # updating again changes nothing


def test_a_users_section_stays_after_the_section_it_followed() -> None:
    first = export(ENTRY)
    mine = "## What I think\n\nGood episode.\n\n"
    old = first.replace("## Key takeaways", mine + "## Key takeaways")
    updated = export(CHANGED, existing=old)
    assert "A new summary.\n\n" + mine + "## Key takeaways" in updated


def test_front_matter_keys_and_comments_of_the_user_are_kept_as_written() -> None:
    # A value podnotes could not even build (!!int abc) is the user's business: kept as is.
    additions = "rating: 5   # out of 5\nlistened: !!int abc\nstatus: {done: true}\n# my comment\n"
    old = export(ENTRY).replace("---\n", "---\n" + additions, 1)
    updated = export(CHANGED, existing=old)
    front = updated.split("---\n")[1]
    assert front.endswith(additions)
    assert front.count("title:") == 1
    assert export(CHANGED, existing=updated) == updated


def test_text_before_the_title_is_kept() -> None:
    old = export(ENTRY).replace("\n# Sleep Science", "\n> [!note] my callout\n\n# Sleep Science")
    assert "> [!note] my callout\n" in export(CHANGED, existing=old)


def test_a_logseq_page_keeps_the_users_blocks_and_properties() -> None:
    first = export(ENTRY, "logseq")
    assert is_outline(first)
    schema = next(line for line in first.splitlines() if line.startswith("schema:: "))
    old = first.replace(schema + "\n", schema + "\nrating:: 5\n")
    block = "- my own block\n  ```\n  # not a heading\n  - nor a block\n  ```\n"
    old += block
    updated = export(CHANGED, "logseq", old)
    assert schema + "\nrating:: 5\n\n- ## Summary" in updated
    assert block in updated
    assert "A new summary." in updated
    assert export(CHANGED, "logseq", updated) == updated


def test_commonmark_exports_are_updated_too() -> None:
    old = export(ENTRY, "commonmark") + "\n" + MINE_LATER
    updated = export(CHANGED, "commonmark", old)
    assert updated.endswith(MINE_LATER)
    assert updated.count("## Episode metadata") == 1


@pytest.mark.parametrize("fmt", ["markdown", "json", "yaml", "chapters-json", "youtube"])
def test_update_recognises_every_format_podnotes_writes(
    fmt: str, cli, notes_dir: Path, tmp_path: Path
) -> None:
    Library(notes_dir).save(EPISODE)
    target = tmp_path / f"out.{fmt}"
    assert cli("export", "sleep", "-f", fmt, "-o", str(target)).exit_code == 0
    assert written_by_podnotes(target.read_text(), fmt)
    result = cli("export", "sleep", "-f", fmt, "-o", str(target), "--update")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("json", json.dumps({"title": "mine"})),
        ("json", "1" * 5000),  # more digits than Python reads: not ours, and no traceback
        ("yaml", "schema: mine\n"),
        ("chapters-json", json.dumps({"version": "1.2.0", "chapters": [], "extra": 1})),
        ("youtube", "00:00 Intro\nmy own line\n"),
        ("markdown", "# My file\n\n```\n---\nschema: podnotes/1\n```\n"),
    ],
)
def test_update_refuses_what_podnotes_did_not_write(
    fmt: str, text: str, cli, notes_dir: Path, tmp_path: Path
) -> None:
    Library(notes_dir).save(EPISODE)
    target = tmp_path / "mine.txt"
    target.write_text(text)
    result = cli("export", "sleep", "-f", fmt, "-o", str(target), "--update")
    assert result.exit_code == 2
    assert "not written by podnotes" in result.stderr
    assert target.read_text() == text


safe_line = st.text(
    st.characters(
        exclude_categories=["Cs"],
        exclude_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029`~",
    ),
    max_size=30,
)


@settings(max_examples=80, deadline=None)
@given(st.lists(safe_line, max_size=8), st.lists(safe_line, min_size=1, max_size=6))
def test_anything_in_a_fenced_block_of_my_notes_survives(code: list[str], words: list[str]) -> None:
    prose = " ".join(w.strip() for w in words if w.strip() and not w.lstrip().startswith("#"))
    mine = "## My notes\n\n```\n" + "".join(f"{line}\n" for line in code) + "```\n\n"
    mine += (prose.replace("<", " ") or "fine") + "\n"
    old = export(ENTRY) + "\n" + mine
    assert export(CHANGED, existing=old).endswith(mine)


def test_merge_without_user_additions_is_the_new_export() -> None:
    new = export(CHANGED)
    assert merge(export(ENTRY), new) == new
