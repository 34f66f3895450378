"""The application layer: the notes folder and its index kept together, reports not prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from podnotes import Library, parse_text
from podnotes.errors import ExitCode, PodnotesError, SchemaError
from podnotes.index import Index
from podnotes.model import Episode, Source
from podnotes.store import Library as Folder
from tests.conftest import SEED, Cli


def episode(title: str, takeaway: str, sha: str = "a") -> Episode:
    return Episode(title=title, takeaways=(takeaway,), source=Source("markdown", "x", sha * 64))


def test_an_episode_added_from_python_is_found_by_the_next_cli_search(
    notes_dir: Path, cli: Cli
) -> None:
    notes_dir.mkdir()
    assert cli("list").exit_code == 0  # an index exists before the Python add
    with Library(notes_dir) as library:
        result = library.add_episode(parse_text(SEED.read_text(), name=SEED.name))
    # The index learnt the note from the add itself, before any refresh could find the file.
    index = Index.existing(Folder(notes_dir))
    assert index is not None
    assert [s.slug for s in index.summaries()] == [result.slug]
    found = cli("search", "In-Context Learning", "--exact", "-l")
    assert found.exit_code == 0, found.stderr
    assert found.stdout.strip() == result.slug


def test_add_reports_done_and_failed_with_a_partial_status(notes_dir: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("# Good episode\n\n## Key takeaways\n\n- One thing.\n")
    library = Library(notes_dir)
    report = library.add([str(good), str(tmp_path / "missing.md")])
    assert [r.slug for r in report.done] == ["good-episode"]
    assert "missing.md: no such file" in str(report.failed[0])
    assert report.exit_code is ExitCode.PARTIAL
    assert library.add([str(tmp_path / "missing.md")]).exit_code is ExitCode.USAGE


def test_update_changes_the_note_and_the_index(notes_dir: Path) -> None:
    library = Library(notes_dir)
    library.add_episode(episode("First", "Old takeaway."))
    assert library.search("old takeaway").hits
    updated = library.update("first", takeaways=("Fresh takeaway.",), host="Hana")
    assert Library(notes_dir).find("first").episode == updated.episode
    assert updated.episode.host == "Hana"
    assert not library.search("old takeaway").hits
    assert library.search("fresh takeaway").exit_code is ExitCode.OK
    with pytest.raises(PodnotesError, match="cannot set rating"):
        library.update("first", rating=5)
    with pytest.raises(SchemaError, match="tags: expected a list"):
        library.update("first", tags="ai")
    assert Library(notes_dir).find("first").episode == updated.episode  # untouched


def test_remove_moves_notes_to_the_trash_and_out_of_the_index(notes_dir: Path) -> None:
    library = Library(notes_dir)
    library.add_episode(episode("Gone soon", "Trashable words.", "b"))
    library.add_episode(episode("Staying", "Other words.", "c"))
    report = library.remove(["gone-soon", "no-such-episode"])
    assert report.done == [notes_dir / ".trash" / "gone-soon.yaml"]
    assert report.done[0].is_file()
    assert report.exit_code is ExitCode.PARTIAL
    assert [s.slug for s in library.summaries()] == ["staying"]
    assert library.search("trashable words").exit_code is ExitCode.NO_MATCH
    library.add_episode(episode("Gone soon", "Again.", "d"))
    assert library.remove(["gone-soon"]).done == [notes_dir / ".trash" / "gone-soon~2.yaml"]


def test_validate_reports_each_invalid_file(notes_dir: Path) -> None:
    library = Library(notes_dir)
    library.add_episode(episode("Fine", "Yes."))
    (notes_dir / "bad.yaml").write_text("schema: podnotes/2\n")
    report = library.validate()
    assert report.checked == 2
    assert [e.file for e in report.errors] == [str(notes_dir / "bad.yaml")]
    assert report.exit_code is ExitCode.INVALID


def test_broken_notes_are_warned_about_not_printed(notes_dir: Path) -> None:
    warnings: list[str] = []
    library = Library(notes_dir, warn=warnings.append)
    library.add_episode(episode("Fine", "Yes."))
    (notes_dir / "bad.yaml").write_text("schema: podnotes/2\n")
    assert [s.slug for s in library.summaries()] == ["fine"]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"skipped {notes_dir / 'bad.yaml'}")


def test_hits_come_one_at_a_time_as_search_lists_them(notes_dir: Path) -> None:
    with Library(notes_dir) as library:
        for n in range(30):
            library.add_episode(episode(f"Episode {n}", f"Sleep pressure, night {n}.", f"{n:x}"))
        every = library.search("sleep pressure").hits
        hits = library.hits("sleep pressure")
        assert next(hits) == every[0]
        assert [every[0], *hits] == every
        assert len(every) == 20  # the default limit
