"""Output: the only package that knows about Rich.

An `Output` decides once whether stdout gets Rich (a terminal, or --color always), plain text
(a pipe: no colour, no box art, one record a line) or JSON. Text from notes is data: it is
printed literally, with control characters made visible so no escape sequence reaches the
terminal.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO, cast

from podnotes import settings
from podnotes.options import Color

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from podnotes.render.printers import Printer
    from podnotes.render.views import View


PROGRESS_MIN = 20  # items before a progress bar is worth showing


# C0 and C1 controls (tab and newline excepted), DEL, and bidi overrides that reorder text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Make control characters harmless and visible: ESC -> '␛', other C0 -> '^X'-style pictures."""

    def one(match: re.Match[str]) -> str:
        char = match.group(0)
        code = ord(char)
        if code < 0x20:
            return chr(0x2400 + code)  # the Unicode "control pictures" block
        if code == 0x7F:
            return "\u2421"
        return f"<U+{code:04X}>"

    if text.isprintable():  # the common case, checked in C: no control or format character
        return text
    return _CONTROL.sub(one, text)


def json_text(data: Any) -> str:
    """JSON with every control character escaped: json escapes C0 itself, not DEL, C1 or bidi."""
    return _CONTROL.sub(
        lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(data, ensure_ascii=False, indent=2)
    )


def one_line(text: str) -> str:
    return " ".join(visible(text).split())


@dataclass
class Output:
    """Where and how a command prints; built once per command from the global options."""

    color: Color = Color.AUTO
    json: bool = False
    pager: bool = True  # page output taller than the terminal (when stdout is one)
    wrap: bool = False  # tables show long titles whole, wrapped, instead of cut with …
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    _console: Console | None = None
    _err_console: Console | None = None
    _printer: Printer | None = None

    @property
    def rich(self) -> bool:
        """Rich output on stdout: a terminal (or --color always), and not --json."""
        if self.json:
            return False
        return self.color is Color.ALWAYS or self.stdout.isatty()

    @property
    def colour(self) -> bool:
        if self.color is Color.NEVER or (self.color is Color.AUTO and settings.no_color()):
            return False
        return self.color is Color.ALWAYS or self.stdout.isatty()

    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(
                file=self.stdout,
                force_terminal=self.color is Color.ALWAYS or None,
                # Colour off means no escape sequences at all, bold and dim included.
                color_system="auto" if self.colour else None,
                no_color=not self.colour,
                highlight=False,
                markup=False,
                emoji=False,
            )
        return self._console

    def err_console(self) -> Console:
        if self._err_console is None:
            from rich.console import Console

            tty = self.stderr.isatty()
            self._err_console = Console(
                file=self.stderr,
                soft_wrap=True,
                no_color=not tty or settings.no_color() or self.color is Color.NEVER,
                highlight=False,
                markup=False,
                emoji=False,
            )
        return self._err_console

    # --- primitives ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def progress(self, label: str, total: int) -> Iterator[Callable[[], None]]:
        """A progress bar on stderr for long runs on a terminal; yields the advance function."""
        if total < PROGRESS_MIN or not self.stderr.isatty():
            yield lambda: None
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        columns = (BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=self.err_console(), transient=True) as bar:
            task = bar.add_task(label, total=total)
            yield lambda: bar.advance(task)

    def emit(self, view: View) -> None:
        """Print a view the one way this output prints: JSON, plain text or Rich; through the
        pager when it is taller than the terminal."""
        if self._printer is None:
            from podnotes.render import printers

            kind = (
                printers.JsonPrinter if self.json else printers.RichPrinter if self.rich else None
            )
            self._printer = (kind or printers.PlainPrinter)(self)
        with self._paging():
            self._printer.emit(view)

    @contextlib.contextmanager
    def _paging(self) -> Iterator[None]:
        if not (self.pager and self.stdout.isatty()):
            yield
            return
        from podnotes.render.pager import PagedStream, PagerClosed, pager_command

        command = pager_command()
        if command is None:
            yield
            return
        terminal = self.stdout
        stream = PagedStream(terminal, command, self.note)
        self.stdout, self._console = cast("TextIO", stream), None
        try:
            yield
        except PagerClosed:
            pass  # the person quit the pager: stop at once, nothing to report
        finally:
            self.stdout, self._console = terminal, None
            stream.finish()

    def print_json(self, data: Any) -> None:
        self.stdout.write(json_text(data) + "\n")

    def document(self, content: str) -> None:
        """An exported document on stdout: exact bytes for a pipe or file; on a terminal, note
        text is shown, never obeyed, so control characters are made visible, and a document
        taller than the screen goes through the pager."""
        if not self.stdout.isatty():
            self.stdout.write(content)
            return
        with self._paging():
            self.stdout.write(visible(content))

    def line(self, text: str = "") -> None:
        """One plain line of (already visible-safe) text on stdout."""
        self.stdout.write(text + "\n")

    def show(self, renderable: RenderableType) -> None:
        self.console().print(renderable)

    def note(self, message: str, style: str = "") -> None:
        """A message for the person (stderr), never part of the data on stdout."""
        if not self.stderr.isatty():  # plain text: no need to load Rich for one line
            self.stderr.write(visible(message) + "\n")
            return
        from rich.text import Text

        self.err_console().print(Text(visible(message), style=style))

    def error(self, message: str) -> None:
        self.note(f"error: {message}", style="bold red")

    def warn(self, message: str) -> None:
        self.note(f"warning: {message}", style="yellow")


def text(value: str, style: str = "") -> Text:
    """Note text as a Rich Text: literal (no markup), control characters made visible."""
    from rich.text import Text

    return Text(visible(value), style=style)


def plain_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Aligned columns without box art, one row a line: reads well and greps well in a pipe."""
    from podnotes.render.plain import plain_lines

    return list(plain_lines(headers, rows))
