"""The full check a command starts first (index.early), with real processes: its answer is the
stat pass the command would have made, for the folder the command opens and no other; nothing
is started for commands that do not read the index or when no full check is due; a killed
child or command harms nothing and leaves no process behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from podnotes.index import early
from podnotes.index.stamps import SUFFIX
from podnotes.model import Episode, Source
from podnotes.store import SUFFIX as STORE_SUFFIX
from podnotes.store import Library
from tests.test_stamps import digest, settle

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the early check forks")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["search", "otters"], ("search", None)),
        (["--notes-dir", "lib", "search", "x"], ("search", "lib")),
        (["search", "x", "--notes-dir=lib"], ("search", "lib")),
        (["--color", "never", "list"], ("list", None)),
        (["--debug", "show", "ep", "--notes-dir", "a"], ("show", "a")),
        (["search", "list"], ("search", None)),  # the first word is the command
        (["add", "--", "--notes-dir", "x"], ("add", None)),  # after --: an argument
        (["--notes-dir"], (None, None)),
        ([], (None, None)),
    ],
)
def test_guess_reads_the_command_and_folder(
    argv: list[str], expected: tuple[str | None, str | None]
) -> None:
    assert early.guess(argv) == expected


def test_no_child_for_a_command_that_does_not_read_the_index() -> None:
    for argv in (["add", "x.txt"], ["--help"], ["index", "--watch"], ["show", "ep"], []):
        early.start(argv)
        assert early._child is None  # nothing forked
    assert early.take(Path(".")) is None


def test_suffix_is_the_stores() -> None:
    assert SUFFIX == STORE_SUFFIX


@pytest.fixture
def library(notes_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from podnotes.index import Index

    monkeypatch.setenv("PODNOTES_INDEX_CHECK_SECONDS", "0")  # every open is a full check
    store = Library(notes_dir)
    for n, word in enumerate(("Alpha", "Beta", "Gamma")):
        episode = Episode(
            title=f"Note {n}",
            takeaways=(f"{word} takeaway.",),
            source=Source("markdown", "x", "abc"[n] * 64),
        )
        store.save(episode)
    Index.open(store).close()
    settle()
    Index.open(store).close()  # a full check with nothing too recent: the digest is kept
    assert digest(notes_dir) is not None
    return notes_dir


def run(script: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """A Python process that starts the early check first, as `podnotes` does."""
    code = "import sys\nfrom podnotes.index import early\n" + textwrap.dedent(script)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def spaced(folder: Path, **more: str) -> dict[str, str]:
    """A full check is due at every command."""
    env = {**os.environ, "PODNOTES_DIR": str(folder), "PODNOTES_INDEX_CHECK_SECONDS": "0"}
    return {**env, **more}


TAKE = """
    from pathlib import Path
    early.start(sys.argv[1:])
    answer = early.take(Path(sys.argv[-1]))
    if answer is not None and answer.listing is not None:  # the names, as bytes: as text here
        answer = answer._replace(listing=answer.listing.decode())
    if answer is not None and answer.numbers is not None:  # arrays, as lists here
        answer = answer._replace(numbers=[list(column) for column in answer.numbers])
    print(json.dumps(answer))
"""


def take(env: dict[str, str], *argv: str) -> list[object] | None:
    result = run("import json\n" + textwrap.dedent(TAKE), env, *argv)
    assert result.returncode == 0, result.stderr
    answer: list[object] | None = json.loads(result.stdout)
    return answer


def test_the_answer_is_the_digest_of_the_commands_folder(library: Path, tmp_path: Path) -> None:
    before = time.time_ns()
    answer = take(spaced(library), "search", "x", str(library))
    assert answer is not None
    started, found, listed, numbers = answer
    assert isinstance(started, int)
    assert before <= started <= time.time_ns()
    assert found == digest(library)
    assert (listed, numbers) == (None, None)  # the names kept at its mtime: not listed again
    # --notes-dir names another folder than $PODNOTES_DIR: the child checks the option's
    other = take(spaced(tmp_path), "--notes-dir", str(library), "list", str(library))
    assert other is not None
    assert other[1] == digest(library)
    # a refresh of another folder (the guess was wrong) gets nothing
    assert take(spaced(library), "search", "x", str(tmp_path)) is None


def test_nothing_when_no_full_check_is_due(library: Path) -> None:
    env = spaced(library, PODNOTES_INDEX_CHECK_SECONDS="3600")
    assert take(env, "search", "x", str(library)) is None


def test_nothing_when_no_index_exists(notes_dir: Path) -> None:
    Library(notes_dir).save(Episode(title="Lonely", takeaways=("One.",)))
    assert take(spaced(notes_dir), "search", "x", str(notes_dir)) is None


COUNTED = """
    from podnotes.index import stamps, sync
    early.start(sys.argv[1:])
    scans = []
    original = stamps.scan

    def counted(*args, **kwargs):
        scans.append(1)
        return original(*args, **kwargs)

    sync.scan = counted
    from podnotes.cli import main
    try:
        main()
    finally:
        print(len(scans), file=sys.stderr)
