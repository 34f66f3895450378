"""Vocabulary shared by the parsers: section labels, app chrome, line shapes, metadata values."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from podnotes.model import clean_line

# Normalized label -> section. Labels are compared after `label_key`.
SECTION_LABELS: dict[str, str] = {}
for _section, _labels in {
    "summary": "summary|episode summary|ai summary|tldr|tl dr|overview|episode overview",
    "ai_notes": "episode ai notes|ai notes|snipd ai notes|ai generated notes",
    "takeaways": "quick takeaways|key takeaways|takeaways|key points|main takeaways|key insights",
    "deep_dives": "deep dives|deep dive|deep dive topics|topics discussed",
    "chapters": "chapters|ai chapters|timestamps|chapter markers|episode chapters|timeline",
    "notes": "episode notes|show notes|episode description|description|host notes|notes",
    "highlights": "snips|highlights|my snips|snipd highlights|my highlights",
    "metadata": "episode metadata|metadata|episode info|episode details|episode information",
    "my_notes": "my notes",
}.items():
    for _label in _labels.split("|"):
        SECTION_LABELS[_label] = _section

# Inside one Snipd snip.
SNIP_PARTS: dict[str, str] = {
    "ai generated summary": "takeaways",
    "ai summary": "takeaways",
    "summary": "takeaways",
    "key takeaways": "takeaways",
    "takeaways": "takeaways",
    "transcript": "quote",
    "quote": "quote",
    "note": "note",
    "notes": "note",
    "my note": "note",
    "my notes": "note",
}

# UI text of the Snipd page and app footers: never content.
CHROME = {
    "read more",
    "show less",
    "ai summary",
    "highlights",
    "ai chapters",
    "episode notes",
    "auto awesome",
    "podcast summary created with snipd ai",
    "created with snipd",
    "created with snipd ai",
    "exported from snipd",
    "exported with snipd",
    "powered by snipd",
}
_FOOTER = re.compile(
    r"^(?:podcast summary )?(?:created|exported|generated|summari[sz]ed|synced) "
    r"(?:with|from|by|using|via) (?:snipd|readwise|glasp|obsidian web clipper)\b",
    re.IGNORECASE,
)

# A list item marker; `\-` and `1\.` are the escaped markers of Notion-style exports.
_BULLET = re.compile(r"^[ \t]*(?:\\?[-*+]|[•◦▪‣]|\d{1,3}\\?[.)])[ \t]+")
_LABEL_JUNK = re.compile(r"[^\w\s]|_", re.UNICODE)
_URL_IN_LINK = re.compile(r"\((https?://[^)\s]+)\)")
_URL = re.compile(r"https?://[^\s<>]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


LABEL_MAX = 120  # no label is longer: longer text is never looked up (parsing stays fast)


def label_key(text: str) -> str:
    """'🎧 **Quick Takeaways:**' -> 'quick takeaways'; '' for text too long to be a label."""
    if len(text) > LABEL_MAX:
        return ""
    text = _LABEL_JUNK.sub(" ", unicodedata.normalize("NFKC", text))
    return " ".join(text.casefold().split())


def is_chrome(line: str, *, page: bool = True) -> bool:
    """UI text of a copied page (`page`), or an app footer, which any shape may carry."""
    return is_chrome_key(label_key(line[:LABEL_MAX]), page=page)  # a footer shows at its start


def is_chrome_key(key: str, *, page: bool = True) -> bool:
    """is_chrome for a line's label_key, when the caller has it already."""
    return (page and key in CHROME) or bool(_FOOTER.match(key))


def strip_bullet(line: str) -> str:
    return _BULLET.sub("", line, count=1)


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


def is_title_like(line: str) -> bool:
    """A deep-dive title: short, one line, no sentence punctuation at the end."""
    words = line.split()
    return (
        0 < len(words) <= 20
        and len(line) <= 160
        and not line.rstrip().endswith((".", "!", "?", ":", ";", ",", "…"))
        and not line[:1].islower()
    )


def is_paragraph_like(line: str) -> bool:
    """A deep-dive body: sentences, not a label."""
    sentences = len(line.split()) >= 6 and bool(_SENTENCE_END.search(line.rstrip()))
    return sentences or len(line) >= 200


_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_DATE_FORMATS = ("%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")


