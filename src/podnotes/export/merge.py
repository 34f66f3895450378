"""Re-exporting over an earlier Markdown export: podnotes replaces what it wrote and keeps, byte for
byte, what the user added: front matter keys (or Logseq page properties) it does not own, and
sections of their own.

Sections come from the Markdown structure (markdown-it, CommonMark), never from a line pattern: a
`# comment` inside a fenced or indented code block or an HTML block does not start a section.
A section is a level 1 or 2 heading and everything up to the next one (in a Logseq outline, a
top-level block). podnotes owns the title and the sections named like its own headings; every
other section is the user's and stays after the podnotes section it followed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from podnotes.fields import FRONT_MATTER_KEYS
from podnotes.fields import HEADINGS as SECTION_HEADINGS

if TYPE_CHECKING:
    from markdown_it.token import Token

# Every level 1-2 heading the built-in templates write (besides the title).
HEADINGS = frozenset(
    {
        "episode metadata",
        "summary",
        "key takeaways",
        "deep dives",
        "highlights",
        "chapters",
        "episode notes",
        *(heading.casefold() for heading in SECTION_HEADINGS.values()),
    }
)
OWNED_KEYS = frozenset({*FRONT_MATTER_KEYS, "source"})
TITLE = "\x00title"  # the key of the title section: the first level 1 heading
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_PROPERTY = re.compile(r"^([A-Za-z][\w-]*)::")


@dataclass(frozen=True, slots=True)
class Part:
    key: str | None  # the heading text, folded; TITLE; None for a section without a heading
    text: str  # the exact source lines


@dataclass(frozen=True, slots=True)
class Document:
    front: str  # the front matter block with its fences, or ""
    head: str  # what comes before the first section (Logseq: the page properties)
    parts: tuple[Part, ...]


def split_front(text: str) -> tuple[str, str]:
    """(front matter block with both fences and the newline after them, body)."""
    if not text.startswith("---\n"):
        return "", text
    end = _FRONT_END.search(text, 4)
    if end is None:
        return "", text
    stop = end.end() + 1 if text[end.end() : end.end() + 1] == "\n" else end.end()
    return text[:stop], text[stop:]


def _lines(text: str) -> list[str]:
    """Lines with their own line endings, counted as markdown-it counts them."""
    return _LINE.findall(text)


def parse(text: str, *, outline: bool) -> Document:
    """The document's sections; `outline` reads a Logseq page (top-level blocks)."""
    from markdown_it import MarkdownIt

    front, body = split_front(text)
    lines = _lines(body)
    tokens = MarkdownIt("commonmark").parse(body)
    starts: list[tuple[int, str | None]] = []
    seen_title = False
    for i, token in enumerate(tokens):
        if token.map is None or not _starts_part(token, outline):
            continue
        if outline and not starts and token.type != "list_item_open":
            continue  # the page properties before the first block are the head
        key = _heading(tokens, i)
        if key is not None and token.tag == "h1" and not seen_title:
            key, seen_title = TITLE, True
        starts.append((token.map[0], key))
    first = starts[0][0] if starts else len(lines)
    parts = []
    for n, (start, key) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        parts.append(Part(key, "".join(lines[start:end])))
    return Document(front, "".join(lines[:first]), tuple(parts))


def _starts_part(token: Token, outline: bool) -> bool:
    if outline:
        if token.type == "list_item_open":
            return token.level == 1
        return token.level == 0 and token.nesting >= 0 and not token.type.endswith("_list_open")
    return token.type == "heading_open" and token.level == 0 and token.tag in {"h1", "h2"}


def _heading(tokens: list[Token], i: int) -> str | None:
    """The folded text of the heading that opens the part at tokens[i], if it opens with one."""
    if tokens[i].type == "list_item_open":
        i += 1
    if i + 1 < len(tokens) and tokens[i].type == "heading_open":
        return " ".join(tokens[i + 1].content.split()).casefold()
    return None


