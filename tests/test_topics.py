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
    assert found[0].to_json()["titles"][0] == "Dictionary Learning for Sleep Stages"


def test_min_episodes_and_distinct_topics_stay_apart() -> None:
    dives = [("a", "Scaling Laws"), ("b", "Scaling Laws"), ("a", "Sleep Science")]
    assert [t.title for t in topics(dives, min_episodes=2)] == ["Scaling Laws"]
    assert len(topics([("a", "Interpretability"), ("b", "Interoperability")])) == 2
