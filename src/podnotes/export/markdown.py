"""Episode -> Markdown through Jinja2 templates: the built-in ones ship in the package and a user's
own template gets exactly the same context."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from podnotes.errors import PodnotesError
from podnotes.export import escape
from podnotes.fields import FRONT_MATTER_KEYS, HEADINGS, HIGHLIGHT_HEADINGS
from podnotes.model import Episode, format_timestamp
from podnotes.yamlio import dump_front_matter, to_data

if TYPE_CHECKING:
    import jinja2

    from podnotes.export.sandbox import BoundedEnvironment

PROFILES = ("obsidian", "logseq", "commonmark")
MAX_TEMPLATE_BYTES = 1024 * 1024


class TemplateError(PodnotesError):
    """A template that cannot be read, compiled or rendered; the message names its line."""


def builtin_template(profile: str) -> str:
    if profile not in PROFILES:
        raise TemplateError(f"unknown profile {profile!r}; choose from {', '.join(PROFILES)}")
    return resources.files("podnotes.export").joinpath(f"templates/{profile}.md.j2").read_text()


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


@functools.cache
def _environment() -> BoundedEnvironment:
    from jinja2 import StrictUndefined

    from podnotes.export.sandbox import BoundedEnvironment, guard_filter

    env = BoundedEnvironment(
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update({name: guard_filter(f) for name, f in env.filters.items()})
    env.filters.update(
        md=escape.inline,
        md_block=escape.block,
        md_chapter=escape.chapter_title,
        md_heading=escape.heading,
        md_item=escape.list_item,
        md_segment=escape.segment,
        quote=_quote,
        ts=format_timestamp,
    )
    return env


@functools.lru_cache(maxsize=8)
def compile_template(source: str, name: str) -> jinja2.Template:
    from jinja2 import TemplateSyntaxError

    try:
        return _environment().from_string(source)
    except TemplateSyntaxError as err:
        raise TemplateError(f"{name}: line {err.lineno}: {_one_line(err.message)}") from None
    except RecursionError:
        raise TemplateError(f"{name}: nested too deeply to compile") from None


@functools.cache
def _builtin_sources() -> frozenset[str]:
    return frozenset(builtin_template(profile) for profile in PROFILES)


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def load_template(path: Path | None, profile: str) -> tuple[str, str]:
    """(source, name) of the user's template file, or of the profile's built-in one."""
    if path is None:
        return builtin_template(profile), f"<built-in {profile} template>"
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_TEMPLATE_BYTES + 1)
        if len(data) > MAX_TEMPLATE_BYTES:
            raise TemplateError(f"{path}: a template over {MAX_TEMPLATE_BYTES:,} bytes is refused")
        return data.decode("utf-8"), str(path)
    except (OSError, UnicodeDecodeError) as err:
        raise TemplateError(f"{path}: cannot read the template ({err})") from None


def front_matter_data(episode: Episode, data: dict[str, Any]) -> dict[str, Any]:
    """The properties podnotes owns in an exported file's front matter (`data` is the
    document's data, from to_data)."""
    owned = {key: data[key] for key in FRONT_MATTER_KEYS}
    owned["source"] = episode.source.file if episode.source else ""
    return owned


def render_markdown(
    episode: Episode,
    *,
    slug: str,
    template: tuple[str, str],
    extra_front_matter: dict[str, Any] | None = None,
    transcript: bool = False,
) -> str:
    """Markdown for one episode; `extra_front_matter` carries keys a user added to the file;
    `transcript` adds the `## Transcript` section (the template's `transcript` list)."""
    from jinja2 import TemplateError as JinjaError

    compiled = compile_template(*template)
    data = to_data(episode)
    owned = front_matter_data(episode, data)
    context = {
        "episode": {**data, "slug": slug},
        "front_matter": dump_front_matter({**owned, **(extra_front_matter or {})}),
        "properties": owned,
        "headings": HEADINGS,
        "highlight_headings": HIGHLIGHT_HEADINGS,
        "transcript": data["transcript"] if transcript else [],
    }
    from podnotes.export.sandbox import TemplateLimit, render_bounded

    source, name = template
    try:
        if source in _builtin_sources():
            return compiled.render(context)  # ours: bounded by the note's own size
        return render_bounded(compiled, context, _environment())
    except TemplateLimit as err:
        raise TemplateError(f"{name}: stopped: {err}") from None
    except JinjaError as err:
        raise TemplateError(f"{name}{_template_line(err)}: {_one_line(err)}") from None
    except Exception as err:  # whatever a user's template does wrong is that template's error
        message = _one_line(err) or type(err).__name__
        raise TemplateError(f"{name}{_template_line(err)}: {message}") from None


def _template_line(err: BaseException) -> str:
    """': line N' of the template frame in a rendering error's traceback, when there is one."""
    tb = err.__traceback__
    line = ""
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = f": line {tb.tb_lineno}"
        tb = tb.tb_next
    return line
