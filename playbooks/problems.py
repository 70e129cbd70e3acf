"""A rule file's problems worded as config.toml's are: where, what is wrong, the fix.

Where is written as a person finds it in the file: the rule by its name (`rule 'complaint'`),
or by its place counted from 1 (`rule 3`) where it has no usable name; an action by its place
(`action 2`); then the key inside it, dotted as TOML writes it (`when.min_frustration`).
"""

from __future__ import annotations

import enum
import json
import re
import typing
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from mentiondesk.models import OUT_OF_RANGE, WRITE, kind_of, out_of_range, write
from playbooks.conditions import close_to, unknown
from playbooks.rules import NAME_MAX, ActionSpec, Rule, RuleFile, When

# The table each key sits in, by the key that holds it: `rules.0.when.lable` is in `when`.
_TABLES: dict[str, type[BaseModel]] = {
    "": RuleFile,
    "rules": Rule,
    "when": When,
    "actions": ActionSpec,
}
# What a value of a fixed set is called in a problem, by its key ("no action type 'x'").
_NOUNS = {"type": "action type"}
# Conditions by the names a team writes for them, which difflib does not find ("followers").
_CONDITION_WORDS = {
    "followers": "min_reach",
    "min_followers": "min_reach",
    "max_followers": "max_reach",
    "seguidores": "min_reach",
    "min_seguidores": "min_reach",
    "max_seguidores": "max_reach",
    "language": "lang",
    "idioma": "lang",
    "lingua": "lang",
    "língua": "lang",
    "plataforma": "platform",
    "motivo": "reason",
    "tema": "topic",
    "assunto": "topic",
    "sentimento": "label",
    "sentiment": "label",
    "polarity": "label",
    "pergunta": "question",
    "frustracao": "min_frustration",
    "alcance": "min_reach",
    "minimo_seguidores": "min_reach",
    "maximo_seguidores": "max_reach",
    # A complaint again while the case is open ("reincidente"): not returning_author, which a
    # customer whose only case was closed long ago meets too.
    "reincidente": "follow_up",
    "repetida": "follow_up",
    "repetido": "follow_up",
    "repeat": "follow_up",
    "repeated": "follow_up",
    "again": "follow_up",
    "open_case": "follow_up",
    "case_open": "follow_up",
    "has_open_case": "follow_up",
    "caso_aberto": "follow_up",
    "seguimento": "follow_up",
    "acompanhamento": "follow_up",
}
# Conditions on the post's words, which rules do not have: what the team wants from them (a
# Procon threat) is read into the frustration, or the topic and reason.
_WORDS = (
    "text texto texts textos keyword keywords word words palavra palavras palavra_chave "
    "palavras_chave termo termos contains contem includes inclui regex mention mention_text mencao"
)
_WORDS_KEYS = frozenset(_WORDS.split())
_NO_WORDS = (
    "rules do not match the post's words: a threat to go to Procon, "
    "Reclame Aqui, consumidor.gov.br, Portal da Queixa, ANACOM, the Livro de Reclamações, "
    "DECO or a lawyer, or to cancel, reads as "
    "frustration 3: write min_frustration = 3 (as the shipped rule 'urgent-complaint' does); "
    "for what the post is about, write topic or reason"
)


# Where tomllib stopped: "Expected '=' after a key in a key/value pair (at line 3, column 17)".
_STOPPED_AT = re.compile(r"^Expected '=' after a key .*\(at line (\d+), column (\d+)\)$")
_BARE_KEY = re.compile(r"[\w-]+")


class AccentedKey(NamedTuple):
    """A key TOML stopped in at an accented letter: config.toml's check words it too."""

    line: int  # counted from 1
    key: str  # `frustração`
    letter: str  # the letter TOML stopped at, `ç`
    before: str  # the line up to the key: `when = { `, `description.`

    def said(self, hint: str) -> str:
        return (
            f"line {self.line}: the key {self.key!r} has {self.letter!r}: keys are English, "
            f"without accents or ç; {hint}"
        )


