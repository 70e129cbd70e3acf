"""An erased post read again (a source's cursor lost, Bluesky's and Hacker News's overlapping
re-read windows) is not stored again: the erasure keeps a keyed fingerprint of each post."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from mentiondesk.tables import AUTHOR, CURSOR, ERASED_POST, MENTION
from tests import test_cli_forget as base
from tests.helpers import COMPLAINT, mention, run_cli, write_mentions

desk = base.desk  # Ana (h_a1): posts m1 and m3, case MD-000001; Bia (h_b): m2


def test_erased_posts_read_again_do_not_come_back(desk: Path, db_url: str, tmp_path: Path) -> None:
    assert run_cli(desk, "authors", "forget", "x", "h_a1", "--yes")[0] == 0
    digests = base.select_rows(db_url, sa.select(ERASED_POST.c.digest))
    # Their two posts, and their profile's address (erased_profiles: later quotes of them).
    assert len(digests) == 3 and not any("m1" in d or "m3" in d for (d,) in digests)
    store = base.Store(db_url)
    try:
        with store.engine.begin() as conn:  # the source reads from the start again
            conn.execute(sa.delete(CURSOR))
    finally:
        store.dispose()
    assert run_cli(desk, "run", "--once")[0] == 0
    assert base.holding(db_url, COMPLAINT) == [] and base.holding(db_url, "h_a1") == []
    posts = base.select_rows(db_url, sa.select(MENTION.c.external_id).order_by(MENTION.c.id))
    assert posts == [("m2",)]
    # A post of theirs the erasure never saw is new: stored, as anyone's.
    write_mentions(tmp_path / "m.jsonl", [*base.POSTS, mention(4, "@lumora hello again")])
    assert run_cli(desk, "run", "--once")[0] == 0
    handles = base.select_rows(db_url, sa.select(AUTHOR.c.handle).order_by(AUTHOR.c.id))
    assert handles == [("h_b",), ("h_a1",)]
