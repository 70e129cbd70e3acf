"""`authors forget` and the Slack cards already posted about the author: each one is rewritten
(chat.update, through the outbox: retried while Slack is down, once) to show an erased
author, no link, no words of theirs, no buttons; a later update of the card (the settle pass,
a click) never brings them back. Real slack_sdk against the fake Slack, on both backends."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk.alert_wording import wording_for
from mentiondesk.config import AlertRoute, Config, load_config
from mentiondesk.digest import summary
from mentiondesk.erasure import erase
from mentiondesk.erasure_copies import described
from mentiondesk.models import Author, CaseContext, Mention, OutboxAction
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.slack_updates import CardUpdates
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from responders.slack import SlackResponder
from tests.desk.seed import write_config
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import Seeded, mention, reading, seed
from tests.slack_cards_helpers import post_card, slack_on

# What of Ann the card showed: handle, name, the link to her post, her words.
HERS = ("angry_ann", "Ann", "x.com/", "evil.example", "buy")


def shows_her(blocks: list[dict[str, Any]]) -> list[str]:
    said = json.dumps(blocks)
    return [h for h in HERS if h in said]


def config_for(tmp_path: Path, db_url: str) -> Config:
    return load_config(write_config(tmp_path, db_url))


async def drain(store: Store, slack: SlackResponder, config: Config) -> int:
    """A worker as `run` starts one (a fresh one each time: after a restart)."""
    worker = OutboxWorker(store, {"slack": slack}, config.settings.outbox)
    return await worker.drain()


def due_now(store: Store) -> None:
    """The rewrite's retry made due (the outbox waits a while after a 503)."""
    with store.engine.begin() as conn:
        past = datetime.now(UTC) - timedelta(minutes=1)
        conn.execute(
            sa.update(OUTBOX).where(OUTBOX.c.status == "pending").values(next_attempt_at=past)
        )


