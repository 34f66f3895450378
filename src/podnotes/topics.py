"""The library's map of topics: deep-dive titles, near-identical ones merged, counted by episode."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

MERGE_SCORE = 88.0  # token_sort_ratio at which two titles name the same topic


@dataclass
class Topic:
    title: str  # the most common spelling
    titles: dict[str, int] = field(default_factory=dict)  # spelling -> times seen
    episodes: dict[str, None] = field(default_factory=dict)  # slugs, an ordered set

    def to_json(self) -> dict[str, object]:
        return {
            "topic": self.title,
            "episodes": len(self.episodes),
            "slugs": list(self.episodes),
            "titles": sorted(self.titles, key=lambda t: (-self.titles[t], t)),
        }


def topics(dives: Iterable[tuple[str, str]], *, min_episodes: int = 1) -> list[Topic]:
    """(slug, deep-dive title) pairs grouped by similar title, most episodes first."""
    from rapidfuzz import fuzz, process, utils

    found: list[Topic] = []
    keys: list[str] = []  # processed title of each topic, for matching
    seen: dict[str, Topic] = {}  # processed title -> its topic, so repeats skip the fuzzy pass
    for slug, title in dives:
        key = utils.default_process(title)
        if key:
            topic = seen.get(key)
            if topic is None:
                best = process.extractOne(
                    key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=MERGE_SCORE
                )
                if best is None:
                    found.append(Topic(title))
                    keys.append(key)
                topic = seen[key] = found[-1] if best is None else found[best[2]]
            topic.titles[title] = topic.titles.get(title, 0) + 1
            topic.episodes[slug] = None
    for topic in found:
        topic.title = max(topic.titles, key=lambda t: (topic.titles[t], -len(t)))
    kept = [t for t in found if len(t.episodes) >= min_episodes]
    return sorted(kept, key=lambda t: (-len(t.episodes), t.title.casefold()))
