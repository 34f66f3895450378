"""The derived SQLite index: incremental refresh, recovery, and agreement with the YAML."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from podnotes.index import FILENAME, FOLDER, Index
from podnotes.model import Episode, Source
from podnotes.search import Query, search
from podnotes.store import Library


@pytest.fixture(autouse=True)
def always_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests change files faster than any interval: make every open look at the folder."""
    monkeypatch.setenv("PODNOTES_INDEX_CHECK_SECONDS", "0")


def settle() -> None:
    """Let the folder's mtime age past the racy window, after which a check is trusted."""
    time.sleep(0.15)


def make(title: str, takeaway: str, sha: str) -> Episode:
    return Episode(title=title, takeaways=(takeaway,), source=Source("markdown", "x", sha * 64))


def test_index_agrees_with_the_yaml(small_library: Path) -> None:
    library = Library(small_library)
    index = Index.open(library)
    entries = library.load_all()[0]
    assert [s.slug for s in index.summaries()] == [e.slug for e in entries]
    assert [s.counts for s in index.summaries()] == [e.episode.counts for e in entries]
    groups = {ep.slug: items for ep, items in index.takeaway_groups()}
    assert groups["sleep-science-with-ada-moreno"] == [
        "Morning light anchors the circadian rhythm.",
        "Caffeine blocks adenosine.",
    ]
    for query in ("interpretibility", "learning dictionary", "adenosine", "circadian"):
        from_index = search(index, Query(query))
        from_yaml = search(entries, Query(query))
        assert [(h.episode, h.field, h.text) for h in from_index][:3] == [
            (h.episode, h.field, h.text) for h in from_yaml
        ][:3], query


def test_add_edit_delete_are_picked_up(notes_dir: Path) -> None:
    library = Library(notes_dir)
    library.save(make("First", "Alpha beta.", "a"))
    index = Index.open(library)
    assert [s.slug for s in index.summaries()] == ["first"]

    library.save(make("Second", "Gamma delta.", "b"))
    index = Index.open(library)
    assert [s.slug for s in index.summaries()] == ["first", "second"]

    path = notes_dir / "first.yaml"
    text = path.read_text().replace("Alpha beta.", "Epsilon zeta.")
    time.sleep(0.01)
    path.write_text(text)  # edited in place, outside podnotes
    index = Index.open(library)
    assert [items for ep, items in index.takeaway_groups() if ep.slug == "first"] == [
        ["Epsilon zeta."]
    ]
    assert search(index, Query("alpha beta", mode="exact")) == []  # type: ignore[arg-type]

    (notes_dir / "second.yaml").unlink()
    index = Index.open(library)
    assert [s.slug for s in index.summaries()] == ["first"]
    assert search(index, Query("gamma")) == []


