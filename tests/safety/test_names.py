"""Item 4: hostile names. Titles and slugs like '../../x', '/etc/passwd', 'con', NUL, newlines,
1,000 characters or only emoji, and output targets through symlinks: every file is written
inside its folder with a valid, bounded, unique name."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podnotes.errors import EpisodeNotFoundError, StoreError
from podnotes.model import Episode, Source
from podnotes.store import MAX_SLUG, MAX_SLUG_BYTES, Library, slugify


def valid(slug: str) -> bool:
    """Letters and digits of any script (ASCII ones lower case) and the marks that belong to
    them, in words joined by single hyphens: no separator, dot, control or format character."""
    for word in slug.split("-"):
        if not word or unicodedata.category(word[0])[0] not in "LN":
            return False
        for char in word:
            kind = unicodedata.category(char)
            if char.isascii() and not (char.islower() or char.isdigit()):
                return False
            if kind[0] not in "LNM":
                return False
    return len(slug.encode("utf-8")) <= MAX_SLUG_BYTES


RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)$")
HOSTILE_TITLES = [
    "../../x",
    "/etc/passwd",
    "..",
    "con",
    "NUL",
    "lpt1",
    "a\x00b",
    "line\nbreak\r\n",
    "x" * 1000,
    "word " * 300,
    "🎧🎙️😀",
    "\u202e\u200b",
    "C:\\Windows\\system32",
    "~/.ssh/authorized_keys",
    "-rf --force",
]


@settings(max_examples=300, deadline=None)
@given(title=st.text(max_size=1200))
def test_any_title_gives_a_valid_bounded_name(title: str) -> None:
    slug = slugify(title)
    assert valid(slug), slug
    assert len(slug) <= MAX_SLUG
    assert not RESERVED.match(slug)
    assert slugify(slug) == slug


def _episode(title: str, n: int) -> Episode:
    return Episode(title=title, summary="x", source=Source("markdown", "x.md", f"{n:064x}"))


def test_hostile_titles_are_stored_inside_the_folder(notes_dir: Path, tmp_path: Path) -> None:
    library = Library(notes_dir)
    paths = []
    for n, title in enumerate(HOSTILE_TITLES * 2):  # each twice: the second needs a new name
        result = library.save(_episode(title, n))
        paths.append(result.path)
    assert len(set(paths)) == len(paths)
    for path in paths:
        assert path.parent == notes_dir
        assert valid(path.stem)
        assert len(path.stem) <= MAX_SLUG
        assert path.resolve().is_relative_to(notes_dir.resolve())
    assert sorted(p.name for p in tmp_path.rglob("*.yaml")) == sorted(p.name for p in paths)
    assert len(library.load_all()[0]) == len(paths)


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "a/b", "con", "a\x00b", ""])
def test_names_given_by_the_user_never_leave_the_folder(notes_dir: Path, name: str) -> None:
    library = Library(notes_dir)
    with pytest.raises(EpisodeNotFoundError):
        library.get(name)
    with pytest.raises(StoreError):
        library.path_for(name)


def test_hand_made_note_files_export_under_safe_unique_names(
    notes_dir: Path, tmp_path: Path, cli: object
) -> None:
    library = Library(notes_dir)
    library.save(_episode("Plain", 1))
    text = (notes_dir / "plain.yaml").read_text()
    for odd in ["Odd Name", "odd name", "CON", "new\nline", "😀", "plain ", "-x-"]:
        (notes_dir / f"{odd}.yaml").write_text(text)
    out = tmp_path / "out"
    result = cli("export", "--all", "--out-dir", str(out))  # type: ignore[operator]
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 8  # one file per note, none overwriting another
    for name in written:
        assert valid(name.removesuffix(".md")), name
        assert not RESERVED.match(name.removesuffix(".md"))


def test_out_dir_symlinks_are_not_followed_out(
    notes_dir: Path, tmp_path: Path, cli: object
) -> None:
    Library(notes_dir).save(_episode("Target", 1))
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "out"
    out.mkdir()
    (out / "target.md").symlink_to(victim)
    for args in ([], ["--force"], ["--update"]):
        result = cli("export", "--all", "--out-dir", str(out), *args)  # type: ignore[operator]
        assert result.exit_code == 2
        assert victim.read_text() == "precious"
        assert (out / "target.md").is_symlink()
    # An out-dir that is itself a link is the user's choice: files land in its target.
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    assert cli("export", "--all", "--out-dir", str(tmp_path / "link")).exit_code == 0  # type: ignore[operator]
    assert [p.name for p in real.iterdir()] == ["target.md"]


@pytest.mark.parametrize("command", [["export", "target", "-o"], ["parse", "SOURCE", "-o"]])
def test_output_file_through_a_symlink_replaces_the_link_not_its_target(
    notes_dir: Path, tmp_path: Path, cli: object, command: list[str]
) -> None:
    Library(notes_dir).save(_episode("Target", 1))
    source = tmp_path / "in.md"
    source.write_text("## Summary\nHello.\n")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "link.md"
    link.symlink_to(victim)
    args = [str(source) if a == "SOURCE" else a for a in command]
    refused = cli(*args, str(link))  # type: ignore[operator]
    assert refused.exit_code == 2
    assert victim.read_text() == "precious"
    forced = cli(*args, str(link), "--force")  # type: ignore[operator]
    assert forced.exit_code == 0, forced.stderr
    assert victim.read_text() == "precious"
    assert not link.is_symlink()
