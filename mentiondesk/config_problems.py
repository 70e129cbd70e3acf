"""Pydantic's validation errors as a person reads them: the key, what is wrong, the fix."""

from __future__ import annotations

import difflib
import json
import re
import typing
import unicodedata
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from mentiondesk.config_hours_local import one_line
from mentiondesk.config_secret_hints import inline_secret, pasted_secret
from mentiondesk.models import OUT_OF_RANGE, WRITE, kind_of, out_of_range, write
from playbooks.problems import accented_at


def problems_of(exc: ValidationError, model: type[BaseModel], prefix: str = "") -> list[str]:
    """One line per error: `key: problem; fix` (`prefix` names where `model` sits)."""
    problems = []
    for error in exc.errors():
        key = _key(error["loc"])
        key = f"{prefix}.{key}" if prefix and key and key[0] != "[" else prefix + key
        problems.append(f"{key}: {_fix(error, model, prefix)}")
    return problems


def _key(loc: tuple[Any, ...]) -> str:
    """`routing.alert_routes[0].min_frustration`: an index as TOML's readers write it (and as
    `sources[1]` is), not pydantic's `alert_routes.0.`."""
    key = ""
    for part in loc:
        key += f"[{part}]" if isinstance(part, int) else f".{part}" if key else str(part)
    return key


def _fix(error: Any, model: type[BaseModel], prefix: str) -> str:
    kind, message = error["type"], error["msg"]
    if kind == "extra_forbidden":
        field, table = str(error["loc"][-1]), _table(model, error["loc"])
        return inline_secret(field, table) or _unknown(field, _field_names(model, error["loc"]))
    if kind == "missing":
        return _missing(error, model)
    if kind == "value_error":
        said, loc = str(message).removeprefix("Value error, "), error["loc"]
        return pasted_secret(said, str(loc[-1]), _table(model, loc)) if loc else said
    if kind in WRITE or kind in ("dict_type", "model_type"):
        return _wrong_type(error, model, prefix)
    if kind in OUT_OF_RANGE:
        return out_of_range(error, _field_at(model, error["loc"]))
    if kind == "string_too_short" and error.get("input") == "":
        return _empty(error, prefix)
    # Pydantic's own text, less any class name ("instance of BusinessHoursSection"): an
    # operator knows keys and TOML, not mentiondesk's internals.
    return f"{_CLASS_NAME.sub('', str(message))}; got {error.get('input')!r}"


# Keys another table (or another tool) spells differently, where no spelling is close: the
# transformers classifier's `model` is the ngram one's `path` and the e5 one's `adapter`.
_SYNONYMS = {
    "model": ("path", "adapter"),
    "model_path": ("path", "adapter"),
    "file": ("path",),
    "path": ("adapter",),
    # A team in Brazil or Portugal may write a section or key in its own words.
    "painel": ("desk",),
    "marca": ("brand",),
    "banco": ("store",),
    "banco_de_dados": ("store",),
    "base_de_dados": ("store",),
    "sentimento": ("sentiment",),
    "roteamento": ("routing",),
    "encaminhamento": ("routing",),
    "fontes": ("sources",),
    "fuso": ("timezone",),
    "fuso_horario": ("timezone",),
    "tz": ("timezone",),
    "idioma": ("language",),
    "lingua": ("language",),
    "locale": ("language",),
    "endereco": ("host",),
    "horario": ("business_hours",),
    "horario_comercial": ("business_hours",),
    "expediente": ("business_hours",),
    "feriados": ("holidays",),
    "respostas_prontas": ("saved_replies",),
    "nome": ("name",),
    "palavras_chave": ("keywords",),
    "perfis": ("handles",),
    "tipo": ("kind",),
}


def _unknown(field: str, names: list[str]) -> str:
    """`unknown key; did you mean 'timezone'?`, else the keys the table takes: not "remove
    it" alone, as a key in the team's words ([painel], cor) holds settings someone meant."""
    close = difflib.get_close_matches(field, names, n=1)
    close = close or [k for k in _SYNONYMS.get(_plain(field), ()) if k in names]
    if close:
        return f"unknown key; did you mean {close[0]!r}?"
    listed = f"use one of: {', '.join(names)}, or " if names else ""
    return f"unknown key; {listed}remove it"


