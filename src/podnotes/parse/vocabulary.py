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
    "highlights": "snips|highlights|my snips|snipd highlights|my highlights|new highlights",
    "metadata": "episode metadata|metadata|episode info|episode details|episode information|"
    "about|about this episode|podcast info|episode data",
    "my_notes": "my notes",
    "transcript": "transcript|full transcript|episode transcript|full episode transcript",
}.items():
    for _label in _labels.split("|"):
        SECTION_LABELS[_label] = _section

# The labels of a snip's time and link lines in customised templates ('- Time: 04:10 - 05:02',
# '- Link: https://share.snipd.com/snip/…', '- Audio link: 🎧 [Play snip](…)'): the snip reader
# takes such a line for the snip's time or link, and the export escapes a note line that opens
# like one (parse.common.SNIP_TIME_LINE and SNIP_LINK_LINE are their line shapes).
SNIP_TIME_LABELS = ("time", "times", "timestamp", "timestamps", "time range", "audio link", "audio")
SNIP_LINK_LABELS = ("link", "url", "snip link", "snip url")

# A snip's own properties that podnotes keeps nowhere (a highlight has no date of its own and
# no star): 'Snip date:: 2023-11-20', '- Favourite: yes' in a customised template or a callout.
SNIP_DATE_LABELS = ("snip date", "snip created", "created at", "created")
SNIP_FLAG_LABELS = ("favourite", "favorite", "starred", "star")

# Inside one Snipd snip.
SNIP_PARTS: dict[str, str] = {
    "ai generated summary": "takeaways",
    "ai summary": "takeaways",
    "summary": "takeaways",
    "key takeaways": "takeaways",
    "takeaways": "takeaways",
    "transcript": "transcript",
    "full transcript": "transcript",
    "quote": "quote",
    "note": "note",
    "notes": "note",
    "my note": "note",
    "my notes": "note",
    "tags": "tags",
    **dict.fromkeys(SNIP_LINK_LABELS, "url"),
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
# Chrome of a Snipd share page clipped by a read-later app (Omnivore, Obsidian Web Clipper),
# and the summaries' own wrappers: never content in any shape.
WEB_CHROME = {
    "snipd ai",
    "read more",
    "click to expand",
    "get the snipd podcast app",
    "get the snipd app",
    "unlock the knowledge in podcasts with the podcast player of the future",
    "ai powered podcast player",
    "listen to all your favourite podcasts with ai powered features",
    "listen to all your favorite podcasts with ai powered features",
    "discover highlights",
    "listen to the best highlights from the podcasts you love and dive into the full episode",
    "save any moment",
    "hear something you like tap your headphones to save it with ai generated key takeaways",
    "share export",
    "send highlights to twitter whatsapp or export them to notion readwise more",
    "highlight take notes from podcasts",
}
# The app promos of a clipped share page, as headings (their second line follows).
CHROME_HEADINGS = {
    "get the snipd",
    "get the snipd podcast app",
    "ai powered",
    "ai powered podcast player",
    "discover highlights",
    "save any",
    "save any moment",
    "share export",
    "share",
    "discover",
}
# Headings that only wrap the content below them (Omnivore's 'Content').
TRANSPARENT_HEADINGS = {"content", "page content"}
_FOOTER = re.compile(
    r"^(?:podcast summary )?(?:created|exported|generated|summari[sz]ed|synced) "
    r"(?:with|from|by|using|via) (?:snipd|readwise|glasp|obsidian web clipper)\b"
    # Omnivore's clipping: its tag line '#Omnivore' and its '[Read on Omnivore](…)' link.
    r"|^omnivore$|^read on omnivore https? omnivore app\b",
    re.IGNORECASE,
)

_LABEL_JUNK = re.compile(r"[^\w\s]|_", re.UNICODE)

_ASCII_JUNK = {c: " " for c in range(128) if not (chr(c).isalnum() or chr(c).isspace())}
LABEL_MAX = 120  # no label is longer: longer text is never looked up (parsing stays fast)


def label_key(text: str) -> str:
    """'🎧 **Quick Takeaways:**' -> 'quick takeaways'; '' for text too long to be a label."""
    if len(text) > LABEL_MAX:
        return ""
    if text.isascii():  # most lines: the same result without normalising or a regex
        return " ".join(text.translate(_ASCII_JUNK).lower().split())
    text = _LABEL_JUNK.sub(" ", unicodedata.normalize("NFKC", text))
    return " ".join(text.casefold().split())


def is_chrome(line: str, *, page: bool = True) -> bool:
    """UI text of a copied page (`page`), or an app footer, which any shape may carry."""
    return is_chrome_key(label_key(line[:LABEL_MAX]), page=page)  # a footer shows at its start


def is_chrome_key(key: str, *, page: bool = True) -> bool:
    """is_chrome for a line's label_key, when the caller has it already."""
    return (page and key in CHROME) or key in WEB_CHROME or bool(_FOOTER.match(key))


# Metadata key (after `label_key`) -> Episode field ('summary' and 'duration_minutes' are
# read into the summary and the duration).
METADATA_KEYS: dict[str, str] = {}
# Key -> its rank among the keys of its field: when a mapping holds two ('show' and 'author',
# 'snipd' and 'source'), the earlier-listed key wins whatever their order in the input.
METADATA_RANK: dict[str, int] = {}
for _field, _keys in {
    "title": "title|episode title|episode|name|full title",
    "podcast": "podcast|show|podcast name|show name|podcast title|show title",
    # 'author' is the show only in Readwise's exports (its recognizer says so); show notes
    # sites (jekyll-octopod, Hugo themes) and web clippers mean the people who made it.
    "host": "host|hosts|owner host|owner|show author|presenter|presenters|moderator|"
    "moderators|author|authors|itunes author|podcast author",
    "guests": "guests|guest|people|speakers",
    "published": "published|date|publish date|episode publish date|release date|"
    "published date|pub date|published at|date published|episode date|pubdate|datum|"
    "publishdate|publicationdate|publication date",
    "duration": "duration|episode duration|length|runtime|running time|podcast duration|"
    "itunes duration",
    "duration_minutes": "episode duration minutes|duration minutes",
    "url": "url|episode url|episode link|episode share url|snipd|link|source url|source|site",
    "tags": "tags|tag|keywords|labels",
    "books": "mentioned books|books|books mentioned",
    "summary": "episode ai description|ai description",
}.items():
    for _rank, _key in enumerate(_keys.split("|")):
        METADATA_KEYS[_key] = _field
        METADATA_RANK[_key] = _rank

# Keys every family writes that podnotes keeps nowhere, on purpose: --explain says so, and
# calls any other key it has no field for one it does not know.
IGNORED_KEYS = {
    "export date",
    "show url",
    "show notes link",
    "category",
    "collapsed",
    "date saved",
    "created",
    "note created",
    "image url",
    "show image url",
    "cover",
    "image",
    "snips count",
    "cnt snips",
    "from snipd",
    "schema",  # podnotes' own export: the version of the document it came from
    "last snip date",
    "episode export date",
    "last highlighted date",
    "id",
    "type",
    "status",
    "up",
    "aliases",
    "dg publish",
    "permalink",
    "layout",
    # Show notes sites' keys for the audio file and the page, not the episode's notes.
    "explicit",
    "episode cover",
    "episode image",
    "audio",
    "podcast file",
    "podcast bytes",
    "podcast file size",
    "podcast length",
    "podcast link",
    "youtube",
    "categories",
    "series",
    "mp3",
    "images",
    "draft",
}

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
