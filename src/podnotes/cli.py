"""The Typer app: global options, error handling, and the commands registered from
`podnotes.commands`. Each command parses options, calls the core once and renders the result."""

from __future__ import annotations

import dataclasses
import importlib
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer._click.exceptions import UsageError
from typer.core import TyperArgument, TyperGroup, TyperOption
from typer.exceptions import Abort, TyperException
from typer.exceptions import Exit as ClickExit

from podnotes import __version__, settings
from podnotes.commands.common import Settings
from podnotes.commands.examples import epilog
from podnotes.errors import ExitCode, PodnotesError
from podnotes.options import Color

# Command name -> (module, function). Commands are built from their functions only when asked
# for, so a call pays for its own command's options and imports, not for all of them.
COMMANDS: dict[str, tuple[str, str]] = {
    "parse": ("podnotes.commands.library", "parse_cmd"),
    "add": ("podnotes.commands.library", "add_cmd"),
    "list": ("podnotes.commands.library", "list_cmd"),
    "validate": ("podnotes.commands.library", "validate_cmd"),
    "index": ("podnotes.commands.library", "index_cmd"),
    "takeaways": ("podnotes.commands.read", "takeaways_cmd"),
    "show": ("podnotes.commands.read", "show_cmd"),
    "chapters": ("podnotes.commands.read", "chapters_cmd"),
    "topics": ("podnotes.commands.read", "topics_cmd"),
    "search": ("podnotes.commands.read", "search_cmd"),
    "export": ("podnotes.commands.export", "export_cmd"),
    "attach": ("podnotes.commands.transcripts", "attach_cmd"),
    "rm": ("podnotes.commands.manage", "rm_cmd"),
    "restore": ("podnotes.commands.manage", "restore_cmd"),
    "tag": ("podnotes.commands.manage", "tag_cmd"),
    "set": ("podnotes.commands.manage", "set_cmd"),
    "edit": ("podnotes.commands.manage", "edit_cmd"),
}
# `tag EPISODE -old +new`: '-old' is a tag to remove, not an option (so no -h either).
CONTEXT: dict[str, dict[str, Any]] = {
    "tag": {"ignore_unknown_options": True, "help_option_names": ["--help"]},
}


class _Group(TyperGroup):
    """Builds commands lazily, and is the one place where errors become a stderr line and an
    exit code."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, function = COMMANDS[cmd_name]
            single = typer.Typer(
                add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False
            )
            single.command(
                cmd_name, epilog=epilog(cmd_name), context_settings=CONTEXT.get(cmd_name)
            )(getattr(importlib.import_module(module), function))
            command = typer.main.get_command(single)
            _plain_usage(command)
            _accept_globals(command, self)
            self.commands[cmd_name] = command
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """A mistyped command gets the nearest names: "Did you mean 'search'?"."""
        try:
            return self._click_resolve_command(ctx, args)
        except UsageError as err:
            import difflib  # only for a mistyped command

            near = difflib.get_close_matches(args[0], list(COMMANDS), n=3, cutoff=0.6)
            if near and args:
                err.message = f"{err.message} Did you mean {' or '.join(map(repr, near))}?"
            raise

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with its whole first sentence, never cut off with '...'."""
        rows = [(name, self.get_command(ctx, name).get_short_help_str(10_000)) for name in COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PodnotesError as err:
            _error_line(str(err))
            raise typer.Exit(err.exit_code) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None
        except (TyperException, ClickExit, Abort):
            raise  # usage errors, --help, typer.Exit: Click's own
        except Exception as err:
            settings = ctx.find_object(Settings)
            if settings is not None and settings.debug:
                raise  # --debug: the traceback, as Python prints it
            what = " ".join(f"{type(err).__name__}: {err}".split())
            _error_line(f"internal error: {what}; run again with --debug for details")
            raise typer.Exit(ExitCode.INTERNAL) from None


def _error_line(message: str) -> None:
    from podnotes.render import Output

    Output(color=Color.NEVER).error(message)


class _Argument(TyperArgument):
    """An argument shown in usage lines as QUERY, not Typer's {QUERY}."""

    def make_metavar(self, ctx: Any, *, usage: bool = False) -> str:
        var = super().make_metavar(ctx, usage=usage)
        return var[1:-1] if var.startswith("{") and var.endswith("}") else var


def _plain_usage(command: Any) -> None:
    for param in command.params:
        if type(param) is TyperArgument:
            param.__class__ = _Argument


def _accept_globals(command: Any, group: Any) -> None:
    """The group's options (--notes-dir, --color ...) also work after the command name, as in
    `podnotes list --notes-dir lib`; a command's own option of the same name wins."""
    taken = {name for param in command.params for name in param.opts}
    known = {f.name for f in dataclasses.fields(Settings)}
    for param in group.params:
        if param.name not in known or set(param.opts) & taken:
            continue
        command.params.append(
            TyperOption(
                param_decls=list(param.opts),
                type=param.type,
                is_flag=param.is_flag,
                default=None,
                metavar=param.metavar,
                help=param.help,
                expose_value=False,
                callback=_set_global,
            )
        )


_CONVERT: dict[str, Any] = {"notes_dir": Path, "color": Color}


def _set_global(ctx: Any, param: Any, value: Any) -> None:
    found = ctx.find_object(Settings)
    if value is not None and found is not None and hasattr(found, param.name):
        setattr(found, param.name, _CONVERT.get(param.name, lambda v: v)(value))


app = typer.Typer(
    cls=_Group,
    help="Podcast episode notes as a local YAML library: parse, add, read, search, export.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"podnotes {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    notes_dir: Annotated[
        Path | None,
        typer.Option(
            "--notes-dir",
            envvar=settings.NOTES_DIR,
            help="The notes folder [default: ./notes if it exists, else the user data folder].",
            show_default=False,
        ),
    ] = None,
    color: Annotated[
        Color, typer.Option("--color", help="Colour and Rich layout: auto, always or never.")
    ] = Color.AUTO,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an internal error.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Podcast episode notes as a local YAML library: parse, add, read, search, export."""
    from podnotes import settings

    ctx.obj = Settings(notes_dir=notes_dir, color=color, debug=debug)
    settings.check()


def main() -> NoReturn:
    app()
    raise SystemExit(0)
