"""Item 7: no lost notes. A process killed (SIGKILL) during `add` or `export --all` leaves every
earlier file intact and no half-written file; racing `add`s never overwrite each other; a
read-only or full disk gives one clear error per file and leaves the library as it was."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from podnotes.errors import SchemaError
from podnotes.store import Library
from tests.safety.conftest import plain_episode, podnotes, snapshot

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

# Runs podnotes in a child that SIGKILLs itself in the middle of its Nth file write below a
# folder: half the bytes are written, then the process dies, as in a crash or power cut.
DYING = textwrap.dedent(
    """
    import io, os, signal, sys
    folder, kill_at = os.path.realpath(sys.argv[1]), int(sys.argv[2])
    count = 0
    real_open, real_fdopen = io.open, os.fdopen

    class Dying:
        def __init__(self, handle):
            self._handle = handle
        def write(self, data):
            global count
            count += 1
            if count == kill_at:
                self._handle.write(data[: len(data) // 2])
                self._handle.flush()
                os.kill(os.getpid(), signal.SIGKILL)
            return self._handle.write(data)
        def __getattr__(self, name):
            return getattr(self._handle, name)
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self._handle.__exit__(*exc)

    def watched(handle, name, mode):
        inside = isinstance(name, (str, os.PathLike)) and os.path.realpath(name).startswith(folder)
        return Dying(handle) if inside and any(m in mode for m in "wax+") else handle

    def dying_open(file, mode="r", *args, **kwargs):
        return watched(real_open(file, mode, *args, **kwargs), file, mode)

    def dying_fdopen(fd, mode="r", *args, **kwargs):
        return watched(real_fdopen(fd, mode, *args, **kwargs), f"/proc/self/fd/{fd}", mode)

    io.open = dying_open
    os.fdopen = dying_fdopen
    import builtins
    builtins.open = dying_open
    from podnotes.cli import app
    sys.argv = ["podnotes", *sys.argv[3:]]
    app()
    """
)

INPUTS = 30


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    for n in range(INPUTS):
        body = f"Paragraph {n}. " + "words " * 5000  # big enough that writes take a while
        (folder / f"{n:03d}.md").write_text(f"# Input note {n}\n\n## Summary\n{body}\n")
    return folder


@pytest.fixture
def earlier(notes_dir: Path) -> dict[str, bytes]:
    library = Library(notes_dir)
    for n in range(5):
        library.save(plain_episode(1000 + n))
    return snapshot(notes_dir)


def check_library(notes_dir: Path, earlier: dict[str, bytes]) -> list[str]:
    """Earlier notes unchanged, every note whole; returns the note names."""
    now = snapshot(notes_dir)
    for name, data in earlier.items():
        assert now[name] == data, name
    library = Library(notes_dir)
    notes = [p.name for p in library.paths()]
    for path in library.paths():
        try:
            library.load(path)
        except SchemaError as err:
            pytest.fail(f"half-written note: {err}")
    return notes


@pytest.mark.parametrize("kill_at", [1, 8, 23])
def test_add_killed_mid_write(
    notes_dir: Path, inputs: Path, earlier: dict[str, bytes], kill_at: int
) -> None:
    child = subprocess.run(
        [sys.executable, "-c", DYING, str(notes_dir), str(kill_at), "add", str(inputs)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    notes = check_library(notes_dir, earlier)
    assert len(notes) == len(earlier) + kill_at - 1  # every note before the crash is there
    # Running the same add again completes the library: nothing lost, nothing twice.
    again = podnotes("add", str(inputs))
    assert again.returncode == 0, again.stderr
    assert len(check_library(notes_dir, earlier)) == len(earlier) + INPUTS


def test_export_killed_mid_write(notes_dir: Path, tmp_path: Path, inputs: Path) -> None:
    assert podnotes("add", str(inputs)).returncode == 0
    clean, out = tmp_path / "clean", tmp_path / "out"
    assert podnotes("export", "--all", "--out-dir", str(clean)).returncode == 0
    child = subprocess.run(
        [sys.executable, "-c", DYING, str(out), "12", "export", "--all", "--out-dir", str(out)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    written = sorted(p.name for p in out.glob("*.md"))
    assert len(written) == 11
    for name in written:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name


@pytest.mark.slow
def test_add_killed_at_random_moments(
    notes_dir: Path, inputs: Path, earlier: dict[str, bytes]
) -> None:
    start = time.perf_counter()
    assert (
        podnotes(
            "add", str(inputs), env={**os.environ, "PODNOTES_DIR": str(notes_dir / "probe")}
        ).returncode
        == 0
    )
    duration = time.perf_counter() - start
    rng = random.Random(20240328)
    for _ in range(3):
        proc = subprocess.Popen(
            [sys.executable, "-m", "podnotes", "add", str(inputs)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.2, 1.0) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        check_library(notes_dir, earlier)
    assert podnotes("add", str(inputs)).returncode == 0
    assert len(check_library(notes_dir, earlier)) == len(earlier) + INPUTS


def test_racing_adds_on_one_title_keep_every_note(notes_dir: Path, tmp_path: Path) -> None:
    sources = []
    for n in range(4):
        source = tmp_path / f"race{n}.md"
        source.write_text(f"## Summary\nRacer number {n}.\n")
        sources.append(source)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "podnotes", "add", str(s), "--title", "Same Title"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for s in sources
    ]
    for proc in procs:
        assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else ""
    stored = sorted(p.name for p in notes_dir.glob("*.yaml"))
    assert stored == [
        "same-title-2.yaml",
        "same-title-3.yaml",
        "same-title-4.yaml",
        "same-title.yaml",
    ]
    summaries = {Library(notes_dir).load(notes_dir / name).summary for name in stored}
    assert summaries == {f"Racer number {n}." for n in range(4)}


def test_a_name_taken_between_check_and_write_is_not_overwritten(
    notes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race made certain: the other writer wins right after our existence check."""
    library = Library(notes_dir)
    library.save(plain_episode(1))
    first = (notes_dir / "episode-number-1.yaml").read_bytes()
    monkeypatch.setattr(Path, "exists", lambda self: False)
    other = plain_episode(2).with_changes(title="Episode number 1")
    result = Library(notes_dir).save(other)
    assert result.path.name == "episode-number-1-2.yaml"
    assert (notes_dir / "episode-number-1.yaml").read_bytes() == first


def _fail(code: int) -> object:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


NEW, FORCE, EXPORT, EXPORT_FORCE = "new", "force", "export", "export-force"


@pytest.mark.parametrize(
    ("target", "code", "message", "runs"),
    [
        ((tempfile, "mkstemp"), errno.EROFS, "read-only file system", [NEW, FORCE, EXPORT]),
        ((os, "fsync"), errno.ENOSPC, "no space left on device", [NEW, FORCE, EXPORT]),
        ((os, "link"), errno.ENOSPC, "no space left on device", [NEW, EXPORT]),
        ((os, "replace"), errno.EROFS, "read-only file system", [FORCE, EXPORT_FORCE]),
    ],
    ids=["read-only", "full-at-fsync", "full-at-link", "read-only-at-replace"],
)
def test_read_only_or_full_disk(
    notes_dir: Path,
    tmp_path: Path,
    earlier: dict[str, bytes],
    monkeypatch: pytest.MonkeyPatch,
    cli: object,
    target: tuple[object, str],
    code: int,
    message: str,
    runs: list[str],
) -> None:
    sources = []
    for n in range(3):
        source = tmp_path / f"new{n}.md"
        source.write_text(f"## Summary\nNew note {n}.\n")
        sources.append(str(source))
    replacing = tmp_path / "replace.md"
    replacing.write_text("## Summary\nReplacement.\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "episode-number-1000.json").write_text("an earlier export")
    exported = snapshot(out)
    # --force stores an input again over its own note (never another episode's): store it first.
    assert cli("add", str(replacing), "--title", "Episode number 1000").exit_code == 0  # type: ignore[operator]
    earlier = snapshot(notes_dir)
    commands = {
        NEW: ["add", *sources],
        FORCE: ["add", str(replacing), "--title", "Episode number 1000", "--force"],
        EXPORT: ["export", "--all", "--out-dir", str(out), "--format", "json"],
        EXPORT_FORCE: ["export", "--all", "--out-dir", str(out), "--format", "json", "--force"],
    }
    monkeypatch.setattr(*target, _fail(code))
    for run in runs:
        result = cli(*commands[run])  # type: ignore[operator]
        assert result.exit_code == 2, (run, result.stdout, result.stderr)
        errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
        assert errors, result.stderr
        assert any(message in line for line in errors), result.stderr
        assert all(message in line or "exists" in line for line in errors), result.stderr
        assert "Traceback" not in result.stderr
        assert snapshot(notes_dir) == earlier  # nothing changed, no temporary file left
        assert snapshot(out) == exported
