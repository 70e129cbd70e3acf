"""Only an empty text is refused as "The text is empty" (queue.EmptyReply): any other
ValueError on the way (a malformed stored mention, a bug) is the error page and a logged
traceback on the desk, a traceback from the CLI and no modal text in Slack, never a claim
that the person's reply was empty."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, OUTBOX, READING
from tests.desk.conftest import Desk
from tests.desk.seed import add, write_config
from tests.helpers import run_cli

Login = Callable[[str], Awaitable[Desk]]
EMPTY = "The text is empty"


def _malformed(store: Store, mention_id: int) -> None:
    """A reading no version of mentiondesk writes: turning it into a Label is a ValueError."""
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(READING).where(READING.c.mention_id == mention_id).values(label="bogus")
        )


def _untouched(store: Store, draft: int) -> None:
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(DRAFT.c.status).where(DRAFT.c.id == draft)) == "pending"
        assert conn.scalar(sa.select(sa.func.count()).select_from(OUTBOX)) == 0


@pytest.mark.parametrize("form", ["approve", "reply"])
async def test_a_malformed_stored_mention_is_no_empty_reply(
    as_role: Login, store: Store, caplog: pytest.LogCaptureFixture, form: str
) -> None:
    caplog.set_level(logging.ERROR, logger="mentiondesk")
    mention, case, draft = add(store, "Parcel lost", draft="Sorry!", draft_kind="public")
    assert case and draft
    _malformed(store, mention)
    desk = await as_role("agent")
    back, text = f"/cases/{case}", "We are on it, sorry!"
    if form == "approve":
        response = await desk.post(f"/drafts/{draft}/approve", text=text, back=back)
    else:
        path = f"/mentions/{mention}/reply"
        response = await desk.post(path, kind="public", text=text, seen="0", back=back)
    assert response.status == 500
    assert EMPTY not in await response.text()  # type: ignore[attr-defined]
    assert any(r.exc_info and r.exc_info[0] is ValueError for r in caplog.records)
    _untouched(store, draft)


@pytest.mark.parametrize("form", ["approve", "save"])
async def test_an_empty_text_is_still_refused_as_empty(
    as_role: Login, store: Store, form: str
) -> None:
    _, case, draft = add(store, "Parcel lost", draft="Sorry!", draft_kind="public")
    assert case and draft
    desk = await as_role("agent")
    page = await desk.refused(f"/drafts/{draft}/{form}", text=" \n ", back=f"/cases/{case}")
    assert EMPTY in await page.text()
    _untouched(store, draft)


def test_check_approval_tells_an_empty_text_from_a_malformed_mention(store: Store) -> None:
    mention, _, draft = add(store, "Parcel lost", draft="Sorry!", draft_kind="public")
    assert draft
    with pytest.raises(queue.EmptyReply):
        queue.check_approval(store, draft, text="  ")
    _malformed(store, mention)
    with pytest.raises(ValueError, match="bogus") as raised:
        queue.check_approval(store, draft, text="Sorry!")
    assert not isinstance(raised.value, queue.EmptyReply)


def test_the_cli_says_a_refusal_and_lets_a_bug_through(
    tmp_path: Path, db_url: str, store: Store
) -> None:
    config_path = write_config(tmp_path, db_url)  # the desk's, as the store fixture's
    mention, _, draft = add(store, "Parcel lost", draft="Sorry!", draft_kind="public")
    assert draft
    code, output = run_cli(config_path, "drafts", "approve", str(draft), "--no-send", "--text", " ")
    assert code == 1 and "the reply text is empty" in output
    _malformed(store, mention)
    code, output = run_cli(config_path, "drafts", "approve", str(draft), "--no-send")
    assert code == 1 and "bogus" not in output  # a traceback, not a refusal in red
    code, output = run_cli(config_path, "cases", "close", "MD-x")
    assert code == 2 and "is not a case number" in output  # still a refusal (a usage error)
    _untouched(store, draft)
