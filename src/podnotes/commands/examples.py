"""Two or three examples for each command, shown at the end of its --help."""

from __future__ import annotations

EXAMPLES: dict[str, tuple[str, ...]] = {
    "parse": (
        "podnotes parse page.txt",
        "pbpaste | podnotes parse - --format show-notes",
        "podnotes parse notes.md --chapters chapters.json -o episode.yaml",
    ),
    "add": (
        "podnotes add page.txt --podcast 'Huberman Lab' --tag sleep",
        "podnotes add ~/Downloads/snipd-export/",
        "podnotes add page.txt --tag health --update",
    ),
    "list": (
        "podnotes list --podcast huberman --since 2024-01",
        "podnotes list --sort date --reverse",
        "podnotes list --tag ai --json --notes-dir ~/podcasts",
    ),
    "validate": (
        "podnotes validate",
        "podnotes validate notes/why-we-sleep.yaml --json",
    ),
    "index": (
        "podnotes index",
        "podnotes index --status",
        "podnotes index --rebuild",
    ),
    "takeaways": (
        "podnotes takeaways gpt-7",
        "podnotes takeaways --podcast dwarkesh --since 2024",
        "podnotes takeaways --tag sleep --json",
    ),
    "show": (
        "podnotes show gpt-7",
        "podnotes show sleep --section takeaways --section notes",
        "podnotes show why-we-sleep --json",
    ),
    "chapters": (
        "podnotes chapters sleep",
        "podnotes chapters why-we-sleep --json",
    ),
    "topics": (
        "podnotes topics --min-episodes 2",
        "podnotes topics --guest moreno --json",
    ),
    "search": (
        "podnotes search physiological sigh",
        "podnotes search -w -F sleep --in takeaways",
        "podnotes search -E 'base \\d+' --podcast dwarkesh -l",
    ),
    "export": (
        "podnotes export gpt-7 -o gpt-7.md",
        "podnotes export --all --out-dir vault/podcasts --update",
        "podnotes export gpt-7 --transcript -o gpt-7.md",
    ),
    "attach": (
        "podnotes attach gpt-7 --transcript gpt-7.vtt",
        "podnotes attach sleep --chapters chapters.json",
        "podnotes attach sleep --transcript whisper.json --force",
    ),
    "rm": (
        "podnotes rm why-we-sleep",
        "podnotes restore why-we-sleep",
        "podnotes rm --purge",
    ),
    "restore": (
        "podnotes restore why-we-sleep",
        "podnotes restore --list",
    ),
    "tag": (
        "podnotes tag why-we-sleep +sleep +health",
        "podnotes tag gpt-7 sholto -draft",
    ),
    "set": (
        "podnotes set why-we-sleep --title 'Why We Sleep' --published 2024-03-28",
        "podnotes set gpt-7 --guest 'Sholto Douglas' --guest 'Trenton Bricken'",
        "podnotes set sleep --url ''",
    ),
    "edit": (
        "podnotes edit why-we-sleep",
        "EDITOR=nano podnotes edit gpt-7",
    ),
}


def epilog(command: str) -> str | None:
    """The examples as a --help epilog (the \\b keeps each on its own line)."""
    lines = EXAMPLES.get(command)
    if not lines:
        return None
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)
