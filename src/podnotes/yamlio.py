"""Episode <-> YAML: safe loading, schema validation with file/line/key messages, stable dumping."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, Any

from podnotes import fields
from podnotes.errors import SchemaError
from podnotes.fields import Kind
from podnotes.model import SCHEMA, Episode
from podnotes.schema import from_data, is_iso_date
from podnotes.settings import MAX_FILE_BYTES
from podnotes.yamlguard import MAX_NODES

MAX_NOTE_BYTES = MAX_FILE_BYTES  # a note is refused above it (settings: the one limit)

if TYPE_CHECKING:
    import yaml

# Where an anchor (&a) or alias (*a) could start; text without one skips the full node walk.
_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,])[&*][^\s\[\]{},]")


def dump_front_matter(data: dict[str, Any]) -> str:
    """A Markdown front matter block: '---', the YAML, '---'."""
    data = dict(data)
    published = data.get("published")
    if isinstance(published, str) and is_iso_date(published):
        data["published"] = dt.date.fromisoformat(published)
    text = _dump_data(data)
    return f"---\n{text}---\n"


class _Block(str):
    """A paragraph, written as a literal block scalar even when it is one line."""

    __slots__ = ()


def _block(text: str) -> str:
    return _Block(text) if text else text


def _yaml() -> Any:
    import yaml

    return yaml


@functools.cache
def _loader_class() -> type[yaml.SafeLoader]:
    """The safe loader, except that a timestamp no calendar has (2024-02-30, month 13, year 0,
    an offset of +99:00) stays the text it is: the schema then names its key and line, and
    imported front matter leaves that one field empty."""
    yaml = _yaml()
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    def timestamp(loader: Any, node: Any) -> Any:
        try:
            return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
        except (ValueError, OverflowError):
            return loader.construct_scalar(node)

    Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    return Loader


@functools.cache
def _dumper_class(fast: bool = True) -> type[yaml.SafeDumper]:
    yaml = _yaml()
    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper) if fast else yaml.SafeDumper

    class Dumper(base):  # type: ignore[misc, valid-type]
        def ignore_aliases(self, data: Any) -> bool:
            return True

    def represent_str(dumper: Any, text: str) -> Any:
        style = "|" if "\n" in text else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)

    def represent_block(dumper: Any, text: str) -> Any:
        return dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style="|")

    Dumper.add_representer(str, represent_str)
    Dumper.add_representer(_Block, represent_block)
    return Dumper


# --- dumping -------------------------------------------------------------------------------------


def to_data(episode: Episode, *, include_imported: bool = True) -> dict[str, Any]:
    """The document as plain data, keys in schema order (also the JSON shape)."""
    data = _record_data(fields.EPISODE, episode)
    data["schema"] = SCHEMA  # whatever version a note was read as, it is written as the current
    if data["source"] is not None and not include_imported:
        del data["source"]["imported"]
    return data


def _record_data(spec: fields.Record, record: Any, *, block: bool = False) -> dict[str, Any]:
    return {f.json: _value_data(f, getattr(record, f.key), block) for f in spec.fields}


def _value_data(spec: fields.Field, value: Any, block: bool) -> Any:
    kind = spec.kind
    if kind is Kind.LINES:
        return list(value)
    if kind is Kind.TEXT and block:
        return _block(value)
    if spec.record is None or value is None:
        return value
    if kind is Kind.RECORD:
        return _record_data(spec.record, value, block=block)
    return [_record_data(spec.record, item, block=block) for item in value]


def dump(episode: Episode, *, include_imported: bool = True) -> str:
    """YAML text: paragraphs as literal blocks, Unicode unescaped, same document -> same bytes."""
    from podnotes.transcripts.yamlblock import join_block

    return join_block(*dump_parts(episode, include_imported=include_imported))


def dump_parts(episode: Episode, *, include_imported: bool = True) -> tuple[str, str]:
    """(the note's YAML with `transcript: []`, its transcript block or ''): the two parts
    `load` reads apart (see transcripts.yamlblock)."""
    from podnotes.transcripts.yamlblock import dump_block

    data = _record_data(fields.EPISODE, episode.with_changes(transcript=()), block=True)
    data["schema"] = SCHEMA
    if data["source"] is not None and not include_imported:
        del data["source"]["imported"]
    if episode.published is not None and is_iso_date(episode.published):
        data["published"] = dt.date.fromisoformat(episode.published)
    text = _dump_data(data)
    # The transcript is written by hand: see transcripts.yamlblock.
    return text, dump_block(episode.transcript) if episode.transcript else ""


def _dump_data(data: Any) -> str:
    options: dict[str, Any] = {
        "sort_keys": False,
        "allow_unicode": True,
        "width": 100,
        "default_flow_style": False,
    }
    text: str = _yaml().dump(data, Dumper=_dumper_class(), **options)
    if "\\U" in text:
        # libyaml escapes characters beyond the BMP (emoji); the Python emitter writes them as is.
        text = _yaml().dump(data, Dumper=_dumper_class(fast=False), **options)
    return text


# --- loading -------------------------------------------------------------------------------------


def load_front_matter(text: str) -> dict[str, Any]:
    """Front matter of a Markdown file: a mapping, or nothing when it is not valid YAML."""
    from podnotes import yamlguard

    yaml = _yaml()
    if yamlguard.too_large(text) is not None:
        return {}
    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        if node is None or (_MAYBE_ALIAS.search(text) and _shared_nodes(node)):
            return {}  # aliases could expand into a billion laughs: not front matter we read
        data = yamlguard.construct(loader, node)
    except (yaml.YAMLError, RecursionError):
        return {}
    except yamlguard.BadValue:
        # Keep every key but the unreadable ones.
        data = yamlguard.construct_lenient(node) if node is not None else {}
    finally:
        loader.dispose()
    return data if isinstance(data, dict) else {}


def _shared_nodes(root: yaml.Node) -> bool:
    """Whether the tree uses an alias (a node reached twice) or is too large to build."""
    seen: set[int] = set()
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen or len(seen) > MAX_NODES:
            return True
        seen.add(id(node))
        if isinstance(node.value, list):
            for item in node.value:
                stack.extend(item if isinstance(item, tuple) else (item,))
    return False


def load(text: str, file: str) -> Episode:
    """Parse and validate one library file; any problem is a SchemaError naming file and line."""
    from podnotes.transcripts.yamlblock import split_block

    split = split_block(text) if len(text) <= MAX_NOTE_BYTES else None
    if split is not None:  # the transcript read without the YAML parser: see yamlblock
        with contextlib.suppress(SchemaError):
            episode = _load(split[0], file)
            if episode.schema == SCHEMA:
                return episode.with_changes(transcript=split[1])
    return _load(text, file)


def _load(text: str, file: str) -> Episode:
    from podnotes import yamlguard

    yaml = _yaml()
    if len(text) > MAX_NOTE_BYTES:
        raise SchemaError(file, [f"larger than {MAX_NOTE_BYTES:,} bytes"])
    too_large = yamlguard.too_large(text)
    if too_large is not None:
        raise SchemaError(file, [too_large])
    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise SchemaError(file, ["empty file"])
        problems = _check_nodes(node) if _MAYBE_ALIAS.search(text) else _duplicate_keys(node)
        if problems:
            raise SchemaError(file, problems)
        data = yamlguard.construct(loader, node)
    except yamlguard.BadValue as err:
        raise SchemaError(file, [str(err)]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err)
        raise SchemaError(file, [f"{where}not valid YAML ({problem})"]) from None
    except RecursionError:
        # Only the pure-Python loader recurses; libyaml stops at its own depth limit.
        raise SchemaError(file, ["nested too deeply to read"]) from None
    finally:
        loader.dispose()
    try:
        return from_data(data, file, node)
    except SchemaError as err:
        raise SchemaError(file, yamlguard.cap(err.problems)) from None


def _check_nodes(root: yaml.Node) -> list[str]:
    """Refuse aliases (billion laughs), duplicate keys and oversized trees before building."""
    pyyaml = _yaml()
    seen: set[int] = set()
    stack: list[yaml.Node] = [root]
    problems: list[str] = []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return [f"line {node.start_mark.line + 1}: YAML aliases are not allowed"]
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            return [f"more than {MAX_NODES:,} YAML nodes"]
        if isinstance(node, pyyaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                if isinstance(key, pyyaml.ScalarNode):
                    if key.value in keys:
                        problems.append(
                            f"line {key.start_mark.line + 1}: duplicate key {key.value!r}"
                        )
                    keys.add(key.value)
                stack.extend((key, value))
        elif isinstance(node, pyyaml.SequenceNode):
            stack.extend(node.value)
    return problems


def _duplicate_keys(root: yaml.Node) -> list[str]:
    """Duplicate keys in the mappings a document can hold (top level, list records, source):
    the fast check for text that holds no anchor or alias."""
    pyyaml = _yaml()
    problems: list[str] = []
    mappings = [root]
    if isinstance(root, pyyaml.MappingNode):
        for _, value in root.value:
            if isinstance(value, pyyaml.MappingNode):
                mappings.append(value)
            elif isinstance(value, pyyaml.SequenceNode):
                mappings.extend(v for v in value.value if isinstance(v, pyyaml.MappingNode))
    for mapping in mappings:
        if not isinstance(mapping, pyyaml.MappingNode):
            continue
        keys: set[str] = set()
        for key, _ in mapping.value:
            if isinstance(key, pyyaml.ScalarNode):
                if key.value in keys:
                    problems.append(f"line {key.start_mark.line + 1}: duplicate key {key.value!r}")
                keys.add(key.value)
    return problems
