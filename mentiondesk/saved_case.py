"""`{{ case }}` and `{{ case_opened }}` in a saved reply where the post may join no case: both
are "" there, so a text that writes them as they are reads "Your case , opened on , …". A text
writes them safely inside a branch only a case takes (`{% if case %}…{% endif %}`, the `else`
of `{% if not case %}`, `… if case else …`) or with a fallback (`{{ case or "…" }}`,
`{{ case|default("…", true) }}`). The desk's editor refuses any other (as a playbook template
is refused at load, playbooks/template_checks.py); the picker leaves a file's out on a post
with no case. Every branch counts, not only the one a sample takes."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Mapping

from jinja2 import TemplateError, nodes

from playbooks.sandbox import sandbox

# Both are set for a post that joins a case, and "" for one that joins none.
CASE_VALUES = ("case", "case_opened")
# Filters that write something else for "", given `true`: `default("…")` alone is for an
# undefined value, and writes "" as it is.
_FALLBACKS = ("default", "d")
# Filters that keep a value's emptiness: `{% if case|trim %}` is a guard as `{% if case %}` is.
_KEEPING = ("upper", "lower", "title", "capitalize", "trim", "first", "last")
_ENV = sandbox()
_LOGGER = logging.getLogger(__name__)


def need_case(texts: Mapping[str, str], where: str = "") -> frozenset[str]:
    """The ids (of `texts`, by id) that write a case value where it may be ""; with `where`
    (a file, at load) each is logged with the fix, naming only its id and the placeholder:
    the file still loads (it loaded before this check), and the picker leaves it out on a
    post that joins no case."""
    found = {reply_id: case_hole(text) for reply_id, text in texts.items()}
    for reply_id, name in found.items():
        if name and where:
            _LOGGER.warning(
                "%s: saved reply %r writes {{ %s }} outside {%% if case %%}…{%% endif %%}, so the "
                "picker leaves it out on a post that joins no case; put it inside "
                '{%% if case %%}…{%% endif %%} or write {{ %s or "…" }} to offer it there too',
                where,
                reply_id,
                name,
                name,
            )
    return frozenset(reply_id for reply_id, name in found.items() if name)


@functools.lru_cache(maxsize=512)
def case_hole(text: str) -> str | None:
    """The first case value `text` writes where it may be "" ("case", "case_opened"); None
    when it writes none so, or is no template (the checks that compile it say why)."""
    try:
        tree = _ENV.parse(text)
    except (TemplateError, RecursionError):
        return None
    return hole(tree)


def hole(node: nodes.Node, guarded: bool = False) -> str | None:
    """The first case value written unguarded under `node`; `guarded`: a case is certain."""
    if isinstance(node, nodes.If):
        return _if_hole(node, guarded)
    if isinstance(node, nodes.Output):
        return None if guarded else _first(_written(value) for value in node.nodes)
    return _first(hole(child, guarded) for child in node.iter_child_nodes())


def _if_hole(node: nodes.If, guarded: bool) -> str | None:
    """Each branch is taken only when the tests before it were false and its own is true."""
    for branch in (node, *node.elif_):
        found = _first(hole(child, guarded or _has_case(branch.test)) for child in branch.body)
        if found:
            return found
        guarded = guarded or _has_case(branch.test, when=False)
    return _first(hole(child, guarded) for child in node.else_)


def _written(node: nodes.Node | None) -> str | None:
    """The case value `node` may write as "" as it is; None if it writes none so."""
    if isinstance(node, nodes.Name):
        return node.name if node.name in CASE_VALUES else None
    if isinstance(node, nodes.Filter):
        return None if _falls_back(node) or node.name == "length" else _written(node.node)
    if isinstance(node, nodes.Or):  # the left is written only when it is not "", or `or ""`
        return _written(node.right) or (_written(node.left) if _blank(node.right) else None)
    if isinstance(node, nodes.And):  # the left is written when it is ""
        return _written(node.left) or _written(node.right)
    if isinstance(node, nodes.CondExpr):
        then = None if _has_case(node.test) else _written(node.expr1)
        return then or (None if _has_case(node.test, when=False) else _written(node.expr2))
    if isinstance(node, nodes.Concat):
        return _first(_written(part) for part in node.nodes)
    return None


def _falls_back(node: nodes.Filter) -> bool:
    """`|default("…", true)` (or `boolean=true`): "" gives way to a fallback that is not ""."""
    if node.name not in _FALLBACKS or (node.args and _blank(node.args[0])):
        return False
    given = [*node.args[1:2], *(k.value for k in node.kwargs if k.key == "boolean")]
    return any(isinstance(arg, nodes.Const) and arg.value is True for arg in given)


def _blank(node: nodes.Node) -> bool:
    """A fallback that writes nothing either: `or ""`, `or " "`."""
    return isinstance(node, nodes.Const) and isinstance(node.value, str) and not node.value.strip()


def _has_case(test: nodes.Node | None, when: bool = True) -> bool:
    """Whether `test` evaluating to `when` means the post joins a case (both values are set
    or neither: `{% if case_opened %}` guards `{{ case }}` too)."""
    if isinstance(test, nodes.Name):
        return when and test.name in CASE_VALUES
    if isinstance(test, nodes.Filter) and test.name in _KEEPING:
        return _has_case(test.node, when)
    if isinstance(test, nodes.Not):
        return _has_case(test.node, not when)
    if isinstance(test, nodes.And | nodes.Or):
        sides = (_has_case(test.left, when), _has_case(test.right, when))
        # `a and b` true (`a or b` false) holds of both sides: either one saying so will do;
        # `a and b` false (`a or b` true) holds of one only: both must say so.
        return any(sides) if isinstance(test, nodes.And) == when else all(sides)
    if isinstance(test, nodes.Compare) and len(test.ops) == 1:
        return _compares_with_nothing(test) == ("ne" if when else "eq")
    return False


def _compares_with_nothing(test: nodes.Compare) -> str | None:
    """ "eq" or "ne" for `case == ""` or `case != ""` (either way round); else None."""
    operand = test.ops[0]
    sides = (test.expr, operand.expr)
    named = any(isinstance(s, nodes.Name) and s.name in CASE_VALUES for s in sides)
    empty = any(isinstance(s, nodes.Const) and s.value == "" for s in sides)
    return operand.op if named and empty and operand.op in ("eq", "ne") else None


def _first(found: Iterable[str | None]) -> str | None:
    """The first name found (computed lazily: the rest are not looked at)."""
    return next((name for name in found if name), None)
