"""The retention purge blanks the text an edited post first had (mention.first_text) with the
rest of the post."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from mentiondesk.tables import MENTION
from tests.helpers import run_cli
from tests.test_retention import _age, _connect, _holding, desk  # noqa: F401  (the fixture)

FIRST = "Ana's words before she edited the post"


def test_purge_blanks_the_text_an_edited_post_first_had(desk: Path, db_url: str) -> None:  # noqa: F811
    with _connect(db_url) as conn:  # Ana edited her complaint after it was read
        conn.execute(sa.update(MENTION).where(MENTION.c.id == 1).values(first_text=FIRST))
    assert _holding(db_url, FIRST) == ["mention.first_text"]
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    code, output = run_cli(desk, "store", "purge")
    assert code == 0 and "erased: 1 case, 2 mentions" in " ".join(output.split())
    assert _holding(db_url, FIRST) == []