def accented_at(text: str, said: str) -> AccentedKey | None:
    """Where TOML stopped at an accented letter in a key (`frustração = 3`, `ação = …`), from
    what it `said` reading `text`; None for any other error."""
    stopped = _STOPPED_AT.match(said)
    lines = text.splitlines()
    if not stopped or int(stopped[1]) > len(lines):
        return None
    line, column = lines[int(stopped[1]) - 1], int(stopped[2]) - 1
    if column >= len(line) or line[column].isascii() or not line[column].isalpha():
        return None
    start = _key_start(line, column)
    key = _BARE_KEY.match(line, start)
    return AccentedKey(int(stopped[1]), key[0] if key else line[column], line[column], line[:start])


def accented_key(text: str, said: str) -> str | None:
    """An accented key in a rule file, with the fix, which "fix the syntax at that line"
    leaves to be guessed: a key without quotes is ASCII, and a rule file's keys are English."""
    found = accented_at(text, said)
    if found is None:
        return None
    plain = "".join(c for c in unicodedata.normalize("NFKD", found.key) if c.isascii())
    known = [k for table in _TABLES.values() for k in table.model_fields]
    close = _CONDITION_WORDS.get(plain.lower()) or close_to(plain, known)
    if found.before.rstrip().endswith("description."):  # `description.português = "…"`
        hint = "a description's keys are locales: en, pt-BR, pt-PT"
    elif plain.lower() in _WORDS_KEYS:  # `contém = ["procon"]`
        hint = _NO_WORDS
    else:
        hint = (
            f"did you mean {close!r}?" if close else "write it as the rules in docs/playbooks.md do"
        )
    return found.said(hint)


def _key_start(line: str, column: int) -> int:
    """Where the key holding `column` begins (after a space, `{`, `,` or a dotted key's `.`)."""
    while column > 0 and _BARE_KEY.fullmatch(line[column - 1]):
        column -= 1
    return column


def problems(exc: ValidationError, data: Any) -> list[str]:
    """One line per error in a rule file: `rule 'a', action 2: type: problem; fix`.

    `data` is the file as read, for the rule's name: "rule 'complaint'" is quicker to find
    in a long file than its place.
    """
    return [f"{_where(e['loc'], data)}{_fix(e)}" for e in exc.errors()]


def _rule_at(number: int, data: Any) -> str:
    """`rule 'a'`, or `rule 3` (counted from 1) where the rule's name is missing, invalid or
    repeated in the file: then the name would not tell which rule it is."""
    rules = data.get("rules") if isinstance(data, dict) else None
    names = [r.get("name") if isinstance(r, dict) else None for r in rules or ()]
    name = names[number] if number < len(names) else None
    # A name Rule refuses (empty, too long) is itself the problem being told.
    if isinstance(name, str) and 0 < len(name) <= NAME_MAX and names.count(name) == 1:
        return f"rule {name!r}"
    return f"rule {number + 1}"


def action_at(rule: str, index: int) -> str:
    """`rule 'a', action 2`: the action's place in the rule, counted from 1."""
    return f"rule {rule!r}, action {index + 1}"


def repeated_names(read: Sequence[tuple[Path, Sequence[Rule]]]) -> list[str]:
    """A line per rule name used more than once, naming the rules by file and place."""
    places: dict[str, list[tuple[Path, int]]] = {}
    for path, rules in read:
        for number, rule in enumerate(rules, start=1):
            places.setdefault(rule.name, []).append((path, number))
    return [_repeated(name, at) for name, at in places.items() if len(at) > 1]


def _repeated(name: str, at: list[tuple[Path, int]]) -> str:
    times = "twice" if len(at) == 2 else f"{len(at)} times"
    fix = "rename one" if len(at) == 2 else "rename all but one"
    files = {path for path, _ in at}
    if len(files) == 1:  # "rules.toml: … (rules 1 and 3)"
        where, rules = f"{at[0][0]}: ", "rules " + _and([str(n) for _, n in at])
    else:  # "playbooks: … (rule 1 of a.toml and rule 2 of b.toml)"
        where, rules = "playbooks: ", _and([f"rule {n} of {path}" for path, n in at])
    return f"{where}the rule name {name!r} is used {times} ({rules}); {fix}: names must be unique"


def _and(items: list[str]) -> str:
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else items[0]