async def posted(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> tuple[SlackFake, SlackResponder, Config, Seeded, str]:
    config = config_for(tmp_path, db_url)
    seeded = seed(store)  # Ann's complaint, a case, a pending DM draft, an alert to "slack"
    fake = SlackFake(fake_api)
    slack = slack_on(fake)
    ts = await post_card(store, slack, config, fake)
    assert set(shows_her(fake.messages[ts]["blocks"])) == set(HERS)
    return fake, slack, config, seeded, ts


async def test_forget_rewrites_her_card_once_even_after_slack_was_down(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    fake, slack, config, _, ts = await posted(fake_api, tmp_path, store, db_url)
    erasure = erase(store, "x", "angry_ann", by="dpo")
    assert erasure.elsewhere.rewritten == (("slack", 1),)
    assert described(erasure.elsewhere, {"slack": "slack"}) == [
        "In Slack, the outbox rewrites 1 card about them in slack to show an erased author: "
        "no link, no words of theirs."
    ]
    fake_api.queue("POST", "/api/chat.update", 503)  # Slack down at the first try
    assert await drain(store, slack, config) == 0
    assert set(shows_her(fake.messages[ts]["blocks"])) == set(HERS)
    due_now(store)
    assert await drain(store, slack, config) == 1  # a new worker: kept across a restart
    card = fake.messages[ts]
    assert shows_her(card["blocks"]) == [] and "angry_ann" not in card["text"]
    said = json.dumps(card["blocks"])
    assert "*erased author*" in said and ">_(erased on request)_" in said
    assert not [b for b in card["blocks"] if b.get("type") == "actions"]  # the case is gone
    assert card["text"] == "MD-000001: negative mention by an erased author"
    updates = len(fake_api.calls("/api/chat.update"))
    due_now(store)
    assert await drain(store, slack, config) == 0  # once
    assert len(fake_api.calls("/api/chat.update")) == updates


async def test_a_later_card_update_does_not_bring_her_back(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    """Slack still shows the card as posted (its rewrite waits in the outbox): the settle
    pass's update, made from the card read back, writes the erased form, not hers again."""
    fake, slack, _, seeded, ts = await posted(fake_api, tmp_path, store, db_url)
    erase(store, "x", "angry_ann", by="dpo")
    updates = CardUpdates(store, ticket_target=None, now=lambda: datetime.now(UTC))
    ids = {"case": seeded.number, "draft": seeded.draft_id}
    await updates.settle(slack, "C0TEAM", ts, ids)
    assert shows_her(fake.messages[ts]["blocks"]) == []
    assert "angry_ann" not in fake.messages[ts]["text"]


# The card in each variant's words for the act, as the desk's Privacy log says it: LGPD's
# "eliminação" (never "apagado") in Brazil, RGPD's "apagamento" in Portugal.
TEAMS = [
    ("pt-BR", "perfil eliminado", "(eliminado a pedido do titular)", "apag"),
    ("pt-PT", "perfil apagado", "(apagado a pedido do titular)", "elimin"),
]


@pytest.mark.parametrize(("lang", "who", "why", "never"), TEAMS, ids=["pt-BR", "pt-PT"])
async def test_in_the_teams_language(
    fake_api: FakeAPI,
    tmp_path: Path,
    store: Store,
    db_url: str,
    lang: str,
    who: str,
    why: str,
    never: str,
) -> None:
    fake, slack, config, _, ts = await posted(fake_api, tmp_path, store, db_url)
    slack.wording = wording_for(lang, "UTC")
    erase(store, "x", "angry_ann", by="dpo")
    assert await drain(store, slack, config) == 1
    card = fake.messages[ts]
    said = json.dumps(card["blocks"], ensure_ascii=False)
    assert f"*{who}*" in said and f">_{why}_" in said
    assert card["text"] == f"MD-000001: menção de {who} (Reclamação)"
    assert never not in said + card["text"]
    assert shows_her(card["blocks"]) == []


async def test_a_card_deleted_in_slack_meanwhile_is_done(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    fake, slack, config, _, ts = await posted(fake_api, tmp_path, store, db_url)
    del fake.messages[ts]
    erase(store, "x", "angry_ann", by="dpo")
    assert await drain(store, slack, config) == 1
    with store.engine.connect() as conn:
        assert conn.scalars(
            sa.select(OUTBOX.c.status).where(OUTBOX.c.kind == "erase_card")
        ).all() == ["done"]


async def test_a_digest_with_her_line_keeps_the_others(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    """A digest posted to Slack loses her line ("• erased author", as the stored digest's
    "• (erased on request)" is shown), not Bob's; her case card is rewritten too."""
    fake, slack, config, _, card = await posted(fake_api, tmp_path, store, db_url)
    hers, bob = CaseContext(mention=mention(), reading=reading()), _bob()
    text = summary(AlertRoute(name="complaints", to=["slack"]), [hers, bob], timedelta(hours=1))
    assert "• @angry_ann (x, en)" in text
    key = "digest:complaints:1-20261109T120000000000:slack"
    action = OutboxAction(key, "alert", "slack", hers, text=text, extra={"digest": 2})
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX).values(outbox_row(action, None, datetime.now(UTC))))
    assert await drain(store, slack, config) == 1
    [ts] = [t for t in fake.messages if t != card]
    assert erase(store, "x", "angry_ann", by="dpo").elsewhere.rewritten == (("slack", 2),)
    assert await drain(store, slack, config) == 2
    lines = fake.messages[ts]["blocks"][0]["text"]["text"].split("\n")
    assert "• erased author" in lines and any(ln.startswith("• @bob_b (x, en)") for ln in lines)
    assert shows_her(fake.messages[ts]["blocks"]) == []
    assert shows_her(fake.messages[card]["blocks"]) == []


def _bob() -> CaseContext:
    post = Mention("x", "b9", Author(id="b1", handle="bob_b"), "late again", datetime.now(UTC))
    return CaseContext(mention=post, reading=reading())
