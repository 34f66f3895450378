"""The library's map of topics: deep-dive titles, near-identical ones merged, counted by episode."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from podnotes.store import Entry

MERGE_SCORE = 88.0  # token_sort_ratio at which two titles name the same topic


@dataclass
class Topic:
    title: str  # the most common spelling
    titles: dict[str, int] = field(default_factory=dict)  # spelling -> times seen
    episodes: list[str] = field(default_factory=list)  # slugs, in library order

    def to_json(self) -> dict[str, object]:
        return {
            "topic": self.title,
            "episodes": len(self.episodes),
            "slugs": self.episodes,
            "titles": sorted(self.titles, key=lambda t: (-self.titles[t], t)),
        }


def topics(entries: Iterable[Entry], *, min_episodes: int = 1) -> list[Topic]:
    """Deep-dive titles grouped by similarity, most episodes first."""
    from rapidfuzz import fuzz, process, utils

    found: list[Topic] = []
    keys: list[str] = []  # processed title of each topic, for matching
    seen: dict[str, Topic] = {}  # processed title -> its topic, so repeats skip the fuzzy pass
    for entry in entries:
        for dive in entry.episode.deep_dives:
            key = utils.default_process(dive.title)
            if not key:
                continue
            topic = seen.get(key)
            if topic is None:
                best = process.extractOne(
                    key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=MERGE_SCORE
                )
                if best is None:
                    found.append(Topic(dive.title))
                    keys.append(key)
                topic = seen[key] = found[-1] if best is None else found[best[2]]
            topic.titles[dive.title] = topic.titles.get(dive.title, 0) + 1
            if entry.slug not in topic.episodes:
                topic.episodes.append(entry.slug)
    for topic in found:
        topic.title = max(topic.titles, key=lambda t: (topic.titles[t], -len(t)))
    kept = [t for t in found if len(t.episodes) >= min_episodes]
    return sorted(kept, key=lambda t: (-len(t.episodes), t.title.casefold()))
