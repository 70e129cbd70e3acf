"""A wrong value in plain words, for config.toml and the playbooks alike: what was given and
what to write ("'alta' is text; write a whole number from 0 to 3 (without quotes)"), rather
than pydantic's "Input should be a valid integer"."""

from __future__ import annotations

import types
import typing
from typing import Any

import annotated_types
from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

# What to write, by pydantic's error type, for a value of the wrong type; {number} is the
# number the key takes, with its range ("a whole number from 0 to 3").
WRITE = {
    "list_type": "a list",
    "tuple_type": "a list",  # a TOML list read into a tuple
    "bool_parsing": "true or false (without quotes)",
    "bool_type": "true or false (without quotes)",
    "int_parsing": "{number} (without quotes)",
    "int_type": "{number} (without quotes)",
    "int_from_float": "{number}",
    "float_parsing": "{number} (without quotes)",
    "float_type": "{number} (without quotes)",
    "string_type": "text in quotes",
}
# Pydantic's error types for a number out of its range, and which way it is out.
OUT_OF_RANGE = {
    "less_than_equal": "too high",
    "less_than": "too high",
    "greater_than_equal": "too low",
    "greater_than": "too low",
    "finite_number": "no finite number",  # inf, nan
}


class ConfigTable(BaseModel):
    """A table of config.toml: unknown keys are errors, values frozen, numbers finite (inf
    passes gt=0 and overflows the first date it is added to, mid-run) and never true/false."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _numbers(cls, value: Any, info: ValidationInfo) -> Any:
        return no_bool_for_number(cls, value, info)


def toml_syntax(where: object, exc: ValueError) -> str:
    """A TOML syntax error in words: where, what the parser said, and the fix. At the end of
    the file it names no line: something opened there was never closed."""
    said = str(exc)
    if "(at end of document)" in said:
        what = said.replace(" (at end of document)", "")
        return (
            f"{where}: not valid TOML ({what} at the end of the file); a list [ ], a table {{ }} "
            "or quoted text opened on one of its last lines is not closed: close it"
        )
    return f"{where}: not valid TOML ({said}); fix the syntax at that line"


def no_bool_for_number(model: type[BaseModel], value: Any, info: ValidationInfo) -> Any:
    """`value`, unless TOML's true or false stands where a number goes: pydantic reads it as
    1 or 0 ("port = true" listened on port 1, "poll_seconds = true" polled every second)."""
    if not isinstance(value, bool) or info.field_name is None:
        return value
    annotation = model.model_fields[info.field_name].annotation
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    kinds = set(typing.get_args(annotation)) if union else {annotation}
    if bool in kinds or not kinds & {int, float}:
        return value
    raise PydanticCustomError("int_type" if int in kinds else "float_type", "a number")


def write(kind: str, field: FieldInfo | None) -> str:
    """What to write instead, for a wrong-type error `kind` in `field` (None: not known)."""
    return WRITE[kind].format(number=number(field, whole=kind.startswith("int")))


def out_of_range(error: Any, field: FieldInfo | None) -> str:
    """`7 is too high; write a whole number from 0 to 3` for an out-of-range error."""
    value = error.get("input")
    whole = _whole(field.annotation) if field else isinstance(value, int)
    return f"{value!r} is {OUT_OF_RANGE[error['type']]}; write {number(field, whole=whole)}"


def kind_of(value: Any) -> str:
    """What a TOML value is, as its writer calls it: text, a number, a list…"""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    return "a table" if isinstance(value, dict) else "a value"


def number(field: FieldInfo | None, *, whole: bool) -> str:
    """ "a whole number from 0 to 3", "a number above 0", "a whole number of at least 1"."""
    noun = "a whole number" if whole else "a number"
    bounds = {
        type(b).__name__: getattr(b, type(b).__name__.lower())
        for b in (field.metadata if field else ())
        if isinstance(
            b, annotated_types.Ge | annotated_types.Gt | annotated_types.Le | annotated_types.Lt
        )
    }
    if "Ge" in bounds and "Le" in bounds:
        return f"{noun} from {bounds['Ge']} to {bounds['Le']}"
    said = [f"{words} {bounds[k]}" for k, words in _BOUNDS if k in bounds]
    if len(said) == 2:  # "above 0 and at most 3600"
        said[1] = said[1].removeprefix("of ")
    return f"{noun} {' and '.join(said)}" if said else noun


_BOUNDS = (("Ge", "of at least"), ("Gt", "above"), ("Le", "of at most"), ("Lt", "below"))


def _whole(annotation: Any) -> bool:
    return annotation is int or int in typing.get_args(annotation)
