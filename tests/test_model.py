"""model.clean_text: its fast paths give what the three substitutions always gave."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from podnotes.model import clean_text


def _reference(text: str) -> str:
    text = text.replace("\x00", "")
    text = re.sub("\r\n?|[\x85\u2028\u2029]", "\n", text)
    text = re.sub(r"(?<![ \t])[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


@given(st.text(alphabet=st.sampled_from(list("ab \t\n\r\x85\u2028\u2029.\x00")), max_size=60))
def test_clean_text_matches_the_plain_substitutions(text: str) -> None:
    assert clean_text(text) == _reference(text)