def test_refresh_is_skipped_while_fresh(notes_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = Library(notes_dir)
    library.save(make("First", "Alpha.", "a"))
    Index.open(library).close()  # creating .podnotes moves the folder's mtime too
    settle()
    assert Index.open(library).refresh(full=True).checked
    monkeypatch.setenv("PODNOTES_INDEX_CHECK_SECONDS", "3600")
    assert not Index.open(library).refresh().checked
    library.save(make("Second", "Beta.", "b"))  # the folder's mtime moves
    settle()
    assert Index.open(library).refresh().checked is False  # open() already caught up
    assert [s.slug for s in Index.open(library).summaries()] == ["first", "second"]


def test_corrupt_index_is_rebuilt_with_a_notice(demo_library: Path) -> None:
    library = Library(demo_library)
    Index.open(library).close()
    path = demo_library / FOLDER / FILENAME
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    notices: list[str] = []
    index = Index.open(library, notice=notices.append)
    assert len(notices) == 1
    assert "rebuilding" in notices[0]
    assert len(index.summaries()) == 1


def test_deleted_index_is_rebuilt(demo_library: Path) -> None:
    library = Library(demo_library)
    Index.open(library).close()
    for path in (demo_library / FOLDER).iterdir():
        path.unlink()
    assert len(Index.open(library).summaries()) == 1


def test_invalid_files_are_remembered_and_reported(demo_library: Path) -> None:
    (demo_library / "broken.yaml").write_text("schema: podnotes/1\n")
    index = Index.open(Library(demo_library))
    assert len(index.summaries()) == 1
    [problem] = index.problems()
    assert "broken.yaml" in problem
    assert "title" in problem


def test_read_only_folder_falls_back_to_memory(demo_library: Path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError("read-only")

    monkeypatch.setattr(Path, "mkdir", refuse)
    index = Index.open(Library(demo_library))
    assert index.path is None
    assert len(index.summaries()) == 1


def test_add_keeps_the_index_current_without_a_rescan(
    cli, demo_library: Path, tmp_path: Path, monkeypatch
) -> None:
    library = Library(demo_library)
    Index.open(library).close()
    monkeypatch.setenv("PODNOTES_INDEX_CHECK_SECONDS", "3600")
    note = tmp_path / "new.md"
    note.write_text("# New Episode\n\n## Key takeaways\n\n- Zebras communicate by stripes.\n")
    assert cli("add", str(note)).exit_code == 0
    settle()
    index = Index.open(library)
    assert index.refresh().checked is False
    groups = {ep.slug: items for ep, items in index.takeaway_groups()}
    assert groups["new-episode"] == ["Zebras communicate by stripes."]


def test_concurrent_readers(small_library: Path) -> None:
    Index.open(Library(small_library)).close()
    env = {**os.environ, "PODNOTES_DIR": str(small_library)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "podnotes", "search", "adenosine", "--json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outputs]
    assert len({out for out, _ in outputs}) == 1


def test_index_command(cli, demo_library: Path) -> None:
    assert "no index yet" in cli("index", "--status").stdout
    built = cli("index")
    assert built.exit_code == 0
    assert "files        1" in built.stdout
    rebuilt = cli("index", "--rebuild")
    assert "rebuilt: 1 files read" in rebuilt.stderr


def test_exact_search_through_the_index_matches_the_yaml(small_library: Path) -> None:
    library = Library(small_library)
    index = Index.open(library)
    entries = library.load_all()[0]
    for text, ignore_case in [
        ("Caffeine", False),
        ("caffeine", True),
        ("100%", True),
        ("a_b", False),
    ]:
        query = Query(text, mode="exact", ignore_case=ignore_case, limit=None)  # type: ignore[arg-type]
        assert search(index, query) == search(entries, query), text


def test_bulk_reads_rebuild_fts_and_vocabulary(
    small_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("podnotes.index.sync.BULK_FILES", 1)
    index = Index.open(Library(small_library))
    assert index.rebuild().read == 3
    assert "adenosine" in index.vocabulary()
    hits = search(index, Query("adenosne"))  # a typo, corrected through the vocabulary
    assert hits
    assert hits[0].episode == "sleep-science-with-ada-moreno"


def test_reading_a_missing_library_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert Index.open(Library(missing)).summaries() == []
    assert not missing.exists()


def test_add_knows_stored_inputs_from_the_index(cli, demo_library: Path, monkeypatch) -> None:
    from tests.conftest import SEED

    Index.open(Library(demo_library)).close()

    def no_scan(self):
        raise AssertionError("scanned every note")

    monkeypatch.setattr(Library, "sources", no_scan)
    result = cli("add", str(SEED))
    assert result.exit_code == 0, result.stderr
    assert "already in the library" in result.stderr
    # A note deleted outside podnotes is not "already there", whatever the index remembers.
    for note in demo_library.glob("*.yaml"):
        note.unlink()
    again = cli("add", str(SEED))
    assert again.exit_code == 0, again.stderr
    assert "added" in again.stderr


def test_list_cells_from_the_index_are_list_rows(small_library: Path) -> None:
    """The cells `list` takes from SQLite are the ones render.library.list_row makes from each
    summary, column for column (the counted fields come from podnotes.fields on both sides)."""
    from podnotes import listing
    from podnotes.render.library import list_row

    index = Index.open(Library(small_library))
    rows = [list(cells) for cells in listing.list_cells(index)]
    assert rows == [list_row(summary) for summary in listing.summaries(index)]
    assert len(rows) == 3
