"""The document schema: plain data from YAML -> a validated Episode, with every problem named
by line and key."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from podnotes.errors import SchemaError
from podnotes.model import SCHEMA, Chapter, DeepDive, Episode, Highlight, Source

if TYPE_CHECKING:
    import yaml

KEYS = (
    "schema",
    "title",
    "podcast",
    "guests",
    "published",
    "url",
    "tags",
    "summary",
    "takeaways",
    "deep_dives",
    "highlights",
    "chapters",
    "episode_notes",
    "source",
)
REQUIRED = ("schema", "title")


def _line(node: yaml.Node | None, *path: str | int) -> str:
    """'line N' of the value at path in the node tree, for messages."""
    import yaml as pyyaml

    for step in path:
        if isinstance(node, pyyaml.MappingNode) and isinstance(step, str):
            node = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, pyyaml.SequenceNode) and isinstance(step, int):
            node = node.value[step] if step < len(node.value) else None
        else:
            break
    return f"line {node.start_mark.line + 1}" if node is not None else "top"


class _Checker:
    """Collects every problem of one document, each with its line and key."""

    def __init__(self, node: yaml.Node | None) -> None:
        self.node = node
        self.problems: list[str] = []

    def fail(self, path: tuple[str | int, ...], message: str) -> None:
        name = ".".join(str(p) for p in path)
        self.problems.append(f"{_line(self.node, *path)}: {name}: {message}")

    def string(self, value: Any, path: tuple[str | int, ...], *, optional: bool = False) -> str:
        if value is None and optional:
            return ""
        if not isinstance(value, str):
            self.fail(path, f"expected text, found {_kind(value)}")
            return ""
        return value

    def seconds(self, value: Any, path: tuple[str | int, ...]) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(path, f"expected whole seconds, found {_kind(value)}")
            return None
        return value

    def strings(self, value: Any, path: tuple[str | int, ...]) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(path, f"expected a list, found {_kind(value)}")
            return ()
        return tuple(self.string(item, (*path, i)) for i, item in enumerate(value))

    def records(self, value: Any, path: tuple[str | int, ...], keys: set[str]) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, f"expected a list, found {_kind(value)}")
            return []
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.fail((*path, i), f"expected a mapping, found {_kind(item)}")
                continue
            for unknown in sorted(set(map(str, item)) - keys):
                self.fail((*path, i, unknown), "unknown key")
            out.append((i, item))
        return out


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a map"}
    return names.get(type(value), type(value).__name__)


def from_data(data: Any, file: str, node: yaml.Node | None = None) -> Episode:
    check = _Checker(node)
    if not isinstance(data, dict):
        raise SchemaError(file, [f"expected a mapping of keys, found {_kind(data)}"])
    for key in REQUIRED:
        if key not in data:
            check.fail((), f"missing required key {key!r}")
    for unknown in sorted(set(map(str, data)) - set(KEYS)):
        check.fail((unknown,), "unknown key")
    if "schema" in data and data["schema"] != SCHEMA:
        check.fail(("schema",), f"expected {SCHEMA!r}, found {data['schema']!r}")

    title = check.string(data.get("title"), ("title",))
    if "title" in data and isinstance(data["title"], str) and not data["title"].strip():
        check.fail(("title",), "is empty")
    published = data.get("published")
    if published is not None:
        if isinstance(published, dt.date):
            published = published.isoformat()
        elif not (isinstance(published, str) and is_iso_date(published)):
            check.fail(("published",), "expected a date as YYYY-MM-DD")
            published = None

    dives = [
        DeepDive(
            title=check.string(d.get("title"), ("deep_dives", i, "title")),
            body=check.string(d.get("body"), ("deep_dives", i, "body"), optional=True),
        )
        for i, d in check.records(data.get("deep_dives"), ("deep_dives",), {"title", "body"})
    ]
    highlight_keys = {"title", "start", "end", "takeaways", "quote", "note"}
    highlights = []
    for i, h in check.records(data.get("highlights"), ("highlights",), highlight_keys):
        start = check.seconds(h.get("start"), ("highlights", i, "start"))
        end = check.seconds(h.get("end"), ("highlights", i, "end"))
        if end is not None and (start is None or end < start):
            check.fail(("highlights", i, "end"), "an end needs a start at or before it")
        highlights.append(
            Highlight(
                title=check.string(h.get("title"), ("highlights", i, "title")),
                start=start,
                end=end,
                takeaways=check.strings(h.get("takeaways"), ("highlights", i, "takeaways")),
                quote=check.string(h.get("quote"), ("highlights", i, "quote"), optional=True),
                note=check.string(h.get("note"), ("highlights", i, "note"), optional=True),
            )
        )
    chapters = []
    for i, c in check.records(data.get("chapters"), ("chapters",), {"start", "title"}):
        start = check.seconds(c.get("start"), ("chapters", i, "start"))
        if start is None and "start" not in c:
            check.fail(("chapters", i, "start"), "missing")
        chapters.append(
            Chapter(start=start or 0, title=check.string(c.get("title"), ("chapters", i, "title")))
        )
    source = _source(check, data.get("source"))

    episode = Episode(
        title=title,
        podcast=check.string(data.get("podcast"), ("podcast",), optional=True),
        guests=check.strings(data.get("guests"), ("guests",)),
        published=published,
        url=check.string(data.get("url"), ("url",), optional=True),
        tags=check.strings(data.get("tags"), ("tags",)),
        summary=check.string(data.get("summary"), ("summary",), optional=True),
        takeaways=check.strings(data.get("takeaways"), ("takeaways",)),
        deep_dives=tuple(dives),
        highlights=tuple(highlights),
        chapters=tuple(chapters),
        episode_notes=check.string(data.get("episode_notes"), ("episode_notes",), optional=True),
        source=source,
    )
    if check.problems:
        raise SchemaError(file, check.problems)
    return episode


def _source(check: _Checker, value: Any) -> Source | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        check.fail(("source",), f"expected a mapping, found {_kind(value)}")
        return None
    for unknown in sorted(set(map(str, value)) - {"format", "file", "sha256", "imported"}):
        check.fail(("source", unknown), "unknown key")
    imported = value.get("imported")
    if imported is not None and not isinstance(imported, str):
        imported = str(imported)
    return Source(
        format=check.string(value.get("format"), ("source", "format"), optional=True),
        file=check.string(value.get("file"), ("source", "file"), optional=True),
        sha256=check.string(value.get("sha256"), ("source", "sha256"), optional=True),
        imported=imported,
    )


def is_iso_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
