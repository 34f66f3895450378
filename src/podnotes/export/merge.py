"""Re-exporting over an earlier export: keep the front matter keys and the "My notes" section a
user added to the file, replace only what podnotes owns."""

from __future__ import annotations

import re
from typing import Any

from podnotes.fields import FRONT_MATTER_KEYS
from podnotes.model import READABLE_SCHEMAS

MY_NOTES = "## My notes"
_MY_NOTES = re.compile(r"^##[ \t]+My notes[ \t]*$", re.IGNORECASE | re.MULTILINE)
_NEXT_SECTION = re.compile(r"^#{1,2}[ \t]", re.MULTILINE)
OWNED_KEYS = {*FRONT_MATTER_KEYS, "source"}


def _front_matter(text: str) -> dict[str, Any]:
    from podnotes.parse.markdown import split_front_matter

    return split_front_matter(text)[0]


def written_by_podnotes(text: str) -> bool:
    return _front_matter(text).get("schema") in READABLE_SCHEMAS


def user_additions(text: str) -> tuple[dict[str, Any], str]:
    """(front matter keys podnotes does not own, the 'My notes' section) of an earlier export."""
    keys = {k: v for k, v in _front_matter(text).items() if str(k) not in OWNED_KEYS}
    match = _MY_NOTES.search(text)
    if match is None:
        return keys, ""
    rest = text[match.end() :]
    following = _NEXT_SECTION.search(rest)
    body = rest[: following.start()] if following else rest
    return keys, MY_NOTES + "\n" + body.strip("\n") + "\n"


def merge_user_additions(text: str, my_notes: str) -> str:
    return text if not my_notes else text.rstrip("\n") + "\n\n" + my_notes
