from __future__ import annotations

from pathlib import Path

from podnotes.importer import ParseOptions, add_sources, expand_sources
from podnotes.parallel import PARALLEL_MIN
from podnotes.store import Library, Saved


def write_notes(folder: Path, count: int) -> list[str]:
    folder.mkdir()
    for n in range(count):
        text = f"# Episode {n}\n\n## Key takeaways\n\n- Takeaway number {n}.\n"
        (folder / f"ep{n:03d}.md").write_text("" if n == 5 else text)
    return expand_sources([str(folder)])


def test_bulk_add_on_every_core_keeps_order_and_reports_bad_inputs(
    tmp_path: Path, notes_dir: Path
) -> None:
    sources = write_notes(tmp_path / "inbox", PARALLEL_MIN + 10)
    outcomes = list(add_sources(Library(notes_dir), sources, ParseOptions()))
    assert [o.source for o in outcomes] == sources
    assert [i for i, o in enumerate(outcomes) if o.error is not None] == [5]
    assert "empty" in str(outcomes[5].error)
    added = [o.result for o in outcomes if o.result is not None]
    assert all(r.status is Saved.ADDED for r in added)
    assert added[0].episode is not None
    assert added[0].episode.source is not None
    assert added[0].episode.source.imported  # stamped once for the whole batch
    assert len({r.episode.source.imported for r in added if r.episode and r.episode.source}) == 1
    assert Library(notes_dir).load(added[-1].path).takeaways == (
        f"Takeaway number {PARALLEL_MIN + 9}.",
    )


def test_expand_sources_skips_hidden_and_other_files(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "c.pdf").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.md").write_text("x")
    assert [Path(p).name for p in expand_sources([str(tmp_path)])] == ["a.md", "b.txt"]