def _plain(key: str) -> str:
    """`key` as _SYNONYMS spells it: lower case, unaccented, `-` as `_` ("Fuso-Horário")."""
    decomposed = unicodedata.normalize("NFKD", key.lower().replace("-", "_"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def accented_key(text: str, said: str, keys: list[str]) -> str | None:
    """Where TOML stopped at an accented letter in a key (`fuso_horário = …`): the line, the
    key and the one to write, which "fix the syntax at that line" leaves to be guessed (a key
    without quotes is ASCII, and the config's keys are English). None for any other error."""
    found = accented_at(text, said)
    if found is None:
        return None
    close = difflib.get_close_matches(_plain(found.key), keys, n=1)
    close = close or [k for k in _SYNONYMS.get(_plain(found.key), ()) if k in keys]
    return found.said(
        f"did you mean {close[0]!r}?" if close else "write it as the shipped config.toml does"
    )


# What a required text is, where its name alone does not say: said when it is left empty.
_EMPTY = {"brand.name": 'the brand\'s name as people write it in posts, e.g. name = "Acme"'}


def _empty(error: Any, prefix: str) -> str:
    """`'' is empty; write …: name = "…"`, not pydantic's "at least 1 character"."""
    keys = [str(p) for p in error["loc"] if not isinstance(p, int)]
    generic = f'a value in quotes: {keys[-1]} = "…"'
    what = None if prefix else _EMPTY.get(".".join(keys))
    return f"'' is empty; write {what or generic}"


_CLASS_NAME = re.compile(r"(?: or)? (?:an )?instance of \w+")


def _wrong_type(error: Any, model: type[BaseModel], prefix: str) -> str:
    """`key: 'x' is text, not a list; write a list: key = ["x"]` and the like."""
    value, kind = error.get("input"), error["type"]
    given = f"{value!r} is {kind_of(value)}"
    if isinstance(value, bool):  # as TOML writes it: "false is no number", not "False is…"
        number = kind.startswith(("int_", "float_"))
        given = f"{_toml(value)} is {'no number' if number else kind_of(value)}"
    # The table's TOML name: "responders[1]" is the last [[responders]] so far, "responders".
    table = [p for p in re.sub(r"\[\d+\]", "", prefix).split(".") if p]
    loc = table + [str(p) for p in error["loc"] if not isinstance(p, int)]
    brackets = _brackets(value, kind, ".".join(loc), _field_at(model, error["loc"]))
    if brackets:
        return brackets
    if kind in ("list_type", "tuple_type"):
        item = _toml(value) if isinstance(value, str | int | float) else "…"
        return f"{given}, not a list; write a list: {loc[-1]} = [{item}]"
    if kind in ("dict_type", "model_type"):
        keys = _field_names(model, (*error["loc"], ""))
        listed = f" ({', '.join(keys)})" if keys else ""
        return (
            f"{given}, not a table; write a table: [{'.'.join(loc)}] with its keys{listed} "
            f"on the lines below{_one_line(loc, value)}"
        )
    written = _toml(value) if isinstance(value, bool) else str(value)  # true, not True
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        written = ",".join(value)  # days = ["mon", "tue"] meant days = "mon,tue", not "['mon'…"
    example = f": {loc[-1]} = {_toml(written)}" if kind == "string_type" else ""
    return f"{given}; write {write(kind, _field_at(model, error['loc']))}{example}"


def _one_line(loc: list[str], value: Any) -> str:
    """`business_hours = "9h-18h"`: the same hours as the one-line table to write."""
    line = one_line(value) if loc == ["desk", "business_hours"] and isinstance(value, str) else None
    return f", or on one line: {line}" if line else ""


def _brackets(value: Any, kind: str, name: str, field: FieldInfo | None) -> str | None:
    """`[sources]` for `[[sources]]` and `[[desk]]` for `[desk]`: said as the header to
    write, not as the table's contents (a long line, secrets maybe) read as a list."""
    if kind in ("list_type", "tuple_type") and isinstance(value, dict) and _of_tables(field):
        return (
            f"[{name}] with one bracket is a single table, but {name} is a list of tables: "
            f"write each one's header as [[{name}]], with two brackets on each side"
        )
    tables = isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
    if kind in ("dict_type", "model_type") and tables:
        return f"[[{name}]] with two brackets is for a list of tables; write [{name}]"
    return None


def _of_tables(field: FieldInfo | None) -> bool:
    """Whether `field` is a list of tables (`sources`, `routing.alert_routes`)."""
    items = typing.get_args(field.annotation) if field else ()
    models = [_model_in(item) for item in items]
    return any(
        typing.get_origin(item) is dict or (isinstance(m, type) and issubclass(m, BaseModel))
        for item, m in zip(items, models, strict=True)
    )


def _toml(value: str | float) -> str:
    """`value` as TOML writes it: text in double quotes (JSON's escapes are TOML's)."""
    if isinstance(value, bool):
        return str(value).lower()
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def _field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys the table holding `loc`'s last part accepts (through lists of tables too)."""
    return list(getattr(_table(model, loc), "model_fields", {}))


def _missing(error: Any, model: type[BaseModel]) -> str:
    """A required key, or a required table ([brand]): said as what it is."""
    field = _field_at(model, error["loc"])
    annotation = field.annotation if field else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        needed = [f"{n} = …" for n, f in annotation.model_fields.items() if f.is_required()]
        keys = f" with {', '.join(needed)}" if needed else ""
        return f"required table is missing; add [{'.'.join(map(str, error['loc']))}]{keys}"
    return "required key is missing; add it"


def _field_at(model: type[BaseModel], loc: tuple[Any, ...]) -> FieldInfo | None:
    """The key `loc` names (`desk.port`; `holidays.0`: `holidays`), for its range."""
    keys = tuple(p for p in loc if not isinstance(p, int))
    fields = getattr(_table(model, keys), "model_fields", {}) if keys else {}
    return fields.get(keys[-1]) if keys else None


def _table(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """The model of the table holding `loc`'s last part."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue  # an index into a list of tables: the table's model is already current
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            break
        current = _model_in(field.annotation)
    return current


def _model_in(annotation: Any) -> Any:
    """`annotation` itself, or the model inside `list[Model]` / `Model | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return annotation
