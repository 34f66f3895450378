"""Which existing files podnotes wrote, so `export --update` may replace them: each format is
recognised by what podnotes puts in it (a `schema: podnotes/N` key in Markdown front matter, a
Logseq `schema::` property, a CommonMark `- Schema:` line, the JSON and YAML documents' `schema`)
or, for the chapter formats that carry no mark, by having exactly the shape podnotes writes."""

from __future__ import annotations

import json
import re
from typing import Any

_SCHEMA = re.compile(r"podnotes/[0-9]{1,4}")
_LOGSEQ = re.compile(r"^schema:: (podnotes/[0-9]{1,4})[ \t]*\r?$", re.MULTILINE)
_COMMONMARK = re.compile(r"^- Schema: (podnotes/[0-9]{1,4})[ \t]*\r?$", re.MULTILINE)
_YOUTUBE_LINE = re.compile(r"[0-9]{1,3}:[0-9]{2}(?::[0-9]{2})? \S.*")


def is_outline(text: str) -> bool:
    """A Logseq page podnotes wrote: its page properties carry the schema."""
    head = text.split("\n\n", 1)[0]
    return _LOGSEQ.search(head) is not None


def written_by_podnotes(text: str, fmt: str) -> bool:
    """Whether `text` is a file podnotes wrote in format `fmt`."""
    if fmt == "markdown":
        return _markdown(text)
    if fmt in {"json", "chapters-json"}:
        data = _json(text)
        return _is_document(data) if fmt == "json" else _is_chapters(data)
    if fmt == "yaml":
        return _yaml_schema(text)
    if fmt == "youtube":
        lines = text.splitlines()
        return bool(lines) and all(_YOUTUBE_LINE.fullmatch(line) for line in lines)
    return False


def _markdown(text: str) -> bool:
    from podnotes.export.merge import front_matter_schema

    schema = front_matter_schema(text)
    if isinstance(schema, str) and _SCHEMA.fullmatch(schema):
        return True
    return is_outline(text) or _COMMONMARK.search(text) is not None


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # malformed, or an integer of more than 4,300 digits
        return None


def _is_document(data: Any) -> bool:
    schema = data.get("schema") if isinstance(data, dict) else None
    return isinstance(schema, str) and _SCHEMA.fullmatch(schema) is not None


def _is_chapters(data: Any) -> bool:
    if not isinstance(data, dict) or set(data) != {"version", "chapters"}:
        return False
    chapters = data["chapters"]
    return isinstance(chapters, list) and all(
        isinstance(c, dict) and set(c) == {"startTime", "title"} for c in chapters
    )


def _yaml_schema(text: str) -> bool:
    from podnotes.yamlguard import compose

    node = compose(text)
    if node is None or not isinstance(node.value, list):
        return False
    for item in node.value:
        if isinstance(item, tuple) and item[0].value == "schema":
            value = item[1].value
            return isinstance(value, str) and _SCHEMA.fullmatch(value) is not None
    return False
