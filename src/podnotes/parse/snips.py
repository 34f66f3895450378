"""Snipd "snips" and Readwise highlights inside a Markdown export -> Highlights.

One snip reads: a title (a heading, or a bullet in Readwise) that may carry a star, a link to
the snip and tags; a time or a time range (`🎧 12:04 - 14:31 (2min)`, a `Play snip` link, an
`*00:04:07 – 00:05:37*` line or Readwise's `([Time 0:04:07](url))`), then parts marked by
labels: key takeaways as a list, the quote as a blockquote, the transcript as speaker turns,
the user's note, and a tags line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from podnotes.model import Highlight, clean_line, clean_text
from podnotes.parse.chapters import TIMESTAMP, parse_timestamp
from podnotes.parse.common import (
    SNIP_PARTS,
    as_tags,
    is_bullet,
    is_title_like,
    label_key,
    strip_bullet,
    strip_symbols,
)
from podnotes.parse.mdtext import dequote, strip_emphasis, unescape
from podnotes.parse.metadata import as_url, link_text

_RANGE = re.compile(rf"({TIMESTAMP})[ \t]*[-–—][ \t]*({TIMESTAMP})")
_LEADING_TIME = re.compile(rf"^[\[(]?({TIMESTAMP})[\])]?[ \t]*(?:[-–—:|][ \t]*)?(.*)$")
_TIME_LINE = re.compile(rf"^[*_\[(]*({TIMESTAMP})[*_\])]*$")
_TIME_HEADING = re.compile(rf"^Time[ \t]+({TIMESTAMP})$", re.IGNORECASE)
_READWISE_TIME = re.compile(rf"(?<![ \t])[ \t]*\(\[Time[ \t]+({TIMESTAMP})\]\(([^)\s]*)\)\)")
_TAGS_LINE = re.compile(r"^(?:\*\*|__)?tags?(?:\*\*|__)?[ \t]*::?(?:\*\*|__)?[ \t]*(.*)$", re.I)
_INLINE_PART = re.compile(
    r"^(?:\*\*|__)?(note|notes|my note|transcript|quote|key takeaways|takeaways|summary)"
    r"(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]+(\S.*)$",
    re.IGNORECASE,
)
# '[[2024-03-06]] 11:16': the day and time a Readwise highlight was made, not content.
_HIGHLIGHTED_AT = re.compile(r"^\[\[\d{4}-\d{2}-\d{2}\]\][ \t]+\d{1,2}:\d{2}$")
_BOLD_SPEAKER = re.compile(r"^(?:\*\*|__)([^*_:]{1,60}?)(?:\*\*|__)[ \t]*:?[ \t]*")
# A transcript line that only names who speaks: 'Speaker 1', 'Trenton Bricken'.
_SPEAKER_LINE = re.compile(
    r"^(?:Speaker \d{1,2}|[A-Z][\w.'’-]{0,30}(?: [A-Z][\w.'’-]{0,30}){0,3}):?$"
)
# '⭐ [Title](url) #tag [[tag]]': the heading of Snipd's Obsidian plugin.
_HEADING_LINK = re.compile(r"^\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\((<[^>]*>|[^()\s]*)\)(.*)$")
_HEADING_TAGS = re.compile(r"(?:^|[ \t])(?:#([^\s#\[\]]+)|\[\[([^\[\]]+)\]\])")
_WORDED_PARTS = {"takeaways", "note", "quote", "transcript"}
_WIKI_TAG = re.compile(r"\[\[[^\[\]]*\]\]")
# An assistant's preamble before the answer of a custom AI prompt.
_CHATTER = re.compile(
    r"^(?:certainly|sure|of course|absolutely|great question)\b.{0,120}$|"
    r"^here (?:are|is) (?:the |some |a )?.{0,80}:$",
    re.IGNORECASE,
)


_CHATTER_LEAD = re.compile(
    r"^(?:(?:certainly|sure|of course|absolutely|great question)\b[!,.]*[ \t]*)?"
    r"(?:here(?:'s| (?:are|is))[ \t]+)?(.*)$",
    re.IGNORECASE,
)


@dataclass
class Snip:
    """A snip being read; `bullet` when a Readwise list item opened it."""

    title: str
    start: int | None = None
    end: int | None = None
    takeaways: list[str] = field(default_factory=list)
    quote: list[str] = field(default_factory=list)
    transcript: list[str] = field(default_factory=list)
    note: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    url: str = ""
    part: str = ""
    speaker: str = ""
    turn_open: bool = False
    bullet: bool = False
    verbatim: bool = False
    own_export: int = 0  # a podnotes export's schema version; /1 wrote the quote as 'Transcript'
    summary_first: str = ""  # a Readwise highlight's opening paragraph, taken for its quote

    def freeze(self) -> Highlight:
        if self.summary_first and self.transcript and self.quote[:1] == [self.summary_first]:
            # Readwise's older highlights: a summary paragraph, then 'Transcript:'.
            self.quote = self.quote[1:]
            self.takeaways.insert(0, self.summary_first)
        spoken = [line.split(": ", 1)[-1] for line in self.transcript]
        title = self.title or _opening([*self.takeaways, *spoken, *self.note])
        return Highlight(
            title=title,
            start=self.start,
            end=self.end,
            takeaways=tuple(self.takeaways),
            quote=clean_text("\n".join(self.quote)),
            transcript=tuple(clean_line(line) for line in self.transcript if clean_line(line)),
            note=clean_text("\n".join(self.note)),
            tags=tuple(dict.fromkeys(self.tags)),
            url=self.url,
        )


def new_snip(text: str, *, bullet: bool = False, verbatim: bool = False) -> Snip:
    """A snip from its heading: '[04:58] Title' gives the start when no range follows,
    '⭐ [Title](url) #tag' the URL and tags; `verbatim` (podnotes' own export) only
    un-escapes the title."""
    if verbatim:
        return Snip(title=clean_line(unescape(text)), verbatim=True)
    text = strip_symbols(text.strip())
    stamp = _TIME_HEADING.match(text)
    if stamp:
        # Readwise's '### Time 0:12:59': the title is the first line of the body.
        return Snip(title="", start=parse_timestamp(stamp.group(1)), bullet=bullet)
    match = _LEADING_TIME.match(text)
    if match and match.group(2):
        title = clean_line(unescape(link_text(strip_symbols(match.group(2)))))
        return Snip(title=title, start=parse_timestamp(match[1]), bullet=bullet)
    snip = _linked_heading(text, bullet=bullet)
    if snip is not None:
        return snip
    title = clean_line(unescape(link_text(strip_emphasis(text))))
    if bullet and title.endswith(":") and SNIP_PARTS.get(label_key(title)):
        # A Readwise highlight with no title line: 'Transcript:' first.
        snip = Snip(title="", bullet=bullet)
        set_part(snip, title)
        return snip
    if bullet and _CHATTER.match(title):
        # A custom AI prompt's answer: 'Certainly! Here are the three risks…:' names it.
        return Snip(title=_asked(title), bullet=bullet)
    if bullet and not is_title_like(title):
        # A Readwise highlight of plain text: the text is the quote, its opening the title.
        return Snip(title=_opening([title]), quote=[title], bullet=bullet, summary_first=title)
    return Snip(title=title, bullet=bullet)


def _asked(chatter: str) -> str:
    """'Certainly! Here are the three biggest risks:' -> 'The three biggest risks'."""
    match = _CHATTER_LEAD.match(chatter)
    rest = clean_line(match.group(1) if match else chatter).rstrip(":.")
    return rest[:1].upper() + rest[1:]


def _opening(texts: list[str]) -> str:
    """A title for a highlight that has none: the first twelve words of its text."""
    words = next((t.split() for t in texts if t.strip()), [])
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


def _linked_heading(text: str, *, bullet: bool) -> Snip | None:
    match = _HEADING_LINK.match(text)
    if match is None:
        return None
    rest = match.group(3)
    tags = [clean_line(m.group(1) or m.group(2)) for m in _HEADING_TAGS.finditer(rest)]
    title = clean_line(unescape(link_text(match.group(1))))
    return Snip(title=title, url=match.group(2).strip("<>"), tags=tags, bullet=bullet)


def set_part(snip: Snip, label: str) -> bool:
    """Switch to the part a label names; False when the label names no part."""
    part = SNIP_PARTS.get(label_key(label))
    if part is None:
        return False
    legacy = snip.own_export == 1  # podnotes/1 wrote the quote under 'Transcript'
    snip.part = "quote" if part == "transcript" and legacy else part
    snip.speaker, snip.turn_open = "", False
    return True


def snip_text(snip: Snip, line: str) -> None:
    """One content line inside a snip."""
    # Only spaces and tabs are layout: any other character is the text's own.
    stripped = line.strip(" \t")
    stripped = strip_bullet(stripped) if is_bullet(stripped) else stripped
    if snip.part != "transcript" and stripped.startswith(">") and not snip.verbatim:
        # Readwise's block-quoted highlight bodies hold the labels too.
        stripped = dequote(stripped).strip(" \t")
        line = stripped
    if snip.own_export < 2:  # podnotes' own export writes every label as a heading
        labelled = _inline_label(snip, stripped)
        if labelled is None:
            return
        if labelled is not stripped:
            line = stripped = labelled
    readwise = _READWISE_TIME.search(stripped)
    if readwise:
        snip.start = parse_timestamp(readwise.group(1))
        snip.url = snip.url or readwise.group(2)
        stripped = (stripped[: readwise.start()] + stripped[readwise.end() :]).strip(" \t")
        line = line.replace(readwise.group(0), "", 1).rstrip(" \t")  # keeps a list marker
    if not stripped:
        _blank(snip)
        return
    if _timing(snip, stripped) or _HIGHLIGHTED_AT.match(stripped):
        return
    _content(snip, line, stripped)


def _inline_label(snip: Snip, stripped: str) -> str | None:
    """A tags line or a label on a content line ('Note: text', 'Key takeaways:'): None when
    the line was all label, else the text after it (`stripped` itself when there was none)."""
    tags = _TAGS_LINE.match(stripped)
    if tags and _tag_list(tags.group(1), marked=snip.part in _WORDED_PARTS):
        snip.tags.extend(as_tags(link_text(unescape(tags.group(1)))))
        return None
    inline = _INLINE_PART.match(stripped)
    if inline and set_part(snip, inline.group(1)):
        return inline.group(2)
    if stripped.rstrip(":") != stripped and set_part(snip, stripped):
        return None  # 'Key takeaways:' alone on its line
    return stripped


def _tag_list(value: str, *, marked: bool) -> bool:
    """'#a #b', '[[a]]', 'a, b' or nothing: a tags line's value; a sentence that starts with
    'tags:' ('tags: are what I look up later.') is the text's own. Inside a takeaway, a note
    or a transcript (`marked`), only marked tags ('#a', '[[a]]') make a tags line."""
    text = value.strip(" \t*_")
    if not text:
        return not marked
    words = _WIKI_TAG.sub("#x", text).replace(",", " ").split()
    if all(word.startswith("#") for word in words):
        return True
    if marked or text.endswith((".", "!", "?", ";")):
        return False
    items = [_WIKI_TAG.sub("x", item) for item in text.split(",")]
    return all(0 < len(item.split()) <= 3 for item in items)


def _blank(snip: Snip) -> None:
    """A blank line separates paragraphs of a quote or a note, and turns of a transcript."""
    snip.turn_open = False
    if snip.part == "quote":
        snip.quote.append("")
    elif snip.part == "note" or (not snip.part and snip.note):
        snip.note.append("")


def _content(snip: Snip, line: str, stripped: str) -> None:
    if not snip.title and not snip.part:
        snip.title = clean_line(unescape(link_text(strip_emphasis(stripped))))
        if not snip.verbatim and _CHATTER.match(snip.title):
            snip.title = _asked(snip.title)
    elif snip.part in {"transcript", "tags", "url"}:
        _listed(snip, line, stripped)
    elif not snip.part:
        if _repeats_title(snip, stripped):
            return  # Snipd's AI summary of a snip opens with the snip's title in bold
        if stripped.startswith(">"):
            _quote_line(snip, stripped)
        elif is_bullet(line):
            _list_item(snip.takeaways, line)
        elif not (snip.verbatim or snip.note or snip.takeaways) and _CHATTER.match(stripped):
            return
        else:
            snip.note.append(unescape(line))
    elif snip.part == "takeaways":
        if not snip.takeaways and _CHATTER.match(stripped):
            return
        _list_item(snip.takeaways, line)
    elif snip.part == "quote":
        _quote_line(snip, stripped)
    else:
        snip.note.append(unescape(stripped))


def _repeats_title(snip: Snip, stripped: str) -> bool:
    if snip.verbatim or snip.note or snip.takeaways or not stripped.startswith(("**", "__")):
        return False
    return label_key(strip_emphasis(stripped)) == label_key(snip.title)


def _listed(snip: Snip, line: str, stripped: str) -> None:
    """A line of the transcript, the tags or the URL part; podnotes' own export (/2 on) writes
    one '- item' a line, as its takeaways."""
    own = snip.own_export >= 2
    if snip.part == "transcript" and own:
        _list_item(snip.transcript, line)
    elif snip.part == "transcript":
        _transcript_line(snip, stripped)
    elif snip.part == "tags" and (own or is_bullet(line)):
        _list_item(snip.tags, line)
    elif snip.part == "tags":
        snip.tags.extend(as_tags(stripped))
    else:
        snip.url = snip.url or as_url(stripped)


def _timing(snip: Snip, stripped: str) -> bool:
    """Read a Play-snip link, a '🎧' line or a time line; True when the line was one."""
    time_range = _RANGE.search(stripped)
    opener = stripped.startswith(("[", "*", "_", "(", "🎧", "<"))
    if time_range and len(stripped) < 200 and opener:
        snip.start = parse_timestamp(time_range.group(1))
        snip.end = parse_timestamp(time_range.group(2))
        if not snip.url and stripped.startswith("["):
            snip.url = as_url(stripped)
        return True
    lone = _TIME_LINE.match(stripped)
    if lone:
        snip.start = parse_timestamp(lone.group(1))
        return True
    return False


def _quote_line(snip: Snip, stripped: str) -> None:
    text = dequote(stripped).strip(" \t")
    if snip.verbatim:
        snip.quote.append(unescape(text))
        return
    if not snip.quote and not snip.speaker and text.startswith(("**", "__")):
        _transcript_line(snip, text)  # a quote of speaker turns is a transcript
        snip.part = snip.part or "transcript"
        return
    snip.quote.append(unescape(text))


def _transcript_line(snip: Snip, stripped: str) -> None:
    """'**Speaker 1**: text', a speaker's name alone then their words, or more words."""
    text = dequote(stripped).strip(" \t") if stripped.startswith(">") else stripped
    if not text:
        snip.turn_open = False
        return
    bold = _BOLD_SPEAKER.match(text)
    if bold:
        snip.speaker, text = bold.group(1).strip(), text[bold.end() :].strip()
        snip.turn_open = False
        if not text:
            return
    elif _SPEAKER_LINE.match(text) and len(text.split()) <= 4:
        snip.speaker, snip.turn_open = text.rstrip(":"), False
        return
    text = clean_line(unescape(text))
    if snip.turn_open and snip.transcript:
        snip.transcript[-1] += " " + text
    else:
        snip.transcript.append(f"{snip.speaker}: {text}" if snip.speaker else text)
        snip.turn_open = True


def _list_item(items: list[str], line: str) -> None:
    """A bullet starts an item; an indented line without one continues it."""
    if is_bullet(line) or not items or not line[:1].isspace():
        text = clean_line(unescape(link_text(strip_bullet(line.strip()))))
        if text:
            items.append(text)
    else:
        items[-1] = clean_line(items[-1] + " " + unescape(line))
