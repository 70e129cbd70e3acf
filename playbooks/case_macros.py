"""Macros for the case check (case_guard): a macro's body is followed where it is called, with
the arguments the call gives, so `{% macro ref(c) %}{{ c }}{% endmacro %}{{ ref(case) }}` writes
the case as the macro's body does. Each call with the same values is walked once, and past a
depth or a number of calls the check says it cannot tell rather than walk on."""

from __future__ import annotations

from collections.abc import Iterable

from jinja2 import nodes

from playbooks.case_reading import Held, Hole, Reading, first

# How deep macros may call macros (and includes include), and how many calls in all, before
# the check stops following them (a macro calling another ten times, each ten times… is not
# walked 10**8 times).
MAX_DEPTH = 8
_MAX_CALLS = 500


class Calls(Reading):
    """Reading, with the macros defined so far written where they are called; `body` (the
    statements walked, case_guard's) is what a macro's body writes."""

    def __init__(self) -> None:
        super().__init__()
        self.macros: dict[str, nodes.Macro] = {}
        self.calling: list[str] = []
        self.calls = 0
        self.called: dict[tuple[str, frozenset[tuple[str, Held | None]]], Hole | None] = {}

    def body(self, body: Iterable[nodes.Node], guard: bool | None) -> list[Hole]:
        raise NotImplementedError

    def written(self, node: nodes.Node | None) -> Hole | None:
        """Reading's, with a macro's call as what its body writes given its arguments."""
        if (
            isinstance(node, nodes.Call)
            and isinstance(node.node, nodes.Name)
            and node.node.name in self.macros
        ):
            return self._call(node, self.macros[node.node.name])
        return super().written(node)

    def mentions(self, node: nodes.Node | None) -> str | None:
        found = super().mentions(node)
        if found or node is None:
            return found
        holes = (self.written(call) for call in node.find_all(nodes.Call))
        return next((hole.name for hole in holes if hole), None)

    def _call(self, call: nodes.Call, macro: nodes.Macro) -> Hole | None:
        """What `macro`'s body writes as "" for `call`'s arguments (the same call is walked
        once; unsure past a depth or a number of calls, or called from itself)."""
        env = {**self.env, **self._bound(call, macro)}
        key = (macro.name, frozenset(env.items()))
        if key in self.called:
            return self.called[key]
        self.calls += 1
        if macro.name in self.calling or len(self.calling) >= MAX_DEPTH or self.calls > _MAX_CALLS:
            name = self.mentions_any([*call.args, *(k.value for k in call.kwargs)])
            return Hole(name, "{% macro " + macro.name + " %}") if name else None
        before, self.env = self.env, env
        self.calling.append(macro.name)
        try:
            self.called[key] = first(self.body(macro.body, False))
        finally:
            self.calling.pop()
            self.env = before
        return self.called[key]

    def _bound(self, call: nodes.Call, macro: nodes.Macro) -> dict[str, Held | None]:
        """The macro's parameters as `call` sets them (its defaults where it does not), and
        `varargs`/`kwargs` holding any case value among the rest."""
        params = [arg.name for arg in macro.args]
        defaults = dict(
            zip(params[len(params) - len(macro.defaults) :], macro.defaults, strict=True)
        )
        given = {
            **dict(zip(params, call.args, strict=False)),
            **{k.key: k.value for k in call.kwargs},
        }
        extra = [*call.args[len(params) :], *(k.value for k in call.kwargs if k.key not in params)]
        spread = self.mentions_any([*extra, *(n for n in (call.dyn_args, call.dyn_kwargs) if n)])
        bound = {p: self.holding(given.get(p, defaults.get(p, nodes.Const(None)))) for p in params}
        rest = (
            Held(spread, Hole(spread, "{% macro " + macro.name + " %}"), None, None)
            if spread
            else None
        )
        return {**bound, "varargs": rest, "kwargs": rest}
