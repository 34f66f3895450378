"""The content of a snip or highlight, whatever family wrote it -> its Snip's parts.

A snip opens with a heading (or a Readwise bullet) that each family's recognizer reads
(parse/families/); its lines then carry a time or a time range (`🎧 12:04 - 14:31 (2min)`, a
`Play snip` link, an `*00:04:07 – 00:05:37*` line), the recognizers' own marks, and parts
marked by labels: key takeaways as a list, the quote as a blockquote, the transcript as speaker
turns, the user's note, and a tags line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from podnotes.model import clean_line
from podnotes.parse.chapters import TIMESTAMP, parse_timestamp
from podnotes.parse.common import (
    SNIP_LINK_LINE,
    SNIP_PROPERTY_LINE,
    SNIP_TIME_LINE,
    as_tags,
    is_bullet,
    strip_bullet,
    strip_symbols,
)
from podnotes.parse.families import Recognizer
from podnotes.parse.families.readwise import CHATTER, asked
from podnotes.parse.families.snipd_markdown import TIMING
from podnotes.parse.mdtext import dequote, strip_emphasis, unescape
from podnotes.parse.metadata import as_date, as_url, link_text
from podnotes.parse.snip import INLINE_PART, TAGS_LINE, Snip, set_part
from podnotes.parse.vocabulary import SNIP_FLAG_LABELS, label_key

__all__ = ["Snip", "app_line", "new_snip", "set_part", "snip_text"]

_RANGE = re.compile(rf"({TIMESTAMP})[ \t]*[-–—][ \t]*({TIMESTAMP})")
_TIME_LINE = re.compile(rf"^[*_\[(]*({TIMESTAMP})[*_\])]*$")
_BOLD_SPEAKER = re.compile(r"^(?:\*\*|__)([^*_:]{1,60}?)(?:\*\*|__)[ \t]*:?[ \t]*")
# A transcript line that only names who speaks: 'Speaker 1', 'Trenton Bricken'.
_SPEAKER_LINE = re.compile(
    r"^(?:Speaker \d{1,2}|[A-Z][\w.'’-]{0,30}(?: [A-Z][\w.'’-]{0,30}){0,3}):?$"
)
_COMMENT = re.compile(r"[ \t]*%%.*?%%")
_BLOCK_ID = re.compile(r"[ \t]+\^[A-Za-z0-9-]{1,40}[ \t]*$")
_HEADING_MARK = re.compile(r"^#{1,6}[ \t]+")
# A speaker's handle in lower case, alone on the first line of a transcript.
_HANDLE = re.compile(r"^[a-z][\w.-]{1,30}$")
_WORDED_PARTS = {"takeaways", "note", "quote", "transcript"}
_WIKI_TAG = re.compile(r"\[\[[^\[\]]*\]\]")


def new_snip(
    text: str, marks: Sequence[Recognizer], *, bullet: bool = False, verbatim: bool = False
) -> Snip:
    """A snip from its heading, read by the first recognizer that knows its form
    ('[04:58] Title', '⭐ [Title](url) #tag', 'Time 0:12:59'); `verbatim` (podnotes' own
    export) only un-escapes the title."""
    if verbatim:
        return Snip(title=clean_line(unescape(text)), verbatim=True)
    text = strip_symbols(text.strip())
    for recognizer in marks:
        snip = recognizer.snip_heading(text, bullet=bullet)
        if snip is not None:
            return snip
    title = clean_line(unescape(link_text(strip_emphasis(text))))
    for recognizer in marks if bullet else ():
        snip = recognizer.bullet_snip(title)
        if snip is not None:
            return snip
    return Snip(title=title, bullet=bullet)


_FLAG_VALUES = {"", "yes", "no", "true", "false", "⭐", "★", "☆"}
KEPT_NOWHERE = "chrome:a snip's property podnotes keeps nowhere"


def snip_text(snip: Snip, line: str, marks: Sequence[Recognizer]) -> str:
    """One content line inside a snip; where it went, for `parse --explain`: 'highlights', or
    KEPT_NOWHERE for a snip's date or star (a highlight has neither)."""
    # Only spaces and tabs are layout: any other character is the text's own. In an app's
    # export a no-break space is a space, so that it hides no label or speaker; podnotes'
    # own export keeps it, as the text's.
    if not (snip.verbatim or snip.own_export):
        line = app_line(line)
    stripped = line.strip(" \t")
    stripped = strip_bullet(stripped) if is_bullet(stripped) else stripped
    if snip.part != "transcript" and stripped.startswith(">") and not snip.verbatim:
        # Readwise's block-quoted highlight bodies hold the labels too.
        stripped = dequote(stripped).strip(" \t")
        line = stripped
    if snip.own_export < 2:  # podnotes' own export writes every label as a heading
        if not snip.part and _kept_nowhere(stripped):
            return KEPT_NOWHERE
        labelled = _inline_label(snip, stripped)
        if labelled is None:
            return "highlights"
        if labelled is not stripped:
            line = stripped = labelled
    for recognizer in marks:
        read = recognizer.snip_line(snip, stripped, line)
        if read is None:
            return "highlights"
        stripped, line = read
    if not stripped:
        _blank(snip)
    elif stripped.startswith(("```", "~~~")) and not snip.verbatim:
        pass  # a code fence in an AI answer: markup, its lines are the text
    elif (snip.own_export >= 2 and snip.part) or not _timing(snip, stripped):
        # podnotes' own export writes a snip's time under its title, before any part: in a
        # part, a line like '🎧 01:00 - 02:00' or 'Time: 04:10 - 05:02' is the text's own.
        _content(snip, line, stripped)
    return "highlights"


