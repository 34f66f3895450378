"""Item 8: limits. Input above 50 MB (files, pipes, devices, stdin, library files) is refused
with one clear line, without reading it all into memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from podnotes import importer, store
from podnotes.errors import InputError, SchemaError
from podnotes.parse.decode import MAX_INPUT_BYTES
from podnotes.settings import MAX_FILE_BYTES
from podnotes.yamlio import MAX_NOTE_BYTES
from tests.safety.conftest import podnotes

LIMIT = 50 * 1024 * 1024


def test_documented_limits() -> None:
    assert MAX_INPUT_BYTES == MAX_NOTE_BYTES == MAX_FILE_BYTES == LIMIT


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(LIMIT + 1)  # sparse
    result = podnotes("add", str(big))
    assert result.returncode == 2
    assert f"{big}: 52,428,801 bytes is more than the 52,428,800-byte input limit" in (
        result.stderr.decode()
    )


def test_an_endless_device_is_refused_not_slurped() -> None:
    """/dev/zero reports no size; reading stops one byte past the limit."""
    result = podnotes("parse", "/dev/zero", timeout=60)
    assert result.returncode == 2
    assert "/dev/zero: the input is more than the 52,428,800-byte input limit" in (
        result.stderr.decode()
    )


def test_stdin_over_the_limit(monkeypatch: pytest.MonkeyPatch, cli: object) -> None:
    monkeypatch.setattr(importer, "MAX_INPUT_BYTES", 1000)
    result = cli("parse", "-", input=b"## Summary\n" + b"x" * 2000)  # type: ignore[operator]
    assert result.exit_code == 2
    assert "-: the input is more than the 1,000-byte input limit" in result.stderr


def test_reads_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No input or note is ever read whole: every read asks for at most limit + 1 bytes."""
    monkeypatch.setattr(importer, "MAX_INPUT_BYTES", 100)
    monkeypatch.setattr(store, "MAX_NOTE_BYTES", 100)
    source = tmp_path / "in.md"
    source.write_text("## Summary\n" + "x" * 500)
    note = tmp_path / "note.yaml"
    note.write_text("schema: podnotes/1\ntitle: x\nsummary: " + "x" * 500)
    sizes: list[int] = []
    real_open = Path.open

    def spying_open(self: Path, *args: object, **kwargs: object) -> object:
        handle = real_open(self, *args, **kwargs)  # type: ignore[call-overload]
        real_read = handle.read

        class Spy:
            def __enter__(self) -> Spy:
                return self

            def __exit__(self, *exc: object) -> None:
                handle.close()

            def read(self, size: int = -1) -> bytes:
                sizes.append(size)
                return real_read(size)  # type: ignore[no-any-return]

        return Spy()

    monkeypatch.setattr(Path, "open", spying_open)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    monkeypatch.setattr(Path, "read_text", lambda self, **kw: pytest.fail("read whole"))
    with pytest.raises(InputError, match="more than the 100-byte input limit"):
        importer.read_input(str(source))
    with pytest.raises(SchemaError, match="larger than 100 bytes"):
        store.Library(tmp_path).load(note)
    assert sizes
    assert all(0 < s <= 101 for s in sizes)
