"""Pydantic's validation errors as a person reads them: the key, what is wrong, the fix."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError


def problems_of(exc: ValidationError, model: type[BaseModel], prefix: str = "") -> list[str]:
    """One line per error: `key: problem; fix` (`prefix` names where `model` sits)."""
    problems = []
    for error in exc.errors():
        key = ".".join(str(part) for part in error["loc"])
        key = f"{prefix}.{key}" if prefix and key else prefix or key
        problems.append(f"{key}: {_fix(error, model)}")
    return problems


def _fix(error: Any, model: type[BaseModel]) -> str:
    kind, message = error["type"], error["msg"]
    if kind == "extra_forbidden":
        field = str(error["loc"][-1])
        close = difflib.get_close_matches(field, _field_names(model, error["loc"]), n=1)
        hint = f"did you mean {close[0]!r}?" if close else "remove it"
        return f"unknown key; {hint}"
    if kind == "missing":
        return "required key is missing; add it"
    if kind == "value_error":
        return str(message).removeprefix("Value error, ")
    return f"{message}; got {error.get('input')!r}"


def _field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys the table holding `loc`'s last part accepts (through lists of tables too)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue  # an index into a list of tables: the table's model is already current
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            break
        current = _model_in(field.annotation)
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    """`annotation` itself, or the model inside `list[Model]` / `Model | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return annotation
