"""The one check (playbooks/case_guard) that a text writes `{{ case }}` and `{{ case_opened }}`
only where a post joins a case, shared by the playbook templates (refused at load) and the
desk's saved replies (refused in the editor, left out of the picker). Each verdict is held to
the truth: the text rendered as for a post that joins no case (both "") in every way its other
values may go, looking for the hole ("<>", "<MD >"). Where the check cannot follow a text, it
says so (Hole.unsure, naming the construct) rather than pass a hole or refuse a good guard."""

from __future__ import annotations

import itertools
import re

import pytest

from playbooks.case_guard import Hole, text_hole
from playbooks.sandbox import sandbox

_ENV = sandbox()
_HOLE = re.compile(r"<\s*(?:MD)?\s*>")
# The other values a text may test, each way they may go.
_OTHERS = {
    "x": (True, False),
    "name": ("Ana", ""),
    "open_cases": ([], ["MD-000009"]),
    "items": ([], ["a", "b"]),
}


def _hole_rendered(text: str) -> bool:
    """Whether any rendering for a post with no case writes a case value as "" (between the
    test's "<" and ">")."""
    template = _ENV.from_string(text)
    for values in itertools.product(*_OTHERS.values()):
        others = dict(zip(_OTHERS, values, strict=True))
        if _HOLE.search(template.render(case="", case_opened="", **others)):
            return True
    return False


# The brief's cases, where the two checks disagreed, then a community manager's odd but
# plausible ones: each a hole (the value it writes) or not (None).
_CERTAIN = [
    ("{% if not case %}<{{ case }}>{% endif %}", "case"),
    ('<{{ case|default("x") }}>', "case"),  # "" is defined: needs `, true`
    ("{% if not case %}Obrigado!{% else %}<{{ case }}>{% endif %}", None),
    ("{% if case %}<{{ case }}>{% else %}Obrigado!{% endif %}", None),
    ("{% if case and x %}<{{ case }}>{% endif %}", None),
    ("{% if x and case_opened %}<{{ case }}>{% endif %}", None),
    ("{% if case or x %}<{{ case }}>{% endif %}", "case"),
    ("{% if not (case and x) %}a{% else %}<{{ case }}>{% endif %}", None),
    ("{% if x %}a{% elif not case %}b{% else %}<{{ case }}>{% endif %}", None),
    ("{% if case is defined %}<{{ case }}>{% endif %}", "case"),
    ("{% if case|length > 0 %}<{{ case }}>{% endif %}", None),
    ("{% if case != 0 %}<{{ case }}>{% endif %}", "case"),  # "" is not 0
    ('{% if case == "MD-000007" %}<{{ case }}>{% endif %}', None),
    ('{% if case != "MD-000007" %}<{{ case }}>{% endif %}', "case"),
    ("{% if 0 < case_opened|length %}<{{ case }}>{% endif %}", None),
    ("{% if case in open_cases %}<{{ case }}>{% endif %}", None),
    ('<{{ case ~ "" }}>', "case"),
    ('<{{ "MD " ~ case }}>', "case"),
    ('<{{ "%s"|format(case_opened) }}>', "case_opened"),
    ('<{{ "{}".format(case) }}>', "case"),
    ("<{{ case.upper() }}>", "case"),
    ("<{{ case[3:] }}>", "case"),
    ('<{{ case if x else "sua mensagem" }}>', "case"),
    ('<{{ case|d("sua mensagem", true) }}>', None),
    ("<{{ case|default(case_opened, true) }}>", "case_opened"),  # "" too, where case is
    ("<{{ name|default(case, true) }}>", "case"),
    ("{% if case|length %}<{{ case }}>{% endif %}", None),
    # {% set %}: the variable holds the value, and its test guards as the value's does.
    ("{% set c = case %}<{{ c }}>", "case"),
    ("{% set c = case %}{% if c %}<{{ c }}>{% endif %}", None),
    ('{% set tem = case != "" %}{% if tem %}<{{ case }}>{% endif %}', None),
    ('{% set c = case or "sua mensagem" %}<{{ c }}>', None),
    ('{% set case = case or "sua mensagem" %}<{{ case }}>', None),
    ("{% set s %}{{ case }}{% endset %}<{{ s }}>", "case"),
    ("{% with c = case_opened %}<{{ c }}>{% endwith %}", "case_opened"),
    ("{% with c = case %}{% if c %}<{{ c }}>{% endif %}{% endwith %}", None),
    # Loops: the body runs only while the iterable is not empty.
    ("{% for c in [case] %}<{{ c }}>{% endfor %}", "case"),
    ("{% for c in [case] %}{% if c %}<{{ c }}>{% endif %}{% endfor %}", None),
    ("{% for c in [case] if c %}<{{ c }}>{% endfor %}", None),
    ("{% for i in items %}<{{ case }}>{% endfor %}", "case"),
    ("{% for i in items if case %}<{{ case }}>{% endfor %}", None),
    ("{% for letra in case %}<{{ case }}>{% endfor %}", None),
    ("{% for case in open_cases %}<{{ case }}>{% endfor %}", None),  # another `case`
    # Macros: followed where they are called, with their arguments.
    ("{% macro ref(c) %}<{{ c }}>{% endmacro %}{{ ref(case) }}", "case"),
    ("{% macro ref(c) %}<{{ c }}>{% endmacro %}{% if case %}{{ ref(case) }}{% endif %}", None),
    ("{% macro ref() %}<{{ case }}>{% endmacro %}{% if case %}{{ ref() }}{% endif %}", None),
    ("{% macro ref() %}<{{ case }}>{% endmacro %}Obrigado!", None),  # never called
    ("{% macro ref(c) %}{% if c %}<{{ c }}>{% endif %}{% endmacro %}{{ ref(case) }}", None),
    ("{% macro ref(c) %}<{{ c }}>{% endmacro %}{{ ref(c=case_opened) }}", "case_opened"),
    ('{% macro ref(c) %}<{{ c }}>{% endmacro %}{{ ref(case or "sua mensagem") }}', None),
    ("{% macro ref(c) %}<{{ c }}>{% endmacro %}{% set s = ref(case) %}{{ s }}", "case"),
    # Set from the case only where a case is certain, and to text elsewhere: never "".
    ('{% if case %}{% set c = case %}{% else %}{% set c = "a" %}{% endif %}<{{ c }}>', None),
]