def _kept_nowhere(stripped: str) -> bool:
    """A snip's date or star, before any of its parts ('Snip date: 2023-11-20', '**Favourite**:
    yes'): its label, and a value of that kind (a date; yes, no or a star)."""
    match = SNIP_PROPERTY_LINE.match(stripped) if ":" in stripped else None
    if match is None:
        return False
    value = match.group(2).strip(" \t*_")
    if label_key(match.group(1)) in SNIP_FLAG_LABELS:
        return value.casefold() in _FLAG_VALUES
    return as_date(value) is not None


def app_line(line: str) -> str:
    """An app's line without what Obsidian hides: a block ID ('… ^rw512345', Readwise Mirror
    writes one a highlight) and '%% comments %%'; a no-break space is a space."""
    if "\u00a0" in line:
        line = line.replace("\u00a0", " ")
    if "%%" in line:
        line = _COMMENT.sub("", line)
    if "^" in line:
        line = _BLOCK_ID.sub("", line)
    return line


def _inline_label(snip: Snip, stripped: str) -> str | None:
    """A tags line or a label on a content line ('Note: text', 'Key takeaways:'): None when
    the line was all label, else the text after it (`stripped` itself when there was none)."""
    tags = TAGS_LINE.match(stripped)
    if tags and _tag_list(tags.group(1), marked=snip.part in _WORDED_PARTS):
        snip.tags.extend(as_tags(link_text(unescape(tags.group(1)))))
        return None
    link = SNIP_LINK_LINE.match(stripped)
    if link and (url := as_url(link.group(1))):
        snip.url = snip.url or url  # a customised template's '- Link: https://…/snip/…'
        return None
    inline = INLINE_PART.match(stripped)
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
        if not snip.verbatim and CHATTER.match(snip.title):
            snip.title = asked(snip.title)
    elif snip.part in {"transcript", "tags", "url"}:
        _listed(snip, line, stripped)
    elif not snip.part:
        _unlabelled(snip, line, stripped)
    elif snip.part == "takeaways":
        if not snip.takeaways and CHATTER.match(stripped):
            return
        if snip.snipd_text and not is_bullet(line):
            # Readwise writes a summary's paragraphs one a line, each an item.
            snip.takeaways.append(_plain(stripped))
            return
        _list_item(snip.takeaways, line)
    elif snip.part == "quote":
        _quote_line(snip, stripped)
    else:
        snip.note.append(unescape(stripped))


def _unlabelled(snip: Snip, line: str, stripped: str) -> None:
    """A line under a snip's title before any part's label."""
    if stripped.startswith(">"):
        _quote_line(snip, stripped)
    elif is_bullet(line):
        _list_item(snip.takeaways, line)
    elif not (snip.verbatim or snip.note or snip.takeaways) and CHATTER.match(stripped):
        return
    elif snip.snipd_text:
        # A plain-text highlight goes on; any other text is the snip's summary or answer.
        (snip.quote if snip.quote and not snip.takeaways else snip.takeaways).append(
            _plain(stripped)
        )
    else:
        snip.note.append(unescape(line))


def _plain(stripped: str) -> str:
    """A line of an AI answer without its emphasis or outline heading's marks."""
    return clean_line(unescape(strip_emphasis(_HEADING_MARK.sub("", stripped))))


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
    """Read a Play-snip link, a '🎧' line or a time line ('Time: 04:10 - 05:02' too); True
    when the line was one."""
    time_range = _RANGE.search(stripped)
    labelled = SNIP_TIME_LINE.match(stripped) if ":" in stripped else None
    if labelled:
        stripped = stripped[labelled.end() :]
    if not time_range and TIMING.match(stripped) and (url := as_url(stripped)):
        snip.url = snip.url or url  # '- Audio link: 🎧 [Play snip](url)', with no range
        return True
    opener = stripped.startswith(("[", "*", "_", "(", "🎧", "<")) or labelled is not None
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
    elif _names_speaker(snip, text):
        snip.speaker, snip.turn_open, snip.unsaid = text.rstrip(":"), False, True
        return
    snip.unsaid = False
    text = clean_line(unescape(text))
    if snip.turn_open and snip.transcript:
        snip.transcript[-1] += " " + text
    else:
        snip.transcript.append(f"{snip.speaker}: {text}" if snip.speaker else text)
        snip.turn_open = True


def _names_speaker(snip: Snip, text: str) -> bool:
    """'Speaker 2' or 'Ann Lee' alone on a line; not a short sentence ('Exactly.', 'Right?'),
    and not the first words after a name (the turn of a speaker named 'Yes' is no name)."""
    if not (snip.transcript or snip.speaker) and _HANDLE.match(text):
        return True  # the first line under 'Transcript:' names the speaker ('bytemunk')
    if snip.unsaid or not _SPEAKER_LINE.match(text) or len(text.split()) > 4:
        return False
    return not text.endswith(("!", "?", ".")) or text.endswith(_TITLES)


_TITLES = ("Jr.", "Sr.", "Dr.", "St.")


def _list_item(items: list[str], line: str) -> None:
    """A bullet starts an item; an indented line without one continues it."""
    if is_bullet(line) or not items or not line[:1].isspace():
        text = clean_line(unescape(link_text(strip_emphasis(strip_bullet(line.strip())))))
        if text:
            items.append(text)
    else:
        items[-1] = clean_line(items[-1] + " " + unescape(line))
