"""The sandbox every reply text renders in (playbook templates, saved replies) refuses a `*`
or `**` whose result would be huge, instead of taking the process's memory and time."""

from __future__ import annotations

import pytest
from jinja2.sandbox import SecurityError

from playbooks.templates import MAX_PRODUCT, sandbox


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
