"""Metadata values in every spelling the families use -> Episode fields.

Front matter (YAML or JSON, nested one level too), Dataview and Logseq `key:: value`, and
metadata lists all arrive here as one mapping. Links and wikilinks are reduced to their text;
URL fields keep the URL; dates become ISO; an impossible date is left out with a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from podnotes.model import clean_line
from podnotes.parse.mdtext import decode_entities
from podnotes.parse.vocabulary import METADATA_KEYS, METADATA_RANK, label_key

_URL_IN_LINK = re.compile(r"\]\((https?://[^)\s]+)\)|\((https?://[^)\s]+)\)")
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_WIKILINK = re.compile(r"\[\[([^\[\]|]*?)(?:\\?\|([^\[\]]*))?\]\]")
# '[text](url)', its brackets not escaped ('\[\]()' is text, as podnotes' export writes it)
_MD_LINK = re.compile(
    r"(?<![!\\])\[((?:\\.|[^\[\]\\])*)\]\((?:<[^>]*>|[^()\s]*(?:\([^()\s]*\))?[^()\s]*)\)"
)
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y/%m/%d",
    "%m/%d/%Y",
    "%b %d %Y",
    "%B %d %Y",
)
_ISO_START = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_EPOCH = re.compile(r"^\d{9,13}$")
# '1:02:03', '34:32' and Hugo themes' '34:32.000' (the fraction of a second dropped).
_DURATION_CLOCK = re.compile(r"^(?:(\d{1,3}):)?(\d{1,3}):([0-5]\d)(?:[.,]\d{1,3})?$")
_DURATION_WORDS = re.compile(
    r"^(?:(\d{1,3})\s*h(?:ours?|rs?)?)?\s*(?:(\d{1,4})\s*m(?:in(?:utes?|s)?)?)?"
    r"\s*(?:(\d{1,5})\s*s(?:ec(?:onds?|s)?)?)?$",
    re.IGNORECASE,
)
_SITE_NAME = re.compile(r"^Snipd\s*[|–—-]\s*(?=\S)|(?<=\S)\s*[|–—-]\s*Snipd$")
_TAG = re.compile(r"\[\[([^\[\]]+)\]\]|#?([^\s,#\[\]]+)")


def link_text(text: str) -> str:
    """'[[Target|Shown]]', '[[Name]]' and '[text](url)' -> their visible text."""
    if "[" not in text:
        return text
    text = _WIKILINK.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(1), text)
    return _MD_LINK.sub(lambda m: m.group(1), text)


def as_url(value: Any) -> str:
    """The URL of a link, a bare URL or an autolink; '' when there is none."""
    if not isinstance(value, str):
        return ""
    match = _URL_IN_LINK.search(value)
    if match:
        return match.group(1) or match.group(2)
    bare = _URL.search(value)
    return bare.group(0) if bare else ""


def as_date(value: Any) -> str | None:
    """A publish date in any common spelling -> 'YYYY-MM-DD', or None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    # Logseq writes journal links: '[[Mar 28th, 2024]]', '[[01/20/2024]]'.
    text = _ORDINAL.sub(r"\1", clean_line(link_text(str(value))).strip("[]\"' "))
    if _EPOCH.match(text):
        return _epoch_date(int(text))
    match = _ISO_START.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        text = f"{year:04d}-{month:02d}-{day:02d}"  # a year before 1000 keeps its 4 digits
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _epoch_date(number: int) -> str | None:
    """Epoch seconds (10 digits) or milliseconds (13) -> the UTC date."""
    seconds = number / 1000 if number >= 10**11 else number
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def looks_like_date(value: Any) -> bool:
    """A value spelled like a date (so an unreadable one deserves a warning, not silence)."""
    text = clean_line(link_text(str(value))).strip("[]\"' ")
    return bool(re.match(r"^\d{4}-\d{1,2}-\d{1,2}|^\d{1,2}/\d{1,2}/\d{4}$", text))


