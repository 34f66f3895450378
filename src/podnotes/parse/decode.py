"""Bytes -> text: the one place that decides what an input file says."""

from __future__ import annotations

import codecs
import re

from podnotes.errors import InputError
from podnotes.settings import MAX_FILE_BYTES

MAX_INPUT_BYTES = MAX_FILE_BYTES  # an input is refused above it (settings: the one limit)

# C0 controls other than tab and line ends: a text file has none of these in quantity.
_BINARY_CONTROLS = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# A well-formed UTF-8 sequence of two to four bytes: Windows-1252 text almost never holds one.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_ASK = "name the encoding with --encoding"


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode input bytes: BOMs first, then UTF-8, then Windows-1252; refuse binary data."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"{name}: {len(data):,} bytes is more than the {MAX_INPUT_BYTES:,}-byte input limit"
        )
    if encoding:
        try:
            codecs.lookup(encoding)
            return _normalize(data.decode(encoding))
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        except UnicodeError as err:
            start = getattr(err, "start", 0)
            raise InputError(f"{name}: not valid {encoding} at byte offset {start}") from None
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _normalize(data.decode(codec))
            except UnicodeDecodeError as err:
                raise InputError(f"{name}: not valid {codec} at byte offset {err.start}") from None
    head = data[:8192]
    controls = _BINARY_CONTROLS.findall(head)
    if b"\x00" in head or len(controls) > 8:
        offset = head.find(b"\x00") if b"\x00" in head else head.find(controls[0])
        raise InputError(
            f"{name}: looks like a binary file, not text (byte 0x{head[offset]:02x} at byte "
            f"offset {offset}); if it is text, {_ASK}"
        )
    try:
        return _normalize(data.decode("utf-8"))
    except UnicodeDecodeError as utf8_error:
        offset = utf8_error.start
    if _UTF8_MULTIBYTE.search(data):
        # Mostly UTF-8 with a damaged byte: reading it all as Windows-1252 would garble the rest.
        raise InputError(f"{name}: not valid UTF-8 at byte offset {offset}; {_ASK}")
    try:
        # Windows-1252 leaves five bytes undefined; anything else is a plausible text file.
        return _normalize(data.decode("cp1252"))
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: neither UTF-8 (byte offset {offset}) nor Windows-1252 (byte offset "
            f"{err.start}); {_ASK}"
        ) from None


def _normalize(text: str) -> str:
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return _undouble(text) if "ðŸ" in text or "â€" in text else text


# Windows-1252's characters above U+00FF, back to the bytes they stand for.
_CP1252_BYTES = {
    bytes([b]).decode("cp1252"): b
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def _undouble(text: str) -> str:
    """UTF-8 read as Windows-1252 and saved again as UTF-8 ('ðŸŽ§' for '🎧', 'â€™' for '’'),
    as some synced vault files are: the original text when every character maps back to a
    byte and the bytes are UTF-8; else the text as it is."""
    out = bytearray()
    for char in text:
        code = ord(char)
        if code < 0x100:
            out.append(code)
        elif char in _CP1252_BYTES:
            out.append(_CP1252_BYTES[char])
        else:
            return text
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        return text
