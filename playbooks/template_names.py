"""A template's variables its values lack, in the words of the person who wrote it: a name
misspelt or written in Portuguese (`{{ nome }}`: did you mean `{{ name }}`?), an author's value
read as an attribute (`{{ author.name }}`: the values are flat), and a variable `{% set %}` in
only some branches of an `{% if %}` (undefined, and the draft fails, when the others are
taken). A variable set in every branch, or before the `if`, is fine."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from jinja2 import nodes

# What a Portuguese-speaking team writes for a value: the name to write (values are English).
_PORTUGUESE = {
    "nome": "name",
    "primeiro_nome": "name",
    "nome_completo": "full_name",
    "marca": "brand",
    "empresa": "brand",
    "caso": "case",
    "protocolo": "case",
    "atendimento": "case",
    "plataforma": "platform",
    "rede": "platform",
    "motivo": "reason",
    "frustracao": "frustration",
    "frustração": "frustration",
    "saudacao": "time_greeting",
    "saudação": "time_greeting",
    "usuario": "handle",
    "usuário": "handle",
    "arroba": "handle",
}
# Objects a template writer may think the values hang from (`{{ author.name }}`).
_OWNERS = ("author", "autor", "mention", "mencao", "menção", "post", "user", "usuario", "case")


def english(word: str) -> str | None:
    """The value a Portuguese word for one stands for (`nome`, `Usuário`: `name`, `handle`),
    also written without its accents or with a word after it (`protocolo_nº`); None if none."""
    lower = word.lower()
    plain = "".join(c for c in unicodedata.normalize("NFKD", lower) if c.isascii())
    return _PORTUGUESE.get(lower) or _PORTUGUESE.get(plain) or _PORTUGUESE.get(lower.split("_")[0])


@dataclass
class _State:
    """The variables certainly set where a statement stands, and for each set only in some
    branches, where (to name in the message)."""

    sure: set[str]
    partial: dict[str, str] = field(default_factory=dict)


def unknown_names(
    ast: nodes.Template, unknown: Collection[str], known: Collection[str]
) -> tuple[int, str] | None:
    """(line, what is wrong and the fix) for the first use of a name in `unknown` (Jinja's
    undeclared variables, less those set in every branch before their use); None if every
    one of them is set wherever it is read."""
    assigned = {n.name for n in ast.find_all(nodes.Name) if n.ctx in ("store", "param")}
    hole = _Walk(set(unknown) & assigned).body(ast.body, _State(set()))
    if hole:
        return hole
    loads = [n for n in ast.find_all(nodes.Name) if n.ctx == "load" and n.name in unknown]
    missing = [n for n in loads if n.name not in assigned]
    if not missing:
        return None
    first = min(missing, key=lambda n: n.lineno)
    return first.lineno, _not_a_value(ast, first.name, known)


def missing_files(ast: nodes.Template, paths: Collection[str]) -> tuple[int, str] | None:
    """(line, why) for an include, import or extends naming no template file (Jinja's own
    error is the bare name). Names are from the templates folder: "pt/assinatura.j2"."""
    for node in ast.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        name = getattr(getattr(node, "template", None), "value", None)
        if not isinstance(name, str) or name in paths:
            continue
        near = [p for p in sorted(paths) if p.rsplit("/", 1)[-1] == name.rsplit("/", 1)[-1]]
        hint = f"did you mean {near[0]!r}? " if near else ""
        return node.lineno, (
            f"there is no template {name!r} to bring in; {hint}name it from the templates "
            'folder, with its language folder (e.g. "pt/assinatura.j2")'
        )
    return None


# Values a template has only where the config gives them, with what to add: without a working
# week, `{% if after_hours %}` would be false at 3 am on a Sunday, and the night text never sent.
_NEEDS = {
    "after_hours": (
        "{{ after_hours }} (true outside the team's working week) needs [desk] business_hours "
        'in config.toml; add it, e.g. business_hours = { days = "mon-fri", open = "09:00", '
        'close = "18:00" } under [desk]'
    )
}


def _not_a_value(ast: nodes.Template, name: str, known: Collection[str]) -> str:
    """`name` is none of the values: the one meant, if it can be told, and the list."""
    if name in _NEEDS:
        return _NEEDS[name]
    values = ", ".join(f"{{{{ {k} }}}}" for k in sorted(known))
    attrs = [
        g.attr
        for g in ast.find_all(nodes.Getattr)
        if isinstance(g.node, nodes.Name) and g.node.name == name
    ]
    meant = [a for a in attrs if a in known]
    if name.lower() in _OWNERS or meant:
        written = f"{{{{ {name}.{attrs[0]} }}}}" if attrs else f"{{{{ {name} }}}}"
        fix = f"write {{{{ {meant[0]} }}}}" if meant else "write the value itself"
        return (
            f"{written}: there is no {name!r} to read values from; the values are written "
            f"on their own (e.g. {{{{ name }}}}, {{{{ handle }}}}): {fix}; they are {values}"
        )
    guess = english(name) or next(iter(difflib.get_close_matches(name, list(known), n=1)), None)
    hint = f"did you mean {{{{ {guess} }}}}? " if guess else ""
    return (
        f"{{{{ {name} }}}} is not one of the values a template can write (they are in "
        f"English); {hint}the values are {values}"
    )


class _Walk:
    """Walks the statements in order, with the variables set so far, for the first read of
    one of `names` where it may be unset."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def body(self, body: Iterable[nodes.Node], state: _State) -> tuple[int, str] | None:
        for node in body:
            if found := self.statement(node, state):
                return found
        return None

    def statement(self, node: nodes.Node, state: _State) -> tuple[int, str] | None:
        if isinstance(node, nodes.If):
            return self._if(node, state)
        if isinstance(node, nodes.For | nodes.Macro | nodes.CallBlock | nodes.With):
            # Their own scope: what they set is gone after; their names are set inside.
            inner = _State(state.sure | _targets(node), dict(state.partial))
            own = [c for c in node.iter_child_nodes() if not isinstance(c, nodes.Stmt)]
            return self._reads(own, state) or self.body(_bodies(node), inner)
        if isinstance(node, nodes.Assign | nodes.AssignBlock):
            found = self._reads([c for c in node.iter_child_nodes() if c is not node.target], state)
            state.sure |= _targets(node)
            for name in _targets(node):
                state.partial.pop(name, None)
            return found
        own = [c for c in node.iter_child_nodes() if not isinstance(c, nodes.Stmt)]
        return self._reads(own, state) or self.body(
            [c for c in node.iter_child_nodes() if isinstance(c, nodes.Stmt)], state
        )

    def _if(self, node: nodes.If, state: _State) -> tuple[int, str] | None:
        branches = [(node.test, node.body), *((e.test, e.body) for e in node.elif_)]
        ends: list[_State] = []
        for test, body in [*branches, (None, node.else_)]:
            if test is not None and (found := self._reads([test], state)):
                return found
            inner = _State(set(state.sure), dict(state.partial))
            if found := self.body(body, inner):
                return found
            ends.append(inner)
        everywhere = set.intersection(*(end.sure for end in ends))
        for name in set.union(*(end.sure for end in ends)) - everywhere:
            state.partial[name] = _where(node, [name in end.sure for end in ends])
        for end in ends:
            state.partial.update({k: v for k, v in end.partial.items() if k not in everywhere})
        state.sure = everywhere
        return None

    def _reads(self, exprs: Iterable[nodes.Node], state: _State) -> tuple[int, str] | None:
        for expr in exprs:
            for name in [expr, *expr.find_all(nodes.Name)]:
                if (
                    isinstance(name, nodes.Name)
                    and name.ctx == "load"
                    and name.name in self.names
                    and name.name not in state.sure
                ):
                    return name.lineno, _unset(name.name, state.partial.get(name.name))
        return None


