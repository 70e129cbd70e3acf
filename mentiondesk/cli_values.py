"""Numbers and choices typed on the command line, refused in the CLI's words.

Typer converts a typed parameter with pydantic and would answer "Input should be a valid
integer, unable to parse string as an integer" or "Value error, 'foo' is not one of …". A
`parser=` of these says what the value is not and what to write instead; click frames it
("Invalid value for 'ID': 'abc' is not a draft id (a whole number, as in `drafts list`)").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer


def whole_number(
    what: str, hint: str = "", *, least: int | None = None, most: int | None = None
) -> Callable[[Any], int]:
    """The parser of a whole-number parameter: `what` it is ("a draft id") and a `hint` after
    "a whole number" (", as in `drafts list`"); `least`/`most` bound it, as `min`/`max` would
    (typer checks no bound of a parameter that has a parser: use `bounded`)."""

    def parse(value: Any) -> int:
        if isinstance(value, int):  # a default, already a number
            return value
        try:
            number = int(str(value).strip())
        except ValueError:
            raise typer.BadParameter(f"{value!r} is not {what} (a whole number{hint})") from None
        if least is not None and number < least:
            raise typer.BadParameter(f"{number:,} is too small; give {_span(least, most)}")
        if most is not None and number > most:
            raise typer.BadParameter(f"{number:,} is too large; give {_span(least, most)}")
        return number

    return parse


def bounded(what: str, least: int, most: int | None = None) -> dict[str, Any]:
    """`min`, `max` and `parser` of a bounded whole-number option, from one pair of bounds:
    the help shows the range ("[x>=1]") and the parser enforces it."""
    return {"min": least, "max": most, "parser": whole_number(what, least=least, most=most)}


def decimal(what: str, least: float, most: float | None = None) -> Callable[[Any], float]:
    """The parser of a decimal parameter ("0.35", "1e-3"; "0,35" as Portuguese writes it),
    bounded by `least` and `most` as `min`/`max` would be (use `bounded_decimal`)."""

    def parse(value: Any) -> float:
        if isinstance(value, float):  # a default, already a number
            return value
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            raise typer.BadParameter(f"{value!r} is not {what} (a number such as 0.5)") from None
        if number != number or number < least or (most is not None and number > most):  # NaN
            span = f"{least:g} or more" if most is None else f"{least:g} to {most:g}"
            raise typer.BadParameter(f"{value} is out of range; give {span}")
        return number

    return parse


def bounded_decimal(what: str, least: float, most: float | None = None) -> dict[str, Any]:
    """`min`, `max` and `parser` of a bounded decimal option, as `bounded` for whole numbers."""
    return {"min": least, "max": most, "parser": decimal(what, least, most)}


def _span(least: int | None, most: int | None) -> str:
    if most is None:
        return f"{least:,} or more"
    if least is None:
        return f"{most:,} or less"
    return f"{least:,} to {most:,}"


def one_of(what: str, choices: tuple[str, ...]) -> Callable[[Any], str]:
    """The parser of a choice, in any case ("Pending"): `what` it is ("a draft status")."""

    def parse(value: Any) -> str:
        wanted = str(value).strip().lower()
        if wanted not in choices:
            listed = ", ".join(choices)
            raise typer.BadParameter(f"{value!r} is not {what}; use one of: {listed}")
        return wanted

    return parse


# `--format` of the commands that print either (report, authors export, eval-sentiment): in any
# case, as every other choice ("JSON" was refused), with the choices said on a slip.
FormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help="text or json.",
        metavar="<text|json>",
        parser=one_of("an output format", ("text", "json")),
    ),
]
