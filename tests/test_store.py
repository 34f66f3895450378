from __future__ import annotations

import os
from pathlib import Path

import pytest

from podnotes.errors import NoteExistsError, SchemaError, StoreError
from podnotes.fileio import write_atomic
from podnotes.model import Episode, Source
from podnotes.store import Library, Saved, resolve_notes_dir, slugify


def episode(title: str = "An Episode", sha: str = "a" * 64, summary: str = "Text.") -> Episode:
    return Episode(title=title, summary=summary, source=Source("markdown", "x.md", sha))


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Sholto Douglas & Trenton Bricken - GPT-7's Mind",
            "sholto-douglas-trenton-bricken-gpt-7s-mind",
        ),
        ("../../etc/passwd", "etc-passwd"),
        ("/etc/passwd", "etc-passwd"),
        ("con", "con-episode"),
        ("🎧🎙️", "episode-157bba1c1d"),  # nothing left: a short hash of the title
        ("Café Señor", "cafe-senor"),
        ("東京の夜 Tokyo", "東京の夜-tokyo"),
        ("حلقة عن النوم", "حلقة-عن-النوم"),
        ("हिन्दी पॉडकास्ट", "हिन्दी-पॉडकास्ट"),
        ("İSTANBUL Straße", "istanbul-strasse"),
        ("a\x00b\nc", "a-b-c"),
    ],
)
def test_slugify_is_safe_and_readable(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_slugify_bounds_length() -> None:
    slug = slugify("word " * 400)
    assert 0 < len(slug) <= 80
    assert not slug.endswith("-")


def test_resolve_notes_dir_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PODNOTES_DIR", str(tmp_path / "env"))
    assert resolve_notes_dir(tmp_path / "opt") == tmp_path / "opt"
    assert resolve_notes_dir(None) == tmp_path / "env"
    monkeypatch.delenv("PODNOTES_DIR")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").mkdir()
    assert resolve_notes_dir(None) == Path("notes")
    (tmp_path / "notes").rmdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert resolve_notes_dir(None) == tmp_path / "data" / "podnotes" / "notes"


def test_save_then_load_round_trip(notes_dir: Path) -> None:
    library = Library(notes_dir)
    result = library.save(episode())
    assert result.status is Saved.ADDED
    assert result.path == notes_dir / "an-episode.yaml"
    [entry] = library.load_all()[0]
    assert entry.slug == "an-episode"
    assert entry.episode.title == "An Episode"
    assert entry.episode.source is not None
    assert entry.episode.source.imported


def test_same_input_again_changes_nothing(notes_dir: Path) -> None:
    library = Library(notes_dir)
    first = library.save(episode())
    before = first.path.read_bytes()
    again = Library(notes_dir).save(episode(title="Another Title"))
    assert again.status is Saved.UNCHANGED
    assert again.slug == "an-episode"
    assert first.path.read_bytes() == before
    assert len(library.paths()) == 1


def test_never_overwrites_a_different_note_without_force(notes_dir: Path) -> None:
    library = Library(notes_dir)
    first = library.save(episode(sha="a" * 64))
    second = library.save(episode(sha="b" * 64))
    assert second.slug == "an-episode-2"
    assert second.taken == "an-episode"
    assert "a" * 64 in first.path.read_text()
    # --force stores an input again; it never replaces a different episode of the same title.
    forced = library.save(episode(sha="c" * 64), force=True)
    assert forced.status is Saved.ADDED
    assert forced.slug == "an-episode-3"
    assert "a" * 64 in first.path.read_text()
    again = library.save(episode(sha="b" * 64, summary="Parsed better."), force=True)
    assert again.status is Saved.REPLACED
    assert again.path == second.path
    assert "Parsed better." in second.path.read_text()
    # Named explicitly, a note is replaced whatever input it came from.
    named = library.save(episode(sha="d" * 64), replace="an-episode")
    assert named.status is Saved.REPLACED
    assert named.path == first.path
    assert "d" * 64 in first.path.read_text()
    assert len(library.paths()) == 3


def test_force_with_same_input_moves_the_note_to_its_new_title(notes_dir: Path) -> None:
    library = Library(notes_dir)
    library.save(episode(title="Old"))
    result = library.save(episode(title="New"), force=True)
    assert [p.name for p in library.paths()] == ["new.yaml"]
    assert result.status is Saved.REPLACED


def test_write_atomic_refuses_a_taken_name_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "note.yaml"
    target.write_text("mine")
    with pytest.raises(NoteExistsError):
        write_atomic(target, b"theirs", overwrite=False)
    assert target.read_text() == "mine"
    assert os.listdir(tmp_path) == ["note.yaml"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_write_atomic_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="cannot write"):
            write_atomic(tmp_path / "n.yaml", b"x", overwrite=False)
    finally:
        tmp_path.chmod(0o700)


def test_one_bad_file_does_not_stop_the_rest(notes_dir: Path) -> None:
    library = Library(notes_dir)
    library.save(episode())
    (notes_dir / "broken.yaml").write_text("title: [unclosed\n")
    entries, errors = library.load_all()
    assert [e.slug for e in entries] == ["an-episode"]
    assert len(errors) == 1
    assert isinstance(errors[0], SchemaError)
    assert "broken.yaml" in str(errors[0])


def test_sweep_removes_only_stale_temporary_files(notes_dir: Path) -> None:
    library = Library(notes_dir)
    library.save(episode())
    stale = notes_dir / ".an-episode.yaml.abc123.tmp"
    fresh = notes_dir / ".other.yaml.def456.tmp"
    stale.write_text("half")
    fresh.write_text("in progress")
    os.utime(stale, (0, 0))
    assert library.sweep() == 1
    assert not stale.exists()
    assert fresh.exists()
    assert (notes_dir / "an-episode.yaml").exists()
