"""Bytes -> text: the one place that decides what an input file says."""

from __future__ import annotations

import codecs
import re

from podnotes.errors import InputError

MAX_INPUT_BYTES = 50 * 1024 * 1024

# C0 controls other than tab and line ends: a text file has none of these in quantity.
_BINARY_CONTROLS = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


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
        except UnicodeDecodeError as err:
            raise InputError(f"{name}: not valid {encoding} at byte offset {err.start}") from None
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
    if b"\x00" in data[:8192] or len(_BINARY_CONTROLS.findall(data[:8192])) > 8:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return _normalize(data.decode("utf-8"))
    except UnicodeDecodeError as utf8_error:
        try:
            # Windows-1252 leaves five bytes undefined; anything else is a plausible text file.
            return _normalize(data.decode("cp1252"))
        except UnicodeDecodeError:
            raise InputError(
                f"{name}: not UTF-8 (byte offset {utf8_error.start}) nor Windows-1252; "
                "name the encoding with --encoding"
            ) from None


def _normalize(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
