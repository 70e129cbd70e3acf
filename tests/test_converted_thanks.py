"""Praise in a followers-only Mastodon post from an author whose complaint is open: the praise
withdraws the waiting apology, and the thank-you, drafted as the private message it is sent
as, waits in its place, so the case keeps one private message for a person to approve."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.cases import withdrawn_for_praise
from mentiondesk.models import Author, Mention
from mentiondesk.pipeline import App
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT
from tests.helpers import COMPLAINT, config_for, mention, table_rows
from tests.test_pipeline import recorders

THANKS = "@lumora it arrived today, thank you so much, wonderful!"
ASKING = "@lumora thanks! any news on when it ships?"  # kind words, but a question: no praise
# The shipped rules, plus a public reply to a question, drafted privately on a private post.
ACK = """
[[rules]]
name = "complaint"
when = { label = ["negative"] }
actions = [{ type = "open_case" }, { type = "draft_private", template = "complaint_dm" }]

[[rules]]
name = "thanks"
when = { label = ["positive"] }
actions = [{ type = "draft_public", template = "thank_you" }]
"""


def _complaint() -> Mention:
    return mention(1, COMPLAINT, platform="mastodon")


def _other() -> Author:
    return Author(id="b", handle="h_b", name="Bia")


def _followers_only(n: int, text: str) -> Mention:
    return replace(mention(n, text, platform="mastodon"), visibility="private")


async def _run(tmp_path: Path, db_url: str, mentions: list[Mention], **kw: Any) -> None:
    """One pass of the pipeline over `mentions` (the store keeps what earlier passes did)."""
    config = config_for(tmp_path, db_url, mentions, **kw)
    app = App(config, responders=recorders())
    async with app:
        await app.run_once()


def _drafts(db_url: str) -> list[tuple[Any, ...]]:
    query = sa.select(DRAFT.c.mention_id, DRAFT.c.case_id, DRAFT.c.kind, DRAFT.c.status)
    return table_rows(db_url, query.add_columns(DRAFT.c.decided_by).order_by(DRAFT.c.id))


def _praise_answered(rows: list[tuple[Any, ...]]) -> None:
    """The apology withdrawn naming the praise; the private thank-you waits in the case."""
    apology, thanks = rows
    assert apology[:4] == (1, 1, "private", "withdrawn") and withdrawn_for_praise(apology[4]) == 2
    assert thanks[:4] == (2, 1, "private", "pending")


async def test_followers_only_praise_gets_its_thank_you_in_place_of_the_apology(
    tmp_path: Path, db_url: str
) -> None:
    await _run(tmp_path, db_url, [_complaint()])
    await _run(tmp_path, db_url, [_complaint(), _followers_only(2, THANKS)])
    _praise_answered(_drafts(db_url))


async def test_a_complaint_and_followers_only_praise_in_one_pass(
    tmp_path: Path, db_url: str
) -> None:
    await _run(tmp_path, db_url, [_complaint(), _followers_only(2, THANKS)])
    _praise_answered(_drafts(db_url))


async def test_only_praise_makes_room_for_the_private_reply(tmp_path: Path, db_url: str) -> None:
    (tmp_path / "ack.toml").write_text(ACK)
    extra = '\n[playbooks]\npaths = ["ack.toml"]\n'
    first = [_complaint(), replace(_complaint(), external_id="m2", author=_other())]
    await _run(tmp_path, db_url, first, extra=extra)
    asking = replace(_followers_only(4, ASKING), author=_other())
    await _run(tmp_path, db_url, [*first, _followers_only(3, THANKS), asking], extra=extra)
    assert [r[:4] for r in _drafts(db_url)] == [
        (1, 1, "private", "withdrawn"),  # author a's praise withdrew it
        (2, 2, "private", "pending"),  # author b asked a question: their apology still waits
        (3, 1, "private", "pending"),  # and no reply to the question beside it
    ]


async def test_restoring_the_apology_while_the_thank_you_waits_is_refused(
    tmp_path: Path, db_url: str
) -> None:
    await _run(tmp_path, db_url, [_complaint(), _followers_only(2, THANKS)])
    store = Store(db_url)
    try:
        with pytest.raises(queue.DmWaits, match="draft 2, a private message to the author"):
            queue.restore_draft(store, 1, by="ana")
        queue.reject_draft(store, 2, by="ana")  # the agent chooses the apology instead
        queue.restore_draft(store, 1, by="ana")
    finally:
        store.engine.dispose()
    assert [r[3] for r in _drafts(db_url)] == ["pending", "rejected"]