def merge(old: str, new: str, *, old_outline: bool = False, new_outline: bool = False) -> str:
    """The new export with everything the user added to the old one (`*_outline`: the file is
    a Logseq page)."""
    before, after = parse(old, outline=old_outline), parse(new, outline=new_outline)
    owned = HEADINGS | {p.key for p in after.parts if p.key is not None}
    mine: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for part in before.parts:
        if part.key == TITLE or part.key in owned:
            anchor = part.key
        else:
            mine.setdefault(anchor, []).append(part.text)
    out = [merge_front(before.front, after.front)] if after.front else []
    out.append(_merge_head(before.head, after.head, old_outline and new_outline))
    for text in mine.pop(None, []):
        _append(out, text)
    for part in after.parts:
        out.append(part.text)
        for text in mine.pop(part.key, []):
            _append(out, text)
    for texts in mine.values():  # sections that followed one the new export no longer has
        for text in texts:
            _append(out, text)
    return "".join(out)


def _append(out: list[str], text: str) -> None:
    """Add a user's section after a blank line, so it can never join the text before it."""
    done = "".join(out[-2:])
    if done and not done.endswith("\n\n"):
        out.append("\n" if done.endswith("\n") else "\n\n")
    out.append(text)


def _merge_head(old: str, new: str, outline: bool) -> str:
    """podnotes' own head; a Logseq page keeps the user's properties, a Markdown file the text
    the user put before the title (podnotes' templates write none)."""
    if not outline:
        return new if new.strip() or not old.strip() else old
    extra = [
        line
        for line in _lines(old)
        if line.strip() and not ((m := _PROPERTY.match(line)) and m.group(1) in OWNED_KEYS)
    ]
    if not extra:
        return new
    body = new.rstrip("\r\n")
    ending = new[len(body) :]
    return body + "\n" + "".join(extra).rstrip("\r\n") + (ending or "\n")


# --- front matter --------------------------------------------------------------------------------


def merge_front(old: str, new: str) -> str:
    """podnotes' front matter with the user's own keys (and comments) kept as written."""
    kept = user_front_matter(old)
    if not kept:
        return new
    if not new.endswith("---\n"):
        return new
    return new[: -len("---\n")] + kept + ("" if kept.endswith("\n") else "\n") + "---\n"


def user_front_matter(front: str) -> str:
    """The source lines of each top-level key podnotes does not own, with the comments below
    them. Read by composing YAML nodes (no values are built, so no tag can fail or explode)."""
    if not front:
        return ""
    inner_start = front.index("\n") + 1
    inner_end = _FRONT_END.search(front, inner_start)
    inner = front[inner_start : inner_end.start() if inner_end else len(front)]
    keys = _top_level_keys(inner)
    if keys is None:
        return ""
    lines = _lines(inner)
    out = []
    for n, (line, name) in enumerate(keys):
        end = keys[n + 1][0] if n + 1 < len(keys) else len(lines)
        if name not in OWNED_KEYS:
            out.append("".join(lines[line:end]))
    return "".join(out)


def _top_level_keys(text: str) -> list[tuple[int, str]] | None:
    """(line, name) of each key of a block mapping, each on a line of its own; None when the
    front matter is not such a mapping."""
    from podnotes.yamlguard import compose

    node = compose(text)
    if node is None or getattr(node, "flow_style", False) or not isinstance(node.value, list):
        return None
    keys = []
    for item in node.value:
        if not isinstance(item, tuple):
            return None
        key = item[0]
        if key.start_mark.column != 0 or not isinstance(key.value, str):
            return None
        keys.append((key.start_mark.line, key.value))
    return keys


def front_matter_schema(text: str) -> Any:
    """The `schema` value of the file's front matter, read without building any other value."""
    from podnotes.yamlguard import compose

    front, _ = split_front(text)
    if not front:
        return None
    inner = front[front.index("\n") + 1 :]
    end = _FRONT_END.search(inner)
    node = compose(inner[: end.start()] if end else inner)
    if node is None or not isinstance(node.value, list):
        return None
    for item in node.value:
        if isinstance(item, tuple) and item[0].value == "schema":
            return item[1].value if isinstance(item[1].value, str) else None
    return None
