"""Arbitrary input never crashes the parser: an Episode, or a ParseError/InputError for the user."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podnotes.errors import InputError, ParseError, PodnotesError
from podnotes.model import Episode
from podnotes.parse import FORMATS, parse_bytes, parse_text, read_chapter_file

# Pieces of every shape the parsers know, so that random text reaches deep into them.
_PIECES = [
    "---",
    "title: x",
    "tags: [a, b]",
    "# Title",
    "## Episode AI notes",
    "### Quick takeaways",
    "#### Deep dives",
    "\\#\\#\\# Key takeaways",
    "**Deep dives**",
    "**Title** — body text that goes on.",
    "## Snips",
    "### [04:58] Snip",
    "[🎧 Play snip - 1min️ (04:07 - 05:37)](https://share.snipd.com/snip/x)",
    "#### 📚 Transcript",
    "#### 📝 Note",
    "> quote",
    "> [!summary] Summary",
    "Tags: #a #b",
    "title:: x",
    "- ## Episode notes",
    "\t\t- deep bullet",
    "- item",
    "1. item",
    "• item",
    "(00:00:00) - Intro",
    "1:02:03 – Title",
    "[12:05] Title",
    "00:00:01 --> 00:00:05",
    "([Time 0:04:07](https://x))",
    "Quick takeaways",
    "Deep dives",
    "Read more",
    "auto_awesome",
    "A title line",
    "A paragraph line that ends in a full stop, as deep dive bodies do.",
    "&amp; &#39; &#x1F600; &bogus;",
    "![img](x.png)",
    "***",
    "Subscribe",
    "Created with Snipd",
    "\x00\x01\x1b[31m\x7f",
    "\u202e\u200b\ufeff",
    "x" * 5000,
    # The families of issue 10: plugin headings, HTML, Dataview, Readwise templates, clippings.
    "### ⭐ [Title](https://share.snipd.com/snip/1) #tag [[tag]]",
    "🎧 12:04 - 1:14:31 (2min)",
    "<iframe src='x'></iframe>",
    "<details>",
    "<summary>📚 Transcript</summary>",
    "</details>",
    "<blockquote><b>Speaker 1</b><br/><br/>Text &amp; more</blockquote><br/>",
    "<!-- a comment",
    "-->",
    "{% include x %} {{ page.title }}",
    "> [!quote]- Transcript",
    '>> **URL**:: "https://x"',
    "- Show:: [[A\\|B]]",
    "- Duration: 1h 12min",
    "- Episode AI description: About it.",
    "### Time 0:21:40",
    "[[2024-05-18]] 09:12",
    "## New highlights added May 20, 2024 at 8:02 AM",
    "Certainly! Here are the key points:",
    "site:: [Snipd](https://share.snipd.com/episode/x)",
    "date-published:: [[02/30/2024]]",
    "date: 2024-02-30",
    "\\#\\# Get the Snipd  ",
    "00:00:00.000",
    "[00:00:05] **Host:** Welcome.",
    "## Transcript",
    '{"chapters": [{"start": 0, "title": "x"}]}',
    # Real templates met later: AI answers inside an item, newer metadata, customised plugin
    # snips, audio-link lines, block IDs, comments and no-break spaces.
    "  ---",
    "  **Summary**",
    "  ### Buffers",
    "  ```bash",
    "- Tags: [[a]] [[b]]",
    "- Document Note: mine",
    "- Document Tags: [[x]]",
    "x ([View Highlight](https://read.readwise.io/read/1))",
    "x (Time 0:22:30) ^rw512345 %% c %%",
    "- Time: 04:10 - 05:02",
    "- Link: https://share.snipd.com/snip/1",
    "from_snipd: true",
    "- Audio link: \U0001f3a7 [Play snip](https://share.snipd.com/snip/1)",
    "### [12:10]",
    "\tSpeaker\u00a01",
    "(00:00:14) __Ana:__ Hi.",
    "<li>00:00 Intro</li>",
    "<p>Music&nbsp;&amp; more</p><p>",
    "> text [⤴️](https://omnivore.app/me/x#a) ^a1",
    "[Read Original](https://share.snipd.com/episode/x)",
]
_lines = st.one_of(
    st.sampled_from(_PIECES),
    st.text(max_size=40),
    st.builds(lambda n: "#" * n + " Heading", st.integers(1, 8)),
    st.builds(lambda n: "  " * n + "- deep", st.integers(0, 60)),
)
T = TypeVar("T")
documents = st.lists(_lines, max_size=40).map("\n".join)


def outcome(call: Callable[[], T], *errors: type[PodnotesError]) -> T | PodnotesError:
    """The call's result, or the user error it raised; any other exception fails the test."""
    try:
        return call()
    except errors as err:
        error = err
    assert str(error), "a user error always has a message"
    return error


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=documents, fmt=st.sampled_from([None, *FORMATS]))
def test_parse_text_returns_an_episode_or_a_parse_error(text: str, fmt: str | None) -> None:
    episode = outcome(lambda: parse_text(text, fmt=fmt), ParseError)
    if isinstance(episode, Episode):
        assert episode.title


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=300))
def test_parse_text_on_any_text(text: str) -> None:
    assert isinstance(outcome(lambda: parse_text(text), ParseError), Episode | ParseError)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=400) | documents.map(lambda t: t.encode("utf-8", "replace")))
