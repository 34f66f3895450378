"""The document schema: plain data from YAML -> a validated Episode, with every problem named
by line and key."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from podnotes import fields
from podnotes.errors import SchemaError
from podnotes.fields import Field, Kind, Record
from podnotes.model import READABLE_SCHEMAS, SCHEMA_VERSION, Episode

if TYPE_CHECKING:
    import yaml

KEYS = fields.KEYS
REQUIRED = tuple(f.key for f in fields.FIELDS if f.required)
Path = tuple[str | int, ...]


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

    def fail(self, path: Path, message: str) -> None:
        name = ".".join(str(p) for p in path)
        self.problems.append(f"{_line(self.node, *path)}: {name}: {message}")

    def string(self, value: Any, path: Path, *, optional: bool = False) -> str:
        if value is None and optional:
            return ""
        if not isinstance(value, str):
            self.fail(path, f"expected text, found {_kind(value)}")
            return ""
        return value

    def seconds(self, value: Any, path: Path) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(path, f"expected whole seconds, found {_kind(value)}")
            return None
        return value

    def strings(self, value: Any, path: Path) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(path, f"expected a list, found {_kind(value)}")
            return ()
        return tuple(self.string(item, (*path, i)) for i, item in enumerate(value))

    def records(self, value: Any, path: Path) -> list[tuple[int, dict[Any, Any]]]:
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
            out.append((i, item))
        return out

    def record(self, spec: Record, data: dict[Any, Any], path: Path, version: int) -> Any:
        """The model object of one mapping, each field checked by its kind."""
        for unknown in sorted(set(map(str, data)) - fields.keys_in(spec, version)):
            self.fail((*path, unknown), "unknown key")
        values = {
            f.key: self.value(f, data.get(f.key), (*path, f.key), f.key in data, version)
            for f in spec.fields
            if f.kind is not Kind.SCHEMA
        }
        if spec.ordered is not None:
            first, last = (values[key] for key in spec.ordered)
            if last is not None and (first is None or last < first):
                self.fail((*path, spec.ordered[1]), "an end needs a start at or before it")
        return spec.model(**values)

    def value(self, spec: Field, value: Any, path: Path, present: bool, version: int) -> Any:
        if spec.required and not present and spec.kind in {Kind.SECONDS, Kind.TIME}:
            self.fail(path, "missing")
            return 0
        if spec.nonempty and isinstance(value, str) and not value.strip():
            self.fail(path, "is empty")
        if spec.record is not None:
            return self.nested(spec.kind, spec.record, value, path, version)
        if spec.kind in {Kind.LINE, Kind.TEXT}:
            return self.string(value, path, optional=not spec.required)
        if spec.kind is Kind.SECONDS:
            seconds = self.seconds(value, path)
            return 0 if seconds is None and spec.required else seconds
        readers = {
            Kind.LINES: self.strings,
            Kind.TIME: self.time,
            Kind.DATE: self.date,
            Kind.STAMP: _stamp,
        }
        return readers[spec.kind](value, path)

    def nested(self, kind: Kind, spec: Record, value: Any, path: Path, version: int) -> Any:
        """One record (RECORD) or a list of them (RECORDS)."""
        if kind is Kind.RECORDS:
            return tuple(
                self.record(spec, item, (*path, i), version)
                for i, item in self.records(value, path)
            )
        if value is None:
            return None
        if not isinstance(value, dict):
            self.fail(path, f"expected a mapping, found {_kind(value)}")
            return None
        return self.record(spec, value, path, version)

    def time(self, value: Any, path: Path) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
            self.fail(path, f"expected seconds, found {_kind(value)}")
            return 0.0
        return round(float(value), 3)

    def date(self, value: Any, path: Path) -> str | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str) and is_iso_date(value):
            return value
        if isinstance(value, str) and value[:4].isdigit() and len(value) <= 40:
            self.fail(path, f"{value!r} is not a date on the calendar (expected YYYY-MM-DD)")
        else:
            self.fail(path, "expected a date as YYYY-MM-DD")
        return None


def _stamp(value: Any, path: Path) -> str | None:
    """A time stamp kept as written (YAML may have read it as a datetime)."""
    return value if value is None or isinstance(value, str) else str(value)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a map"}
    return names.get(type(value), type(value).__name__)


def from_data(data: Any, file: str, node: yaml.Node | None = None) -> Episode:
    """A validated Episode from a document of any readable schema version (podnotes/1 notes
    load as they are; they are written as the current version)."""
    check = _Checker(node)
    if not isinstance(data, dict):
        raise SchemaError(file, [f"expected a mapping of keys, found {_kind(data)}"])
    for key in REQUIRED:
        if key not in data:
            check.fail((), f"missing required key {key!r}")
    version = SCHEMA_VERSION
    if "schema" in data:
        known = isinstance(data["schema"], str) and data["schema"] in READABLE_SCHEMAS
        version = READABLE_SCHEMAS[data["schema"]] if known else SCHEMA_VERSION
        if not known:  # a list or a mapping here is no key to look up
            readable = " or ".join(map(repr, READABLE_SCHEMAS))
            check.fail(("schema",), f"expected {readable}, found {data['schema']!r}")
    episode = check.record(fields.EPISODE, data, (), version)
    if check.problems:
        raise SchemaError(file, check.problems)
    assert isinstance(episode, Episode)
    return episode


def is_iso_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
