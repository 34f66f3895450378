"""A snip (or highlight) being read: the parts found so far, frozen into a Highlight at its end.

Every family's recognizer (parse/families/) fills the same Snip; snips.py reads its content lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from podnotes.model import Highlight, clean_line, clean_text
from podnotes.parse.common import label_line
from podnotes.parse.vocabulary import SNIP_PARTS, label_key

# A line that opens with a snip part's label ('Note: …', '**Key takeaways:**'), or its tags'.
INLINE_PART = label_line(
    "(note|notes|my note|transcript|quote|key takeaways|takeaways|summary)", r"(?<=[ \t])(\S.*)$"
)
TAGS_LINE = label_line("tags?", r"(.*)$")


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
    unsaid: bool = False  # a speaker was named and has said nothing yet
    bullet: bool = False
    verbatim: bool = False
    own_export: int = 0  # a podnotes export's schema version; /1 wrote the quote as 'Transcript'
    summary_first: str = ""  # a Readwise highlight's opening paragraph, taken for its quote
    # A highlight's unlabelled text is the app's (its summary, an AI prompt's answer), the
    # user's note always labelled ('**Note:**'): the family says so (Recognizer.app_text).
    snipd_text: bool = False
    located: bool = False  # Readwise: the location link that ends the highlight's text was read

    def freeze(self) -> Highlight:
        if self.summary_first and self.transcript and self.quote[:1] == [self.summary_first]:
            # Readwise's older highlights: a summary paragraph, then 'Transcript:'.
            self.quote = self.quote[1:]
            self.takeaways.insert(0, self.summary_first)
        spoken = [line.split(": ", 1)[-1] for line in self.transcript]
        title = self.title or opening([*self.takeaways, *spoken, *self.note])
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


def opening(texts: list[str]) -> str:
    """A title for a highlight that has none: the first twelve words of its text."""
    words = next((t.split() for t in texts if t.strip()), [])
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


def labelled(line: str) -> bool:
    """A line that opens with a snip part's label or its tags ('Note: …', '**Tags:** …')."""
    stripped = line.strip(" \t")
    return bool(INLINE_PART.match(stripped) or TAGS_LINE.match(stripped))


def set_part(snip: Snip, label: str) -> bool:
    """Switch to the part a label names; False when the label names no part."""
    part = SNIP_PARTS.get(label_key(label))
    if part is None:
        return False
    legacy = snip.own_export == 1  # podnotes/1 wrote the quote under 'Transcript'
    snip.part = "quote" if part == "transcript" and legacy else part
    snip.speaker, snip.turn_open, snip.unsaid = "", False, False
    return True
