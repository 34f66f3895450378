"""Running a user's Jinja2 template within bounds.

Jinja's sandbox keeps a template from reaching Python; it does not keep it from running forever
or filling memory (`{{ 'x'|center(2000000000) }}`, nested `range` loops, `[s] * n | join`). A
template gets MAX_SECONDS of wall time, MAX_MEMORY of new memory and MAX_OUTPUT characters of
output; a number it passes to a function or filter, a power it raises and a sequence it
repeats are checked before Python builds the result. Whichever bound is hit is named.
"""

from __future__ import annotations

import contextlib
import functools
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import Environment, FunctionLoader
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_SECONDS = 10.0
MAX_OUTPUT = 64 * 1024 * 1024  # characters: above any export of a note within the 50 MB limit
MAX_MEMORY = 512 * 1024 * 1024  # bytes of address space a render may add
MAX_NUMBER = 1_000_000  # the largest number a template may pass to a function or filter
MAX_EXPONENT = 10_000
_CONTEXTS = (Context, EvalContext, Environment)
_WIDE_FORMAT = re.compile(r"[0-9]{7,}")  # a width or precision of a million or more


class TemplateLimit(Exception):
    """A bound the template ran into; the message says which."""


def _no_includes(name: str) -> str:
    raise TemplateLimit(
        f"a template cannot include, import or extend other files (asked for {name!r})"
    )


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with arguments, powers, repetition and loops checked."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(loader=FunctionLoader(_no_includes), **options)
        self.deadline = float("inf")
        self.globals["range"] = self._range

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _is_number(right) and abs(right) > MAX_EXPONENT:
            raise TemplateLimit(f"a power of {right:,} is over the limit of {MAX_EXPONENT:,}")
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        if operator == "%" and isinstance(left, str):
            _check_format(left)
        return super().call_binop(context, operator, left, right)

    def call(self, context: Any, obj: Any, *args: Any, **kwargs: Any) -> Any:
        self.check_time()
        _check_arguments(args, kwargs)
        if getattr(obj, "__name__", "") in {"format", "format_map"}:
            # The sandbox hands out str.format wrapped; the format string is the method's self.
            _check_format(getattr(getattr(obj, "__wrapped__", obj), "__self__", ""))
        return super().call(context, obj, *args, **kwargs)

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimit(f"rendering took longer than {MAX_SECONDS:g} s")

    def _range(self, *args: int) -> Iterator[int]:
        _check_arguments(args, {})
        for n in range(*args):
            self.check_time()
            yield n


def guard_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose arguments (after the value) are checked first; `format`, `replace` and
    `join` also have their results estimated before they are built."""

    @functools.wraps(function)  # keeps jinja's pass_context / pass_eval_context marker
    def guarded(*args: Any, **kwargs: Any) -> Any:
        lead = 0
        while lead < len(args) and isinstance(args[lead], _CONTEXTS):
            lead += 1
        value, rest = (args[lead], args[lead + 1 :]) if lead < len(args) else (None, ())
        name = function.__name__
        if name == "do_join" and isinstance(value, Iterable) and not isinstance(value, str):
            value = list(value)
            _check_size(sum(len(str(item)) for item in value), "joined text")
            args = (*args[:lead], value, *rest)
        elif name == "do_format":
            _check_format(value)
        elif name == "do_replace" and len(rest) >= 2:
            _check_replace(value, rest[0], rest[1])
        _check_arguments(rest, kwargs)
        return function(*args, **kwargs)

    return guarded


def render_bounded(template: Any, context: dict[str, Any], env: BoundedEnvironment) -> str:
    """The rendered text, or TemplateLimit naming the bound the template hit."""
    env.deadline = time.monotonic() + MAX_SECONDS
    parts: list[str] = []
    size = 0
    try:
        with _alarm(env), _memory_headroom():
            for chunk in template.generate(context):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise TemplateLimit(f"the output is over {MAX_OUTPUT // 1024 // 1024} MB")
                parts.append(chunk)
                if len(parts) > 4096:  # many small chunks cost far more than their text
                    parts[:] = ["".join(parts)]
    except MemoryError:
        raise TemplateLimit(f"rendering needed more than {MAX_MEMORY // 1024**2} MB") from None
    except RecursionError:
        raise TemplateLimit("a macro or loop calls itself too deeply") from None
    finally:
        env.deadline = float("inf")
    return "".join(parts)


@contextlib.contextmanager
def _alarm(env: BoundedEnvironment) -> Iterator[None]:
    """A wall-clock deadline that also stops loops making no calls (main thread, POSIX)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TemplateLimit(f"rendering took longer than {MAX_SECONDS:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _memory_headroom() -> Iterator[None]:
    """Cap the address space at what the process uses now plus MAX_MEMORY (Linux): a huge
    allocation fails at once as MemoryError instead of swapping the machine."""
    try:
        import resource

        with open("/proc/self/statm") as statm:
            used = int(statm.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = used + MAX_MEMORY
        if (soft != resource.RLIM_INFINITY and soft <= cap) or sys.platform != "linux":
            raise OSError("no tighter cap to set")
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_arguments(args: Iterable[Any], kwargs: dict[str, Any]) -> None:
    for value in [*args, *kwargs.values()]:
        if _is_number(value) and abs(value) > MAX_NUMBER:
            raise TemplateLimit(f"the number {value:,} is over the limit of {MAX_NUMBER:,}")


def _check_repeat(sequence: Any, times: Any) -> None:
    if isinstance(sequence, str | list | tuple) and isinstance(times, int):
        _check_size(len(sequence) * times, "repeated text or list")
    both_numbers = isinstance(sequence, int) and isinstance(times, int)
    if both_numbers and sequence.bit_length() + times.bit_length() > 64 * 1024:
        raise TemplateLimit("a product of numbers is too large")


def _check_format(text: Any) -> None:
    if isinstance(text, str) and _WIDE_FORMAT.search(text):
        raise TemplateLimit("a format width or precision is over the limit of 999,999")


def _check_replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = text.count(old) if old else len(text) + 1
        _check_size(len(text) + count * len(new), "replaced text")


def _check_size(size: int, what: str) -> None:
    if size > MAX_OUTPUT:
        raise TemplateLimit(f"the {what} would be over {MAX_OUTPUT // 1024 // 1024} MB")
