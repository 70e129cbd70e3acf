"""`store purge` and what `authors forget` already blanked, and the delivery records: nothing
counted twice, and no handle or link to their post left in a delivery's record."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from mentiondesk.erasure_payloads import ERASED
from mentiondesk.tables import DELIVERY, OUTBOX
from tests.helpers import run_cli
from tests.test_retention import _age, _connect, _holding, _rows, desk

__all__ = ["desk"]  # the fixture: Ana's resolved-to-be case and its drafts, Bia's praise


def test_a_purge_after_an_erasure_counts_nothing_twice(desk: Path, db_url: str) -> None:
    assert run_cli(desk, "authors", "forget", "x", "h_a1", "--yes")[0] == 0
    erased = sa.select(OUTBOX.c.key).where(OUTBOX.c.last_error == ERASED)
    before = _rows(db_url, erased)
    assert before  # her delivered alerts, blanked and marked
    _age(db_url)
    for args in (("--dry-run",), ()):
        code, out = run_cli(desk, "store", "purge", *args)
        assert code == 0 and " 0 delivered actions" in " ".join(out.split()), out
    assert _rows(db_url, erased) == before  # still marked as erased on request


def test_a_purge_leaves_no_handle_or_post_link_in_a_delivery(desk: Path, db_url: str) -> None:
    assert run_cli(desk, "drafts", "approve", "3")[0] == 0  # the DM to Ana, sent
    link = "https://www.reddit.com/r/lumora/comments/m1/my_parcel_is_lost_awful/k9z/"
    with _connect(db_url) as conn:
        dm = sa.select(OUTBOX.c.id).where(OUTBOX.c.key == "post:draft:3").scalar_subquery()
        # As releases before recorded a Reddit DM; a Reddit reply's link names their post.
        values = {"ref": "message:h_a1", "url": link}
        conn.execute(sa.update(DELIVERY).where(DELIVERY.c.outbox_id == dm).values(values))
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    assert run_cli(desk, "store", "purge")[0] == 0
    assert _holding(db_url, "h_a1") == [] and _holding(db_url, "my_parcel_is_lost") == []
