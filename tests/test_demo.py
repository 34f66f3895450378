"""The shipped library: the demo note is exactly what `podnotes add` makes of the seed."""

from __future__ import annotations

from podnotes.parse import parse_bytes
from podnotes.store import Library
from podnotes.yamlio import dump
from tests.conftest import DEMO_TITLE, ROOT, SEED


def test_shipped_note_matches_a_fresh_parse_of_its_raw_text() -> None:
    [entry] = Library(ROOT / "notes").load_all()[0]
    fresh = parse_bytes(
        SEED.read_bytes(),
        name=str(SEED),
        overrides={
            "title": DEMO_TITLE,
            "podcast": "Dwarkesh Podcast",
            "guests": ("Sholto Douglas", "Trenton Bricken"),
        },
    )
    assert dump(entry.episode, include_imported=False) == dump(fresh, include_imported=False)
