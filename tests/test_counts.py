"""How counts read in the CLI and the team chat's digests: the noun agrees with the number."""

from __future__ import annotations

import pytest

from mentiondesk.wording import counted


@pytest.mark.parametrize(
    ("n", "one", "many", "expected"),
    [
        (1, "open case", None, "1 open case"),
        (0, "open case", None, "0 open cases"),
        (3, "pending draft", None, "3 pending drafts"),
        (1_234, "mention", None, "1,234 mentions"),
        (2, "reply", "replies", "2 replies"),
    ],
)
def test_a_count_and_its_noun_agree(n: int, one: str, many: str | None, expected: str) -> None:
    assert counted(n, one, many) == expected
