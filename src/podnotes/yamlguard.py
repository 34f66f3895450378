"""Reading untrusted YAML within bounds.

The size of a document is checked on the parser's event stream, before any node or value is
built: a file of nested empty lists costs a count, not gigabytes. Building values is guarded as a
whole: whatever a tag's constructor raises (`!!int abc`, `!!bool maybe`, a bad `!!timestamp`, an
integer of more than 4,300 digits) becomes one message naming its line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

MAX_NODES = 50_000  # a note with a thousand highlights holds about 10,000
MAX_DEPTH = 64  # a note is four levels deep; front matter rarely more than three
MAX_PROBLEMS = 20  # problems listed for one file; the rest are counted
MAX_VALUE_SHOWN = 40


class BadValue(Exception):
    """A scalar that its tag cannot build; `line` is 1-based, 0 when unknown."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


def _yaml() -> Any:
    import yaml

    return yaml


def loader_class() -> type[yaml.SafeLoader]:
    yaml = _yaml()
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # type: ignore[no-any-return]


def too_large(text: str, *, max_nodes: int = MAX_NODES, max_depth: int = MAX_DEPTH) -> str | None:
    """Why the document is too large or too deep to build, or None. Reads parser events only;
    a text too short to hold that many nodes is not read at all. A YAML syntax error is left
    for the real load to report."""
    # Every node but an implicit empty value takes at least one character, and an empty value
    # needs the character of its key or indicator: a node count over 2n + 2 is impossible.
    if 2 * len(text) + 2 <= max_nodes:
        return None  # (libyaml stops nesting at 1,000 levels by itself)
    yaml = _yaml()
    opening = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    closing = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    counted = (yaml.ScalarEvent, yaml.AliasEvent)
    loader = loader_class()(text)
    nodes = depth = 0
    try:
        while (event := loader.get_event()) is not None:  # type: ignore[no-untyped-call]
            if isinstance(event, opening):
                nodes += 1
                depth += 1
                if depth > max_depth:
                    return f"line {event.start_mark.line + 1}: nested more than {max_depth} deep"
            elif isinstance(event, closing):
                depth -= 1
            elif isinstance(event, counted):
                nodes += 1
            if nodes > max_nodes:
                return f"more than {max_nodes:,} YAML values"
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def compose(text: str) -> yaml.Node | None:
    """The node tree of a small untrusted document (front matter), or None when it is not
    valid YAML or too large. No value is built."""
    yaml = _yaml()
    if too_large(text) is not None:
        return None
    loader = loader_class()(text)
    try:
        return loader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()


def construct(loader: Any, node: yaml.Node) -> Any:
    """The document's data; a value its tag cannot build raises BadValue naming its line
    (YAML's own ConstructorError, which already carries a line, passes through)."""
    yaml = _yaml()
    try:
        return loader.construct_document(node)
    except (yaml.YAMLError, RecursionError):
        raise
    except Exception as err:  # each tag constructor fails in its own way: all are one problem
        raise _locate(node, err) from None


def construct_lenient(node: yaml.Node) -> dict[Any, Any]:
    """A mapping's top-level keys built one by one, leaving out those whose key or value cannot
    be built: one bad value in imported front matter costs that value, not the rest."""
    yaml = _yaml()
    if not isinstance(node, yaml.MappingNode):
        return {}
    data: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        constructor = yaml.constructor.SafeConstructor()
        try:
            key = constructor.construct_object(key_node, deep=True)
            data[key] = constructor.construct_object(value_node, deep=True)
        except Exception:  # any failure of this one key drops only this key
            continue
    return data


def _locate(root: yaml.Node, err: Exception) -> BadValue:
    """The first scalar in document order that its tag cannot build, as a BadValue."""
    yaml = _yaml()
    stack: list[Any] = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                yaml.constructor.SafeConstructor().construct_object(node)
            except Exception as found:  # the value that fails: report it and where it is
                return BadValue(node.start_mark.line + 1, describe(node, found))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return BadValue(0, f"a value cannot be read ({type(err).__name__})")


def describe(node: yaml.ScalarNode, err: Exception) -> str:
    """'cannot read the !!int value 'abc'' in a user's words."""
    tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
    value = node.value
    if "integer string conversion" in str(err):
        return f"a number of {len(value.strip()):,} digits is too long to read (4,300 at most)"
    if len(value) > MAX_VALUE_SHOWN:
        value = value[:MAX_VALUE_SHOWN] + "…"
    return f"cannot read {value!r} as {tag}"


def cap(problems: list[str], limit: int = MAX_PROBLEMS) -> list[str]:
    """At most `limit` problems, the rest counted: one message per file stays short."""
    if len(problems) <= limit:
        return problems
    return [*problems[:limit], f"and {len(problems) - limit:,} more problems"]
