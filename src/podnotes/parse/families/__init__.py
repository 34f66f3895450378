"""The families of input podnotes recognises, which one a text is, and each one's recognizer.

Markdown families share the block reader (parse/blocks.py) and the section reader
(parse/markdown.py); each has a recognizer module here that knows the marks only it writes
(base.Recognizer lists what a recognizer can answer). Detection looks for those marks in the
text and chooses the recognizers the reader consults: a text with no family's marks gets them
all. The line-based shapes have parsers of their own (parse/snipd_page.py, parse/shownotes.py).
"""

from __future__ import annotations

from podnotes.parse.families.base import Recognizer
from podnotes.parse.families.clipped import ClippedPage
from podnotes.parse.families.readwise import Readwise
from podnotes.parse.families.snipd_markdown import SnipdMarkdown
from podnotes.parse.families.snipd_plugin import SnipdPlugin
from podnotes.parse.notes import Draft

__all__ = [
    "FAMILIES",
    "Recognizer",
    "detect_family",
    "key_fields",
    "markdown_family",
    "recognizer",
    "recognizers",
]

# In the order their signs are tried, and their hooks consulted.
_RECOGNIZERS: tuple[Recognizer, ...] = (Readwise(), SnipdMarkdown(), SnipdPlugin(), ClippedPage())
_SIGN_ORDER = ("readwise", "clipped-page", "snipd-plugin", "snipd-markdown")
_BY_NAME = {r.name: r for r in _RECOGNIZERS}
_PLAIN = Recognizer()  # plain Markdown: 'not mine' to every hook

FAMILIES: dict[str, str] = {
    "podnotes": "podnotes' own Markdown export",
    **{name: _BY_NAME[name].description for name in _SIGN_ORDER},
    "snipd-page": "a Snipd episode page copied as text",
    "show-notes": "show notes or an episode description (text, Jekyll, front matter)",
    "chapter-json": "a chapter file (JSON) given as the notes",
    "markdown": "Markdown notes (Obsidian, Notion, Logseq)",
}


def markdown_family(text: str) -> str:
    """The Markdown family whose marks the text carries; 'markdown' when none."""
    for name in _SIGN_ORDER:
        recognizer = _BY_NAME[name]
        if recognizer.sign is None or not any(m in text for m in recognizer.markers):
            continue
        if recognizer.sign.search(text):
            return name
    return "markdown"


def recognizer(family: str) -> Recognizer:
    """The family's own recognizer, which the reader asks what the family needs; plain
    Markdown's answers 'not mine' to every hook."""
    return _BY_NAME.get(family, _PLAIN)


def key_fields(family: str) -> dict[str, str]:
    """Metadata keys that mean another field in the family's exports (Readwise's 'author')."""
    return recognizer(family).key_fields


def recognizers(family: str) -> tuple[Recognizer, ...]:
    """The recognizers the Markdown reader consults, the family's own first (its reading of
    a heading wins); the others stand behind it, since customised templates borrow other
    families' forms (a plugin template that lists snips as bullets, Readwise's time links)."""
    own = _BY_NAME.get(family)
    if own is None:
        return _RECOGNIZERS
    return (own, *(r for r in _RECOGNIZERS if r is not own))


def detect_family(text: str, draft: Draft) -> str:
    """The family `parse --explain` names, from what the parser saw."""
    if draft.complete:
        return "podnotes"
    if draft.family:
        return draft.family
    if draft.format == "snipd-page":
        return "snipd-page"
    family = markdown_family(text)
    if family != "markdown":
        return family
    loose = not (draft.highlights or draft.takeaways or draft.deep_dives)
    if loose and (draft.chapters or draft.summary):
        return "show-notes"
    return "markdown"
