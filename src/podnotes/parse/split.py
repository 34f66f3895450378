"""Snipd's 'Export all' file: every episode in one file, each read as a document of its own.

Both generations of the Markdown / Obsidian export (Dataview fields and HTML transcripts;
'Episode AI notes' over bold-titled snips) put each episode under its own `# Title`, its cover
image, then `## Episode metadata`; the Logseq export makes each episode a top-level block
`- ## [[Title]]` with its properties (`show::`, `episode-link::`) indented below. A file whose
episodes all carry one title is the same document pasted twice, read once as before; a title
that comes back later in a file of several episodes joins its first part, so that copy is read
once too.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from podnotes.errors import ParseError, PodnotesError
from podnotes.model import Chapter, Episode, clean_line
from podnotes.parse.metadata import link_text

# Where an episode starts, in each generation. Bounded repeats: a long run of blank or
# indented lines after a heading costs one pass, never a pass per line.
_MARKDOWN_START = re.compile(
    r"^# ([^\n]+)\n(?:[ \t]*\n|!\[[^\n]*\n){0,40}## Episode metadata[ \t]*$", re.MULTILINE
)
_LOGSEQ_START = re.compile(
    r"^- ## ([^\n]+)\n(?:[ \t]+[^\n]*\n){0,12}?[ \t]+(?:show|episode-link)::", re.MULTILINE
)
# Plain markers first: most inputs hold at most one of them, and skip the regex searches.
_MARKERS = (("## Episode metadata", _MARKDOWN_START), ("episode-link::", _LOGSEQ_START))
# Options that describe one episode: meaningless for a file of several.
_ONE_EPISODE = {"title": "--title", "url": "--url", "published": "--date"}


@dataclass(frozen=True, slots=True)
class Part:
    """One episode's text. `line` is the file's line its text starts on; lines of a copy of
    the same episode further down keep their numbers (blank lines stand for what lies
    between)."""

    title: str
    line: int
    text: str


def split_export(text: str) -> list[Part]:
    """The episodes of an 'Export all' file, in file order; [] for any other text (one
    episode, or the same one twice)."""
    for marker, start in _MARKERS:
        if text.count(marker) >= 2:
            parts = _split(text, [(m.start(), _title(m.group(1))) for m in start.finditer(text)])
            if len(parts) > 1:
                return parts
    return []


def _title(heading: str) -> str:
    return clean_line(link_text(heading.strip()))


def _split(text: str, starts: list[tuple[int, str]]) -> list[Part]:
    if len({title.casefold() for _, title in starts}) < 2:
        return []
    bounds = [0] + [offset for offset, _ in starts[1:]] + [len(text)]
    titles = [title for _, title in starts]
    parts: dict[str, Part] = {}
    line = 1
    for title, begin, end in zip(titles, bounds, bounds[1:], strict=False):
        chunk = text[begin:end]
        key = title.casefold()
        first = parts.get(key)
        if first is None:
            parts[key] = Part(title, line, chunk)
        else:  # the same episode again: after its first part, at its own line numbers
            gap = line - first.line - first.text.count("\n")
            parts[key] = Part(first.title, first.line, first.text + "\n" * gap + chunk)
        line += chunk.count("\n")
    return list(parts.values())


def parse_episodes(
    data: bytes, *, name: str = "-", encoding: str | None = None, **parse: Any
) -> list[tuple[int, Episode | PodnotesError]]:
    """Every episode of an input with the line it starts on (0 for a file of one episode);
    `parse` goes to `parse_text` (fmt, chapters, overrides). A part that cannot be read is an
    error naming its line; the others are read."""
    from podnotes.parse import parse_text
    from podnotes.parse.decode import decode

    text = decode(data, name, encoding)
    parts = split_export(text) if parse.get("fmt") in (None, "markdown") else []
    if not parts:
        return [(0, parse_text(text, name=name, sha256=_sha(data), **parse))]
    check_options(name, len(parts), parse.get("chapters", ()), parse.get("overrides") or {})
    out: list[tuple[int, Episode | PodnotesError]] = []
    for part in parts:
        try:
            episode = parse_text(part.text, name=name, sha256=_sha(part.text.encode()), **parse)
        except PodnotesError as err:
            out.append((part.line, part_error(name, part, err)))
        else:
            out.append((part.line, episode))
    return out


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def part_error(name: str, part: Part, err: PodnotesError) -> ParseError:
    """One line naming the file, the line the episode starts on and its title."""
    message = str(err).removeprefix(f"{name}: ")
    return ParseError(f"{name}: line {part.line} (episode {part.title!r}): {message}")


def check_options(
    name: str, count: int, chapters: tuple[Chapter, ...], overrides: dict[str, Any]
) -> None:
    given = [flag for key, flag in _ONE_EPISODE.items() if overrides.get(key)]
    given += ["--chapters"] if chapters else []
    if given:
        raise ParseError(
            f"{name}: holds {count} episodes (Snipd's 'Export all' file); "
            f"{', '.join(given)} describe one episode"
        )
