"""User regular expressions on RE2, the linear-time engine (ripgrep's family): no pattern can
backtrack, so `(a+)+$` takes as long on a long title as `a` does.

RE2 has no backreferences or look-around; such a pattern is refused with a line saying so.
Python's shorthand classes are Unicode-aware and RE2's are ASCII, so `\\w`, `\\d` and `\\s` are
rewritten to the Unicode classes they mean in Python (`\\b` stays ASCII: use -w for words).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_PATTERN = 1_000  # characters of a regular expression
MAX_MEMORY = 64 * 1024 * 1024  # bytes RE2 may use for one compiled pattern

_WORD = r"\pL\pN\pM_"
_SPACE = r"\s\p{Z}\x{85}\x{0b}\x{1c}-\x{1f}"
_OUTSIDE = {
    "w": f"[{_WORD}]",
    "W": f"[^{_WORD}]",
    "d": r"\p{Nd}",
    "D": r"\P{Nd}",
    "s": f"[{_SPACE}]",
    "S": f"[^{_SPACE}]",
    "Z": r"\z",
}
_INSIDE = {"w": _WORD, "d": r"\p{Nd}", "s": _SPACE}


class PatternError(ValueError):
    """A pattern RE2 cannot run; the message is written for the user."""


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled pattern; `group` is the group whose span is the match (1 with -w)."""

    compiled: Any
    group: int

    def search(self, text: str) -> tuple[int, int] | None:
        match = self.compiled.search(text)
        return match.span(self.group) if match is not None else None


def compile_pattern(source: str, *, ignore_case: bool = False, word: bool = False) -> Pattern:
    """The pattern for --regex; `word` wants whole words (grep -w)."""
    import re2  # type: ignore[import-untyped]

    if len(source) > MAX_PATTERN:
        raise PatternError(f"it has {len(source):,} characters; at most {MAX_PATTERN:,}")
    pattern = translate(source)
    group = 0
    if word:
        pattern = rf"(?:^|[^{_WORD}])({pattern})(?:[^{_WORD}]|$)"
        group = 1
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = not ignore_case
    options.max_mem = MAX_MEMORY
    try:
        return Pattern(re2.compile(pattern, options), group)
    except re2.error as err:
        raise PatternError(_explain(err)) from None


def translate(source: str) -> str:
    """Python's Unicode shorthand classes as RE2 Unicode classes; everything else as is."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            code = source[i + 1]
            table = _INSIDE if in_class else _OUTSIDE
            out.append(table.get(code, char + code))
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            # A ']' first in a class (or after '^') is a literal, not its end.
            for lead in ("^", "]"):
                if source[i + 1 : i + 2] == lead:
                    out.append(lead)
                    i += 1
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        else:
            out.append(char)
        i += 1
    return "".join(out)


def _explain(err: Exception) -> str:
    raw = err.args[0] if err.args else err
    message = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    if "invalid escape sequence: \\1" in message or any(f"\\{n}" in message for n in range(1, 10)):
        return f"{message} (backreferences are not supported: podnotes uses RE2 syntax)"
    if "invalid perl operator: (?" in message or "(?<" in message:
        return f"{message} (look-around is not supported: podnotes uses RE2 syntax)"
    if "pattern too large" in message:
        return f"{message} (the compiled pattern would need over {MAX_MEMORY // 2**20} MB)"
    return message