def _where(node: nodes.If, set_in: list[bool]) -> str:
    """Which branches of `node` leave the variable unset, and the fix."""
    at = f"the {{% if %}} on line {node.lineno}"
    if not node.else_ and not node.elif_ and set_in[0]:
        return (
            f"is set only inside {at}, so when its test is false it has no value and the "
            "draft fails: add {% else %}{% set … %} before its {% endif %}, or set it before "
            "the {% if %}"
        )
    if node.else_ and not node.elif_ and not set_in[0]:
        return (
            f"is set only in the {{% else %}} of {at}, so when its test is true it has no "
            "value and the draft fails: set it in the {% if %} branch too, or before the {% if %}"
        )
    parts = [f"{at} itself", *(f"its {{% elif %}} on line {e.lineno}" for e in node.elif_)]
    parts.append("its {% else %}" if node.else_ else "an {% else %} (it has none)")
    missing = [p for p, done in zip(parts, set_in, strict=True) if not done]
    return (
        f"is set in some branches of {at} but not in {' nor '.join(missing)}, so a post that "
        "takes that way gets no value and the draft fails: set it there too, or before the "
        "{% if %}"
    )


def _unset(name: str, where: str | None) -> str:
    if where:
        return f"{{{{ {name} }}}} {where}"
    return (
        f"{{{{ {name} }}}} is written before any {{% set {name} = … %}} sets it (or only inside "
        "a loop or macro, whose variables are gone after it): set it before this line"
    )


def _targets(node: nodes.Node) -> set[str]:
    """The names a statement sets for what follows (or for its own body)."""
    found: set[str] = set()
    for attr in ("target", "targets", "args"):
        value = getattr(node, attr, None)
        for item in value if isinstance(value, list) else [value] if value else []:
            found |= {
                n.name for n in [item, *item.find_all(nodes.Name)] if isinstance(n, nodes.Name)
            }
    if isinstance(node, nodes.For):
        found.add("loop")
    if isinstance(node, nodes.Macro | nodes.CallBlock):
        found |= {"varargs", "kwargs", "caller"}
    return found


def _bodies(node: nodes.Node) -> list[nodes.Node]:
    return [*getattr(node, "body", []), *getattr(node, "else_", [])]