@pytest.mark.parametrize(("text", "written"), _CERTAIN)
def test_each_verdict_is_what_rendering_shows(text: str, written: str | None) -> None:
    assert text_hole(text) == (Hole(written) if written else None)
    assert _hole_rendered(text) == bool(written)


# What the check cannot follow: it says so, naming the construct, whichever way it renders.
_UNSURE = [
    ('{% if x %}{% set c = case %}{% else %}{% set c = "a" %}{% endif %}<{{ c }}>', "{% set c %}"),
    ('{% if x %}{% set case = "MD-1" %}{% endif %}<{{ case }}>', "{% set case %}"),
    (
        '{% set ns = namespace(v="") %}{% for i in items %}{% set ns.v = case %}{% endfor %}'
        "<{{ ns.v }}>",
        "{% set ns %}",
    ),
    ('{% for parte in case.split("-") %}<{{ parte }}>{% endfor %}', "{% for … %}"),
    (
        "{% for c in open_cases %}{% if c == case %}<{{ case }}>{% endif %}{% endfor %}",
        "{% if … %}",
    ),
    ("{% if case is sameas x %}<{{ case }}>{% endif %}", "{% if … %}"),
    (
        "{% macro m() %}{% if case %}{{ caller() }}{% endif %}{% endmacro %}"
        "{% call m() %}<{{ case }}>{% endcall %}",
        "{% call %}",
    ),
    ("<{{ [case]|first }}>", "{{ … }}"),
]


@pytest.mark.parametrize(("text", "construct"), _UNSURE)
def test_what_it_cannot_follow_it_names(text: str, construct: str) -> None:
    assert text_hole(text) == Hole("case", construct)


def test_a_certain_hole_comes_before_an_unsure_one() -> None:
    text = "{% for p in case.split('-') %}<{{ p }}>{% endfor %} <{{ case_opened }}>"
    assert text_hole(text) == Hole("case_opened")
