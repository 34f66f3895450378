"""Item 2: encodings. UTF-8 with and without BOM, UTF-16 with BOM, CRLF and lone CR line ends
and Windows-1252 are decoded correctly; anything else is refused with the file name and the
byte offset; --encoding forces one."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from podnotes.errors import InputError
from podnotes.parse import parse_bytes
from podnotes.parse.decode import decode
from tests.safety.conftest import podnotes

TEXT = "## Summary\nCafé “quoted” — naïve façade, 5 €.\n\n## Key takeaways\n- Über Straße\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.replace("\n", "\r\n").encode("utf-16-le"),
        TEXT.encode("cp1252"),
        TEXT.replace("\n", "\r\n").encode("cp1252"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "crlf",
        "cr",
        "utf16-crlf",
        "1252",
        "1252-crlf",
    ],
)
def test_decoded_correctly(data: bytes) -> None:
    assert decode(data, "notes.md") == TEXT
    episode = parse_bytes(data, name="notes.md")
    assert episode.summary == "Café “quoted” — naïve façade, 5 €."
    assert episode.takeaways == ("Über Straße",)


def offset_in(message: str) -> int:
    match = re.search(r"byte offset (\d+)", message)
    assert match, message
    return int(match.group(1))


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        # UTF-8 with one damaged byte: not silently re-read as Windows-1252 mojibake.
        ("Café ok\n".encode() + b"bad \xff here " + "naïve".encode(), 13),
        # A lone surrogate written as UTF-8 bytes.
        (b"Title\n" + "é".encode() + b"\xed\xa0\x80", 8),
        # Bytes Windows-1252 leaves undefined, in text that is not UTF-8 either.
        (b"caf\xe9 \x81\x8d", 3),
        # UTF-16 with a BOM and an unpaired surrogate.
        (codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8", 6),
        # UTF-16 without a BOM looks binary: the first NUL is named.
        ("Hello".encode("utf-16-le"), 1),
        (b"text \x00\x01\x02 binary", 5),
    ],
    ids=[
        "utf8-damaged",
        "lone-surrogate",
        "1252-undefined",
        "utf16-surrogate",
        "utf16-no-bom",
        "nul",
    ],
)
def test_refused_with_file_and_offset(data: bytes, offset: int) -> None:
    with pytest.raises(InputError) as caught:
        decode(data, "inbox/notes.md")
    message = str(caught.value)
    assert message.startswith("inbox/notes.md: ")
    assert offset_in(message) == offset


def test_cli_refusal_is_one_line_naming_the_file(tmp_path: Path) -> None:
    source = tmp_path / "broken.md"
    source.write_bytes("## Summary\nnaïve ".encode() + b"\xff\xfe oops")
    result = podnotes("parse", str(source))
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1, lines
    assert str(source) in lines[0]
    assert "byte offset 18" in lines[0]
    assert "--encoding" in lines[0]


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("utf-16-le", TEXT.encode("utf-16-le")),
        (
            "latin-1",
            TEXT.replace("“", '"')
            .replace("”", '"')
            .replace("—", "-")
            .replace("€", "E")
            .encode("latin-1"),
        ),
        ("cp1252", TEXT.encode("cp1252")),
        ("utf-8", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
        ("mac-roman", TEXT.replace("€", "E").encode("mac-roman")),
    ],
)
def test_encoding_option_forces_one(tmp_path: Path, encoding: str, data: bytes) -> None:
    source = tmp_path / "notes.md"
    source.write_bytes(data)
    result = podnotes("parse", str(source), "--encoding", encoding)
    assert result.returncode == 0, result.stderr
    assert "summary: |-\n  Caf" in result.stdout.decode()
    assert "\ufeff" not in result.stdout.decode()


def test_encoding_option_refusals(tmp_path: Path) -> None:
    source = tmp_path / "notes.md"
    source.write_bytes(b"## Summary\nabc \xff def\n")
    wrong = podnotes("parse", str(source), "--encoding", "utf-8")
    assert wrong.returncode == 2
    assert f"{source}: not valid utf-8 at byte offset 15" in wrong.stderr.decode()
    unknown = podnotes("parse", str(source), "--encoding", "klingon")
    assert unknown.returncode == 2
    assert "unknown encoding 'klingon'" in unknown.stderr.decode()
    not_text = podnotes("parse", str(source), "--encoding", "rot13")
    assert not_text.returncode == 2
    assert b"Traceback" not in not_text.stderr
