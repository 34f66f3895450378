"""Export formats on the demo episode and on made-up ones, through the core and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from markdown_it import MarkdownIt

from podnotes.export import ExportOptions, NoChaptersError, export_text
from podnotes.export.escape import block, inline
from podnotes.export.markdown import TemplateError
from podnotes.model import Chapter, Episode
from podnotes.store import Entry, Library
from podnotes.yamlio import load, to_data
from tests.strategies import episodes

DEMO = "sholto-douglas-trenton-bricken-how-to-build-understand-gpt-7s-mind"


def demo_entry(folder: Path) -> Entry:
    return Library(folder).get(DEMO)


def heading_tree(markdown: str) -> list[tuple[str, str]]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [
        (tok.tag, tokens[i + 1].content)
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open"
    ]


def test_demo_markdown_is_commonmark_with_the_expected_headings(demo_library: Path) -> None:
    markdown = export_text(demo_entry(demo_library), ExportOptions())
    assert markdown.startswith("---\nschema: podnotes/2\ntitle: ")
    body = markdown.split("---\n", 2)[2]
    tree = heading_tree(body)
    assert tree[:4] == [
        ("h1", "Sholto Douglas & Trenton Bricken - How to Build & Understand GPT-7's Mind"),
        ("h2", "Summary"),
        ("h2", "Key takeaways"),
        ("h2", "Deep dives"),
    ]
    assert next(t for t in tree if t[0] == "h3") == (
        "h3",
        "Accelerating Model Intelligence with Long Context Links",
    )
    assert len([t for t in tree if t[0] == "h3"]) == 11
    assert tree[-1] == ("h2", "Episode notes")
    assert ("h2", "Chapters") not in tree  # omitted when there are none
    tokens = MarkdownIt("commonmark").parse(body)
    assert sum(1 for t in tokens if t.type == "list_item_open") == 6


@pytest.mark.parametrize(
    "hostile",
    [
        "# not a heading",
        "- not a list",
        "1. not a list",
        "a | table | row",
        "*emph* and `code` and [link](x)",
        "---",
        "<script>alert(1)</script>",
        "&amp; stays",
        "> not a quote",
        "Key takeaways",
        "00:12 not a chapter",
    ],
)
def test_hostile_text_renders_as_written(hostile: str) -> None:
    md = MarkdownIt("commonmark")
    html = md.render(f"- {inline(hostile)}\n")
    assert html.count("<li>") == 1
    assert "<h1>" not in html
    assert "<em>" not in html
    assert "<code>" not in html
    assert "<a " not in html
    assert "<script>" not in html
    assert "<blockquote>" not in html
    paragraph = md.render(block(hostile) + "\n")
    assert paragraph.startswith("<p>"), paragraph


def test_json_and_yaml_are_the_document(demo_library: Path) -> None:
    entry = demo_entry(demo_library)
    data = json.loads(export_text(entry, ExportOptions(fmt="json")))
    assert data["schema"] == "podnotes/2"
    assert list(data)[:3] == ["schema", "title", "podcast"]
    assert len(data["deep_dives"]) == 11
    assert export_text(entry, ExportOptions(fmt="yaml")) == entry.path.read_text()


def chaptered() -> Entry:
    episode = Episode(
        title="Long One",
        chapters=(Chapter(95, "Start – here"), Chapter(3725, "Later")),
    )
    return Entry("long-one", Path("long-one.yaml"), episode)


def test_chapter_formats() -> None:
    data = json.loads(export_text(chaptered(), ExportOptions(fmt="chapters-json")))
    assert data == {
        "version": "1.2.0",
        "chapters": [
            {"startTime": 95, "title": "Start – here"},
            {"startTime": 3725, "title": "Later"},
        ],
    }
    youtube = export_text(chaptered(), ExportOptions(fmt="youtube"))
    assert youtube == "0:00:00 Intro\n0:01:35 Start – here\n1:02:05 Later\n"


def test_chapter_formats_need_chapters(demo_library: Path) -> None:
    with pytest.raises(NoChaptersError):
        export_text(demo_entry(demo_library), ExportOptions(fmt="youtube"))


def test_user_template_and_its_errors(demo_library: Path, tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text("{{ episode.title | upper }} has {{ episode.takeaways | length }}\n")
    text = export_text(demo_entry(demo_library), ExportOptions(template=template))
    assert (
        text == "SHOLTO DOUGLAS & TRENTON BRICKEN - HOW TO BUILD & UNDERSTAND GPT-7'S MIND has 6\n"
    )
    template.write_text("line one\n{% if %}\n")
    with pytest.raises(TemplateError, match=r"mine\.md\.j2: line 2"):
        export_text(demo_entry(demo_library), ExportOptions(template=template))
    template.write_text("ok\n{{ episode.nope }}\n")
    with pytest.raises(TemplateError, match=r"line 2.*nope"):
        export_text(demo_entry(demo_library), ExportOptions(template=template))


def test_templates_cannot_reach_python_internals(demo_library: Path, tmp_path: Path) -> None:
    template = tmp_path / "evil.md.j2"
    template.write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateError):
        export_text(demo_entry(demo_library), ExportOptions(template=template))


# --- CLI ------------------------------------------------------------------------------------------


def test_export_one_to_stdout_and_print_template(cli, demo_library: Path) -> None:
    result = cli("export", "sholto")
    assert result.exit_code == 0
    assert "## Key takeaways" in result.stdout
    template = cli("export", "--print-template")
    assert template.exit_code == 0
    assert "{{ front_matter }}" in template.stdout


def test_export_all_to_a_folder_never_overwrites_without_force(
    cli, small_library: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = cli("export", "--all", "--out-dir", str(out))
    assert first.exit_code == 0, first.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "hostile-bold-markup-bold-episode.md",
        f"{DEMO}.md",
        "sleep-science-with-ada-moreno.md",
    ]
    again = cli("export", "--all", "--out-dir", str(out))
    assert again.exit_code == 2
    assert "--force" in again.stderr
    assert cli("export", "--all", "--out-dir", str(out), "--force").exit_code == 0


def test_reexport_keeps_what_the_user_added(cli, demo_library: Path, tmp_path: Path) -> None:
    target = tmp_path / "ep.md"
    assert cli("export", "sholto", "-o", str(target)).exit_code == 0
    text = target.read_text()
    text = text.replace("---\n", "---\nrating: 5\nstatus: listened\n", 1)
    text += "\n## My notes\n\nLoved the part about features.\n"
    target.write_text(text)
    result = cli("export", "sholto", "-o", str(target), "--update")
    assert result.exit_code == 0, result.stderr
    updated = target.read_text()
    assert "rating: 5\n" in updated
    assert "status: listened\n" in updated
    assert updated.rstrip().endswith("## My notes\nLoved the part about features.") or (
        "Loved the part about features." in updated
    )
    assert updated.count("## Key takeaways") == 1


def test_update_refuses_files_podnotes_did_not_write(
    cli, demo_library: Path, tmp_path: Path
) -> None:
    target = tmp_path / "mine.md"
    target.write_text("# My own file\n")
    result = cli("export", "sholto", "-o", str(target), "--update")
    assert result.exit_code == 2
    assert "not written by podnotes" in result.stderr
    assert target.read_text() == "# My own file\n"


def test_export_usage_errors(cli, small_library: Path, tmp_path: Path) -> None:
    assert cli("export").exit_code == 2
    assert cli("export", "sholto", "sleep").exit_code == 2  # two episodes need --out-dir
    chapters = cli("export", "sholto", "--format", "youtube")
    assert chapters.exit_code == 2
    assert "no chapters" in chapters.stderr
    assert cli("export", "sleep", "--format", "youtube").stdout.startswith("00:00 Intro\n")


@pytest.mark.parametrize("profile", ["logseq", "commonmark"])
def test_other_profiles_parse_back(small_library: Path, profile: str) -> None:
    import dataclasses

    from podnotes.parse import parse_text

    for entry in Library(small_library).load_all()[0]:
        markdown = export_text(entry, ExportOptions(profile=profile))
        back = parse_text(markdown, fmt="markdown", name="x.md")
        expected = dataclasses.replace(entry.episode, source=None)
        if profile == "logseq":  # one block per paragraph: breaks come back as line breaks
            expected = dataclasses.replace(
                expected,
                summary=expected.summary.replace("\n\n", "\n"),
                episode_notes=expected.episode_notes.replace("\n\n", "\n"),
            )
        assert dataclasses.replace(back, source=None) == expected, (profile, entry.slug)


def test_logseq_profile_is_an_outline_with_page_properties(demo_library: Path) -> None:
    markdown = export_text(demo_entry(demo_library), ExportOptions(profile="logseq"))
    lines = markdown.splitlines()
    assert lines[0].startswith("title:: Sholto Douglas")
    assert "podcast:: Dwarkesh Podcast" in lines
    body = [line for line in lines if line and "::" not in line]
    # Blocks, and the lines that continue a block's paragraph.
    assert all(line.lstrip("\t").startswith(("- ", "  ")) for line in body)
    assert "- ## Key takeaways" in lines


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(episodes())
def test_machine_formats_on_generated_documents(episode: Episode) -> None:
    entry = Entry("generated", Path("generated.yaml"), episode)
    assert json.loads(export_text(entry, ExportOptions(fmt="json"))) == json.loads(
        json.dumps(to_data(episode))
    )
    assert load(export_text(entry, ExportOptions(fmt="yaml")), "x.yaml") == episode
    if not episode.chapters:
        with pytest.raises(NoChaptersError):
            export_text(entry, ExportOptions(fmt="chapters-json"))
        return
    chapters = json.loads(export_text(entry, ExportOptions(fmt="chapters-json")))["chapters"]
    assert [(c["startTime"], c["title"]) for c in chapters] == [
        (c.start, c.title) for c in episode.chapters
    ]
    youtube = export_text(entry, ExportOptions(fmt="youtube")).splitlines()
    assert youtube[0].split(" ", 1)[0] in {"00:00", "0:00:00"}
    assert len(youtube) == len(episode.chapters) + (episode.chapters[0].start != 0)


def test_oversized_or_missing_template_is_one_clear_error(
    demo_library: Path, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.md.j2"
    huge.write_bytes(b"x" * (2 * 1024 * 1024))
    with pytest.raises(TemplateError, match="over 1,048,576 bytes"):
        export_text(demo_entry(demo_library), ExportOptions(template=huge))
    with pytest.raises(TemplateError, match="cannot read"):
        export_text(demo_entry(demo_library), ExportOptions(template=tmp_path / "none.j2"))
