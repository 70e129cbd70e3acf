"""`{{ case }}` and `{{ case_opened }}` written where a post may join no case: both are "" there,
so a text that writes them as they are reads "Your case , opened on , …". One check, for the
playbook templates (template_checks, at load) and the desk's saved replies
(mentiondesk.saved_case). A text writes them safely inside a branch only a case takes
(`{% if case %}`, the `else` of `{% if not case %}`, `{% if case and x %}`, `… if case else …`,
a variable or loop over one that keeps its emptiness) or with a fallback (`{{ case or "…" }}`,
`{{ case|default("…", true) }}`). Every branch counts, not only the one a sample takes.

An `{% include "pt/x.j2" %}` is followed into the file it names (`source` parses it), in
place, with the variables and guard where it stands; a macro, where it is called (case_macros).
Each Hole is placed on the line that writes it (an include's, for one its file writes).

What the check cannot follow (a variable set differently in two branches, a `{% call %}`, a
test it cannot read: `{% if case is sameas x %}`, an `{% import %}`, `{% from … import %}` or
`{% extends %}` whose file reads a case value, an include it cannot read) gives an unsure
Hole, naming the construct: the check says it cannot tell, rather than pass a hole or call a
correct guard wrong."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence

from jinja2 import TemplateError, nodes

from playbooks.case_macros import MAX_DEPTH, Calls
from playbooks.case_reading import CASE_VALUES, Held, Hole, either, first, placed, unsure
from playbooks.sandbox import sandbox

__all__ = ["CASE_VALUES", "Hole", "find_hole", "text_hole"]

_ENV = sandbox()

# A template's parsed file by the name an include gives it; None when there is none.
Source = Callable[[str], nodes.Template | None]
# What writes another file's text, as a template writes it.
_OTHER_FILE: dict[type[nodes.Stmt], str] = {
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from … import %}",
    nodes.Extends: "{% extends %}",
}


def find_hole(tree: nodes.Template, source: Source | None = None) -> Hole | None:
    """The first case value the parsed template writes where it may be "" (a certain hole
    before an unsure one); None when it writes none so. `source`: the other template files
    an include names (None: there are none to read, as for a saved reply)."""
    return first(_Walk(source).walk(tree, False))


@functools.lru_cache(maxsize=512)
def text_hole(text: str) -> Hole | None:
    """find_hole of a text; None when it is no template (the checks that compile it say why)."""
    try:
        tree = _ENV.parse(text)
    except (TemplateError, RecursionError):
        return None
    return find_hole(tree)


class _Walk(Calls):
    """The statements, in order, with what each variable holds so far; `guard`: whether a case
    is certain where a statement stands (None: cannot tell)."""

    def __init__(self, source: Source | None = None) -> None:
        super().__init__()
        self.source = source
        self.including: list[str] = []

    def walk(self, node: nodes.Node, guard: bool | None) -> list[Hole]:
        if isinstance(node, nodes.Output):
            return _found(
                placed(self.at(guard, self.written(value)), value.lineno) for value in node.nodes
            )
        if isinstance(node, nodes.If):
            return self._if(node, guard)
        if isinstance(node, nodes.For):
            return self._for(node, guard)
        if isinstance(node, nodes.With):
            values = [self.holding(value) for value in node.values]
            return self._scoped(list(zip(node.targets, values, strict=True)), node.body, guard)
        if isinstance(node, tuple(_OTHER_FILE)):
            return self._other_file(node, guard)
        if isinstance(node, nodes.Assign):
            held = self.holding(node.node)
            # Set where a case is certain: written later, it is never "".
            self._assign(node.target, held if not (guard and held) else _kept(held))
        elif isinstance(node, nodes.AssignBlock):  # `{% set s %}…{% endset %}`: written later
            hole = first(self.body(node.body, guard))
            self._assign(node.target, Held(hole.name, hole, False, False) if hole else None)
        elif isinstance(node, nodes.Macro):  # followed where it is called, with its arguments
            self.macros[node.name] = node
        elif isinstance(node, nodes.CallBlock):  # the caller's body is written in the macro's
            shadowed = [(arg, None) for arg in node.args]
            found = [
                placed(self.at(guard, self.written(node.call)), node.lineno),
                *self._scoped(shadowed, node.body, guard),
            ]
            return _found(unsure(hole, "{% call %}") for hole in found)
        else:
            return self.body(
                [n for n in node.iter_child_nodes() if isinstance(n, nodes.Stmt)], guard
            )
        return []

    def _other_file(self, node: nodes.Node, guard: bool | None) -> list[Hole]:
        """An include's file walked where it stands; another file's macros or layout
        (`import`, `extends`) only said to be unsure when that file reads a case value."""
        construct = next(text for kind, text in _OTHER_FILE.items() if isinstance(node, kind))
        name = _file_named(node)
        tree = self.source(name) if self.source and name else None
        if not name or tree is None or name in self.including or len(self.including) >= MAX_DEPTH:
            return [Hole(CASE_VALUES[0], construct, line=node.lineno)]
        if not isinstance(node, nodes.Include):
            read = {n.name for n in tree.find_all(nodes.Name)} & set(CASE_VALUES)
            return [Hole(value, construct, line=node.lineno) for value in sorted(read)[:1]]
        self.including.append(name)
        try:
            holes = self.body(tree.body, guard)
            # Placed at the include; the included file's own line (the innermost's) kept.
            return [
                Hole(
                    h.name,
                    h.unsure,
                    h.included or name,
                    node.lineno,
                    h.included_line if h.included else h.line,
                )
                for h in holes
            ]
        finally:
            self.including.pop()

    def body(self, body: Iterable[nodes.Node], guard: bool | None) -> list[Hole]:
        return [hole for node in body for hole in self.walk(node, guard)]

    @staticmethod
    def at(guard: bool | None, hole: Hole | None) -> Hole | None:
        """`hole`, where `guard` says whether a case is certain."""
        return None if guard else unsure(hole, "{% if … %}") if guard is None else hole

    def _if(self, node: nodes.If, guard: bool | None) -> list[Hole]:
        """Each branch is taken only when the tests before it were false and its own is true;
        a variable set in one is what it was set to there, or before, after the `if`."""
        before, paths, holes = self.env, [], []
        for branch in (node, *node.elif_):
            taken, passed = self.tests(branch.test), self.tests(branch.test, False)
            self.env = dict(before)
            holes += self.body(branch.body, either(guard, taken))
            paths.append(self.env)
            guard = either(guard, passed)
        self.env = dict(before)
        holes += self.body(node.else_, guard)
        self.env = self._merged([*paths, self.env])
        return holes

    def _for(self, node: nodes.For, guard: bool | None) -> list[Hole]:
        """The body runs only while the iterable is not empty: over `case`'s letters, only for
        a case. Each item: a list written out's, or unsure when taken from a case value."""
        item = self._item(node.iter)
        if isinstance(node.target, nodes.Name):
            targets = [(node.target, item)]
        else:  # `{% for a, b in … %}`: each name may hold it
            spread = Held(item.name, unsure(item.hole, "{% for … %}"), None, None) if item else None
            targets = [(name, spread) for name in node.target.find_all(nodes.Name)]
        targets.append((nodes.Name("loop", "store"), None))
        before, self.env = self.env, dict(self.env)
        for target, held in targets:  # `{% for c in … if c %}` tests the item
            self._assign(target, held)
        filtered = self.tests(node.test) if node.test else False
        self.env = before
        runs = either(guard, self.tests(node.iter), filtered)
        holes = self._scoped(targets, node.body, runs)
        return holes + self._scoped([], node.else_, guard)

    def _item(self, iterable: nodes.Node) -> Held | None:
        """What an item of `iterable` holds: a list's (`[case]`), none of a case value's own
        letters, and unsure for anything else that reads a case value (`case.split("-")`)."""
        if isinstance(iterable, nodes.List | nodes.Tuple):
            return self._merged_value("{% for … %}", [self.holding(i) for i in iterable.items])
        name = self.mentions(iterable)
        if not name or self.tests(iterable) is True:
            return None
        return Held(name, Hole(name, "{% for … %}"), None, None)

    def _scoped(
        self,
        names: Sequence[tuple[nodes.Node, Held | None]],
        body: list[nodes.Node],
        guard: bool | None,
    ) -> list[Hole]:
        """`body` with `names` set in a scope of its own (a loop's, a `with`'s): what it sets
        is forgotten after, but for a namespace's attributes (`{% set ns.found = … %}`)."""
        before = self.env
        self.env = dict(before)
        for target, held in names:
            self._assign(target, held)
        holes = self.body(body, guard)
        inner, self.env = self.env, before
        for key in {k for k in inner if "." in k and inner[k] != self.held(k)}:
            self.env[key] = self._merged_value(_set(key), [self.held(key), inner[key]])
        return holes

    def _assign(self, target: nodes.Node, held: Held | None) -> None:
        if isinstance(target, nodes.Name):
            self.env[target.name] = held
        elif isinstance(target, nodes.NSRef):
            self.env[f"{target.name}.{target.attr}"] = held
        else:  # `{% set a, b = … %}`: each name may hold it
            for name in target.find_all(nodes.Name):
                self.env[name.name] = (
                    Held(held.name, Hole(held.name, "{% set … %}"), None, None) if held else None
                )

    def _merged(self, paths: list[dict[str, Held | None]]) -> dict[str, Held | None]:
        """The variables after branches: each as every path left it, or unsure."""
        keys = {key for path in paths for key in path}
        held = {
            key: [path[key] if key in path else self.held(key) for path in paths] for key in keys
        }
        return {key: self._merged_value(_set(key), values) for key, values in held.items()}

    @staticmethod
    def _merged_value(construct: str, values: list[Held | None]) -> Held | None:
        """A value that may be any of `values` (set by `construct`): itself when all agree,
        else unsure."""
        known = [value for value in values if value]
        if all(value == values[0] for value in values) or not known:
            return values[0] if values else None
        if not any(value.hole for value in known):  # none writes a hole: only its test differs
            return Held(known[0].name, None, None, None)
        return Held(known[0].name, Hole(known[0].name, construct), None, None)


def _file_named(node: nodes.Node) -> str | None:
    """The file an include, import or extends names, when written as text."""
    value = getattr(getattr(node, "template", None), "value", None)
    return value if isinstance(value, str) else None


def _kept(held: Held) -> Held:
    """`held` set where a case is certain: it writes no hole, and tests as before."""
    return Held(held.name, None, held.if_true, held.if_false)


def _set(key: str) -> str:
    """The statement that sets a variable, as a text writes it: `{% set ns %}` for `ns.found`."""
    return "{% set " + key.split(".")[0] + " %}"


def _found(holes: Iterable[Hole | None]) -> list[Hole]:
    return [hole for hole in holes if hole]
