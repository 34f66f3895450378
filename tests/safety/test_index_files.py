"""Issue 14 items 2 and 7: what is at the index path. A linked `.podnotes` or index file is
refused with one line and nothing behind the link is touched; a database that is not podnotes'
keeps its tables; a damaged index is rebuilt with one notice by every command."""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from podnotes.index import FILENAME, FOLDER
from tests.safety.conftest import add_inputs, podnotes

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links")


@pytest.fixture
def library(notes_dir: Path, tmp_path: Path, env: dict[str, str]) -> Path:
    add_inputs(tmp_path / "inputs", 40, env)
    return notes_dir


def precious_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE files(x)")  # a name podnotes uses too
    conn.execute("CREATE TABLE accounts(name TEXT, balance INTEGER)")
    conn.execute("INSERT INTO accounts VALUES ('ada', 100)")
    conn.commit()
    conn.close()


def tables(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(
            n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        )
    finally:
        conn.close()


def refused(result: subprocess.CompletedProcess[bytes], name: str) -> None:
    assert result.returncode == 2, result.stderr
    err = result.stderr.decode()
    assert err.count("\n") == 1, err
    assert err.startswith("error:"), err
    assert name in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", [["list"], ["search", "otters"], ["index", "--rebuild"]])
def test_a_linked_index_file_is_refused_and_its_target_kept(
    library: Path, tmp_path: Path, env: dict[str, str], command: list[str]
) -> None:
    other = tmp_path / "other.sqlite3"
    precious_database(other)
    folder = library / FOLDER
    folder.mkdir(exist_ok=True)
    for path in folder.iterdir():
        path.unlink()
    (folder / FILENAME).symlink_to(other)
    refused(podnotes(*command, env=env), str(folder / FILENAME))
    assert tables(other) == ["accounts", "files"]
    assert (folder / FILENAME).is_symlink()


def test_a_dangling_link_does_not_create_its_target(
    library: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    folder = library / FOLDER
    folder.mkdir(exist_ok=True)
    for path in folder.iterdir():
        path.unlink()
    target = tmp_path / "elsewhere" / "made.sqlite3"
    target.parent.mkdir()
    (folder / FILENAME).symlink_to(target)
    refused(podnotes("search", "otters", env=env), FILENAME)
    assert not target.exists()
    wal = tmp_path / "wal-target"
    (folder / FILENAME).unlink()
    Path(f"{folder / FILENAME}-wal").symlink_to(wal)
    refused(podnotes("list", env=env), f"{FILENAME}-wal")
    assert not wal.exists()


def test_a_linked_podnotes_folder_is_refused(
    library: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    import shutil

    shutil.rmtree(library / FOLDER, ignore_errors=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    precious_database(elsewhere / FILENAME)
    (library / FOLDER).symlink_to(elsewhere)
    refused(podnotes("list", env=env), FOLDER)
    refused(podnotes("add", str(tmp_path / "inputs" / "00.md"), "--force", env=env), FOLDER)
    assert sorted(p.name for p in elsewhere.iterdir()) == [FILENAME]
    assert tables(elsewhere / FILENAME) == ["accounts", "files"]


def test_a_foreign_database_in_place_keeps_its_tables(library: Path, env: dict[str, str]) -> None:
    folder = library / FOLDER
    folder.mkdir(exist_ok=True)
    for path in folder.iterdir():
        path.unlink()
    precious_database(folder / FILENAME)
    for command in (["list"], ["index", "--rebuild"], ["search", "otters"]):
        refused(podnotes(*command, env=env), str(folder / FILENAME))
    assert tables(folder / FILENAME) == ["accounts", "files"]


def damage(path: Path, rng: random.Random, pages: int = 3) -> None:
    """Overwrite whole pages in the body of a real index with random bytes."""
    data = bytearray(path.read_bytes())
    page = 4096
    count = len(data) // page
    assert count > 4, count
    for _ in range(pages):
        n = rng.randrange(1, count)
        data[n * page : (n + 1) * page] = rng.randbytes(page)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("seed", range(6))
def test_a_damaged_index_is_rebuilt_by_any_command(
    library: Path, env: dict[str, str], seed: int
) -> None:
    rng = random.Random(seed)
    assert podnotes("index", env=env).returncode == 0
    path = library / FOLDER / FILENAME
    checks = [
        (["search", "otters", "--json", "-n", "100"], lambda out: len(json.loads(out)) == 40),
        (["list", "--json"], lambda out: len(json.loads(out)) == 40),
        (["takeaways"], lambda out: out.count(b"Otters") == 40),
        (["index", "--rebuild"], lambda out: b"40" in out),
    ]
    for command, good in checks:
        damage(path, rng)
        result = podnotes(*command, env=env)
        assert result.returncode == 0, (command, result.stderr)
        assert b"Traceback" not in result.stderr
        assert good(result.stdout), (command, result.stdout[:300], result.stderr)


@pytest.mark.parametrize("seed", range(3))
def test_adding_to_a_damaged_index_loses_nothing(
    library: Path, tmp_path: Path, env: dict[str, str], seed: int
) -> None:
    rng = random.Random(100 + seed)
    assert podnotes("index", env=env).returncode == 0
    path = library / FOLDER / FILENAME
    for n in range(3):
        damage(path, rng)
        source = tmp_path / f"more-{n}.md"
        source.write_text(f"# More {n}\n\n## Key takeaways\n\n- Point about otters {n}.\n")
        result = podnotes("add", str(source), env=env)
        assert b"Traceback" not in result.stderr
        assert result.stderr.count(b"error:") <= 1, result.stderr
    listed = json.loads(podnotes("list", "--json", env=env).stdout)
    assert sorted(item["slug"] for item in listed) == sorted(p.stem for p in library.glob("*.yaml"))
    assert len(listed) == 43