def as_duration(value: Any, *, minutes: bool = False) -> int | None:
    """'1h 12min', '01:10:50', '72 min', 4250 (seconds) -> seconds; None when unreadable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value * 60) if minutes else int(value) if value >= 0 else None
    if not isinstance(value, str):
        return None
    text = clean_line(value)
    if text.isdigit():
        return int(text) * 60 if minutes else int(text)
    clock = _DURATION_CLOCK.match(text)
    if clock:
        hours, mins, secs = (int(part or 0) for part in clock.groups())
        return hours * 3600 + mins * 60 + secs
    words = _DURATION_WORDS.match(text)
    if words and any(words.groups()):
        hours, mins, secs = (int(part or 0) for part in words.groups())
        return hours * 3600 + mins * 60 + secs
    return None


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
        if "[[" in text:  # Readwise's '[[mining]] [[history]]'
            return [tag for tag in as_tags(text) if tag]
        items = text.split() if "#" in text and "," not in text else text.split(",")
    return [clean_line(item).lstrip("#").strip("[]\"' ") for item in items if clean_line(item)]


def _names(value: Any) -> list[str]:
    """Guests or books: a list, or links and names separated by commas."""
    if isinstance(value, list | tuple):
        return [clean_line(link_text(str(v))) for v in value if isinstance(v, str | int)]
    if not isinstance(value, str):
        return []
    parts = re.split(r",(?![^\[\]]*\])", value)  # commas outside link text
    return [clean_line(link_text(part)).strip("\"' ") for part in parts if part.strip()]


def flatten(mapping: dict[str, Any]) -> dict[str, Any]:
    """Front matter nested one level ('metadata:' holding title, description) as one mapping;
    the outer keys win. A mapping under a field's own key is that field's value, no wrapper:
    a host's 'url' ('host: {name: Ana, url: …}') is not the episode's."""
    out = dict(mapping)
    for outer, value in mapping.items():
        if isinstance(value, dict) and label_key(str(outer)) not in METADATA_KEYS:
            for key, inner in value.items():
                out.setdefault(str(key), inner)
    return out


def metadata_from(
    mapping: dict[str, Any],
    *,
    verbatim: bool = False,
    warnings: list[str] | None = None,
    fields: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Front matter, properties or an 'Episode metadata' list -> Episode fields.

    `verbatim` (podnotes' own front matter) takes values as they are: no link text, no
    splitting or trimming of list items. An impossible date goes to `warnings`. `fields`
    are a family's own meanings of keys (Readwise's 'author' is the show), ranked after the
    common keys of that field."""
    out: dict[str, Any] = {}
    ranks: dict[str, int] = {}
    for raw_key, value in mapping.items():
        key = label_key(str(raw_key))
        own = fields.get(key) if fields else None
        name = own or METADATA_KEYS.get(key)
        if name is None or value is None:
            continue
        found = _value(name, value, verbatim=verbatim)
        unreadable = found is None and name == "published" and looks_like_date(value)
        if unreadable and warnings is not None:
            warnings.append(f"{raw_key}: {clean_line(str(value))!r} is not a date; left empty")
        name = "duration" if name == "duration_minutes" else name
        rank = 50 if own else METADATA_RANK[key]
        if found not in (None, "", []) and rank < ranks.get(name, 99):
            out[name], ranks[name] = found, rank
    return out


def _people(value: Any) -> Any:
    """Show notes sites list people as mappings ('hosts: [{name: Ana, url: …}]'): their
    names. A list of hosts is one line of names."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    if isinstance(value, list | tuple):
        value = [
            item.get("name") or item.get("title") if isinstance(item, dict) else item
            for item in value
        ]
    return value


def _value(name: str, value: Any, *, verbatim: bool) -> Any:
    if name in {"host", "guests"} and not verbatim:
        value = _people(value)
        if name == "host" and isinstance(value, list):
            value = ", ".join(link_text(str(v)) for v in value if isinstance(v, str | int))
    if name in {"title", "podcast", "host", "summary", "episode_notes"}:
        return _text_value(name, value, verbatim=verbatim)
    if name in {"guests", "tags"}:
        if verbatim:
            return _verbatim_list(value)
        return _names(value) if name == "guests" and "[" in str(value) else as_list(value)
    if name == "books":
        return _verbatim_list(value) if verbatim else _names(value)
    if name == "published":
        return as_date(value)
    if name in {"duration", "duration_minutes"}:
        return as_duration(value, minutes=name == "duration_minutes")
    if name == "url":
        return as_url(value)
    return None


def _text_value(name: str, value: Any, *, verbatim: bool) -> str | None:
    """A title, name or summary; podnotes' own values (`verbatim`) are kept as they are."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    if name == "podcast" and not isinstance(value, str):
        return None
    if verbatim:
        return clean_line(str(value))
    text = clean_line(decode_entities(link_text(str(value))))
    if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()  # a Logseq property keeps YAML's quotes: '"Title"'
    if name == "title":
        text = _SITE_NAME.sub("", text)  # a clipped page's 'Snipd | Title'
    if name in {"host", "podcast"} and text.casefold() == "snipd":
        return None  # a clipped share page's author is the site, never the show's host
    # Readwise writes 'summary:: None' for no summary.
    return None if text.casefold() in {"none", "null"} else text


def _verbatim_list(value: Any) -> list[str]:
    if not isinstance(value, list | tuple):
        return as_list(value)
    return [clean_line(str(v)) for v in value if v is not None and not isinstance(v, dict | list)]