def test_parse_bytes_raises_only_user_errors(data: bytes) -> None:
    result = outcome(lambda: parse_bytes(data, name="input.bin"), InputError, ParseError)
    assert isinstance(result, Episode | InputError | ParseError)


@settings(max_examples=100, deadline=None)
@given(text=documents | st.text(max_size=200).map(lambda t: "{" + t))
def test_read_chapter_file_returns_chapters_or_a_parse_error(text: str) -> None:
    chapters = outcome(lambda: read_chapter_file(text, "chapters.json"), ParseError)
    if not isinstance(chapters, PodnotesError):
        assert chapters
        assert [c.start for c in chapters] == sorted(c.start for c in chapters)


@pytest.mark.parametrize(
    "text",
    [
        "#" * 100_000,
        "- " * 50_000,
        "\t" * 10_000 + "- deep",
        "\n".join("#" * (i % 7) + " h" for i in range(20_000)),
        "\n".join("\t" * i + "- item" for i in range(500)),
        "**" * 20_000,
        "> " * 20_000 + "[!note]",
        "[" * 30_000 + "00:00" + "]" * 30_000,
        "\\#" * 30_000 + " x",
        "&" * 30_000 + ";",
        "1:" * 20_000 + "00 title",
        "Deep dives\n" + "Title\n" + "word " * 40_000,
    ],
)
def test_hostile_shapes_finish(text: str) -> None:
    assert isinstance(outcome(lambda: parse_text(text), ParseError), Episode | ParseError)


_episode_heads = st.sampled_from(
    [
        "# {t}\n\n![Cover|200](https://img.example.org/c.png)\n\n## Episode metadata",
        "- ## [[{t}]]\n  episode-link:: [Open in Snipd](https://share.snipd.com/episode/x)",
    ]
)
_parts = st.tuples(
    _episode_heads, st.sampled_from(["A", "B", "C", "A"]), st.lists(_lines, max_size=12)
).map(lambda p: p[0].format(t=p[1]) + "\n" + "\n".join(p[2]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(_parts, min_size=1, max_size=5))
def test_an_export_all_file_gives_episodes_or_errors_naming_their_lines(parts: list[str]) -> None:
    """Snipd's 'Export all' file of any parts: each an Episode or one ParseError naming the
    line its part starts on, in file order; nothing else is raised."""
    from podnotes.parse.split import parse_episodes

    text = "\n".join(parts)
    found = outcome(lambda: parse_episodes(text.encode(), name="all.md"), InputError, ParseError)
    if isinstance(found, PodnotesError):
        return  # refused as a whole, as any input can be
    lines = [line for line, _ in found]
    assert lines == sorted(set(lines))
    for line, episode in found:
        if isinstance(episode, ParseError):
            assert str(episode).startswith(f"all.md: line {line} (episode ")
        else:
            assert isinstance(episode, Episode)
            assert "[[" not in episode.title
