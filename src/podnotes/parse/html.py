"""HTML inside Markdown -> the Markdown lines it stands for.

`<br>` breaks the line, `<blockquote>` quotes its lines, `<b>`/`<strong>` are bold, a
`<summary>` becomes a label line, `</details>` a line of its own (it ends what its summary
opened); players and images (`<audio>`, `<iframe>`, `<video>`, `<img>`) are dropped with what
they hold; other tags are unwrapped. Liquid tags and HTML comments are dropped too. Entities
stay for `unescape`, which decodes them with every other escape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SUMMARY = "\x00summary\x00"  # a line that starts with this is a <summary> label
END_DETAILS = "\x00/details\x00"

_TAGS = (
    "a|abbr|audio|b|blockquote|br|center|cite|code|dd|del|details|div|dl|dt|em|figcaption|"
    "figure|font|h[1-6]|hr|i|iframe|img|ins|li|mark|ol|p|picture|pre|q|s|small|source|span|"
    "strike|strong|sub|summary|sup|table|tbody|td|th|thead|tr|u|ul|video"
)
_TAG = re.compile(rf"(?<!\\)<(/?)({_TAGS})(?=[\s/>])[^<>]*>", re.IGNORECASE)
_MAYBE = re.compile(rf"(?<!\\)<(?:/?(?:{_TAGS})[\s/>]|!--)|\{{[{{%]", re.IGNORECASE)
_LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}")
_DROPPED = {"audio", "iframe", "video", "picture"}  # dropped with what they hold
_BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dt", "dd"}


@dataclass
class HtmlState:
    """What an HTML element opened on an earlier line still does to this one."""

    comment: bool = False
    quote: int = 0
    dropped: int = 0

    @property
    def open(self) -> bool:
        """An element opened on an earlier line still applies (a quote, a comment, a player)."""
        return self.comment or self.quote > 0 or self.dropped > 0


def has_markup(line: str) -> bool:
    """A cheap test: only lines that pass it are converted."""
    return ("<" in line or "{" in line) and bool(_MAYBE.search(line))


def convert(line: str, state: HtmlState, *, liquid: bool = True) -> list[str]:
    """One input line -> the Markdown lines it stands for (none when it held only markup)."""
    line = _drop_comments(line, state)
    if liquid:
        line = _LIQUID.sub("", line)
    lines = _Lines(state)
    pos = 0
    for match in _TAG.finditer(line):
        if not state.dropped:
            lines.text(line[pos : match.start()])
        pos = match.end()
        lines.markup = True
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name in _DROPPED:
            state.dropped = max(0, state.dropped + (-1 if closing else 1))
            if match.group(0).endswith("/>"):
                state.dropped = max(0, state.dropped - 1)
        elif not state.dropped:
            lines.tag(name, closing=closing)
    if not state.dropped:
        lines.text(line[pos:])
    lines.flush()
    return [text for text in lines.out if text.strip() or not lines.markup]


class _Lines:
    """The Markdown lines one HTML line turns into."""

    def __init__(self, state: HtmlState) -> None:
        self.state = state
        self.out: list[str] = []
        self.current: list[str] = []
        self.markup = False

    def text(self, text: str) -> None:
        self.current.append(text)

    def flush(self) -> None:
        text = "".join(self.current)
        self.current.clear()
        if self.state.quote:
            self.out.append("> " * self.state.quote + text.strip())
        elif text.strip() or not self.markup:
            self.out.append(text)

    def tag(self, name: str, *, closing: bool) -> None:
        if name in {"b", "strong"}:
            self.current.append("**")
        elif name in {"i", "em"}:
            self.current.append("*")
        elif name == "blockquote":
            self.flush()
            self.state.quote = max(0, self.state.quote + (-1 if closing else 1))
        elif name == "summary":
            self.flush()
            if not closing:
                self.current.append(SUMMARY)
        elif name == "details":
            self.flush()
            if closing:
                self.out.append(END_DETAILS)
        elif name in _BREAKS:
            self.flush()
        # Other tags (a, span, font, img …) are unwrapped or dropped: their text stays.


def _drop_comments(line: str, state: HtmlState) -> str:
    kept: list[str] = []
    pos = 0
    while pos < len(line):
        if state.comment:
            end = line.find("-->", pos)
            if end < 0:
                return "".join(kept)
            state.comment, pos = False, end + 3
        else:
            start = line.find("<!--", pos)
            if start < 0:
                kept.append(line[pos:])
                break
            kept.append(line[pos:start])
            state.comment, pos = True, start + 4
    return "".join(kept)
