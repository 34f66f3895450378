"""Which parser reads an input (`detect_format`), `--format`, and the entry points' errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from podnotes.errors import InputError, ParseError
from podnotes.parse import FORMATS, detect_format, parse_bytes, parse_text
from podnotes.parse.decode import decode

INPUTS = Path(__file__).parent / "fixtures" / "inputs"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("snipd_page_seed.txt", "snipd-page"),
        ("show_notes_chapters.txt", "show-notes"),
        ("chapters_list.txt", "show-notes"),
        ("snipd_obsidian.md", "markdown"),
        ("logseq_page.md", "markdown"),
        ("readwise_export.md", "markdown"),
        ("web_clipper.md", "markdown"),
        ("notion_escaped.md", "markdown"),
        ("notion_bold_labels.md", "markdown"),
        ("callouts.md", "markdown"),
        ("crlf_bom.md", "markdown"),
        ("podnotes_export.md", "markdown"),
    ],
)
def test_detect_format_of_fixtures(name: str, fmt: str) -> None:
    path = INPUTS / name
    assert detect_format(decode(path.read_bytes(), name)) == fmt


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("Summary.\nRead more\nQuick takeaways\nOne.\n", "snipd-page"),
        ("Summary.\nDeep dives\nTitle\nA body sentence of more than six words.\n", "snipd-page"),
        ("Intro.\n00:00 Start\n01:00 Next\n", "show-notes"),
        ("**(00:00)** Start\n**(01:00)** Next\n", "show-notes"),
        ("**Key takeaways**\n- One.\n", "markdown"),
        ("\\#\\#\\# Quick takeaways\n\\- One.\n", "markdown"),
        ("title:: Episode\n- notes\n", "markdown"),
        ("> [!summary] Summary\n> Text.\n", "markdown"),
        ("Summary\nWhat it was about.\n", "markdown"),
    ],
)
def test_detect_format_of_small_inputs(text: str, fmt: str) -> None:
    assert detect_format(text) == fmt


@pytest.mark.parametrize("text", ["Just a sentence of prose.", "Intro.\n00:00 One lone time\n"])
def test_unrecognised_text_is_a_parse_error(text: str) -> None:
    with pytest.raises(ParseError, match="no episode notes recognised"):
        parse_text(text)


@pytest.mark.parametrize("text", ["", "   \n\t\n"])
def test_empty_input_is_a_parse_error(text: str) -> None:
    with pytest.raises(ParseError, match=r"notes\.txt: the input is empty"):
        parse_text(text, name="notes.txt")


def test_unknown_format_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="unknown format 'pdf'; choose from snipd-page"):
        parse_text("Anything", fmt="pdf")


def test_forced_format_overrides_detection() -> None:
    text = "# Heading\n\n00:00 Start\n01:00 Next\n"
    assert parse_text(text).source.format == "markdown"  # type: ignore[union-attr]
    forced = parse_text(text, fmt="show-notes")
    assert forced.source is not None
    assert forced.source.format == "show-notes"
    assert [c.title for c in forced.chapters] == ["Start", "Next"]
    assert forced.episode_notes == "# Heading"


def test_forced_format_that_finds_nothing_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="no episode notes recognised as snipd-page"):
        parse_text("Read more\nauto_awesome\n", fmt="snipd-page")


def test_every_format_has_a_parser() -> None:
    assert set(FORMATS) == {"snipd-page", "markdown", "show-notes"}


def test_binary_bytes_are_an_input_error() -> None:
    with pytest.raises(InputError, match="binary"):
        parse_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", name="cover.png")


def test_utf16_with_bom_is_decoded() -> None:
    data = "## Key takeaways\n- Ünïcode.\n".encode("utf-16")
    assert parse_bytes(data).takeaways == ("Ünïcode.",)


def test_windows_1252_falls_back() -> None:
    data = b"## Key takeaways\n- Caf\xe9 \x93quoted\x94.\n"
    assert parse_bytes(data).takeaways == ("Café “quoted”.",)


def test_overrides_win_over_found_metadata() -> None:
    path = INPUTS / "callouts.md"
    episode = parse_bytes(
        path.read_bytes(), name=path.name, overrides={"title": "Mine", "podcast": ""}
    )
    assert episode.title == "Mine"
    assert episode.podcast == "Energy Explained"  # an empty override changes nothing


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("plugin_default.md", "snipd-plugin"),
        ("legacy_html.md", "snipd-markdown"),
        ("readwise_default.md", "readwise"),
        ("clipped_logseq.md", "clipped-page"),
        ("shownotes_jekyll.md", "markdown"),
    ],
)
def test_detection_chooses_the_family_recognizer_first(name: str, family: str) -> None:
    from podnotes.parse.families import markdown_family, recognizers

    text = (Path(__file__).parent / "fixtures" / "families" / name).read_text(encoding="utf-8")
    assert markdown_family(text) == family
    chosen = recognizers(family)
    assert len(chosen) == 4  # the others stand behind it
    assert family == "markdown" or chosen[0].name == family


def _double_encoded(text: str) -> bytes:
    """UTF-8 read as Windows-1252 (undefined bytes kept as their code points), saved as UTF-8."""
    chars = [
        chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
        for b in text.encode("utf-8")
    ]
    return "".join(chars).encode("utf-8")


def test_double_encoded_utf8_is_repaired_and_healthy_text_left_alone() -> None:
    text = (
        "## Snips\n### ⭐ [Salt’s price](https://share.snipd.com/snip/1)\n🎧 1:00 - 2:00 (1min)\n"
    )
    assert decode(_double_encoded(text), "x.md") == text
    (snip,) = parse_bytes(_double_encoded(text), name="x.md").highlights
    assert (snip.title, snip.start, snip.end) == ("Salt’s price", 60, 120)
    # Text that only looks odd stays as it is: a real 'â€' next to characters no byte stands for.
    odd = "Prices in â€ and 🎧 ranges\n"
    assert decode(odd.encode("utf-8"), "y.md") == odd
