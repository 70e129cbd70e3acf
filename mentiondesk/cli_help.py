"""How `--help` reads: conventional usage lines, value columns, prose and order under typer 0.29.

Typer 0.29 shows a type beside every option, flags included (`--help <bool>`, `-v <int>` on a
counter), spells types as Python does (`<FileText>`, `<list[Path]>`, `<str>`) and wraps
required arguments in braces (`{ID}`). Commands set metavars and choices where the words
matter; the overrides below fix the rest in one place, so a new flag or file option reads
right without anyone remembering to. Typer's rich mode also keeps a docstring's line breaks,
so prose wrapped at 100 columns in the source broke mid-sentence in `--help`; paragraphs are
joined as click joins them. `install()` applies them.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from difflib import get_close_matches
from typing import Any, get_args

from typer import rich_utils
from typer.core import TyperArgument, TyperGroup, TyperOption

try:  # typer 0.29 vendors click: its parser raises its own copy's exceptions
    from typer._click.exceptions import NoSuchOption, UsageError
except ImportError:  # pragma: no cover - a typer on click itself
    from click.exceptions import NoSuchOption, UsageError  # type: ignore[assignment]

_Shown = Callable[[Any, Any], str | None]
# A number's value in words, as commands name theirs (`report --days <n>`), not as Python
# spells its type ("<int range>", "<float>").
_NUMBERS: dict[Any, str] = {int: "<n>", float: "<number>"}
# Typer's own renderers, kept to fall back on; absent in another typer, nothing is patched.
_option_type: _Shown | None = getattr(TyperOption, "display_type_rich", None)
_argument_type: _Shown | None = getattr(TyperArgument, "display_type_rich", None)
_join_paragraphs: Callable[..., str] | None = getattr(rich_utils, "_fix_linebreaks", None)
_command_line: Callable[..., Any] | None = getattr(rich_utils, "_make_command_help", None)

# `mentiondesk --help` in the order a new user needs the commands: start, daily work, then
# admin and the sentiment model. A command not named here follows, as registered.
ORDER = (
    "run",
    "check-config",
    "drafts",
    "cases",
    "report",
    "outbox",
    "authors",
    "store",
    "survey",
    "users",
    "sources",
    "responders",
    "classify",
    "relabel",
    "train-sentiment",
    "tune-sentiment",
    "eval-sentiment",
)

# Commands an operator may guess where no spelling is close enough for typer's "Did you
# mean" ('check' is not, for 'check-config').
GUESSES = {
    "check": "'check-config' (the file, playbooks and store), 'sources check' or 'responders "
    "check' (logging in to the platforms and chats)",
    "validate": "'check-config'",
    "start": "'run'",
    "serve": "'run'",
}

# mentiondesk's own options (click takes them only before the command) and what they take.
GLOBAL_OPTIONS = {"--config": " FILE", "-c": " FILE", "--log-format": " json", "--verbose": ""}
GLOBAL_OPTIONS["-v"] = ""
GLOBAL_OPTIONS["--version"] = ""


class InOrder(TyperGroup):
    """A command group that lists its commands in ORDER, not in the order modules added them,
    and says where its own options go when one is given after a command."""

    def list_commands(self, ctx: Any) -> list[str]:
        known = {name: i for i, name in enumerate(ORDER)}
        return sorted(super().list_commands(ctx), key=lambda name: known.get(name, len(ORDER)))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            guess = get_close_matches(args[0].lower(), GUESSES, n=1, cutoff=0.8) if args else []
            if guess:  # ours before typer's look-alike ('start': 'store')
                said = exc.message.split(". Did you mean")[0].rstrip(".")
                exc.message = f"{said}. Did you mean {GUESSES[guess[0]]}?"
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NoSuchOption as exc:
            if exc.option_name in GLOBAL_OPTIONS and exc.ctx is not None:
                exc.message += f" after the command; {misplaced(exc.option_name, exc.ctx)}"
                exc.possibilities = None  # a command's own look-alike is not what was meant
            raise


def misplaced(option: str, ctx: Any) -> str:
    """Where `option`, one of mentiondesk's own, goes: before the command `ctx` runs."""
    root = ctx.find_root().info_name or "mentiondesk"  # or "python -m mentiondesk"
    if option == "--version":  # it runs no command: naming one would only mislead
        return f"run it alone: {root} --version"
    command = ctx.command_path.removeprefix(root).strip()
    where = f"put it before the command: {root} {option}{GLOBAL_OPTIONS[option]} {command}"
    if option in ("--config", "-c"):
        return f"{where} (or set MENTIONDESK_CONFIG)"
    return where


