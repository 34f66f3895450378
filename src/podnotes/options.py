"""Choices shared by the CLI and the renderers; kept tiny because `podnotes --version` loads it."""

from __future__ import annotations

from enum import StrEnum


class Color(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"
