"""Errors written for users, and the exit codes they map to."""

from __future__ import annotations

from enum import IntEnum, unique


@unique
class ExitCode(IntEnum):
    """What a podnotes process tells a script; documented in the README."""

    OK = 0
    NO_MATCH = 1  # like grep: the search ran and found nothing
    USAGE = 2  # bad usage or bad input: nothing was done
    INVALID = 3  # validate found problems in the files it checked
    PARTIAL = 4  # some inputs failed, the others were done (a bulk add or export)
    INTERNAL = 70  # a bug: an unexpected error (EX_SOFTWARE); --debug shows the traceback


class PodnotesError(Exception):
    """Base of every error a user may see; the message is the whole story."""

    exit_code: ExitCode = ExitCode.USAGE


class InputError(PodnotesError):
    """An input file is missing, unreadable, binary, undecodable or too large."""


class ParseError(PodnotesError):
    """Text that no parser recognises as episode notes."""


class SchemaError(PodnotesError):
    """A library file that is not a valid podnotes document."""

    def __init__(self, file: str, problems: list[str]) -> None:
        self.file = file
        self.problems = problems
        super().__init__(f"{file}: " + "; ".join(problems))

    def __reduce__(self) -> tuple[type[SchemaError], tuple[str, list[str]]]:
        return (SchemaError, (self.file, self.problems))  # crosses process boundaries intact


class NoteExistsError(PodnotesError):
    """A note of that name exists and --force was not given."""


class EpisodeNotFoundError(PodnotesError):
    """No episode, or more than one, answers to the name the user gave."""


class StoreError(PodnotesError):
    """The notes folder cannot be read or written."""
