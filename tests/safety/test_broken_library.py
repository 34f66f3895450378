"""Item 6: a broken library keeps working. One unreadable, truncated or invalid file among
hundreds: list, takeaways, search and export --all carry on, name the file once on stderr,
and fail only when the user asked for that file."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from podnotes.index.sync import BULK_FILES, CHUNK
from podnotes.parallel import PARALLEL_MIN
from podnotes.store import Library
from podnotes.yamlio import dump
from tests.safety.conftest import plain_episode

# Notes enough for every path a big library takes: reading in parallel, the first index's bulk
# fill, more than one write transaction (the size itself is not the point; 2,000 took 7 s more).
COUNT = 600


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library of COUNT notes written once for the module, copied per test."""
    assert max(PARALLEL_MIN, BULK_FILES, 2 * CHUNK) < COUNT
    folder = tmp_path_factory.mktemp("template")
    for n in range(COUNT):
        (folder / f"episode-number-{n}.yaml").write_text(dump(plain_episode(n)))
    return folder


def broken_files(template: Path) -> dict[str, bytes]:
    whole = (template / "episode-number-7.yaml").read_bytes()
    return {
        "broken-invalid.yaml": b"schema: podnotes/1\ntitle: [unclosed\n",
        "broken-truncated.yaml": whole[: whole.index(b"sha256: '") + 15],  # cut mid-quote
        "broken-schema.yaml": b"schema: podnotes/9\ntitle: 42\n",
        "broken-undecodable.yaml": b"schema: podnotes/1\ntitle: caf\xe9\n",
        "broken-empty.yaml": b"",
    }


@pytest.fixture
def broken(template: Path, notes_dir: Path) -> list[str]:
    notes_dir.mkdir()
    for path in template.iterdir():
        (notes_dir / path.name).write_bytes(path.read_bytes())
    for name, content in broken_files(template).items():
        (notes_dir / name).write_bytes(content)
    return sorted(broken_files(template))


@pytest.mark.slow
def test_commands_carry_on(broken: list[str], cli: object, tmp_path: Path) -> None:
    out = tmp_path / "out"
    for args in (
        ["list"],
        ["takeaways"],
        ["search", "circuits", "-c"],
        ["topics"],
        ["export", "--all", "--out-dir", str(out)],
    ):
        result = cli(*args)  # type: ignore[operator]
        assert result.exit_code == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
        for name in broken:
            assert result.stderr.count(name) == 1, (args, name, result.stderr)
        if args[0] == "list":
            assert len(result.stdout.strip().splitlines()) == COUNT + 1  # a header, every note
    assert len(list(out.iterdir())) == COUNT


def test_asking_for_a_broken_file_fails(broken: list[str], cli: object) -> None:
    for name in broken:
        shown = cli("show", name.removesuffix(".yaml"))  # type: ignore[operator]
        assert shown.exit_code == 2, name
        assert name in shown.stderr
        assert len(shown.stderr.strip().splitlines()) == 1, shown.stderr
    checked = cli("validate")  # type: ignore[operator]
    assert checked.exit_code == 3  # ExitCode.INVALID
    assert f"{COUNT} of {COUNT + len(broken)} files valid" in checked.stderr
    assert cli("show", "episode-number-5").exit_code == 0  # type: ignore[operator]


def test_an_unreadable_file(
    template: Path, notes_dir: Path, monkeypatch: pytest.MonkeyPatch, cli: object
) -> None:
    """Root ignores permissions, so the failing read is simulated for one file."""
    notes_dir.mkdir()
    for n in range(50):
        (notes_dir / f"episode-number-{n}.yaml").write_bytes(
            (template / f"episode-number-{n}.yaml").read_bytes()
        )
    locked = notes_dir / "episode-number-3.yaml"
    real_open = Path.open

    def failing_open(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == locked.name:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", failing_open)
    for args in (["list"], ["takeaways"], ["search", "circuits"]):
        result = cli(*args)  # type: ignore[operator]
        assert result.exit_code == 0, (args, result.stderr)
        assert result.stderr.count("episode-number-3.yaml") == 1
        assert "permission denied" in result.stderr
    assert cli("show", "episode-number-3").exit_code == 2  # type: ignore[operator]
    assert len(Library(notes_dir).load_all()[1]) == 1
