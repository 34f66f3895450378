"""The parsers' vocabulary: section labels, snip parts, metadata keys and the chrome of every
family (app footers, web-page promos). The one list: podnotes' Markdown export escapes exactly
the lines this vocabulary would read as structure."""

from __future__ import annotations

import re
import unicodedata

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

_LABEL_JUNK = re.compile(r"[^\w\s]|_", re.UNICODE)

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


_PROMO = re.compile(
    r"^(?:(?:subscribe|share|like|comment|restack|upgrade to paid|get the app)[ \t]*$"
    r"|thanks for reading\b.*\bsubscribe|subscribe (?:to|for free|now|on)\b"
    r"|follow (?:us|me) on\b|leave (?:us )?a review\b|rate (?:and|&) review\b"
    r"|become a (?:paid )?(?:subscriber|member|patron)\b)",
    re.IGNORECASE,
)


def is_promo(line: str) -> bool:
    """A web page's subscribe/share buttons or a newsletter plea: never episode notes."""
    return len(line) <= 120 and bool(_PROMO.match(line.strip(" *_>#-")))
