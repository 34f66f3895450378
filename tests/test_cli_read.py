"""Reading commands through CliRunner (stdout is not a terminal: plain text) and --json."""

from __future__ import annotations

import json
from pathlib import Path

DEMO = "sholto-douglas-trenton-bricken-how-to-build-understand-gpt-7s-mind"


def test_takeaways_plain_grouped_by_episode(cli, small_library: Path) -> None:
    result = cli("takeaways")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["EPISODE", "#", "TAKEAWAY"]
    assert sum(1 for line in lines if line.startswith(DEMO)) == 6
    assert any(line.startswith("sleep-science-with-ada-moreno  ") for line in lines)
    assert "\x1b" not in result.stdout


def test_takeaways_one_episode_and_filters_json(cli, small_library: Path) -> None:
    one = json.loads(cli("takeaways", "sholto", "--json").stdout)
    assert [e["episode"] for e in one] == [DEMO]
    assert len(one[0]["takeaways"]) == 6
    tagged = json.loads(cli("takeaways", "--tag", "sleep", "--json").stdout)
    assert [e["episode"] for e in tagged] == ["sleep-science-with-ada-moreno"]
    by_podcast = json.loads(cli("takeaways", "--podcast", "dwarkesh", "--json").stdout)
    assert [e["episode"] for e in by_podcast] == [DEMO]


def test_unknown_episode_exit_2_with_candidates(cli, small_library: Path) -> None:
    result = cli("show", "qqqqqq")
    assert result.exit_code == 2
    assert "did you mean" in result.stderr
    assert result.stdout == ""


def test_show_plain_and_sections(cli, small_library: Path) -> None:
    whole = cli("show", "sleep")
    assert whole.exit_code == 0
    for heading in ("SUMMARY", "KEY TAKEAWAYS", "DEEP DIVES", "HIGHLIGHTS", "CHAPTERS"):
        assert heading in whole.stdout
    assert "00:04:05 – 00:05:37" in whole.stdout
    only = cli("show", "sleep", "--section", "chapters")
    assert "CHAPTERS" in only.stdout
    assert "SUMMARY" not in only.stdout
    data = json.loads(cli("show", "sleep", "-s", "takeaways", "--json").stdout)
    assert data["slug"] == "sleep-science-with-ada-moreno"
    assert "takeaways" in data
    assert "summary" not in data


def test_chapters_durations_and_bars(cli, small_library: Path) -> None:
    result = cli("chapters", "sleep")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1].startswith("00:00:00  5:00")
    assert lines[2].count("█") == 30  # the longest chapter gets the full bar
    assert lines[1].count("█") == 10
    data = json.loads(cli("chapters", "sleep", "--json").stdout)
    assert data["chapters"][-1] == {"start": 1200, "end": None, "duration": None, "title": "Light"}
    none = cli("chapters", "sholto")
    assert none.exit_code == 2
    assert "no chapters" in none.stderr


def test_topics_counts_and_merges(cli, small_library: Path) -> None:
    data = json.loads(cli("topics", "--json").stdout)
    assert all(t["episodes"] == 1 for t in data)
    assert cli("topics", "--min-episodes", "2").stdout == ""


def test_search_plain_json_and_exit_codes(cli, small_library: Path) -> None:
    plain = cli("search", "interpretibility")
    assert plain.exit_code == 0
    assert plain.stdout.splitlines()[0].split() == ["EPISODE", "FIELD", "SCORE", "TEXT"]
    hits = json.loads(cli("search", "interpretibility", "--json").stdout)
    for hit in hits:
        assert set(hit) >= {"episode", "title", "field", "text", "score", "span"}
        start, end = hit["span"]
        assert hit["text"][start:end].lower() == "interpretability"
    nothing = cli("search", "zyzzogeton quasar")
    assert nothing.exit_code == 1
    assert nothing.stdout == ""
    bad = cli("search", "(", "--regex")
    assert bad.exit_code == 2
    assert "invalid regular expression" in bad.stderr


def test_search_files_and_counts(cli, small_library: Path) -> None:
    files = cli("search", "-l", "--exact", "-i", "sleep")
    assert files.stdout.splitlines() == ["sleep-science-with-ada-moreno"]
    counts = cli("search", "-c", "--exact", "Caffeine")
    assert counts.stdout.splitlines() == ["sleep-science-with-ada-moreno:2"]
    assert cli("search", "x", "--exact", "--regex").exit_code == 2


def test_search_limit(cli, demo_library: Path) -> None:
    hits = json.loads(cli("search", "model", "--limit", "2", "--json").stdout)
    assert len(hits) == 2


def test_hostile_text_prints_literally_with_no_escape_bytes(cli, small_library: Path) -> None:
    for args in (["list"], ["takeaways"], ["show", "hostile"], ["search", "-i", "--exact", "text"]):
        for color in ("never", "always"):
            result = cli("--color", color, *args)
            assert result.exit_code == 0, (args, result.stderr)
            out = result.stdout
            assert "\x1b[2J" not in out
            assert "\x1b]0;" not in out
            assert "\x07" not in out
            assert "\x1b[31mRed" not in out
    shown = cli("--color", "always", "show", "hostile").stdout
    assert "[bold]Markup[/bold]" in shown
    assert "[link=file:///etc/passwd]" in shown
    assert "␛[2J" in shown


def test_shell_completion_of_episode_names(small_library: Path) -> None:
    import os
    import subprocess
    import sys

    script = Path(sys.executable).parent / "podnotes"
    env = {
        **os.environ,
        "PODNOTES_DIR": str(small_library),
        "_PODNOTES_COMPLETE": "complete_bash",
        "COMP_WORDS": "podnotes show sl",
        "COMP_CWORD": "2",
    }
    result = subprocess.run([str(script)], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["sleep-science-with-ada-moreno"]
