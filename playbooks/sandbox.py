"""The sandbox every reply text renders in (playbook templates, the desk's saved replies):
Jinja's immutable sandbox, with the few ways a short text can make a huge one refused."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jinja2 import BaseLoader, StrictUndefined
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

# The most characters (or a list's items plus the characters they hold) a `*` may make, and
# the most bits an integer `*` or `**` may make: `{{ "x" * 10**9 }}` would otherwise take the
# process's memory and the event loop's time.
MAX_PRODUCT = 100_000
# str methods and filters whose number argument is the result's width ("x".ljust(10**9),
# "x"|center(10**9)), and format strings whose width is written or passed in ("{:>999999}",
# "%*s"): each would build the huge string before anything could cut it.
_WIDENING = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
_PERCENT_WIDTH = re.compile(r"%[-#0 +]*(\*|\d+)")  # "%-20s", "%*s"
_BRACE_SPEC = re.compile(r"\{[^{}]*:([^{}]*)(\{?)")  # "{:>20}", "{name:^{w}}"


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with `*` and `**` checked before they run (Jinja's documented
    way: intercepted operators are also never folded into constants at compile time, so a
    huge one is not even built by compiling the text)."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        for name in ("center", "indent", "format"):
            self.filters[name] = _bounded(self.filters[name], formats=name == "format")

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "%" and isinstance(left, str):
            _check_format(left)
        if _product_size(operator, left, right) > MAX_PRODUCT:
            raise SecurityError(
                f"the result of {operator} would be too large (over {MAX_PRODUCT:,} characters, "
                "items or bits)"
            )
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        owner, name = getattr(__obj, "__self__", None), getattr(__obj, "__name__", "")
        if isinstance(owner, str) and name in _WIDENING:
            _check_widths(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        # Jinja hands "…".format over here, at access, to sandbox it.
        owner, name = getattr(value, "__self__", None), getattr(value, "__name__", "")
        if isinstance(owner, str) and name in ("format", "format_map"):
            _check_format(owner)
        return super().wrap_str_format(value)


def _bounded(apply: Callable[..., Any], *, formats: bool) -> Callable[..., Any]:
    """A filter refusing a huge width: `center`'s and `indent`'s argument, or the format
    string of `format` (whose arguments are values: "%d"|format(150000) is fine)."""

    def bounded(value: Any, *args: Any, **kwargs: Any) -> Any:
        if not formats:
            _check_widths(args, kwargs)
        elif isinstance(value, str):
            _check_format(value)
        return apply(value, *args, **kwargs)

    bounded.__name__ = apply.__name__
    return bounded


def _check_widths(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and value > MAX_PRODUCT:
            raise SecurityError(f"a width of {value:,} is too large (over {MAX_PRODUCT:,})")


def _check_format(text: str) -> None:
    """A format string may not write a width over MAX_PRODUCT, nor take one from its values."""
    widths = _PERCENT_WIDTH.findall(text)
    for spec, nested in _BRACE_SPEC.findall(text):
        widths += ["*"] if nested else re.findall(r"\d+", spec)
    if any(w == "*" or int(w) > MAX_PRODUCT for w in widths):
        raise SecurityError(f"a format width must be written, and at most {MAX_PRODUCT:,}")


def _product_size(operator: str, left: Any, right: Any) -> int:
    """How large `left operator right` would be: a sequence's size times the count, an
    integer's bits; 0 for what stays small (floats overflow with an error of their own)."""
    if isinstance(left, int) and isinstance(right, int):
        bits = abs(left).bit_length()
        return bits * max(right, 0) if operator == "**" else bits + abs(right).bit_length()
    if operator == "**":
        return 0
    for seq, count in ((left, right), (right, left)):
        if isinstance(seq, str | bytes | list | tuple) and isinstance(count, int):
            return _size(seq) * count
    return 0


def _size(value: str | bytes | list[Any] | tuple[Any, ...]) -> int:
    """A string's length; a list's items plus what they hold once written out, since
    `(["x" * 99999] * 99999)|join` is 99,999 items but ten billion characters. Walked without
    recursion: a template's loop can nest lists deeper than Python's stack."""
    total, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, list | tuple):
            total += len(item)
            stack.extend(item)
        elif isinstance(item, int) and not isinstance(item, bool):
            total += item.bit_length() // 3  # about its decimal digits, a few over
    return total


def sandbox(loader: BaseLoader | None = None) -> ImmutableSandboxedEnvironment:
    """The environment reply texts render in (playbook templates, the desk's saved replies).

    Immutable sandbox: a text cannot reach Python internals, mutate its inputs or make a huge
    `*`/`**` result; mention data is passed as values, never as template source.
    """
    return _Sandbox(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=False,  # plain text: every channel escapes it for its own format
        trim_blocks=True,
        lstrip_blocks=True,
    )