"""


def search(env: dict[str, str], word: str) -> tuple[list[str], int]:
    """(the episodes found, how many stat passes the command made itself)."""
    result = run(COUNTED, env, "search", "--exact", "-i", word, "--json")
    assert result.returncode in (0, 1), result.stderr
    found = sorted({hit["episode"] for hit in json.loads(result.stdout or "[]")})
    return found, int(result.stderr.split()[-1])


def test_a_command_answers_from_the_first_pass_and_sees_an_edit(library: Path) -> None:
    env = spaced(library)
    assert search(env, "beta") == (["note-1"], 0)  # the child's pass, none of its own
    note = library / "note-1.yaml"
    folder = library.stat()
    text = note.read_text().replace("Beta", "Delta")
    with note.open("r+") as handle:  # an edit in place, the folder's mtime put back
        handle.write(text)
        handle.truncate()
    os.utime(library, ns=(folder.st_atime_ns, folder.st_mtime_ns))
    settle()
    found, passes = search(env, "delta")
    assert found == ["note-1"]
    assert passes == 0  # the digests differ in one part: only its notes are stat'ed again
    settle()
    assert search(env, "delta") == (["note-1"], 0)


def test_a_moved_folder_is_compared_with_the_childs_numbers(library: Path) -> None:
    """Since the last check a note was added and another edited in place (the folder moved):
    the command compares every row with the ctimes and inode numbers the child sends, makes no
    pass of its own, and sees both; then a note replaced by rename and one deleted."""
    env = spaced(library)
    note = library / "note-1.yaml"
    note.write_text(note.read_text().replace("Beta", "Delta"))
    added = (library / "note-0.yaml").read_text().replace("Alpha", "Epsilon")
    (library / "note-3.yaml").write_text(added)
    settle()
    assert search(env, "delta") == (["note-1"], 0)
    assert search(env, "epsilon") == (["note-3"], 0)
    swap = library / ".note-2.yaml.tmp"
    swap.write_text((library / "note-2.yaml").read_text().replace("Gamma", "Zeta"))
    os.replace(swap, library / "note-2.yaml")
    (library / "note-0.yaml").unlink()
    settle()
    assert search(env, "zeta") == (["note-2"], 0)
    assert search(env, "alpha") == ([], 0)


def test_a_child_lists_a_changed_folder_and_the_command_keeps_the_names(library: Path) -> None:
    env = spaced(library)
    (library / "note-1.yaml").rename(library / "renamed.yaml")
    settle()
    answer = take(env, "search", "x", str(library))
    assert answer is not None
    assert isinstance(answer[2], str)
    assert sorted(answer[2].split("/")) == ["note-0.yaml", "note-2.yaml", "renamed.yaml"]
    numbers = answer[3]  # with the names, each one's ctime and inode number
    assert isinstance(numbers, list)
    ctimes, inodes = numbers
    names = answer[2].split("/")
    assert inodes == [(library / name).stat().st_ino for name in names]
    assert ctimes == [(library / name).stat().st_ctime_ns for name in names]
    # a moved folder: every row compared, with the child's numbers, and no pass of its own
    assert search(env, "beta") == (["renamed"], 0)
    settle()
    assert search(env, "beta") == (["renamed"], 0)
    answer = take(env, "search", "x", str(library))
    assert answer is not None
    assert answer[2] is None  # the names were kept: the child stats them without listing


def test_a_folder_mtime_put_back_hides_no_rename_and_no_addition_from_index(
    library: Path,
) -> None:
    env = spaced(library)
    assert search(env, "beta") == (["note-1"], 0)
    folder = library.stat()
    # a rename with the folder's mtime put back to the nanosecond (a backup tool's restore):
    # the names kept at that mtime say "note-1.yaml", which is gone, so the folder is listed
    (library / "note-1.yaml").rename(library / "moved.yaml")
    os.utime(library, ns=(folder.st_atime_ns, folder.st_mtime_ns))
    settle()
    assert search(env, "beta")[0] == ["moved"]
    # an addition so hidden is seen by `podnotes index`, whose check lists the folder
    (library / "late.yaml").write_text((library / "note-2.yaml").read_text())
    os.utime(library, ns=(folder.st_atime_ns, folder.st_mtime_ns))
    settle()
    result = run("from podnotes.cli import main\nmain()", env, "index")
    assert result.returncode == 0, result.stderr
    assert search(env, "gamma")[0] == ["late", "note-2"]


SETTLE = """
    from podnotes.index import Index
    from podnotes.store import Library
    early.start(sys.argv[1:])
    from pathlib import Path
    index = Index.open(Library(Path(sys.argv[-1])), wait=False)
    print(index.pending, index.settle(), index.pending)
"""


def test_an_index_opened_without_waiting_settles_as_current_or_not(library: Path) -> None:
    env = spaced(library)
    result = run(SETTLE, env, "search", "x", str(library))
    assert result.stdout.split() == ["True", "True", "False"], result.stderr  # as it stood
    note = library / "note-2.yaml"
    note.write_text(note.read_text().replace("Gamma", "Omega"))  # in place: the same inode
    settle()
    result = run(SETTLE, env, "search", "x", str(library))
    assert result.stdout.split() == ["True", "False", "False"]  # read again: ask again
    # a command whose early child is not for this folder (or not running) does not defer
    result = run(SETTLE, env, "add", "x", str(library))
    assert result.stdout.split() == ["False", "True", "False"]


KILLED_CHILD = """
    import os, signal
    early.start(sys.argv[1:])
    os.kill(early._child.pid, signal.SIGKILL)
    from podnotes.cli import main
    main()
"""


def test_a_killed_child_leaves_the_command_to_check_itself(library: Path) -> None:
    result = run(KILLED_CHILD, spaced(library), "search", "--exact", "Gamma", "--json")
    assert result.returncode == 0, result.stderr
    assert [hit["episode"] for hit in json.loads(result.stdout)] == ["note-2"]


KILLED_COMMAND = """
    early.start(sys.argv[1:])
    print(early._child.pid, flush=True)
    import time
    time.sleep(60)
"""


def test_a_killed_command_leaves_no_child(library: Path) -> None:
    code = "import sys\nfrom podnotes.index import early\n" + textwrap.dedent(KILLED_COMMAND)
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "search", "x"],
        env=spaced(library),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    child = int(proc.stdout.readline())
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)
    assert digest(library) is not None  # the index is as it was


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for init to reap it is not)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"
