"""Which episodes a listing shows: --podcast, --tag, --guest, --since and --until, and the order
of `list`. Works on Summary rows, so the index answers without loading any YAML."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from typing import NamedTuple

from podnotes.errors import PodnotesError
from podnotes.model import Summary

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class Sort(StrEnum):
    DATE = "date"
    TITLE = "title"
    PODCAST = "podcast"
    ADDED = "added"


class Filter(NamedTuple):
    """Every condition given must hold; text conditions ignore case, dates are inclusive."""

    podcast: str | None = None
    tags: tuple[str, ...] = ()
    guest: str | None = None
    since: str | None = None  # 'YYYY-MM-DD'
    until: str | None = None

    @classmethod
    def of(
        cls,
        *,
        podcast: str | None = None,
        tags: Iterable[str] = (),
        guest: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> Filter:
        """A filter from what a user typed; dates may be 2024, 2024-03 or 2024-03-28."""
        return cls(
            podcast or None,
            tuple(t.lstrip("#").casefold() for t in tags if t.lstrip("#")),
            guest or None,
            day(since, "--since", last=False) if since else None,
            day(until, "--until", last=True) if until else None,
        )

    def __bool__(self) -> bool:
        return bool(self.podcast or self.tags or self.guest or self.since or self.until)

    def matches(self, episode: Summary) -> bool:
        if self.podcast and self.podcast.casefold() not in episode.podcast.casefold():
            return False
        if self.tags:
            have = {t.lstrip("#").casefold() for t in episode.tags}
            if not all(t in have for t in self.tags):
                return False
        if self.guest:
            wanted = self.guest.casefold()
            if not any(wanted in g.casefold() for g in episode.guests):
                return False
        if self.since or self.until:
            published = episode.published or ""
            if not published:
                return False  # an episode without a date is in no date range
            if self.since and published < self.since:
                return False
            if self.until and published > self.until:
                return False
        return True

    def select(self, episodes: Iterable[Summary]) -> Iterator[Summary]:
        return (e for e in episodes if self.matches(e))


def day(text: str, option: str, *, last: bool) -> str:
    """'2024' -> '2024-01-01' (or '2024-12-31' for the end of a range), '2024-02' likewise."""
    match = _PARTIAL_DATE.match(text.strip())
    try:
        if match is None:
            raise ValueError(text)
        year, month, mday = match.group(1), match.group(2), match.group(3)
        y = int(year)
        m = int(month) if month else (12 if last else 1)
        if not mday and last:
            import calendar  # only for the last day of a month given alone

            d = calendar.monthrange(y, m)[1]
        else:
            d = int(mday) if mday else 1
        return dt.date(y, m, d).isoformat()
    except ValueError:
        raise PodnotesError(
            f"{option}: {text!r} is not a date (expected 2024-03-28, 2024-03 or 2024)"
        ) from None


def sort_summaries(
    episodes: Iterable[Summary],
    by: Sort | None,
    *,
    reverse: bool = False,
    added: Mapping[str, str] | None = None,
) -> list[Summary]:
    """Episodes in the order asked for (None: by slug). Undated episodes (and unknown podcasts)
    go last in either direction; 'added' orders by `added` (slug -> when it was added, such as
    listing.added_times gives)."""
    items = list(episodes)
    if by is None:
        keys = {e.slug: e.slug for e in items}
    elif by is Sort.ADDED:
        keys = {e.slug: (added or {}).get(e.slug, "") for e in items}
    elif by is Sort.DATE:
        keys = {e.slug: e.published or "" for e in items}
    elif by is Sort.PODCAST:
        keys = {e.slug: e.podcast.casefold() for e in items}
    else:
        keys = {e.slug: e.title.casefold() for e in items}
    known = sorted((e for e in items if keys[e.slug]), key=lambda e: (keys[e.slug], e.slug))
    if reverse:
        known.reverse()
    return known + [e for e in items if not keys[e.slug]]
