"""A reply template's mistakes that render without an error and then write the wrong draft: a
file that writes nothing (an empty draft, which `auto = true` would post), and a comparison
with a value `reason`, `frustration` or `platform` never has (`{% if reason == "entrega" %}`,
`{% if frustration == "alta" %}`, `{% if platform == "x" %}`), whose branch would silently
never be taken; and the case's number or date written where a post may join no case ("the case
you opened on  is…", case_guard: the check the desk's saved replies share). Checked at load,
as a rule's conditions are (conditions.py), in their words."""

from __future__ import annotations

import re

from jinja2 import nodes

from mentiondesk.models import PLATFORM_NAMES
from playbooks import case_guard, conditions

_EQUAL = ("eq", "ne")
# `{ name }` in the text: a value written with one brace (`{{ name }}` is two).
_ONE_BRACE = re.compile(r"(?<!\{)\{\s*([A-Za-z_]\w*)\s*\}(?!\})")
_STR_METHODS = frozenset(m for m in dir(str) if not m.startswith("_"))
_AMONG = ("in", "notin")


def problem(ast: nodes.Template, source: case_guard.Source | None = None) -> str | None:
    """What is wrong with the parsed template, worded with its fix; None if nothing.
    `source`: the files an `{% include %}` names, followed by the case check."""
    if not _writes(ast):
        return "it writes nothing; write the reply's text in it, or remove the draft action"
    for value in _compared(ast, "reason"):
        if value is not None:  # `reason == none`: a post with no complaint reason
            try:
                conditions.reasons([str(value)])
            except ValueError as exc:
                return f"{{{{ reason }}}} is compared with {value!r}: {exc} (codes are English)"
    for value in _compared(ast, "frustration"):
        if isinstance(value, bool) or value not in range(4):
            return (
                f"{{{{ frustration }}}} is compared with {value!r}, but it is a whole number "
                "from 0 to 3 (without quotes)"
            )
    for value in _compared(ast, "platform"):
        if isinstance(value, str) and value in PLATFORM_NAMES:
            # {{ platform }} is the name people read ("Hacker News"), not the config's code.
            return (
                f"{{{{ platform }}}} is compared with {value!r}, but it is the platform's name "
                f"as people read it; did you mean {PLATFORM_NAMES[value]!r}?"
            )
    return _written_as_is(ast) or _case_problem(case_guard.find_hole(ast, source))


def _written_as_is(ast: nodes.Template) -> str | None:
    """`{ name }` (one brace: written as it is) and `{{ name.upper }}` (no brackets: written
    as "<built-in method upper…>"), each rendering without an error."""
    for data in ast.find_all(nodes.TemplateData):
        if braced := _ONE_BRACE.search(data.data):
            return (
                f"{braced.group(0)!r} is written as it is, braces and all; a value is written "
                f"with two: {{{{ {braced.group(1)} }}}}"
            )
    called = {id(call.node) for call in ast.find_all(nodes.Call)}
    for attr in ast.find_all(nodes.Getattr):
        if (
            id(attr) not in called
            and attr.attr in _STR_METHODS
            and isinstance(attr.node, nodes.Name)
        ):
            name, method = attr.node.name, attr.attr
            return (
                f"{{{{ {name}.{method} }}}} writes Python's description of a method "
                f'("<built-in method {method}…>"), not the text: write {{{{ {name}|{method} }}}} '
                f"or {{{{ {name}.{method}() }}}}"
            )
    return None


def _case_problem(hole: case_guard.Hole | None) -> str | None:
    """A case value written where it may be "" (case_guard, the check saved replies share),
    or where the check cannot tell: said so, with the construct it cannot follow."""
    if hole is None:
        return None
    name, fix = hole.name, f"{{% if {hole.name} %}}…{{% endif %}}"
    empty = '"" for a post that joins no case (the draft would read "your case  is…")'
    where = f" in {hole.included}, which it includes," if hole.included else ""
    if not hole.unsure:
        return (
            f"{{{{ {name} }}}} is written{where} outside {fix}; it is {empty}: put it inside {fix}"
        )
    return (
        f"cannot tell whether {{{{ {name} }}}}{where} is written only for a post that joins a "
        "case: "
        f"it goes through {hole.unsure}, which this check does not follow; it is {empty}: "
        f'write {{{{ {name} }}}} itself inside {fix}, or as {{{{ {name} or "…" }}}}'
    )


def _writes(ast: nodes.Template) -> bool:
    """Whether any branch writes something: text other than blanks, or a value, or another
    file's text (an include, or the layout it extends)."""
    if any(ast.find_all((nodes.Include, nodes.Extends))):
        return True
    for output in ast.find_all(nodes.Output):
        for node in output.nodes:
            if not isinstance(node, nodes.TemplateData) or node.data.strip():
                return True
    return False


def _compared(ast: nodes.Template, name: str) -> list[object]:
    """The constants the variable `name` is compared with (`==`, `!=`, `in`, `not in`)."""
    found: list[object] = []
    for compare in ast.find_all(nodes.Compare):
        left = compare.expr
        for operand in compare.ops:
            right = operand.expr
            if operand.op in _EQUAL and _is_name(left, name):
                found += _constants(right)
            elif operand.op in _EQUAL and _is_name(right, name):
                found += _constants(left)
            elif operand.op in _AMONG and _is_name(left, name) and not _is_text(right):
                found += _constants(right)  # a list's; `in "…"` is a substring test
            left = right
    return found


def _is_name(node: nodes.Expr, name: str) -> bool:
    return isinstance(node, nodes.Name) and node.name == name


def _is_text(node: nodes.Expr) -> bool:
    return isinstance(node, nodes.Const) and isinstance(node.value, str)


def _constants(node: nodes.Expr) -> list[object]:
    """A constant's value, or a list's or tuple's constants (`["delivery", "price"]`)."""
    if isinstance(node, nodes.Const):  # a list of constants may come folded into one
        return list(node.value) if isinstance(node.value, list | tuple) else [node.value]
    if isinstance(node, nodes.List | nodes.Tuple):
        return [item.value for item in node.items if isinstance(item, nodes.Const)]
    return []
