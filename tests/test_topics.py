from __future__ import annotations

from podnotes.topics import topics


def test_near_identical_titles_merge_and_count_episodes() -> None:
    dives = [
        ("a", "Dictionary Learning for Sleep Stages"),
        ("b", "dictionary learning for sleep stages!"),
        ("b", "Sleep Stages and Dictionary Learning"),  # same words, other order: same topic
        ("c", "Dictionary Learning for Sleep Stages"),
        ("c", "Monetary Policy"),
        ("d", "Monetary policy"),
        ("d", "Protein Folding"),
    ]
    found = topics(dives)
    assert [(t.title, list(t.episodes)) for t in found] == [
        ("Dictionary Learning for Sleep Stages", ["a", "b", "c"]),
        ("Monetary Policy", ["c", "d"]),
        ("Protein Folding", ["d"]),
    ]
    assert found[0].spellings()[0] == "Dictionary Learning for Sleep Stages"


def test_min_episodes_and_distinct_topics_stay_apart() -> None:
    dives = [("a", "Scaling Laws"), ("b", "Scaling Laws"), ("a", "Sleep Science")]
    assert [t.title for t in topics(dives, min_episodes=2)] == ["Scaling Laws"]
    assert len(topics([("a", "Interpretability"), ("b", "Interoperability")])) == 2


def _full_scan(dives: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """The grouping compared against every earlier topic: what blocking must agree with."""
    from rapidfuzz import fuzz, process, utils

    keys: list[str] = []
    groups: list[set[str]] = []
    seen: dict[str, int] = {}
    for slug, title in dives:
        key = utils.default_process(title)
        if key not in seen:
            best = process.extractOne(key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=88.0)
            if best is None:
                keys.append(key)
                groups.append(set())
            seen[key] = len(keys) - 1 if best is None else best[2]
        groups[seen[key]].add(slug)
    return sorted((min(g), sorted(g)) for g in groups)


def test_blocking_groups_like_a_full_scan() -> None:
    import random

    rng = random.Random(7)
    words = ["sleep", "stages", "dictionary", "learning", "monetary", "policy", "protein"]
    words += ["folding", "scaling", "laws", "sparse", "circuits", "attention", "budgets"]
    dives = []
    for n in range(600):
        title = " ".join(rng.sample(words, rng.randint(2, 4)))
        variant = rng.choice(
            [
                title,
                title.upper(),
                title + "!",
                " ".join(reversed(title.split())),
                title.replace("e", "", 1),  # a typo
            ]
        )
        dives.append((f"ep{n % 150:03d}", variant))
    blocked = sorted((min(t.episodes), sorted(t.episodes)) for t in topics(dives))
    assert blocked == _full_scan(dives)


def test_each_new_title_is_compared_with_a_bounded_number_of_topics(monkeypatch) -> None:
    from rapidfuzz import process

    from podnotes import topics as module

    sizes: list[int] = []
    real = process.extractOne

    def counting(query, choices, **kwargs):
        sizes.append(len(choices))
        return real(query, choices, **kwargs)

    monkeypatch.setattr(process, "extractOne", counting)
    import random

    rng = random.Random(3)
    tails = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=14)) for _ in range(2000)]
    dives = [(f"e{n}", f"Common words with a tail {tail}") for n, tail in enumerate(tails)]
    assert len(topics(dives)) == 2000  # every title shares four words with every other
    assert max(sizes) <= module.CANDIDATES


def test_topics_are_stored_in_the_index_until_it_changes(notes_dir, monkeypatch) -> None:
    from podnotes import topics as module
    from podnotes.index import Index
    from podnotes.model import DeepDive, Episode, Source
    from podnotes.store import Library

    library = Library(notes_dir)
    for n, title in enumerate(["Scaling Laws", "scaling laws!", "Protein Folding"]):
        episode = Episode(
            title=f"Episode {n}",
            deep_dives=(DeepDive(title, "Body."),),
            source=Source("markdown", f"{n}.md", f"{n:064d}"),
        )
        library.save(episode)
    index = Index.open(library)
    total, found = module.stored_topics(index)
    assert total == 2
    assert [(t.title, len(t.episodes)) for t in found] == [
        ("Scaling Laws", 2),
        ("Protein Folding", 1),
    ]

    def fail(*args, **kwargs):
        raise AssertionError("worked out again although the index did not change")

    monkeypatch.setattr(module, "topics", fail)
    reopened = Index.open(library)
    total, found = module.stored_topics(reopened, min_episodes=2)
    assert (total, [t.to_json()["titles"] for t in found]) == (
        1,
        [["Scaling Laws", "scaling laws!"]],
    )
    monkeypatch.undo()
    library.save(
        Episode(
            title="Episode 9",
            deep_dives=(DeepDive("Protein folding", "Body."),),
            source=Source("markdown", "9.md", "9" * 64),
        )
    )
    total, found = module.stored_topics(Index.open(library), min_episodes=2)
    assert sorted(t.title for t in found) == ["Protein Folding", "Scaling Laws"]
