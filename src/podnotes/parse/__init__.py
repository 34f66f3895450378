"""Text -> Episode. `parse_bytes` is the entry point: decode, detect the shape, parse, finish."""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from podnotes.errors import ParseError
from podnotes.model import (
    Chapter,
    Episode,
    Source,
    clean_line,
    normalize_chapters,
    unique,
)
from podnotes.parse.chapters import read_chapter_file, split_chapters
from podnotes.parse.common import SECTION_LABELS, is_chrome_key, label_key
from podnotes.parse.decode import decode
from podnotes.parse.notes import Draft
from podnotes.parse.report import warn

__all__ = ["FORMATS", "detect_format", "parse_bytes", "parse_text", "read_chapter_file"]


# Format -> (module, function): a parser's module is imported only when its shape comes in.
FORMATS: dict[str, tuple[str, str]] = {
    "snipd-page": ("podnotes.parse.snipd_page", "parse_page"),
    "markdown": ("podnotes.parse.markdown", "parse_markdown"),
    "show-notes": ("podnotes.parse.shownotes", "parse_show_notes"),
}


def _parser(fmt: str) -> Callable[[str], Draft]:
    module, function = FORMATS[fmt]
    parser: Callable[[str], Draft] = getattr(importlib.import_module(module), function)
    return parser


# Bold at a line start marks Markdown unless it only wraps a timestamp ('**(00:45:10)**').
_MD_STRUCTURE = re.compile(
    r"^(?:---[ \t]*$|#{1,6}[ \t]|\\#|[ \t]*- #|(?:\*\*|__)(?![\d(\[])|> ?\[!|[\w -]+::)"
)


def detect_format(text: str) -> str:
    """Which parser fits: Markdown structure, the Snipd page's labels and chrome, or show notes."""
    return _detect(text)[0]


def _detect(text: str) -> tuple[str, list[str] | None]:
    """detect_format, and the lines of HTML show notes as text when it converted all of them
    (the first 2,000 lines are looked at), so that the show notes parser need not again."""
    lines = text.split("\n", 2000)[:2000]
    if any(_MD_STRUCTURE.match(line) for line in lines):
        return "markdown", None
    keys = (label_key(line) for line in lines)  # lazily: a page's labels come early
    if any(SECTION_LABELS.get(k) in {"takeaways", "deep_dives"} or is_chrome_key(k) for k in keys):
        return "snipd-page", None
    candidates, plain = lines, None
    if any("<" in line for line in lines):
        from podnotes.parse.shownotes import plain_lines  # a feed's HTML description

        whole = text.count("\n") < 2000  # then `lines` are all of it
        candidates = plain_lines(text if whole else "\n".join(lines))
        plain = candidates if whole else None
    _, chapters = split_chapters([line.strip() for line in candidates])
    if chapters:
        return "show-notes", plain
    if any(label_key(line) in SECTION_LABELS for line in lines):
        return "markdown", None
    raise ParseError(
        "no episode notes recognised: expected a Snipd page, a Markdown export "
        "or show notes with timestamped chapters"
    )


def parse_text(
    text: str,
    *,
    fmt: str | None = None,
    name: str = "-",
    sha256: str = "",
    chapters: tuple[Chapter, ...] = (),
    overrides: dict[str, Any] | None = None,
) -> Episode:
    """Parse decoded text into a validated Episode; ParseError when nothing is recognised."""
    draft = parse_draft(text, fmt=fmt, name=name, chapters=chapters)
    return finish(draft, name=name, sha256=sha256, chapters=chapters, overrides=overrides)


def parse_draft(
    text: str, *, fmt: str | None = None, name: str = "-", chapters: tuple[Chapter, ...] = ()
) -> Draft:
    """What the parser found, before the document is frozen (`parse --explain` reads it)."""
    if not text.strip():
        raise ParseError(f"{name}: the input is empty")
    if fmt in (None, "show-notes") and text.lstrip()[:1] in ("{", "["):
        from podnotes.parse.shownotes import chapter_json

        found = chapter_json(text, name)
        if found is not None:
            return found
    plain: list[str] | None = None  # HTML show notes as text, when detection converted them
    if fmt is None:
        try:
            fmt, plain = _detect(text)
        except ParseError:
            if not chapters:
                raise
            fmt = "show-notes"  # plain text beside a chapters file: the text is the notes
    if fmt not in FORMATS:
        raise ParseError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "markdown":
        _one_episode(text, name)
    try:
        draft = _parser(fmt)(text) if plain is None else _show_notes(plain)
    except RecursionError:
        raise ParseError(f"{name}: the input is nested too deeply to read") from None
    if draft.is_empty() and not chapters:
        raise ParseError(f"{name}: no episode notes recognised as {fmt}")
    return draft