def _where(loc: tuple[Any, ...], data: Any) -> str:
    """`rule 'a', action 2: type: ` for `rules.0.actions.1.type`; list places of plain values
    are left out (`when.label.0` → `when.label`): the problem quotes the value."""
    parts: list[str] = []
    rest = list(loc)
    if len(rest) > 1 and rest[0] == "rules" and isinstance(rest[1], int):
        number = rest[1]
        rest = rest[2:]
        parts.append(_rule_at(number, data))
        if len(rest) > 1 and rest[0] == "actions" and isinstance(rest[1], int):
            parts[0] += f", action {rest[1] + 1}"
            rest = rest[2:]
    keys = [str(p) for p in rest if not isinstance(p, int)]
    if keys:
        parts.append(".".join(keys))
    return "".join(f"{p}: " for p in parts)


def _fix(error: Any) -> str:
    kind, loc = error["type"], error["loc"]
    if kind == "extra_forbidden":
        table = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), "")
        known = list(_TABLES.get(table, RuleFile).model_fields)
        key = str(loc[-1])
        close = _CONDITION_WORDS.get(key.lower()) if table == "when" else None
        words = table == "when" and key.lower() in _WORDS_KEYS  # "mention" is no "question"
        close = close or (None if words else close_to(key, known))
        if close:
            return f"unknown key; did you mean {close!r}?"
        if table == "when":  # removed, the rule would fire on every post the others let by
            why = f"; {_NO_WORDS}" if words else ""
            return f"unknown condition; use one of: {', '.join(known)}{why}"
        return "unknown key; remove it"
    if kind == "missing":
        return "required key is missing; add it"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "enum":
        return _not_one_of(error)
    # config.toml's words: "'alta' is text; write a whole number from 0 to 3 (without quotes)".
    if kind in WRITE:
        value = error.get("input")
        said = f"{value!r} is {kind_of(value)}; write {write(kind, _field(loc))}"
        scalar = isinstance(value, str | int | float) and not isinstance(value, bool)
        if kind == "list_type" and scalar:
            return f"{said}: {loc[-1]} = [{_toml(value)}]"  # `label = "positive"`
        return said
    if kind in OUT_OF_RANGE:
        return out_of_range(error, _field(loc))
    if kind in ("string_too_short", "string_too_long"):
        return _length(error)
    if kind in ("dict_type", "model_type"):  # pydantic's words name a class ("ActionSpec")
        value = error.get("input")
        return f"{value!r} is {kind_of(value)}, not a table; write one: {{ key = value, … }}"
    return f"{error['msg']}; got {error.get('input')!r}"


def _toml(value: str | int | float) -> str:
    """`value` as TOML writes it: "positive" in double quotes, 3 as it is."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def _length(error: Any) -> str:
    """`'' is empty; write at least 1 character` rather than "String should have…"."""
    value, ctx = str(error.get("input")), error.get("ctx", {})
    given = f"{value!r} is empty" if not value else f"{value!r} has {len(value)} characters"
    if error["type"] == "string_too_short":
        least = ctx.get("min_length", 1)
        return f"{given}; write at least {least} character{'s' * (least != 1)}"
    return f"{given}; write at most {ctx.get('max_length')}"


def _not_one_of(error: Any) -> str:
    """`no action type 'draft_privat'; did you mean 'draft_private'?`, as a misspelt
    platform or topic reads (conditions.py)."""
    keys = [p for p in error["loc"] if isinstance(p, str)]
    choices = _choices(_field(error["loc"]))
    if not choices:  # not one of ours: pydantic lists them
        return f"{error['msg']}; got {error.get('input')!r}"
    return unknown(_NOUNS.get(keys[-1], keys[-1]), error.get("input"), choices)


def _choices(field: FieldInfo | None) -> list[str]:
    """The values of the enum a key takes (`ActionKind`, or `Label` in `list[Label] | None`)."""
    pending = [field.annotation] if field else []
    while pending:
        annotation = pending.pop()
        if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
            return [str(member.value) for member in annotation]
        pending += typing.get_args(annotation)
    return []


def _field(loc: tuple[Any, ...]) -> FieldInfo | None:
    """The key `loc` names (`rules.5.when.min_frustration`), for its range."""
    keys = [p for p in loc if isinstance(p, str)]
    table = _TABLES.get(keys[-2] if len(keys) > 1 else "")
    return table.model_fields.get(keys[-1]) if table and keys else None
