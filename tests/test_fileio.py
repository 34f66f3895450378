"""Writing files: only regular files are replaced, modes follow the umask or the old file, hard
links survive, and -o / --out-dir say what is wrong with the path they were given."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from podnotes.errors import PodnotesError, StoreError
from podnotes.fileio import write_atomic
from podnotes.model import Episode
from podnotes.store import Library


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def library(notes_dir: Path) -> Library:
    library = Library(notes_dir)
    library.save(Episode(title="Target"))
    return library


def test_new_files_follow_the_umask(umask_022: None, library: Library, tmp_path: Path) -> None:
    note = library.paths()[0]
    assert stat.S_IMODE(note.stat().st_mode) == 0o644
    write_atomic(tmp_path / "new.txt", b"x", overwrite=False)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644
    os.umask(0o077)
    write_atomic(tmp_path / "private.txt", b"x", overwrite=True)
    assert stat.S_IMODE((tmp_path / "private.txt").stat().st_mode) == 0o600


def test_a_replaced_file_keeps_its_mode(umask_022: None, tmp_path: Path) -> None:
    target = tmp_path / "shared.md"
    target.write_text("old")
    target.chmod(0o664)
    write_atomic(target, b"new", overwrite=True)
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_hard_links_survive_a_replacement(tmp_path: Path) -> None:
    target = tmp_path / "export.md"
    target.write_text("old")
    other = tmp_path / "vault-copy.md"
    os.link(target, other)
    write_atomic(target, b"new content", overwrite=True)
    assert other.read_text() == "new content"
    assert target.stat().st_ino == other.stat().st_ino
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left


def test_a_fifo_is_never_replaced(cli, library: Library, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    for extra in ([], ["--force"], ["--update"]):
        result = cli("export", "target", "-o", str(fifo), *extra)
        assert result.exit_code == 2
        assert "is a FIFO, not a regular file" in result.stderr
        assert "Traceback" not in result.stderr
        assert stat.S_ISFIFO(fifo.lstat().st_mode)
    with pytest.raises(StoreError, match="FIFO"):
        write_atomic(fifo, b"x", overwrite=True)


def test_a_device_is_never_replaced(cli, library: Library, tmp_path: Path) -> None:
    # A device node of our own (never the system's /dev/null: a regression would replace it).
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root")
    result = cli("export", "target", "-o", str(device), "--force")
    assert result.exit_code == 2
    assert "is a device, not a regular file" in result.stderr
    assert stat.S_ISCHR(device.lstat().st_mode)
    with pytest.raises(StoreError, match="device"):
        write_atomic(device, b"x", overwrite=True)
    assert stat.S_ISCHR(device.lstat().st_mode)


def test_output_paths_that_name_the_wrong_kind_of_thing(
    cli, library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    for extra in ([], ["--force"]):
        result = cli("export", "target", "-o", str(folder), *extra)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1
        assert "is a folder; -o names one file (use --out-dir" in result.stderr
    a_file = tmp_path / "file.md"
    a_file.write_text("mine")
    result = cli("export", "--all", "--out-dir", str(a_file))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "is a file, not a folder; --out-dir names a folder (use -o" in result.stderr
    assert a_file.read_text() == "mine"


def test_validate_refuses_a_fifo_instead_of_waiting_on_it(cli, tmp_path: Path) -> None:
    fifo = tmp_path / "note.yaml"
    os.mkfifo(fifo)
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(cli("validate", str(fifo))))
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # unblock the reader so the test run can end
        with open(fifo, "wb"):
            pass
        worker.join()
        pytest.fail("validate waited on a FIFO")
    result = outcome[0]
    assert result.exit_code == 3  # type: ignore[attr-defined]  # ExitCode.INVALID
    assert "not a regular file" in result.stdout + result.stderr  # type: ignore[attr-defined]


def test_errors_are_podnotes_errors(tmp_path: Path) -> None:
    with pytest.raises(PodnotesError, match="is a folder"):
        write_atomic(tmp_path, b"x", overwrite=True)