def _show_notes(lines: list[str]) -> Draft:
    from podnotes.parse.shownotes import read_show_notes

    return read_show_notes(lines)


def _one_episode(text: str, name: str) -> None:
    """Refuse a file of several episodes (Snipd's 'Export all'): read as one, their snips and
    notes would merge into one garbled note. `podnotes add` and `parse_episodes` split it."""
    from podnotes.parse.split import split_export

    parts = split_export(text)
    if parts:
        raise ParseError(
            f"{name}: holds {len(parts)} episodes (Snipd's 'Export all' file); read it with "
            "podnotes.parse.split.parse_episodes (podnotes add and parse split it)"
        )


def parse_bytes(
    data: bytes,
    *,
    name: str = "-",
    fmt: str | None = None,
    encoding: str | None = None,
    chapters: tuple[Chapter, ...] = (),
    overrides: dict[str, Any] | None = None,
) -> Episode:
    text = decode(data, name, encoding)
    sha = hashlib.sha256(data).hexdigest()
    return parse_text(text, fmt=fmt, name=name, sha256=sha, chapters=chapters, overrides=overrides)


def finish(
    draft: Draft,
    *,
    name: str = "-",
    sha256: str = "",
    chapters: tuple[Chapter, ...] = (),
    overrides: dict[str, Any] | None = None,
) -> Episode:
    """The validated Episode of a draft: `overrides` (from options) win over what was found,
    `chapters` (from a chapters file) over the draft's."""
    given = {k: v for k, v in (overrides or {}).items() if v not in (None, "", ())}
    meta = {**draft.metadata, **given}
    if not meta.get("podcast") and (show := _snipd_folder_show(name)):
        meta["podcast"] = show
    for warning in draft.warnings:
        warn(f"{name}: {warning}")
    return Episode(
        title=clean_line(meta.get("title") or "") or derive_title(draft, name),
        **_metadata_fields(meta),
        summary=draft.summary,
        takeaways=tuple(draft.takeaways),
        deep_dives=tuple(d for d in draft.deep_dives if d.title or d.body),
        highlights=tuple(draft.highlights),
        chapters=normalize_chapters(list(chapters) or draft.chapters),
        episode_notes=draft.episode_notes,
        transcript=tuple(draft.transcript),
        source=Source(format=draft.format, file=PurePath(name).name or "-", sha256=sha256),
    )


def _metadata_fields(meta: dict[str, Any]) -> dict[str, Any]:
    duration = meta.get("duration")
    return {
        "podcast": clean_line(meta.get("podcast") or ""),
        "host": clean_line(meta.get("host") or ""),
        "guests": unique([clean_line(g) for g in meta.get("guests") or ()]),
        "published": meta.get("published"),
        "duration": duration if isinstance(duration, int) and duration >= 0 else None,
        "url": clean_line(meta.get("url") or ""),
        "tags": unique([clean_line(t) for t in meta.get("tags") or ()]),
        "books": unique([clean_line(b) for b in meta.get("books") or ()]),
    }


def _snipd_folder_show(name: str) -> str:
    """Snipd's plugin files its notes as Snipd/Data/<Show>/<Episode>.md: the show's name."""
    parts = PurePath(name.replace("\\", "/")).parts
    if len(parts) >= 4 and [p.casefold() for p in parts[-4:-2]] == ["snipd", "data"]:
        return clean_line(parts[-2])
    return ""


_MEANINGFUL_STEM = re.compile(r"[A-Za-z]{3,}")
_HEXISH = re.compile(r"^[\W_]*[0-9a-f]{8,}$|^[0-9a-f_-]+$", re.IGNORECASE)


def derive_title(draft: Draft, name: str) -> str:
    """A title for notes that carry none: the file name when it says something, else the
    summary's opening clause, else the first deep dive or takeaway."""
    stem = PurePath(name).stem if name not in {"", "-"} else ""
    words = [w for w in re.split(r"[\s_\-.]+", stem) if w and not _HEXISH.match(w)]
    if len(words) >= 2 and _MEANINGFUL_STEM.search(" ".join(words)):
        return clean_line(" ".join(words))
    if draft.summary:
        clause = re.split(r"(?<=[a-z0-9)])[.,;:!?](?:\s|$)", draft.summary, maxsplit=1)[0]
        return _shorten(clause, 12)
    for text in [d.title for d in draft.deep_dives] + draft.takeaways:
        if text:
            return _shorten(text, 12)
    for line in draft.episode_notes.split("\n"):
        if line.strip():
            return _shorten(line, 12)
    if draft.chapters:
        return _shorten(draft.chapters[0].title, 12)
    return "Untitled episode"


def _shorten(text: str, words: int) -> str:
    """The first words of a text as a title, its links and wikilinks reduced to their text."""
    from podnotes.parse.metadata import link_text

    parts = clean_line(link_text(text)).split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
