"""What a data protection officer shows a regulator after `authors forget`: the audit line is
exact proof. A delivered alert the retention had blanked held nothing of the person any more:
it is said apart ("already blank"), not counted as blanked by this erasure; the Slack cards
are said too (queued in the outbox to be rewritten, left to the retention's rewrite still
waiting, or already rewritten by the retention). And "delete them" ends the output exactly
when the list shows a copy to delete by hand. Real slack_sdk against the fake Slack, both
backends."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from mentiondesk.erasure import erase
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT
from tests import test_cli_forget as base
from tests.fakes._base import FakeAPI
from tests.helpers import run_cli
from tests.test_forget_slack_cards import drain, posted
from tests.test_retention_and_erasure_cards import keep_her
from tests.test_retention_slack_cards import finish, run_purge

desk = base.desk  # Ana (h_a1): case MD-000001; Bia (h_b): m2, public draft 2 (the console)
NONE_BLANKED = "; 0 delivered actions, 0 audit lines blanked (rows kept)"
ALREADY = "; 1 delivered action already blank (blanked by the retention): left unchanged"


def erase_detail(store: Store) -> str:
    with store.engine.connect() as conn:
        return str(conn.scalar(sa.select(AUDIT.c.detail).where(AUDIT.c.action == "erase")))


async def test_an_alert_the_retention_blanked_is_not_counted_as_erased(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    _, slack, config, seeded, _ = await posted(fake_api, tmp_path, store, db_url)
    finish(store, seeded)
    keep_her(store)
    run_purge(store)
    assert await drain(store, slack, config) == 1  # the retention's rewrite went out
    plan = erase(store, "x", "angry_ann", by="dpo", dry_run=True)
    assert (plan.delivered, plan.already_blank) == (0, 1)
    done = erase(store, "x", "angry_ann", by="dpo")
    assert (done.delivered, done.already_blank) == (0, 1)
    detail = erase_detail(store)
    assert NONE_BLANKED + ALREADY in detail, detail
    assert detail.endswith("; Slack cards: 1 already rewritten by the retention (left unchanged)")


async def test_the_audit_says_the_card_is_queued_to_be_rewritten(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    await posted(fake_api, tmp_path, store, db_url)
    done = erase(store, "x", "angry_ann", by="dpo")
    assert (done.delivered, done.already_blank) == (1, 0)
    detail = erase_detail(store)
    assert "already blank" not in detail
    assert detail.endswith("blanked (rows kept); Slack cards: 1 to rewrite (queued in the outbox)")


async def test_the_audit_says_the_retentions_rewrite_still_waits(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    _, _, _, seeded, _ = await posted(fake_api, tmp_path, store, db_url)
    finish(store, seeded)
    keep_her(store)
    run_purge(store)  # Slack down since: its rewrite waits
    erase(store, "x", "angry_ann", by="dpo")
    detail = erase_detail(store)
    assert ALREADY in detail, detail
    said = "; Slack cards: 1 left to the retention's rewrite (waiting in the outbox)"
    assert detail.endswith(said), detail


def test_a_reply_the_console_printed_asks_no_deleting(desk: Path) -> None:
    """The list leaves the printed reply out, and nothing else left the store: no line
    telling the officer to delete copies that the list does not show."""
    assert run_cli(desk, "drafts", "approve", "2")[0] == 0  # Bia's thank-you, to the console
    code, output = run_cli(desk, "authors", "forget", "x", "h_b", "--yes")
    assert code == 0 and "Nothing about them was sent outside this store" in output, output
    assert "delete them" not in output
