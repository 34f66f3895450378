"""The --json output of every command, pinned: a change to a shape scripts read shows up here.

Each command runs on the small library; its stdout is compared with tests/snapshots/NAME.json
after the notes folder is written as <NOTES> and values that change between runs (sizes,
times) are masked. After a deliberate change, rewrite them with
`PODNOTES_UPDATE_SNAPSHOTS=1 pytest tests/test_json_snapshots.py` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

SNAPSHOTS = Path(__file__).parent / "snapshots"
SLEEP = "sleep-science-with-ada-moreno"
COMMANDS: dict[str, list[str]] = {
    "list": ["list", "--json"],
    "validate": ["validate", "--json"],
    "takeaways": ["takeaways", "--json"],
    "show": ["show", SLEEP, "--json"],
    "chapters": ["chapters", SLEEP, "--json"],
    "topics": ["topics", "--json"],
    "search": ["search", "circadian rhythm", "--json"],
    "index": ["index", "--json"],
    "export": ["export", SLEEP, "--format", "json"],
}
VOLATILE = {"bytes", "notes_bytes", "checked_at", "imported", "read"}  # read: racy-mtime re-reads


def _masked(data: Any) -> Any:
    if isinstance(data, dict):
        return {
            k: "<varies>" if k in VOLATILE and v is not None else _masked(v)
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [_masked(item) for item in data]
    return data


@pytest.mark.parametrize("name", list(COMMANDS))
def test_json_output_is_pinned(cli, small_library: Path, name: str) -> None:
    (small_library / "broken.yaml").write_text("schema: podnotes/2\ntitle: [unclosed\n")
    result = cli(*COMMANDS[name])
    assert result.exit_code in (0, 3), result.stderr  # 3: validate found the broken note
    text = result.stdout.replace(str(small_library), "<NOTES>")
    got = json.dumps(_masked(json.loads(text)), indent=2, ensure_ascii=False) + "\n"
    snapshot = SNAPSHOTS / f"{name}.json"
    if os.environ.get("PODNOTES_UPDATE_SNAPSHOTS"):
        snapshot.write_text(got, encoding="utf-8")
    assert got == snapshot.read_text(encoding="utf-8")
