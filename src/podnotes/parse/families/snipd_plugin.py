"""Snipd's official Obsidian plugin (2025-).

A snip's heading is `### ⭐ [Snip title](snip url) #tag [[tag]]` (the star only on favourites;
with a customised template the star, the link or the tags may be missing), then
`🎧 12:04 - 14:31 (2min)`, a player, the user's note and the `#### 💬 Quote` and
`#### 📚 Transcript` parts. The time line is read with every family's time ranges (snips.py).
"""

from __future__ import annotations

import re

from podnotes.model import clean_line
from podnotes.parse.common import label_line
from podnotes.parse.families.base import Recognizer
from podnotes.parse.mdtext import unescape
from podnotes.parse.metadata import link_text
from podnotes.parse.snip import Snip

_HEADING_LINK = re.compile(r"^\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\((<[^>]*>|[^()\s]*)\)(.*)$")
_HEADING_TAGS = re.compile(r"(?:^|[ \t])(?:#([^\s#\[\]]+)|\[\[([^\[\]]+)\]\])")
# 'Created: 2025-03-01' (or 'Created at:'): the date a customised template adds to a snip.
_CREATED = label_line("created(?: at)?", r"\d{4}-\d{2}-\d{2}")


class SnipdPlugin(Recognizer):
    name = "snipd-plugin"
    description = "Snipd's Obsidian plugin (2025-)"
    sign = re.compile(
        r"^🎧 \d|^#{1,6} ⭐|^- Episode AI description:|^- Mentioned books:|obsidian-player|"
        r"^from_snipd:",
        re.MULTILINE,
    )
    markers = (
        "🎧 ",
        "# ⭐",
        "Episode AI description:",
        "Mentioned books:",
        "obsidian-player",
        "from_snipd:",
    )
    # The front matter's 'episode_duration' counts minutes ('episode_duration_minutes' too).
    key_fields = {"episode duration": "duration_minutes"}  # noqa: RUF012 (read only)

    def snip_heading(self, text: str, *, bullet: bool) -> Snip | None:
        match = _HEADING_LINK.match(text)
        if match is None:
            return None
        rest = match.group(3)
        tags = [clean_line(m.group(1) or m.group(2)) for m in _HEADING_TAGS.finditer(rest)]
        title = clean_line(unescape(link_text(match.group(1))))
        return Snip(title=title, url=match.group(2).strip("<>"), tags=tags, bullet=bullet)

    def snip_line(self, snip: Snip, stripped: str, line: str) -> tuple[str, str] | None:
        return None if _CREATED.match(stripped) else (stripped, line)
