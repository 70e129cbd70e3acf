"""Slack's card for an erased author (`authors forget`, LGPD/GDPR): the author line says
"erased author" ("perfil eliminado" in pt-BR, "perfil apagado" in pt-PT), as Mattermost,
Discord, Teams and the notification text say it, with no link (it read `*<url|>*`: a
label-less link to the post, whose URL names them) and no "0 followers". So too on the card
edited after a decision (chat.update) and made again with a draft edited on the desk; a
digest's erased line is said in the team's words. Through the real slack_sdk client to the
fake Slack Web API."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.alert_wording import wording_for
from mentiondesk.erasure_payloads import ERASED, blank_context
from mentiondesk.models import ENGLISH, CaseContext, OutboxAction, Wording
from mentiondesk.outbox_payload import action_from_payload
from mentiondesk.slack_card import CardState
from mentiondesk.slack_desk_edits import rewritten
from mentiondesk.tables import OUTBOX
from responders._chat_author import ERASED_LINE
from responders.slack_blocks import decided_blocks
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import action
from tests.responders.slack_helpers import slack_responder
from tests.test_forget_digest import _forget_ana, _rename_ana
from tests.test_retention_digest import _connect, _rows, desk

__all__ = ["desk"]  # the fixture: Ana's complaints collected for a digest

BR, PT = wording_for("pt-BR", "UTC"), wording_for("pt-PT", "UTC")
WORDINGS = [(ENGLISH, "erased author"), (BR, "perfil eliminado"), (PT, "perfil apagado")]
WHEN = datetime(2026, 12, 6, 14, 0, tzinfo=UTC)


def _erased(*, keep_url: bool) -> OutboxAction:
    """An alert about an X post as erasure leaves its copy of the case (blank_context); with
    `keep_url`, as a queued alert's was: handle and name blanked, the post's URL still there."""
    alert = action()
    if keep_url:
        m = alert.context.mention
        m = replace(m, author=replace(m.author, handle="", name="", followers=0))
        return replace(alert, context=replace(alert.context, mention=m))
    context = CaseContext.from_dict(blank_context(alert.context.to_dict()))
    return replace(alert, context=replace(context, draft_text="Sorry, DM us"))


@pytest.fixture
def fake(fake_api: FakeAPI) -> SlackFake:
    return SlackFake(fake_api)


def _author(blocks: list[dict[str, object]]) -> str:
    first = blocks[0]["text"]
    assert isinstance(first, dict)
    text: str = first["text"]
    return text


@pytest.mark.parametrize("keep_url", [True, False], ids=["queued", "delivered-blanked"])
@pytest.mark.parametrize(("wording", "erased"), WORDINGS, ids=["en", "pt-BR", "pt-PT"])
async def test_the_card_names_an_erased_author_unlinked(
    fake: SlackFake, wording: Wording, erased: str, keep_url: bool
) -> None:
    slack = slack_responder(fake, wording)
    await slack.deliver(_erased(keep_url=keep_url))
    [body] = fake.posted()
    line = _author(body["blocks"])
    assert line == f"*MD-000007* · *{erased}*"  # was "*<https://x.com/angry_ann/…|>*"
    wire = json.dumps(body["blocks"])
    assert "x.com" not in wire and "angry_ann" not in wire
    assert "followers" not in line and "seguidores" not in line
    assert erased in body["text"]  # the notification names them alike
    # After a decision the same card goes back (chat.update): still unlinked, still in words.
    [ts] = fake.messages
    card = fake.messages[ts]["blocks"]
    new = decided_blocks(card, verb="Rejected", pressed="reject", user="U1", when=WHEN)
    await slack.update("C0TEAM", ts, blocks=new, text="Rejected")
    assert _author(fake.messages[ts]["blocks"]) == f"*MD-000007* · *{erased}*"


@pytest.mark.parametrize(("wording", "erased"), WORDINGS, ids=["en", "pt-BR", "pt-PT"])
def test_a_card_made_again_for_a_desk_edit_too(wording: Wording, erased: str) -> None:
    alert = _erased(keep_url=True)
    new = rewritten([], alert, "Short now.", CardState(), when=WHEN, wording=wording)
    assert _author(new) == f"*MD-000007* · *{erased}*"
    assert "x.com" not in json.dumps(new)


def test_the_digest_marker_is_the_one_erasure_writes() -> None:
    assert f"• {ERASED}" == ERASED_LINE


@pytest.mark.parametrize(("wording", "erased"), WORDINGS, ids=["en", "pt-BR", "pt-PT"])
async def test_a_digest_names_an_erased_author_in_words(
    desk: Path, db_url: str, fake: SlackFake, wording: Wording, erased: str
) -> None:
    """A digest queued for Slack, then `authors forget` for one of its authors: the Slack
    message says "• perfil eliminado" for a pt-BR team, not the stored "(erased on request)"."""
    lines = ["complaints: 2 mentions", "• @h_a1 (x, en): my parcel is lost", "• @h_b (x, en): ok"]
    key = "digest:complaints:9:slack"
    row = {"key": key, "kind": "alert", "target": "slack", "status": "pending"}
    payload = {"key": key, "kind": "alert", "target": "slack", "text": "\n".join(lines)}
    payload["extra"] = {"digest": 2}  # as digest.flush_due writes it
    payload["context"] = action().context.to_dict()  # another's alert heads it
    with _connect(db_url) as conn:
        conn.execute(sa.insert(OUTBOX).values({**row, "payload": json.dumps(payload)}))
    _rename_ana(db_url)
    _forget_ana(desk)
    ((stored,),) = _rows(db_url, sa.select(OUTBOX.c.payload).where(OUTBOX.c.key == key))
    await slack_responder(fake, wording).deliver(action_from_payload(stored, 0))
    [body] = fake.posted()
    shown = _author(body["blocks"]).split("\n")
    assert shown == [lines[0], f"• {erased}", lines[2]]
    assert body["text"] == lines[0]  # the notification: the digest's head, as before
