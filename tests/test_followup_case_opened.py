"""A playbook tells a follow-up by the author's open case, however many posts ago it opened.

A Brazilian shop's rule "a customer who complains again while their case is open goes to the
help desk" (`follow_up = true`) must fire for the complaint seven posts after the case opened,
and must not fire for a customer whose only case was closed: their complaint opens a new case.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import sqlalchemy as sa

from mentiondesk.case_history import with_joined_cases
from mentiondesk.models import History, Mention
from mentiondesk.pipeline import App
from mentiondesk.store import Store
from mentiondesk.tables import CASE, FOLLOW_UP, OUTBOX
from tests.helpers import COMPLAINT, config_for, mention, table_rows
from tests.test_pipeline import Recorder

_RULES = """
[[rules]]
name = "repeat-complaint"
description = "A customer who complains again while their case is open: straight to the help desk."
when = { label = ["negative"], follow_up = true }
actions = [{ type = "escalate" }]

[[rules]]
name = "complaint"
when = { label = ["negative"] }
actions = [{ type = "open_case" }, { type = "alert" }]
"""
# Seven posts after the complaint that opened the case: questions and news, all joining it
# (the tests' classifier reads English; none of these is a complaint to it).
_SINCE = [
    "@lumora any news on my order?",
    "@lumora alguma novidade do meu pedido?",
    "@lumora mandei o número do pedido por DM",
    "@lumora tracking says it left for delivery",
    "@lumora are you open on Saturday?",
    "@lumora the order is 12345",
    "@lumora can someone look at this?",
]


async def _run(tmp_path: Path, db_url: str, mentions: list[Mention], rules: str = _RULES) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(rules, encoding="utf-8")
    extra = f'\n[playbooks]\npaths = ["{path}"]\n'
    app = App(
        config_for(tmp_path, db_url, mentions, extra=extra),
        responders={"console": Recorder("console"), "cases": Recorder("cases")},
    )
    async with app:
        await app.run_once()


def _tickets(db_url: str) -> list[tuple[str, int]]:
    """(the post it was filed for, its case) of each help-desk ticket queued."""
    query = sa.select(OUTBOX.c.payload, OUTBOX.c.case_id).where(OUTBOX.c.kind == "ticket")
    rows = table_rows(db_url, query)
    return [(json.loads(p)["context"]["mention"]["external_id"], case) for p, case in rows]


async def test_a_complaint_seven_posts_after_the_case_opened_is_its_follow_up(
    tmp_path: Path, db_url: str
) -> None:
    first = [mention(1, COMPLAINT), *(mention(n, t) for n, t in enumerate(_SINCE, 2))]
    await _run(tmp_path, db_url, first)
    assert table_rows(db_url, sa.select(CASE.c.id)) == [(1,)]
    assert _tickets(db_url) == []  # nobody complained again yet

    await _run(tmp_path, db_url, [*first, mention(9, COMPLAINT)])
    assert table_rows(db_url, sa.select(CASE.c.id)) == [(1,)]  # no second case
    joined = sa.select(FOLLOW_UP.c.mention_id).where(FOLLOW_UP.c.case_id == 1)
    assert len(table_rows(db_url, joined)) == 8  # the seven posts, then the complaint
    assert _tickets(db_url) == [("m9", 1)]  # the rule saw the follow-up of MD-000001


async def test_a_customer_whose_only_case_is_closed_gets_a_new_case(
    tmp_path: Path, db_url: str
) -> None:
    await _run(tmp_path, db_url, [mention(1, COMPLAINT)])
    store = Store(db_url)
    with store.engine.begin() as conn:
        conn.execute(sa.update(CASE).values(status="closed"))
    store.engine.dispose()

    await _run(tmp_path, db_url, [mention(1, COMPLAINT), mention(2, COMPLAINT)])
    assert table_rows(db_url, sa.select(CASE.c.id, CASE.c.mention_id)) == [(1, 1), (2, 2)]
    assert table_rows(db_url, sa.select(FOLLOW_UP.c.id)) == []
    assert _tickets(db_url) == []  # a new case, not a repeat of the closed one


async def test_spam_from_an_author_with_an_open_case_is_no_follow_up(
    tmp_path: Path, db_url: str
) -> None:
    # Spam joins no case (cases.follows_up): a `follow_up = true` rule must not see one.
    rules = _RULES.replace('label = ["negative"], follow_up = true', "follow_up = true")
    spam = "@lumora FREE crypto airdrop giveaway, claim your tokens now at bit.ly/x"
    await _run(tmp_path, db_url, [mention(1, COMPLAINT), mention(2, spam)], rules)
    assert table_rows(db_url, sa.select(FOLLOW_UP.c.id)) == []
    assert _tickets(db_url) == []


async def test_a_follow_up_edited_into_a_complaint_is_read_again_as_one(
    tmp_path: Path, db_url: str
) -> None:
    # "any news?" joined the case; edited into a complaint, it is decided again as the
    # follow-up it was when it came in (edited_reread), and the rule files its ticket.
    first = [mention(1, COMPLAINT), mention(2, "@lumora any news on my order?")]
    await _run(tmp_path, db_url, first)
    assert _tickets(db_url) == []
    edited = replace(first[1], text=COMPLAINT, edit_id="2002", url="https://example.test/2002")
    await _run(tmp_path, db_url, [*first, edited])
    assert _tickets(db_url) == [("m2", 1)]


async def test_the_context_carries_the_open_case_and_when_it_opened(
    tmp_path: Path, db_url: str
) -> None:
    await _run(tmp_path, db_url, [mention(1, COMPLAINT), mention(2, COMPLAINT, author="b")])
    store = Store(db_url)
    with store.engine.begin() as conn:
        conn.execute(sa.update(CASE).where(CASE.c.id == 2).values(status="closed"))
    with store.engine.connect() as conn:
        (opened,) = conn.execute(sa.select(CASE.c.opened_at).where(CASE.c.id == 1)).one()
        authors = dict(conn.execute(sa.select(CASE.c.id, CASE.c.author_id)).all())
        found = with_joined_cases(conn, {authors[1]: History(), authors[2]: History()})
    store.engine.dispose()
    assert found[authors[1]].joins_case == "MD-000001"
    assert found[authors[1]].joins_case_opened_at == opened
    assert found[authors[2]] == History()  # closed: nothing to follow up
