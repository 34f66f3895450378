"""A small stand-in for ../shared/bench/make_library.py on machines without it: Snipd-page
shaped episodes with a planted needle phrase, the same for the same arguments."""

from __future__ import annotations

import random
from pathlib import Path

WORDS = [
    *("models", "scaling", "research", "teams", "data", "compute", "features", "sleep"),
    *("light", "markets", "policy", "energy", "planning", "reasoning", "evaluation", "safety"),
    *("hiring", "chips", "memory", "language", "history", "music"),
]


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "."


def write_library(folder: Path, episodes: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, episodes + 1):
        lines = [" ".join(_sentence(rng) for _ in range(3)), "Read more", "Quick takeaways"]
        lines += [_sentence(rng) for _ in range(6)]
        lines.append("Deep dives")
        for _ in range(10):
            title = " ".join(rng.choice(WORDS) for _ in range(4)).title()
            body = " ".join(_sentence(rng) for _ in range(4))
            if rng.random() < 0.05:
                body += " The guests connect this to dictionary learning in detail."
            if rng.random() < 0.0005:
                body += " The guests connect this to zyzzogeton benchmark in detail."
            lines += [title, body]
        lines.append(f"A conversation about {rng.choice(WORDS)}.")
        lines += [
            f"({m // 60:02d}:{m % 60:02d}:00) - Part {i}" for i, m in enumerate(range(0, 90, 9))
        ]
        (folder / f"episode-{n:06d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