def as_date(value: Any) -> str | None:
    """A publish date in any common spelling -> 'YYYY-MM-DD', or None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    # Logseq writes journal links: '[[Mar 28th, 2024]]'.
    text = _ORDINAL.sub(r"\1", clean_line(str(value)).strip("[]\"' "))
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        text = match.group(0)
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def as_url(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    match = _URL_IN_LINK.search(value) or _URL.search(value)
    return match.group(1 if match.re is _URL_IN_LINK else 0) if match else ""


_TAG = re.compile(r"\[\[([^\[\]]+)\]\]|#?([^\s,#\[\]]+)")


def as_tags(text: str) -> list[str]:
    """'#ai #long-context', '[[ai]] [[agents]]' or 'ai, agents' -> tags."""
    return [clean_line(m.group(1) or m.group(2)) for m in _TAG.finditer(text)]


def as_list(value: Any) -> list[str]:
    """Tags or guests given as a list, a comma list, or '#a #b'."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        items = [str(v) for v in value if v is not None and not isinstance(v, dict | list)]
    else:
        text = str(value)
        items = text.split() if "#" in text and "," not in text else text.split(",")
    return [clean_line(item).lstrip("#").strip("[]\"' ") for item in items if clean_line(item)]


# Metadata key (after `label_key`) -> Episode field.
METADATA_KEYS: dict[str, str] = {}
for _field, _keys in {
    "title": "title|episode title|episode|name|full title",
    "podcast": "podcast|show|podcast name|show name|podcast title|author",
    "guests": "guests|guest|people|speakers",
    "published": "published|date|publish date|episode publish date|release date|"
    "published date|pub date|published at",
    "url": "url|link|episode link|source|source url|episode url",
    "tags": "tags|tag|keywords",
}.items():
    for _key in _keys.split("|"):
        METADATA_KEYS[_key] = _field


def metadata_from(mapping: dict[str, Any], *, verbatim: bool = False) -> dict[str, Any]:
    """Front matter, Logseq page properties or an 'Episode metadata' list -> Episode fields.

    `verbatim` (podnotes' own front matter) takes values as they are: no link text, no
    splitting or trimming of list items."""
    out: dict[str, Any] = {}

    def text(value: str) -> str:
        return clean_line(value if verbatim else _link_text(value))

    for raw_key, value in mapping.items():
        name = METADATA_KEYS.get(label_key(str(raw_key)))
        if name in {"title", "podcast"} and isinstance(value, str | int) and clean_line(str(value)):
            if name == "title" or isinstance(value, str):
                out.setdefault(name, text(str(value)))
        elif name in {"guests", "tags"}:
            items = _verbatim_list(value) if verbatim else as_list(value)
            if items:
                out.setdefault(name, items)
        elif name == "published" and as_date(value):
            out.setdefault("published", as_date(value))
        elif name == "url" and as_url(value):
            out.setdefault("url", as_url(value))
    return out


def _verbatim_list(value: Any) -> list[str]:
    if not isinstance(value, list | tuple):
        return as_list(value)
    return [clean_line(str(v)) for v in value if v is not None and not isinstance(v, dict | list)]


def _link_text(value: str) -> str:
    """'[[Dwarkesh Podcast]]' or '[Show](url)' -> the visible text."""
    match = re.match(r"^\[\[([^\]]+)\]\]$|^\[([^\]]+)\]\([^)]*\)$", value.strip())
    if match:
        return match.group(1) or match.group(2)
    return value


_PROMO = re.compile(
    r"^(?:(?:subscribe|share|like|comment|restack|upgrade to paid|get the app)[ \t]*$"
    r"|thanks for reading\b.*\bsubscribe|subscribe (?:to|for free|now|on)\b"
    r"|follow (?:us|me) on\b|leave (?:us )?a review\b|rate (?:and|&) review\b"
    r"|become a (?:paid )?(?:subscriber|member|patron)\b)",
    re.IGNORECASE,
)
_IMAGE_LINE = re.compile(r"^!\[[^\]\n]*\]\([^)\n]*\)$")
_RULE = re.compile(r"^ {0,3}(?:-[ \t]*){3,}$|^ {0,3}(?:\*[ \t]*){3,}$|^ {0,3}(?:_[ \t]*){3,}$")


def is_promo(line: str) -> bool:
    """A web page's subscribe/share buttons or a newsletter plea: never episode notes."""
    return len(line) <= 120 and bool(_PROMO.match(line.strip(" *_>#-")))


def is_image(line: str) -> bool:
    return bool(_IMAGE_LINE.match(line.strip()))


def is_rule(line: str) -> bool:
    """A thematic break (`---`, `***`, `___`)."""
    return bool(_RULE.match(line))


def strip_symbols(text: str) -> str:
    """'🎙️ The Founder Playbook' -> 'The Founder Playbook': emoji and icons before a title."""
    i = 0
    while i < len(text) and (
        text[i].isspace() or unicodedata.category(text[i]) in {"So", "Sk", "Cf", "Mn", "Cs"}
    ):
        i += 1
    return text[i:] if i < len(text) else text
