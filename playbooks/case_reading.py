"""How an expression reads `{{ case }}` and `{{ case_opened }}` (both "" for a post that joins
no case, and both set for one that joins one): what writing it may leave as a hole, and what
its truth says of the case. case_guard walks the statements; this reads their expressions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from jinja2 import nodes

# Both are set for a post that joins a case, and "" for one that joins none.
CASE_VALUES = ("case", "case_opened")
# Filters that write something else for "", given `true`: `default("…")` alone is for an
# undefined value, and writes "" as it is.
_FALLBACKS = ("default", "d")
# Filters that write no case value: `{{ case|length }}` is a number.
_COUNTING = ("length", "count", "wordcount")
# Filters (and str methods) that keep a value's emptiness, both ways: `{% if case|trim %}` is
# a guard as `{% if case %}` is.
_KEEPING = ("upper", "lower", "title", "capitalize", "trim", "strip", "string", "e", "escape")
# Tests that every string passes: `{% if case is defined %}` is no guard ("" is defined).
_ALWAYS = ("defined", "string", "undefined", "none")
# Lists of case numbers, none of them "": `{% if case in open_cases %}` is a guard.
_CASE_LISTS = ("open_cases", "past_cases")


@dataclass(frozen=True)
class Hole:
    """A case value (`name`) a text may write where it is "". `unsure`: "" when certain; else
    the construct the check cannot follow (`{% set c %}`, `{% if … %}`), as a text writes it;
    `included`: the file an include brought it from. `line`: where the text writes it (0: not
    placed yet), or the include's line, with the included file's own as `included_line`; the
    place is told, not compared: the same hole anywhere is the same verdict."""

    name: str
    unsure: str = ""
    included: str = ""  # the file an `{% include %}` brought it from, if another
    line: int = field(default=0, compare=False)
    included_line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Held:
    """What a value holds of the case value `name`: the hole writing it may leave, and whether
    its being true (`if_true`) or false (`if_false`) means a case is joined (None: cannot
    tell)."""

    name: str
    hole: Hole | None
    if_true: bool | None
    if_false: bool | None


def either(*found: bool | None) -> bool | None:
    """True if any says so, None if any cannot tell, else False."""
    return True if True in found else (None if None in found else False)


def both(*found: bool | None) -> bool | None:
    """False if any says not, None if any cannot tell, else True."""
    return False if False in found else (None if None in found else True)


def first(found: Iterable[Hole | None]) -> Hole | None:
    """The first certain hole, else the first unsure one."""
    holes = [hole for hole in found if hole]
    return next((h for h in holes if not h.unsure), holes[0] if holes else None)


def unsure(hole: Hole | None, construct: str) -> Hole | None:
    """`hole` made unsure, for what the check cannot follow (kept if already unsure)."""
    return replace(hole, unsure=hole.unsure or construct) if hole else None


def placed(hole: Hole | None, line: int) -> Hole | None:
    """`hole` on `line`, unless already placed (where a `{% set %}` or macro wrote it)."""
    return replace(hole, line=line) if hole and not hole.line else hole


class Reading:
    """Reads expressions against the variables set so far (`env`: a name's Held, or None for
    one that shadows a case value, `{% for case in open_cases %}`)."""

    def __init__(self) -> None:
        self.env: dict[str, Held | None] = {}

    def held(self, name: str) -> Held | None:
        if name in self.env:
            return self.env[name]
        if name in CASE_VALUES:
            return Held(name, Hole(name), if_true=True, if_false=False)
        return None

    def holding(self, node: nodes.Node) -> Held | None:
        """What `node`, set to a variable, holds of a case value; None: nothing."""
        hole, name = self.written(node), self.mentions(node)
        if not (hole or name):
            return None
        return Held(
            hole.name if hole else str(name), hole, self.tests(node), self.tests(node, False)
        )

    def written(self, node: nodes.Node | None) -> Hole | None:
        """The hole writing `node` may leave; None if it writes no case value as ""."""
        if isinstance(node, nodes.Name | nodes.Getattr) and (key := _key(node)):
            held = self.held(key)
            return held.hole if held else None
        if isinstance(node, nodes.Filter):
            return self._filtered(node)
        if isinstance(node, nodes.Or):  # the left is written only when it is not "", or `or ""`
            return first(
                [self.written(node.right), self.written(node.left) if _blank(node.right) else None]
            )
        if isinstance(node, nodes.And):  # the left is written when it is ""
            return first([self.written(node.left), self.written(node.right)])
        if isinstance(node, nodes.CondExpr):
            return first(
                [
                    self._when(self.tests(node.test), node.expr1),
                    self._when(self.tests(node.test, False), node.expr2),
                ]
            )
        if isinstance(node, nodes.Concat):
            return first(self.written(part) for part in node.nodes)
        if isinstance(node, nodes.Add | nodes.Mul | nodes.Mod):  # "MD " + case, "%s" % case
            return first([self.written(node.left), self.written(node.right)])
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Slice):
            return self.written(node.node)  # ""[:3] is ""
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
            if node.node.attr in _KEEPING and not node.args:  # case.upper()
                return self.written(node.node.node)
            if node.node.attr == "format" and _is_text(node.node.node):  # "{}".format(case)
                return first(self.written(arg) for arg in node.args)
        if isinstance(
            node, nodes.Const | nodes.TemplateData | nodes.Compare | nodes.Test | nodes.Not
        ):
            return None  # a constant, or True / False
        name = self.mentions(node)
        return Hole(name, "{{ … }}") if name else None

    def _filtered(self, node: nodes.Filter) -> Hole | None:
        if node.name in _COUNTING:
            return None
        fallback = _fallback(node)
        if fallback is not None:  # written where the value is "": `default(case_opened, true)`
            return self.written(fallback)
        argued = self.mentions_any([*node.args, *(k.value for k in node.kwargs)])
        if node.name == "format" and argued:  # "Case %s"|format(case)
            return first(self.written(arg) for arg in node.args) or Hole(argued, "{{ … }}")
        return first([self.written(node.node), Hole(argued, "{{ … }}") if argued else None])

    def _when(self, guard: bool | None, node: nodes.Node | None) -> Hole | None:
        """What `node` writes where `guard` says whether a case is certain."""
        hole = self.written(node)
        return None if guard else unsure(hole, "{% if … %}") if guard is None else hole

    def tests(self, test: nodes.Node | None, when: bool = True) -> bool | None:
        """Whether `test` evaluating to `when` means the post joins a case (both values are
        set or neither: `{% if case_opened %}` guards `{{ case }}` too); None: cannot tell."""
        if isinstance(test, nodes.Name | nodes.Getattr) and (key := _key(test)):
            held = self.held(key)
            return (held.if_true if when else held.if_false) if held else False
        if isinstance(test, nodes.Filter) and test.name in (*_KEEPING, *_COUNTING):
            return self.tests(test.node, when)
        if isinstance(test, nodes.Not):
            return self.tests(test.node, not when)
        if isinstance(test, nodes.And | nodes.Or):
            sides = (self.tests(test.left, when), self.tests(test.right, when))
            # `a and b` true (`a or b` false) holds of both sides: either one saying so will
            # do; `a and b` false (`a or b` true) holds of one only: both must say so.
            return either(*sides) if isinstance(test, nodes.And) == when else both(*sides)
        if isinstance(test, nodes.Test) and test.name in _ALWAYS:
            return False
        if isinstance(test, nodes.List | nodes.Tuple | nodes.Dict):  # `[case]` is never empty
            return False
        if isinstance(test, nodes.Compare) and len(test.ops) == 1:
            found = self._compared(test, when)
            if found is not None:
                return found
        return None if self.mentions(test) else False

    def _compared(self, test: nodes.Compare, when: bool) -> bool | None:
        """`case != ""`, `case == ""`, `case|length > 0`, `case in open_cases`; None: other."""
        left, (op, right) = test.expr, (test.ops[0].op, test.ops[0].expr)
        if isinstance(left, nodes.Const):
            left, right = right, left
            op = {"gt": "lt", "lt": "gt"}.get(op, op)
        if op == "in" and isinstance(right, nodes.Name) and right.name in _CASE_LISTS:
            return self.tests(left, True) if when else False
        # "" for the value, 0 for its length (`case == 0` is never true: "" is not 0).
        empty = 0 if isinstance(left, nodes.Filter) and left.name in _COUNTING else ""
        if not isinstance(right, nodes.Const) or op not in ("eq", "ne", "gt"):
            return None
        if type(right.value) is not type(empty):  # `case != 0` is always true: no guard
            return None if op == "gt" else False
        if right.value != empty:  # `case == "MD-000007"` holds only of a value that is set
            return self.tests(left, True) if (op != "ne") == when else False
        if op == "gt" or op == "ne":
            return self.tests(left, when)
        return self.tests(left, not when) if op == "eq" else None

    def mentions(self, node: nodes.Node | None) -> str | None:
        """The case value `node` reads in any way (a variable holding one, a macro writing one)."""
        if node is None:
            return None
        found = [node, *node.find_all((nodes.Name, nodes.Getattr))]
        keys = (_key(n) for n in found if isinstance(n, nodes.Name | nodes.Getattr))
        return next((held.name for key in keys if key and (held := self.held(key))), None)

    def mentions_any(self, found: Iterable[nodes.Node]) -> str | None:
        return next((name for node in found if (name := self.mentions(node))), None)


def _key(node: nodes.Name | nodes.Getattr) -> str | None:
    """A variable's name, or a namespace's attribute (`ns.found`, set by `{% set ns.found %}`)."""
    if isinstance(node, nodes.Name):
        return node.name
    return f"{node.node.name}.{node.attr}" if isinstance(node.node, nodes.Name) else None


def _is_text(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Const) and isinstance(node.value, str)


def _fallback(node: nodes.Filter) -> nodes.Node | None:
    """What `|default("…", true)` (or `boolean=true`) writes where the value is ""; None where
    it writes "" as it is (no `true`: "" is not undefined; or a blank fallback)."""
    if node.name not in _FALLBACKS:
        return None
    named: dict[str, nodes.Node] = {str(k.key): k.value for k in node.kwargs}
    value = node.args[0] if node.args else named.get("default_value")
    boolean = node.args[1] if len(node.args) > 1 else named.get("boolean")
    if value is None or _blank(value):
        return None
    return value if isinstance(boolean, nodes.Const) and boolean.value is True else None


def _blank(node: nodes.Node) -> bool:
    """A fallback that writes nothing either: `or ""`, `or " "`."""
    return isinstance(node, nodes.Const) and isinstance(node.value, str) and not node.value.strip()
