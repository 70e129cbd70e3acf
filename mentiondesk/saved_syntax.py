"""The small template language saved replies are written in: placeholders, `{% if %}` with
its `elif`/`else`, comparisons, `and`/`or`/`not`, tests and a few filters. A manager writes
these texts in the desk and every case page renders them, so a loop, a macro or a `*` (a text
that takes the process's time or memory, or reaches past the placeholders) is refused when
the text is checked, before it is ever rendered. Playbook templates, files an admin keeps in
git, keep the full sandbox."""

from __future__ import annotations

from jinja2 import nodes

# Those the documentation and the shipped replies use, and their harmless kin: each makes
# at most its input's length.
FILTERS = frozenset(
    {"default", "d", "upper", "lower", "title", "capitalize", "trim", "first", "last", "length"}
)
TESTS = frozenset(
    {"defined", "undefined", "none", "string", "number", "lower", "upper", "eq", "ne", "in"}
)
IF_ELSE = "{% if %}…{% elif %}…{% else %}…{% endif %}"
# Everything else (For, Macro, CallBlock, Call, Set, Include, arithmetic…) is refused.
_ALLOWED: tuple[type[nodes.Node], ...] = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.If,
    nodes.Name,
    nodes.Const,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Compare,
    nodes.Operand,
    nodes.CondExpr,
    nodes.Concat,
    nodes.Tuple,
    nodes.List,
    nodes.Keyword,
    nodes.Filter,
    nodes.Test,
)
# How a refused construct is named in the refusal, as written (the page says it in any
# language); statements by their tag.
_NAMES: dict[type[nodes.Node], str] = {
    nodes.Assign: "{% set %}",
    nodes.AssignBlock: "{% set %}",
    nodes.FromImport: "{% import %}",
    nodes.ExprStmt: "{% do %}",
    nodes.CallBlock: "{% call %}",
    nodes.FilterBlock: "{% filter %}",
    nodes.ScopedEvalContextModifier: "{% autoescape %}",
    nodes.Call: "f(…)",
    nodes.Getattr: "x.y",
    nodes.Getitem: "x[…]",
    nodes.Slice: "x[a:b]",
    nodes.Dict: "{…: …}",
}
# How deep a text may nest: ifs in ifs, `not`s, filters on filters, brackets. Each level
# is a block or a bracket in the Python Jinja compiles the text to, and Python's compiler
# gives up at 100 blocks or 200 brackets (a SyntaxError, not a Jinja error); no reply a
# person writes comes near 20.
MAX_DEPTH = 20
# Nodes that add no level of their own to the compiled code: the text, leaves, wrappers.
_FLAT: tuple[type[nodes.Node], ...] = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Name,
    nodes.Const,
    nodes.Operand,
    nodes.Keyword,
)


class NotAllowed(ValueError):
    """The first construct a saved reply may not use; `what` names it as written
    ("{% for %}", "*", "|center", "f(…)")."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} is not allowed in a saved reply; use {allowed()}")
        self.what = what


class TooDeep(ValueError):
    """The text nests more than MAX_DEPTH levels."""

    def __init__(self) -> None:
        super().__init__(
            f"nested too deeply: ifs, not, filters and brackets at most {MAX_DEPTH} levels "
            "deep; write the text flatter"
        )


def check_small(tree: nodes.Template) -> None:
    """NotAllowed for the first construct outside the saved replies' language; TooDeep for a
    text nested more than MAX_DEPTH levels."""
    stack: list[tuple[nodes.Node, int]] = [(tree, 0)]
    while stack:  # not recursive: a deeply nested text cannot exhaust the stack here
        node, depth = stack.pop()
        refused = _refused(node)
        if refused:
            raise NotAllowed(refused)
        depth += not isinstance(node, _FLAT)
        if depth > MAX_DEPTH:
            raise TooDeep
        children = [(child, depth) for child in node.iter_child_nodes()]
        stack.extend(reversed(children))  # in the order written


def _refused(node: nodes.Node) -> str | None:
    if not isinstance(node, _ALLOWED):
        return _name(node)
    if isinstance(node, nodes.Filter) and node.name not in FILTERS:
        return f"|{node.name}"
    if isinstance(node, nodes.Test) and node.name not in TESTS:
        return f"is {node.name}"
    if isinstance(node, nodes.Filter | nodes.Test) and (node.dyn_args or node.dyn_kwargs):
        return "*args"
    if isinstance(node, nodes.Name) and node.ctx != "load":
        return "{% set %}"
    return None


def _name(node: nodes.Node) -> str:
    if isinstance(node, nodes.BinExpr | nodes.UnaryExpr):
        return node.operator
    named = next((n for t, n in _NAMES.items() if isinstance(node, t)), None)
    return named or "{% " + type(node).__name__.lower() + " %}"


def allowed() -> str:
    """What a saved reply may use, as the refusals say it."""
    return f"placeholders, {IF_ELSE} and the filters {filter_list()}"


def filter_list() -> str:
    """The filters, as the refusals list them ("|default, |lower…"; `d` is default's alias)."""
    return ", ".join(f"|{f}" for f in sorted(FILTERS - {"d"}))
