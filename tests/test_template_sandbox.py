"""The sandbox every reply text renders in (playbook templates, saved replies) refuses a `*`
or `**` whose result would be huge, or a width that would be (`center`, `ljust`, a format),
instead of taking the process's memory and time."""

from __future__ import annotations

import pytest
from jinja2.sandbox import SecurityError

from playbooks.sandbox import MAX_PRODUCT, sandbox


@pytest.mark.parametrize(
    "source",
    [
        '{{ "x" * 10**9 }}',
        "{{ [0] * 999999 }}",
        '{{ 999999 * "x" }}',
        "{{ 2 ** 999999 }}",
        # Few items, each long: ten billion characters once joined.
        '{{ (["x" * 99999] * 99999)|join }}',
        '{{ (99999 * ["x" * 99999])|join }}',
        '{{ ([["x" * 99999]] * 99999)|join }}',  # the strings a level down
        '{{ (("x" * 50000, "y") * 3)|join }}',
        "{{ ([10 ** 20000] * 99999)|join }}",  # an integer's digits
    ],
)
def test_a_huge_product_is_refused(source: str) -> None:
    # Compiling alone must not build it either (Jinja folds constant `*` unless intercepted).
    template = sandbox().from_string(source)
    with pytest.raises(SecurityError, match="would be too large"):
        template.render()


def test_ordinary_products_still_work() -> None:
    text = '{{ "ab" * 3 }} {{ 6 * 7 }} {{ 2 ** 10 }} {{ 1.5 * 2 }}'
    assert sandbox().from_string(text).render() == "ababab 42 1024 3.0"
    assert len(sandbox().from_string(f'{{{{ "x" * {MAX_PRODUCT} }}}}').render()) == MAX_PRODUCT
    lists = '{{ "-" * 20 }} {{ [1, 2] * 3 }} {{ (["ab", "c"] * 2)|join("/") }}'
    assert sandbox().from_string(lists).render() == f"{'-' * 20} [1, 2, 1, 2, 1, 2] ab/c/ab/c"


@pytest.mark.parametrize(
    "source",
    [
        '{{ "x"|center(10**9) }}',
        '{{ "x".ljust(10**9) }}',
        '{{ "x".rjust(width=10**9) }}',
        '{{ "7".zfill(10**9) }}',
        '{{ "a\\tb".expandtabs(10**9) }}',
        '{{ "a\\nb"|indent(10**9) }}',
        '{{ "%999999999s" % "x" }}',
        '{{ "%*s" % (10**9, "x") }}',
        '{{ "%999999999s"|format("x") }}',
        '{{ "{:>999999999}".format("x") }}',
        '{{ "{:>{w}}".format("x", w=10**9) }}',
    ],
)
def test_a_huge_width_is_refused(source: str) -> None:
    # A short text making a gigabyte string: refused before it is built.
    with pytest.raises(SecurityError, match=r"too large|format width"):
        sandbox().from_string(source).render()


def test_ordinary_widths_and_formats_still_work() -> None:
    text = (
        '{{ "ab"|center(6) }}|{{ "7".zfill(3) }}|{{ "%-4s" % "x" }}|{{ "{:>4}".format("y") }}|'
        '{{ "%d%%" % 50 }}|{{ "Call 0800 1234567 (%s)" % "free" }}|{{ 10 % 3 }}|'
        '{{ "%d followers"|format(250000) }}|{{ "{} followers".format(250000) }}'
    )
    assert sandbox().from_string(text).render() == (
        "  ab  |007|x   |   y|50%|Call 0800 1234567 (free)|1|250000 followers|250000 followers"
    )
