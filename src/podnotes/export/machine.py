"""Machine formats: the document as JSON, Podcasting 2.0 chapters, YouTube chapter lines."""

from __future__ import annotations

from typing import Any

from podnotes.model import Episode, format_timestamp
from podnotes.yamlio import to_data


def document(episode: Episode) -> dict[str, Any]:
    """The YAML document's data as JSON: same keys, same order, schema included."""
    return to_data(episode)


def podcasting_chapters(episode: Episode) -> dict[str, Any]:
    """Podcasting 2.0 JSON chapters (https://github.com/Podcastindex-org/podcast-namespace)."""
    return {
        "version": "1.2.0",
        "chapters": [{"startTime": c.start, "title": c.title} for c in episode.chapters],
    }


def youtube_chapters(episode: Episode) -> str:
    """A description-ready list: 'MM:SS Title' (or 'H:MM:SS'), the first at 00:00 as YouTube
    requires; a chapter list that starts later gets an 'Intro' line at 00:00."""
    long = any(c.start >= 3600 for c in episode.chapters)
    # YouTube reads only ascending times; a hand-edited note may list chapters in any order.
    chapters = sorted(((c.start, c.title) for c in episode.chapters), key=lambda c: c[0])
    if chapters[0][0] != 0:
        chapters.insert(0, (0, "Intro"))
    lines = [f"{_stamp(start, long)} {' '.join(title.split())}" for start, title in chapters]
    return "\n".join(lines) + "\n"


def _stamp(seconds: int, long: bool) -> str:
    return format_timestamp(seconds, hours=long, width=1 if long else 2)
