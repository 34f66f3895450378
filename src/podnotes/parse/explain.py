"""`parse --explain`: which family was recognised, the input lines each field came from, and
every input line that landed nowhere (marked when it is known chrome).

The Markdown walker notes where each line landed as it reads; for the line-based shapes (a
copied Snipd page, show notes) a line is placed by finding its text in the document.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from podnotes.errors import PodnotesError
from podnotes.model import Episode, clean_line
from podnotes.parse.chapters import TIMESTAMP, chapter_from_line
from podnotes.parse.common import is_bullet, strip_bullet
from podnotes.parse.families import FAMILIES, detect_family, key_fields
from podnotes.parse.mdtext import unescape
from podnotes.parse.metadata import link_text
from podnotes.parse.notes import Draft, is_timed_turn
from podnotes.parse.shownotes import plain_line
from podnotes.parse.vocabulary import (
    IGNORED_KEYS,
    METADATA_KEYS,
    SECTION_LABELS,
    SNIP_PARTS,
    is_chrome,
    label_key,
)

if TYPE_CHECKING:
    from podnotes.importer import ParseOptions

_LONE_STAMP = re.compile(rf"^[*_\[(]*{TIMESTAMP}[*_\])]*$")
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w -]{0,40}):")
_DESCRIPTIONS = {"description", "summary", "excerpt", "subtitle"}
_PERSON_DETAIL = "a person's link or detail: podnotes keeps their name"
_SINKS = {
    "summary": "summary",
    "chapters": "chapters",
    "transcript": "transcript",
    "takeaways": "takeaways",
}


@dataclass
class Explanation:
    family: str
    fields: dict[str, list[int]] = field(default_factory=dict)
    # (line number, text, why): why is '' for a line nothing explains, else the chrome it is.
    leftover: list[tuple[int, str, str]] = field(default_factory=list)

    def add(self, name: str, number: int) -> None:
        self.fields.setdefault(name, []).append(number)

    def shift(self, lines: int) -> None:
        """Number the lines from further down the file (a part of an 'Export all' file)."""
        self.fields = {name: [n + lines for n in numbers] for name, numbers in self.fields.items()}
        self.leftover = [(n + lines, text, why) for n, text, why in self.leftover]

    def unexplained(self) -> list[tuple[int, str]]:
        """The leftover lines that are not known chrome."""
        return [(n, text) for n, text, why in self.leftover if not why]

    def render(self) -> str:
        lines = [f"family: {self.family} ({FAMILIES.get(self.family, '')})", "fields:"]
        for name, numbers in self.fields.items():
            lines.append(f"  {name}: lines {_ranges(numbers)}")
        lines.append(f"landed nowhere: {len(self.leftover)} lines")
        for number, text, why in self.leftover:
            shown = text if len(text) <= 100 else text[:99] + "…"
            lines.append(f"  {number}: {shown}" + (f"  [{why}]" if why else ""))
        return "\n".join(lines)


def _ranges(numbers: list[int]) -> str:
    spans: list[str] = []
    ordered = sorted(set(numbers))
    start = prev = ordered[0]
    for n in [*ordered[1:], -1]:
        if n == prev + 1:
            prev = n
            continue
        spans.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = n
    return ", ".join(spans)


def explain_text(text: str, draft: Draft, episode: Episode) -> Explanation:
    """Where the lines of `text` went: `draft` is what parse_draft found in it, `episode` the
    document finish made of that."""
    explanation = Explanation(detect_family(text, draft))
    lines = text.split("\n")
    if draft.trace or draft.format == "markdown":
        _from_trace(explanation, lines, draft)
    else:
        _from_content(explanation, lines, episode)
    return explanation


def explain_source(
    source: str, options: ParseOptions
) -> list[tuple[int, Episode | PodnotesError, str]]:
    """Each episode of one input (Snipd's 'Export all' file holds several) with the line it
    starts on and its explanation, as `podnotes parse --explain` shows them."""
    from podnotes.importer import read_input
    from podnotes.parse.decode import decode
    from podnotes.parse.split import check_options, part_error, split_export

    data, name = read_input(source)
    text = decode(data, name, options.encoding)
    parts = split_export(text) if options.fmt in (None, "markdown") else []
    if not parts:
        sha = hashlib.sha256(data).hexdigest()
        episode, explanation = _explain(text, options, name, sha)
        return [(0, episode, explanation.render())]
    check_options(name, len(parts), options.chapters, options.overrides)
    out: list[tuple[int, Episode | PodnotesError, str]] = []
    for part in parts:
        sha = hashlib.sha256(part.text.encode("utf-8")).hexdigest()
        try:
            episode, explanation = _explain(part.text, options, name, sha)
        except PodnotesError as err:
            out.append((part.line, part_error(name, part, err), ""))
            continue
        explanation.shift(part.line - 1)
        head = f"episode {part.title!r}, from line {part.line}:\n"
        out.append((part.line, episode, head + explanation.render()))
    return out


def _explain(text: str, options: ParseOptions, name: str, sha: str) -> tuple[Episode, Explanation]:
    from podnotes.parse import finish, parse_draft

    draft = parse_draft(text, fmt=options.fmt, name=name, chapters=options.chapters)
    episode = finish(
        draft, name=name, sha256=sha, chapters=options.chapters, overrides=options.overrides
    )
    return episode, explain_text(text, draft, episode)


def _from_trace(out: Explanation, lines: list[str], draft: Draft) -> None:
    front = set(draft.front_lines)
    front_key = ""
    summary = " ".join(draft.summary.split())  # blanks to one, as a line's text is compared
    for number, raw in enumerate(lines, 1):
        text = raw.strip()
        if not text.strip("> \t"):
            continue  # blank, or an empty quote line
        if number in front:
            front_key = _front_line(out, number, raw, draft, front_key)
        else:
            _place(out, number, text, draft.trace.get(number), draft, summary)


def _front_line(out: Explanation, number: int, raw: str, draft: Draft, key: str) -> str:
    """A front matter line: its key's field, chrome for keys podnotes keeps nowhere; the key
    the lines below it belong to."""
    text = raw.strip()
    if text in {"---", "..."}:
        out.add("structure", number)
        return key
    nested = raw[:1] in (" ", "\t") or text.startswith("- ")
    if nested and METADATA_KEYS.get(label_key(key)) in {"host", "guests"}:
        # Show notes sites list people as mappings ('hosts: [{name: …, url: …}]'): the name
        # is the host's or guest's, their link is not the episode's.
        inner = _FRONT_KEY.match(text.removeprefix("- "))
        if inner and label_key(inner.group(1)) not in {"name", "title"}:
            out.leftover.append((number, text, _PERSON_DETAIL))
        else:
            _metadata(out, number, text, key, draft)
        return key
    match = _FRONT_KEY.match(text)
    key = match.group(1) if match else key
    _metadata(out, number, text, key, draft)
    return key


def _place(
    out: Explanation, number: int, text: str, where: str | None, draft: Draft, summary: str
) -> None:
    if where is None:
        out.leftover.append((number, text, ""))
    elif where.startswith("chrome:"):
        out.leftover.append((number, text, where.removeprefix("chrome:")))
    elif where.startswith("metadata:"):
        _metadata(out, number, text, where.removeprefix("metadata:"), draft)
    elif where.startswith("sink:"):
        out.add(_sink_field(where.removeprefix("sink:"), text, draft, summary), number)
    else:
        out.add(where, number)


def _sink_field(sink: str, text: str, draft: Draft, summary: str) -> str:
    """The field a line gathered into a section's text went to; `summary` is the draft's
    summary with its blanks reduced to one (reduced once, not for every line)."""
    if sink in _SINKS:
        return _SINKS[sink]
    if sink == "ai_notes":
        return "takeaways" if is_bullet(text) else "summary"
    if sink == "preamble" and draft.preamble_is_summary:
        return "summary"
    if chapter_from_line(unescape(text)) is not None and draft.chapters:
        return "chapters"
    if draft.transcript and is_timed_turn(text):
        return "transcript"  # timed turns in the notes: a transcript without its heading
    core = " ".join(unescape(text).split())
    if core in summary and core not in draft.episode_notes:
        return "summary"  # the description paragraph, not repeated in the notes
    return "episode_notes"


def _metadata(out: Explanation, number: int, text: str, key: str, draft: Draft) -> None:
    if label_key(key) == "chapters" and draft.chapters:
        out.add("chapters", number)  # a front matter list of chapter lines
        return
    if label_key(key) in _DESCRIPTIONS and (draft.chapters or draft.summary):
        # A front matter description: its chapter lines, and the summary when it gave one.
        line = unescape(text.removeprefix(key).lstrip(":").strip(" \t\"'|>").removeprefix("\\n"))
        out.add("chapters" if chapter_from_line(line) and draft.chapters else "summary", number)
        return
    own = key_fields(out.family).get(label_key(key))
    wanted = own or METADATA_KEYS.get(label_key(key))
    found = {"duration_minutes": "duration"}.get(wanted or "", wanted)
    if found is not None and found in draft.metadata:
        out.add(found, number)
    elif found is not None:
        out.leftover.append((number, text, "a value podnotes could not use"))
    elif label_key(key) in IGNORED_KEYS:
        out.leftover.append((number, text, "a property podnotes keeps nowhere, on purpose"))
    else:
        out.leftover.append((number, text, "a property podnotes does not know"))


def _is_chapter(text: str, core: str, episode: Episode) -> bool:
    """A chapter line, a timestamp alone on its line, or the title that follows one."""
    if not episode.chapters:
        return False
    if chapter_from_line(text) is not None or _LONE_STAMP.match(text):
        return True
    return any(core == chapter.title for chapter in episode.chapters)


def _places(episode: Episode) -> dict[str, str]:
    """Each field's text as a line's text is compared with it: links reduced to their text,
    blanks to one."""
    places = {
        "title": episode.title,
        "summary": episode.summary,
        "takeaways": "\n".join(episode.takeaways),
        "deep_dives": "\n".join(f"{d.title}\n{d.body}" for d in episode.deep_dives),
        "episode_notes": episode.episode_notes,
    }
    return {name: " ".join(link_text(body).split()) for name, body in places.items()}


def _from_content(out: Explanation, lines: list[str], episode: Episode) -> None:
    """Place each line of a line-based shape by where its text shows in the document."""
    places = _places(episode)
    for number, raw in enumerate(lines, 1):
        text = raw.strip()
        if not text:
            continue
        if out.family == "show-notes" and ("<" in text or "&" in text):
            text = plain_line(text).strip()  # a feed's HTML description, as it was read
            if not text:
                out.leftover.append((number, raw.strip(), "html"))
                continue
        core = clean_line(link_text(strip_bullet(text)))
        key = label_key(text)
        if out.family == "chapter-json" or _is_chapter(text, core, episode):
            out.add("chapters", number)
        elif episode.transcript and is_timed_turn(text):
            out.add("transcript", number)
        elif key in SECTION_LABELS or key in SNIP_PARTS:
            out.add("structure", number)
        elif found := [f for f, body in places.items() if core and core in body]:
            for name in found:
                out.add(name, number)
        else:
            out.leftover.append((number, text, "chrome" if is_chrome(text) else ""))
