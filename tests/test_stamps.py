"""The full check's stat pass (index.stamps) and its digest: an unchanged folder is checked
without reading the index's rows, and every change still makes the rows be compared."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from array import array
from pathlib import Path
from typing import Any

import pytest

from podnotes.index import FILENAME, FOLDER, Index, stamps
from podnotes.index.names import LISTING_NAME
from podnotes.index.stamps import Stamps, changes, digest_of, keep_listing, read_listing, scan
from podnotes.index.sync import DIGEST_KEY, Sync
from podnotes.model import Episode, Source
from podnotes.store import Library


@pytest.fixture(autouse=True)
def always_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every open is a full check (the interval is forced to zero)."""
    monkeypatch.setenv("PODNOTES_INDEX_CHECK_SECONDS", "0")


def settle() -> None:
    time.sleep(0.15)  # past the racy window, after which a stat is trusted


def make(title: str, takeaway: str, sha: str) -> Episode:
    return Episode(title=title, takeaways=(takeaway,), source=Source("markdown", "x", sha * 64))


@pytest.fixture
def library(notes_dir: Path) -> Library:
    library = Library(notes_dir)
    for n, word in enumerate(("Alpha", "Beta", "Gamma")):
        library.save(make(f"Note {n}", f"{word} takeaway.", "abc"[n]))
    Index.open(library).close()
    settle()
    Index.open(library).close()  # a full check with nothing too recent: the digest is kept
    return library


def digest(notes: Path) -> str | None:
    with sqlite3.connect(notes / FOLDER / FILENAME) as conn:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (DIGEST_KEY,)).fetchone()
    return None if row is None else str(row[0])


def rows_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time a check reads every row's stat."""
    calls: list[int] = []
    original = Sync._known

    def counted(self: Sync) -> dict[str, tuple[int, int, int, int]]:
        calls.append(1)
        return original(self)

    monkeypatch.setattr(Sync, "_known", counted)
    return calls


