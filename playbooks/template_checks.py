"""A reply template's mistakes that render without an error and then write the wrong draft: a
file that writes nothing (an empty draft, which `auto = true` would post), and a comparison
with a value `reason`, `frustration` or `platform` never has (`{% if reason == "entrega" %}`,
`{% if frustration == "alta" %}`, `{% if platform == "x" %}`), whose branch would silently
never be taken; and the case's number or date written where a post may join no case ("the case
you opened on  is…", case_guard: the check the desk's saved replies share); and a filter Jinja
lacks, which inside an `{% if %}` only fails when its branch is taken. Checked at load, as a
rule's conditions are (conditions.py), in their words, each with the line it is on."""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from jinja2 import nodes

from mentiondesk.models import PLATFORM_NAMES
from playbooks import case_guard, conditions, template_names, template_syntax
from playbooks.sandbox import sandbox

_EQUAL = ("eq", "ne")
# `{ name }` in the text: a value written with one brace (`{{ name }}` is two).
_ONE_BRACE = re.compile(r"(?<!\{)\{\s*([A-Za-z_]\w*)\s*\}(?!\})")
_STR_METHODS = frozenset(m for m in dir(str) if not m.startswith("_"))
_AMONG = ("in", "notin")
# The filters a template may use: the sandbox's, which every template renders in.
_FILTERS = frozenset(sandbox().filters)


# A block tag ending a line with text before it (`…connosco.{% endif %}`): the sandbox's
# trim_blocks drops the line break after it, so the next line's first word joins that text.
# One ending in `-%}` strips the break on purpose.
_ENDS_IN_TAG = re.compile(r"^(?P<before>.*?\S.*?)(?P<tag>\{%-?\s*\w[^%]*?(?<!-)%\})[ \t]*$")
_TAG_ONLY = re.compile(r"(\s*\{[%#].*?[%#]\})*\s*")
_STARTS_WITH_TEXT = re.compile(r"\w\S*|\{\{.*?\}\}")

# A problem: the line it is on (counted from 1) and what is wrong, worded with its fix.
Problem = tuple[int, str]


def problem(ast: nodes.Template, source: case_guard.Source | None = None) -> Problem | None:
    """The first thing wrong with the parsed template, with its line; None if nothing.
    `source`: the files an `{% include %}` names, followed by the case check."""
    if not _writes(ast):
        return 1, "it writes nothing; write the reply's text in it, or remove the draft action"
    return text_problem(ast) or _case_problem(ast, source)


def text_problem(ast: nodes.Template) -> Problem | None:
    """What is wrong in the file's own text, wherever it is included: a filter Jinja lacks, a
    comparison no post could meet, a value written as it is."""
    return _unknown_filter(ast) or _compared_wrong(ast) or _written_as_is(ast)


class Joined(NamedTuple):
    """A line ending in a block tag after some text, and the word of the next line."""

    line: int  # counted from 1
    tag: str
    word: str


def joined_line(source: str) -> Joined | None:
    """The first line that ends in a block tag after some text, whose next line starts with a
    word: the tag takes the line break with it, so "(MD-000001).{% endif %}" and "Lamentamos"
    on the next line render as "(MD-000001).Lamentamos"."""
    lines = source.splitlines()
    for number, (line, after) in enumerate(itertools.pairwise(lines), start=1):
        ends = _ENDS_IN_TAG.match(line)
        if ends is None or _TAG_ONLY.fullmatch(ends["before"]) or "{#" in ends["before"]:
            continue
        if starts := _STARTS_WITH_TEXT.match(after):
            return Joined(number, ends["tag"], starts.group(0))
    return None


def joined_lines(source: str) -> Problem | None:
    """`joined_line` in a playbook template's words: a draft's lines are joined by spaces
    where a break is left, as the shipped templates' lines starting with a space rely on."""
    if (joined := joined_line(source)) is None:
        return None
    return joined.line, (
        f"the line break after {joined.tag} is dropped (a block tag at the end of a line takes "
        f"it), so {joined.word!r} on the next line runs into the text before it; start the "
        "next line with a space, or put the tag on a line of its own"
    )


