"""Valid notes, mutated (impossible dates, wrong types, extra nesting, missing keys): every
command that reads the library reports each broken note in one line and goes on with the rest."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from podnotes.errors import SchemaError
from podnotes.store import Library
from tests.conftest import ROOT

DEMO_NOTE = next((ROOT / "notes").glob("*.yaml"))
BASE = yaml.safe_load(DEMO_NOTE.read_text())
KEYS = sorted(BASE)

# Values of the wrong shape for any key, and dates no calendar has (written unquoted, so YAML
# reads them as timestamps).
WRONG = st.one_of(
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
IMPOSSIBLE = st.sampled_from(
    ["2024-02-30", "2024-13-45", "0000-01-01", "2024-01-01T00:00:00+99:00", "9999-99-99"]
)


def _records(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(d, dict) for d in value)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """The demo note's YAML with one to three changes."""
    data = dict(BASE)
    raw_dates: list[tuple[str, str]] = []
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(KEYS))
        how = draw(st.sampled_from(["wrong", "missing", "nested", "date", "deep"]))
        if how == "missing":
            data.pop(key, None)
        elif how == "nested":
            data[key] = {"value": data.get(key)} if draw(st.booleans()) else [[data.get(key)]]
        elif how == "date":
            raw_dates.append(
                (draw(st.sampled_from(["published", "duration", key])), draw(IMPOSSIBLE))
            )
        elif how == "deep" and _records(data.get("deep_dives")):
            dives = [dict(d) for d in data["deep_dives"]]
            dives[0][draw(st.sampled_from(["title", "body", "extra"]))] = draw(WRONG)
            data["deep_dives"] = dives
        else:
            data[key] = draw(WRONG)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    for key, value in raw_dates:
        line = f"{key}: {value}\n"
        text, found = re.subn(rf"^{re.escape(key)}:.*\n", line, text, count=1, flags=re.M)
        if not found:
            text += line
    return text


def _broken(folder: Path) -> set[str]:
    broken = set()
    library = Library(folder)
    for path in library.paths():
        try:
            library.load(path)
        except SchemaError:
            broken.add(path.name)
    return broken


COMMANDS = [
    ["validate"],
    ["list"],
    ["list", "--sort", "date"],
    ["takeaways"],
    ["search", "interpretability"],
    ["topics"],
    ["index", "--rebuild"],
]


@settings(
    max_examples=12,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a CLI run takes minutes
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(notes=st.lists(mutated(), min_size=1, max_size=3))
def test_every_command_reports_each_broken_note_once_and_goes_on(cli, notes: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "lib"
        folder.mkdir()
        (folder / "good.yaml").write_bytes(DEMO_NOTE.read_bytes())
        for n, text in enumerate(notes):
            (folder / f"mutant-{n}.yaml").write_text(text, encoding="utf-8")
        broken = _broken(folder)
        out = Path(tmp) / "out"
        for command in [*COMMANDS, ["export", "--all", "--out-dir", str(out)]]:
            result = cli("--notes-dir", str(folder), *command)
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                command,
                result.exception,
            )
            assert result.exit_code in (0, 1, 2, 3, 4), (command, result.exit_code)
            text = result.stdout + result.stderr
            assert "Traceback" not in text, command
            for name in broken:
                mentions = [line for line in text.splitlines() if name in line]
                if command[0] == "validate":  # validate: one line per problem, each naming it
                    assert mentions, (command, name)
                else:
                    assert len(mentions) == 1, (command, name, mentions)
            if command[0] in ("list", "takeaways", "search"):
                assert "good" in result.stdout, command  # the valid note is still listed
        assert (out / "good.md").is_file()