def test_an_unchanged_folder_is_checked_without_reading_rows(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert digest(library.root) is not None
    calls = rows_read(monkeypatch)
    refresh = Index.open(library, refresh=False).refresh()
    assert refresh.checked
    assert refresh.read == 0
    assert calls == []
    assert Index.open(library, refresh=False).refresh(full=True).read == 0  # forced: compared
    assert calls == [1]


def test_an_edit_keeping_size_and_mtime_is_still_found(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the ctime moves (an editor that puts the mtime back, same number of bytes): the
    digest differs, the rows are compared, the note is read again."""
    path = library.root / "note-1.yaml"
    before = path.stat()
    text = path.read_text()
    assert "Beta takeaway." in text
    path.write_text(text.replace("Beta takeaway.", "Zeta takeaway."))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    calls = rows_read(monkeypatch)
    index = Index.open(library)
    assert calls == [1]  # changed just now: too recent for a digest, every row is compared
    groups = {episode.slug: items for episode, items in index.takeaway_groups()}
    assert groups["note-1"] == ["Zeta takeaway."]


def test_a_note_replaced_by_rename_is_found_whatever_the_digest(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older file renamed onto a note (an editor's or a sync tool's hidden temporary file)
    moves the folder's mtime; on a file system where the rename keeps the file's ctime, with
    that ctime equal to the replaced note's, the digest comes out as before: the rows are still
    compared, and the new inode tells."""
    path = library.root / "note-1.yaml"
    hidden = library.root / ".note-1.yaml.tmp"
    hidden.write_text(path.read_text().replace("Beta takeaway.", "Zeta takeaway."))
    settle()
    kept = digest(library.root)
    assert kept is not None
    hidden.rename(path)
    original = scan

    def same_digest(*args: Any, **kwargs: Any) -> Stamps:
        return original(*args, **kwargs)._replace(digest=kept)

    monkeypatch.setattr("podnotes.index.sync.scan", same_digest)
    index = Index.open(library)
    groups = {episode.slug: items for episode, items in index.takeaway_groups()}
    assert groups["note-1"] == ["Zeta takeaway."]


def test_a_folder_that_cannot_be_read_vouches_for_nothing(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that cannot be opened for one check (its permissions, a network error) is no
    empty folder: no digest of "no notes" and no empty listing are kept, and an edit in place
    made after it is still seen."""
    root = library.root
    real_open = os.open

    def failing(path: Any, *args: Any, **kwargs: Any) -> int:
        if Path(path) == root:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(os, "open", failing)
        Index.open(library).close()
    assert digest(root) is None
    assert kept_listing(root)[0] != ""
    path = root / "note-1.yaml"
    before = path.stat()
    path.write_text(path.read_text().replace("Beta takeaway.", "Zeta takeaway."))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    settle()
    groups = {episode.slug: items for episode, items in Index.open(library).takeaway_groups()}
    assert groups["note-1"] == ["Zeta takeaway."]


def test_a_name_that_is_not_utf8_is_no_note(
    library: Library, cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A file whose name the file system holds in another encoding (Latin-1, copied from an
    old disk) cannot be kept in the index, which keeps names as text: it is no note, for the
    store, every listing of the index and the early child alike, and no command fails on it."""
    from podnotes.store import is_note_name

    root = library.root
    odd = os.fsencode(root) + b"/caf\xe9.yaml"
    with open(odd, "wb") as handle:
        handle.write((root / "note-1.yaml").read_bytes())
    name = os.fsdecode(b"caf\xe9.yaml")
    assert not is_note_name(name)
    assert not stamps._is_note(name)
    assert is_note_name("café.yaml")
    assert stamps._is_note("café.yaml")
    assert [p.name for p in library.paths()] == ["note-0.yaml", "note-1.yaml", "note-2.yaml"]
    settle()
    listed = scan(root, time.time_ns())
    assert listed.names == stamps.scan_inodes(root)[0]
    assert name not in listed.names
    monkeypatch.chdir(tmp_path)  # digest_of moves into the notes folder
    assert digest_of(root, time.time_ns(), None)[:2] == (listed.digest, listed.listing)
    result = cli("--notes-dir", str(root), "search", "Beta")
    assert result.exit_code == 0, result.output
    assert "note-1" in result.output


def test_added_removed_and_renamed_notes_change_the_digest(library: Library) -> None:
    root = library.root
    first = scan(root, time.time_ns()).digest
    assert first is not None
    assert first == scan(root, time.time_ns()).digest
    (root / "note-2.yaml").rename(root / "note-9.yaml")
    renamed = scan(root, time.time_ns()).digest
    (root / "note-9.yaml").unlink()
    removed = scan(root, time.time_ns()).digest
    assert len({first, renamed, removed}) == 3


def test_a_note_changed_too_recently_leaves_no_digest(library: Library) -> None:
    """A note changed within the racy window may change again unseen in the same clock tick:
    the next full check compares rows again, and only a settled one is vouched for."""
    library.save(make("Note 3", "Delta takeaway.", "d"))
    Index.open(library).close()
    assert digest(library.root) is None
    settle()
    Index.open(library).close()
    assert digest(library.root) is not None
    assert scan(library.root, racy_from_ns=0).digest is None


def test_what_is_no_regular_file_is_no_note(library: Library) -> None:
    root = library.root
    (root / "folder.yaml").mkdir()
    (root / "link.yaml").symlink_to(root / "note-0.yaml")
    (root / ".hidden.yaml").write_text("title: Hidden\n")
    stamps = scan(root, time.time_ns())
    assert sorted(stamps.stats()) == ["note-0.yaml", "note-1.yaml", "note-2.yaml"]
    known = dict(stamps.stats())
    known["link.yaml"] = (1, 2, 3, 4)  # a row for a note since replaced by a link
    changed, gone = changes(stamps, known)
    assert (changed, gone) == ([], ["link.yaml"])


def test_without_a_folder_descriptor_the_same_stats_and_no_digest(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = scan(library.root, time.time_ns()).stats()
    monkeypatch.setattr(os, "supports_dir_fd", set())
    slow = scan(library.root, time.time_ns())
    assert slow.stats() == expected
    assert slow.digest is None


def test_a_missing_folder_has_no_notes(tmp_path: Path) -> None:
    stamps = scan(tmp_path / "missing", time.time_ns())
    assert stamps.names == []
    assert stamps.stats() == {}


def same(a: Stamps, b: Stamps) -> bool:
    return (a.names, list(a.numbers), a.digest) == (b.names, list(b.numbers), b.digest)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the split pass forks")
@pytest.mark.parametrize("split_from", [2, 20_000])
def test_the_early_childs_digest_is_the_full_passs(
    library: Library, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, split_from: int
) -> None:
    """digest_of (index.early's child, half the notes stat'ed by a forked process from
    SPLIT_FROM notes on) gives scan's digest, and None when it cannot vouch for the notes: a
    name gone since the listing, a change too recent, the forked process failing."""
    monkeypatch.setattr(stamps, "SPLIT_FROM", split_from)
    monkeypatch.chdir(tmp_path)  # digest_of moves into the notes folder; put back after
    for n in range(3, 8):
        library.save(make(f"Note {n}", f"Word{n} takeaway.", "0123456789"[n]))
    settle()
    now = time.time_ns()
    whole = scan(library.root, now)
    assert len(whole.names) == 8
    assert whole.digest is not None
    listed = digest_of(library.root, now, None)  # it lists, and gives every note's numbers
    assert listed[:2] == (whole.digest, whole.listing)
    assert listed.numbers is not None
    stats = whole.stats()
    ctimes, inodes = listed.numbers
    numbers = [(stats[n][2], stats[n][3]) for n in whole.names]
    assert list(zip(ctimes, inodes, strict=True)) == numbers
    assert digest_of(library.root, now, whole.listing) == (whole.digest, None, None)
    too_recent = digest_of(library.root, time.time_ns() - 10**12, whole.listing)
    assert too_recent == (None, None, None)
    for gone in (whole.names[0], whole.names[-1]):
        stale = "/".join([*whole.names, f"x{gone}"]).encode()
        assert digest_of(library.root, now, stale) == (None, None, None)

    # the forked process fails on the parts it takes: with them missing, no digest; this
    # process takes one part, so that the others are left to it
    original, caller = stamps._take_parts, os.getpid()

    def one_here_failing_there(
        tasks: int, listing: bytes, spans: list[tuple[int, int]], *, numbers: bool = False
    ) -> Any:
        if os.getpid() != caller:
            raise OverflowError("a number too large, in the forked process only")
        taken = os.read(tasks, 1)
        ctimes = stamps._ctimes(listing[slice(*spans[taken[0]])])
        return {taken[0]: (b"", max(ctimes), b"")}

    monkeypatch.setattr(stamps, "_take_parts", one_here_failing_there)
    expected = None if split_from == 2 else whole.digest
    assert digest_of(library.root, now, whole.listing) == (expected, None, None)
    monkeypatch.setattr(stamps, "_take_parts", original)


def test_the_listing_is_cut_into_parts_at_names() -> None:
    names = [f"note-{n}.yaml".encode() for n in range(100)]
    listing = b"/".join(names)
    spans = stamps._spans(listing)
    assert len(spans) == stamps.PARTS
    parts = [listing[start:end] for start, end in spans]
    assert b"/".join(parts) == listing
    assert all(parts)
    assert stamps._spans(b"one.yaml") == [(0, 8)]
    assert stamps._spans(b"") == []


def kept_listing(notes: Path) -> tuple[str | None, str | None]:
    """(the listing kept beside the index, the folder mtime it is kept for)."""
    try:
        head, _, names = (notes / FOLDER / LISTING_NAME).read_bytes().partition(b"\n")
    except FileNotFoundError:
        return None, None
    return names.decode(), head.split()[0].decode()


def test_a_listing_saves_listing_and_gives_the_same_pass(library: Library) -> None:
    listed = scan(library.root, racy_from_ns=time.time_ns())
    assert listed.listing == "/".join(listed.names).encode()
    given = scan(library.root, racy_from_ns=time.time_ns(), listing=listed.listing)
    assert given.listing is None  # nothing listed
    assert same(given, listed)
    assert given.digest == listed.digest is not None
    # the listing decides which files are stat'ed, in which order
    order = "/".join(reversed(listed.names)).encode()
    reordered = scan(library.root, racy_from_ns=time.time_ns(), listing=order)
    assert reordered.names == list(reversed(listed.names))
    assert reordered.digest != listed.digest


def test_a_listing_with_a_name_gone_is_no_listing(library: Library) -> None:
    listed = scan(library.root, racy_from_ns=time.time_ns())
    assert listed.listing is not None
    (library.root / "note-1.yaml").unlink()
    again = scan(library.root, racy_from_ns=time.time_ns(), listing=listed.listing)
    assert sorted(again.names) == ["note-0.yaml", "note-2.yaml"]
    assert again.listing is not None  # the folder was listed


def test_the_index_keeps_the_listing_of_a_settled_folder_only(library: Library) -> None:
    listing, mtime = kept_listing(library.root)
    assert listing is not None
    assert sorted(listing.split("/")) == ["note-0.yaml", "note-1.yaml", "note-2.yaml"]
    assert mtime == str(library.root.stat().st_mtime_ns)
    library.save(make("Note 3", "Delta takeaway.", "d"))
    Index.open(library).close()  # the folder changed just now: its names may change unseen
    assert kept_listing(library.root) == (listing, mtime)
    settle()
    Index.open(library).close()
    listing, mtime = kept_listing(library.root)
    assert listing is not None
    assert "note-3.yaml" in listing.split("/")
    assert mtime == str(library.root.stat().st_mtime_ns)


def test_a_full_check_with_a_listing_kept_does_not_list(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    listings: list[int] = []
    original = stamps._stat_all

    def counted(root: Path, listing: list[str] | None) -> Any:
        listings.extend([1] if listing is None else [])
        return original(root, listing)

    monkeypatch.setattr(stamps, "_stat_all", counted)
    assert Index.open(library, refresh=False).refresh().checked
    assert listings == []
    assert Index.open(library, refresh=False).refresh(full=True).checked  # `podnotes index`
    assert listings == [1]


def test_a_listing_is_read_only_for_its_folder_mtime_and_whole(library: Library) -> None:
    root = library.root
    mtime = root.stat().st_mtime_ns
    listing, kept_for = kept_listing(root)
    assert listing is not None
    assert kept_for == str(mtime)
    assert read_listing(root, mtime) == listing.encode()
    assert read_listing(root, mtime + 1) is None  # the folder changed since
    path = root / FOLDER / LISTING_NAME
    whole = path.read_bytes()
    for damaged in (whole[:-12], whole.replace(b" ", b"x", 1), b"", b"\n" + whole):
        path.write_bytes(damaged)  # cut short, or a head that does not read
        assert read_listing(root, mtime) is None
    keep_listing(root, b"", mtime)
    assert read_listing(root, mtime) == b""  # an empty folder keeps an empty listing
    keep_listing(root, listing.encode(), mtime)
    assert read_listing(root, mtime) == listing.encode()


def test_no_listing_is_kept_for_an_index_in_memory(tmp_path: Path) -> None:
    notes = tmp_path / "missing"
    Index.open(Library(notes)).close()  # reading creates no notes folder, and no listing
    assert not notes.exists()


def test_a_note_dated_in_the_future_still_gives_a_digest(library: Library) -> None:
    """Only the ctime, which the kernel sets at each change, tells a change too recent: an
    mtime set ahead (touch -d tomorrow) does not keep every check from vouching."""
    note = library.root / "note-0.yaml"
    ahead = time.time_ns() + 24 * 3600 * 10**9
    os.utime(note, ns=(ahead, ahead))
    settle()
    assert scan(library.root, racy_from_ns=time.time_ns() - stamps.RACY_NS).digest is not None
    assert scan(library.root, racy_from_ns=note.stat().st_ctime_ns).digest is None


HALF_FAILS = """
import os, sys
from array import array
from pathlib import Path
from podnotes.index import stamps

caller, original = os.getpid(), stamps._ctimes

def ctimes(names):
    if os.getpid() == caller:
        raise FileNotFoundError("a note gone from this process's half")
    return array("q", [0] * 500_000)  # the other process: its parts hashed and sent

stamps._ctimes = ctimes
stamps.SPLIT_FROM = 1
print(stamps.digest_of(Path(sys.argv[1]), 0, b"a.yaml/b.yaml/c.yaml"))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the split pass forks")
def test_a_failed_half_gives_no_digest_and_never_hangs(tmp_path: Path) -> None:
    """When this process's half fails, the other's numbers are never read: it must stop at
    once (its pipe closed), not wait forever for a reader while it is waited for."""
    result = subprocess.run(
        [sys.executable, "-c", HALF_FAILS, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Pass(digest=None, listing=None, numbers=None)"


NAMES = "0123456789defghijklmnopqrstuvwxyz"  # a sha for each note, none of the fixture's


def test_notes_are_stat_ed_in_inode_order(library: Library, tmp_path: Path) -> None:
    """Every listing (a full pass's own, the early child's, a moved folder's) is in inode
    order, the order in which stat'ing costs least, and the kept listing keeps it."""
    for n in range(3, 24):
        library.save(make(f"Note {n}", f"Word{n} takeaway.", NAMES[n]))
    settle()
    root = library.root
    listed = scan(root, time.time_ns())
    assert listed.digest is not None
    inodes = [(root / name).stat().st_ino for name in listed.names]
    assert len(inodes) == 24
    assert inodes == sorted(inodes)
    assert stamps.scan_inodes(root)[0] == listed.names
    cwd = Path.cwd()
    try:
        assert digest_of(root, time.time_ns(), None)[:2] == (listed.digest, listed.listing)
    finally:
        os.chdir(cwd)
    Index.open(library, refresh=False).refresh(full=True)
    assert kept_listing(root)[0] == "/".join(listed.names)


def test_an_edit_in_place_is_compared_by_the_part_that_holds_it(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two digests of one listing tell which parts of it differ: after an edit in place (the
    folder's names unchanged) only the notes of that part are stat'ed again and compared with
    their rows; a note deleted with the folder's mtime put back is still found gone."""
    for n in range(3, 40):
        library.save(make(f"Note {n}", f"Word{n} takeaway.", NAMES[n % len(NAMES)] + str(n)))
    settle()
    Index.open(library).close()
    settle()
    Index.open(library).close()
    root = library.root
    kept = digest(root)
    assert kept is not None
    listing = read_listing(root, root.stat().st_mtime_ns)
    assert listing is not None
    assert stamps.changed_parts(kept, kept, listing) == []
    path = root / "note-17.yaml"
    folder = root.stat()
    path.write_text(path.read_text().replace("Word17 takeaway.", "Edited takeaway."))
    settle()
    now = scan(root, time.time_ns())
    assert now.digest is not None
    names = stamps.changed_parts(kept, now.digest, listing)
    assert names is not None
    assert "note-17.yaml" in names
    assert 0 < len(names) < 40 // 4  # one part of the listing, not every note
    assert stamps.changed_parts(kept, now.digest, listing + b"/extra.yaml") is None
    assert stamps.changed_parts(kept[:-64], now.digest, listing) is None

    compared: list[list[str]] = []
    original = Sync._compare

    def counted(self: Sync, names: list[str]) -> tuple[list[str], list[str]]:
        compared.append(names)
        return original(self, names)

    monkeypatch.setattr(Sync, "_compare", counted)
    calls = rows_read(monkeypatch)
    refresh = Index.open(library, refresh=False).refresh()
    assert (refresh.read, calls, compared) == (1, [], [names])
    groups = {episode.slug: items for episode, items in Index.open(library).takeaway_groups()}
    assert groups["note-17"] == ["Edited takeaway."]

    (root / "note-17.yaml").unlink()  # gone, and the folder's mtime put back
    os.utime(root, ns=(folder.st_atime_ns, folder.st_mtime_ns))
    settle()
    index = Index.open(library)
    assert "note-17" not in {episode.slug for episode, _ in index.takeaway_groups()}


def test_a_time_in_whole_seconds_stays_too_recent_for_two_seconds_more() -> None:
    """On a file system that keeps whole seconds (HFS+, FAT), a note changed again within the
    same second keeps its ctime: such a time vouches for nothing until 2 s later than others."""
    now = time.time_ns()
    whole = now // 10**9 * 10**9 - 10**9  # 1-2 s ago, in whole seconds
    fraction = whole + 1  # the same moment, to the nanosecond
    racy_from = now - stamps.RACY_NS
    assert stamps.racy(whole, racy_from)
    assert not stamps.racy(fraction, racy_from)
    assert not stamps.racy(whole - stamps.WHOLE_SECONDS_NS, racy_from)
    assert stamps._digest(array("q", [fraction]), b"a.yaml", racy_from) is not None
    assert stamps._digest(array("q", [whole]), b"a.yaml", racy_from) is None
    assert stamps._digest(array("q", [whole - 3 * 10**9]), b"a.yaml", racy_from) is not None