def _unknown_filter(ast: nodes.Template) -> Problem | None:
    """A filter Jinja does not have (`|capitalizar`): refused when compiled, but inside an
    `{% if %}` only when its branch is taken, as an error with Jinja's words."""
    for node in ast.find_all(nodes.Filter):
        if node.name not in _FILTERS:
            return node.lineno, template_syntax.no_filter(node.name, _FILTERS)
    return None


def _compared_wrong(ast: nodes.Template) -> Problem | None:
    """A comparison with a value `reason`, `frustration` or `platform` never has."""
    for line, value in _compared(ast, "reason"):
        if value is not None:  # `reason == none`: a post with no complaint reason
            try:
                conditions.reasons([str(value)])
            except ValueError as exc:
                said = f"{{{{ reason }}}} is compared with {value!r}: {exc} (codes are English)"
                return line, said
    for line, value in _compared(ast, "frustration"):
        if isinstance(value, bool) or value not in range(4):
            return line, (
                f"{{{{ frustration }}}} is compared with {value!r}, but it is a whole number "
                "from 0 to 3 (without quotes)"
            )
    for line, value in _compared(ast, "platform"):
        if isinstance(value, str) and value in PLATFORM_NAMES:
            # {{ platform }} is the name people read ("Hacker News"), not the config's code.
            return line, (
                f"{{{{ platform }}}} is compared with {value!r}, but it is the platform's name "
                f"as people read it; did you mean {PLATFORM_NAMES[value]!r}?"
            )
    return None


def _written_as_is(ast: nodes.Template) -> Problem | None:
    """`{ name }` (one brace: written as it is) and `{{ name.upper }}` (no brackets: written
    as "<built-in method upper…>"), each rendering without an error."""
    for data in ast.find_all(nodes.TemplateData):
        if braced := _ONE_BRACE.search(data.data):
            line = data.lineno + data.data.count("\n", 0, braced.start())
            meant = template_names.english(braced.group(1)) or braced.group(1)
            return line, (
                f"{braced.group(0)!r} is written as it is, braces and all; a value is written "
                f"with two, in English: {{{{ {meant} }}}}"
            )
    called = {id(call.node) for call in ast.find_all(nodes.Call)}
    for attr in ast.find_all(nodes.Getattr):
        if (
            id(attr) not in called
            and attr.attr in _STR_METHODS
            and isinstance(attr.node, nodes.Name)
        ):
            name, method = attr.node.name, attr.attr
            return attr.lineno, (
                f"{{{{ {name}.{method} }}}} writes Python's description of a method "
                f'("<built-in method {method}…>"), not the text: write {{{{ {name}|{method} }}}} '
                f"or {{{{ {name}.{method}() }}}}"
            )
    return None


def _case_problem(ast: nodes.Template, source: case_guard.Source | None) -> Problem | None:
    """A case value written where it may be "" (case_guard, the check saved replies share),
    or where the check cannot tell: said so, with the construct it cannot follow. One an
    include brings is named at the include, with the included file's own line."""
    hole = case_guard.find_hole(ast, source)
    if hole is None:
        return None
    name, fix = hole.name, f"{{% if {hole.name} %}}…{{% endif %}}"
    empty = '"" for a post that joins no case (the draft would read "your case  is…")'
    inner = f" (its line {hole.included_line})" if hole.included_line else ""
    where = f" in {hole.included}{inner}, which it includes," if hole.included else ""
    line = max(hole.line, 1)
    if not hole.unsure:
        return line, (
            f"{{{{ {name} }}}} is written{where} outside {fix}; it is {empty}: put it inside {fix}"
        )
    return line, (
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


def _compared(ast: nodes.Template, name: str) -> list[tuple[int, object]]:
    """The constants the variable `name` is compared with (`==`, `!=`, `in`, `not in`), each
    with the comparison's line."""
    found: list[tuple[int, object]] = []
    for compare in ast.find_all(nodes.Compare):
        left = compare.expr
        for operand in compare.ops:
            right = operand.expr
            if operand.op in _EQUAL and _is_name(left, name):
                found += [(compare.lineno, c) for c in _constants(right)]
            elif operand.op in _EQUAL and _is_name(right, name):
                found += [(compare.lineno, c) for c in _constants(left)]
            elif operand.op in _AMONG and _is_name(left, name) and not _is_text(right):
                # a list's; `in "…"` is a substring test
                found += [(compare.lineno, c) for c in _constants(right)]
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