def unwrapped(text: str) -> str:
    """A paragraph as one line, as click shows it (a paragraph starting with \\b keeps its
    breaks, as in click)."""
    return text if text.startswith("\b") else " ".join(text.split("\n"))


def join_paragraphs(paragraphs: list[str], markup_mode: Any) -> str:
    """A command's help after its first line: each paragraph unwrapped, blank lines between."""
    return "\n\n".join(unwrapped(p) for p in paragraphs)


def command_line(*, help_text: str, markup_mode: Any) -> Any:
    """A command's line in its group's list: the first paragraph, unwrapped."""
    first = inspect.cleandoc(help_text).split("\n\n")[0]
    assert _command_line is not None  # install() patches only when typer has it
    return _command_line(help_text=unwrapped(first), markup_mode=markup_mode)


def option_type(self: TyperOption, ctx: Any) -> str | None:
    """An option's value column: its metavar, nothing for a flag or a counter, else in words."""
    if self.metavar is not None:
        return angled(self.metavar)
    if self.is_flag or self.count:
        return None  # `--once`, `--help` and `-vv` take no value
    return _in_words(self, ctx, _option_type)


def angled(metavar: str) -> str:
    """A value column as the others read (`<text>`, `<names>`): a command's upper-case word
    (`--reason TEXT`, `--to NAME`) would otherwise stand beside them in another spelling."""
    return f"<{metavar.lower()}>" if metavar.isupper() else metavar


def argument_type(self: TyperArgument, ctx: Any) -> str | None:
    """An argument's value column (its metavar is its name, shown in the name column)."""
    return _in_words(self, ctx, _argument_type)


def _in_words(
    param: TyperOption | TyperArgument, ctx: Any, typer_says: _Shown | None
) -> str | None:
    described = param.type_descriptor
    if described.is_file:
        return "<file>"
    if described.is_list and not described.is_choice:  # repeated: each use takes one value
        return f"<{_word(get_args(described.annotation)[0])}>"
    if described.annotation is str:
        return "<text>"
    if number := _NUMBERS.get(described.annotation):
        return number  # the range, if any, is shown beside it ("[1<=x<=1000000]")
    return typer_says(param, ctx) if typer_says else None


def _word(annotation: Any) -> str:
    """One repeated value in words: `outbox hold ID...` takes `<n>`, as `--limit` does."""
    if annotation is str:
        return "text"
    if number := _NUMBERS.get(annotation):
        return number.strip("<>")
    return str(getattr(annotation, "__name__", "value")).lower()


def argument_usage(self: TyperArgument, ctx: Any) -> list[str]:
    """An argument in the usage line as NAME, [NAME] when optional, NAME... when repeated."""
    name = self.display_name_raw
    if not self.required:
        name = f"[{name}]"
    return [name + ("..." if self.nargs != 1 else "")]


def install() -> None:
    """Apply the overrides (again is harmless); the CLI does before any help is shown.

    They lean on typer 0.29's internals (pinned in pyproject): under a typer without them,
    help keeps typer's own look rather than the CLI failing to start."""
    if _option_type is None or _argument_type is None or _command_line is None:
        return
    if not hasattr(TyperArgument, "get_usage_pieces") or _join_paragraphs is None:
        return
    TyperOption.display_type_rich = option_type  # type: ignore[method-assign]
    TyperArgument.display_type_rich = argument_type  # type: ignore[method-assign,assignment]
    TyperArgument.get_usage_pieces = argument_usage  # type: ignore[method-assign]
    rich_utils._fix_linebreaks = join_paragraphs
    rich_utils._make_command_help = command_line
