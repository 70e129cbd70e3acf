"""A question or plain news from an author whose case is open joins the case: the person
answering it sees it there, with no draft or alert of its own unless a rule asks for one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk import queue, queue_views
from mentiondesk.models import Mention
from mentiondesk.pipeline import App
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT, FOLLOW_UP, OUTBOX
from mentiondesk.web.data_queue import Filters, load_queue
from tests.helpers import COMPLAINT, config_for, mention, resolve_every_case, table_rows
from tests.test_follow_ups import ANGRY
from tests.test_pipeline import Recorder

SENT_BY_DM = "@lumora já mandei o número do pedido por DM"  # neutral, not a question
SPAM = "@lumora giveaway in my bio"
# Spam that reads as praise: it must not pass for "the problem is solved".
GLOWING_SPAM = "@lumora amazing! I love this free crypto airdrop, best gift ever, thank you!"
# No rule for questions: a team's own playbook, where "any news?" matches nothing.
COMPLAINTS_ONLY = """
[[rules]]
name = "complaint"
when = { label = ["negative"] }
actions = [
  { type = "open_case" },
  { type = "alert" },
  { type = "draft_private", template = "complaint_dm" },
]
"""
EXTRA = '\n[playbooks]\npaths = ["rules.toml"]\n'


async def _run(
    tmp_path: Path, db_url: str, mentions: list[Mention], **kw: Any
) -> tuple[Recorder, Recorder]:
    """One pass of the pipeline (the store keeps earlier passes); the chat's and help desk's."""
    chat, desk = Recorder("console"), Recorder("cases")
    app = App(
        config_for(tmp_path, db_url, mentions, **kw), responders={"console": chat, "cases": desk}
    )
    async with app:
        await app.run_once()
    return chat, desk


def _follow_ups(db_url: str) -> list[tuple[Any, ...]]:
    return table_rows(db_url, sa.select(FOLLOW_UP.c.case_id, FOLLOW_UP.c.mention_id))


@pytest.mark.parametrize(
    "text",
    ["@lumora any news on my order?", "@lumora alguma novidade sobre meu pedido?", SENT_BY_DM],
)
async def test_a_neutral_post_joins_the_open_case_with_no_draft_or_alert(
    tmp_path: Path, db_url: str, text: str
) -> None:
    (tmp_path / "rules.toml").write_text(COMPLAINTS_ONLY)
    first = [mention(1, COMPLAINT)]
    await _run(tmp_path, db_url, first, extra=EXTRA)
    chat, _ = await _run(tmp_path, db_url, [*first, mention(2, text)], extra=EXTRA)
    assert _follow_ups(db_url) == [(1, 2)]
    assert table_rows(db_url, sa.select(CASE.c.mention_id, CASE.c.status)) == [(1, "open")]
    # The apology still waits (only praise withdraws it); the post is answered in the case.
    drafts = sa.select(DRAFT.c.mention_id, DRAFT.c.status)
    assert table_rows(db_url, drafts) == [(1, "pending")]
    assert chat.delivered == []  # no alert for a rule that did not match
    store = Store(db_url)
    (case,) = queue_views.list_cases(store)
    store.engine.dispose()
    assert (case.number, case.follow_ups) == ("MD-000001", 1)


async def test_the_shipped_playbook_joins_news_too(tmp_path: Path, db_url: str) -> None:
    first = [mention(1, COMPLAINT)]
    await _run(tmp_path, db_url, first)
    chat, _ = await _run(tmp_path, db_url, [*first, mention(2, SENT_BY_DM)])
    assert _follow_ups(db_url) == [(1, 2)]
    assert table_rows(db_url, sa.select(DRAFT.c.mention_id)) == [(1,)]
    assert chat.delivered == []


async def test_a_neutral_post_without_an_open_case_stands_alone(
    tmp_path: Path, db_url: str
) -> None:
    await _run(tmp_path, db_url, [mention(1, COMPLAINT)])
    resolve_every_case(db_url)
    # Ana's case is resolved; b never had one.
    later = [mention(2, SENT_BY_DM), mention(3, SENT_BY_DM, author="b")]
    await _run(tmp_path, db_url, [mention(1, COMPLAINT), *later])
    assert _follow_ups(db_url) == []
    assert table_rows(db_url, sa.select(CASE.c.mention_id)) == [(1,)]  # neither opened one
    assert table_rows(db_url, sa.select(DRAFT.c.mention_id)) == [(1,)]


@pytest.mark.parametrize("text", [SPAM, GLOWING_SPAM])
async def test_spam_from_an_author_with_an_open_case_stands_alone(
    tmp_path: Path, db_url: str, text: str
) -> None:
    first = [mention(1, COMPLAINT)]
    await _run(tmp_path, db_url, first)
    await _run(tmp_path, db_url, [*first, mention(2, text)])
    assert _follow_ups(db_url) == []
    assert table_rows(db_url, sa.select(DRAFT.c.mention_id, DRAFT.c.status)) == [(1, "pending")]


async def test_a_neutral_follow_up_is_added_to_the_case_ticket(tmp_path: Path, db_url: str) -> None:
    first = [mention(1, ANGRY)]  # frustration 3: the shipped rules escalate it
    await _run(tmp_path, db_url, first)
    _, desk = await _run(tmp_path, db_url, [*first, mention(2, SENT_BY_DM)])
    assert [(a.kind, a.context.mention.external_id) for a in desk.delivered] == [("comment", "m2")]
    assert (desk.delivered[0].context.case_number, desk.delivered[0].context.follow_up) == (
        "MD-000001",
        True,
    )
    comments = sa.select(OUTBOX.c.key).where(OUTBOX.c.kind == "comment")
    assert table_rows(db_url, comments) == [("comment:cases:case:MD-000001:x:m2",)]


async def test_asking_for_news_puts_an_answered_case_back_in_needs_a_reply(
    tmp_path: Path, db_url: str
) -> None:
    (tmp_path / "rules.toml").write_text(COMPLAINTS_ONLY)
    first = [mention(1, COMPLAINT)]
    await _run(tmp_path, db_url, first, extra=EXTRA)
    store = Store(db_url)
    try:
        queue.approve_draft(store, 1, by="ana", post_route={"default": "console"})
        await _run(tmp_path, db_url, first, extra=EXTRA)  # sends the reply: the first response
        answered = table_rows(db_url, sa.select(CASE.c.first_response_at))
        assert answered[0][0] is not None
        assert load_queue(store, Filters())[1].total == 0  # answered: nothing needs a reply
        news = mention(2, "@lumora any news on my order?")
        await _run(tmp_path, db_url, [*first, news], extra=EXTRA)
        items, waiting = load_queue(store, Filters())
        assert waiting.total == 1 and [(i.number, i.follow_ups) for i in items] == [
            ("MD-000001", 1)
        ]
        # The author waits again, but the case's first response was still the one sent.
        assert table_rows(db_url, sa.select(CASE.c.first_response_at)) == answered
    finally:
        store.engine.dispose()
