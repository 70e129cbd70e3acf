"""Clicks on a card this version cannot read back (a broken button value, an older payload
without the card, an Edit dialog's lost metadata): the clicker is told so, nothing changes,
and nothing is only logged. Real slack_sdk against the fake Slack API; signed requests."""

from __future__ import annotations

import json
import logging
from urllib.parse import urlencode

import pytest

from mentiondesk.alert_wording import wording_for
from mentiondesk.slack_refusals import UNREADABLE
from tests.responders.test_slack_actions import Desk, click, draft_status, send
from tests.responders.test_slack_actions import desk as desk  # the fixture, re-exported
from tests.responders.test_slack_edit import submit

SAID = f"Could not approve: {UNREADABLE}"


def told(d: Desk) -> list[str]:
    return [c.json()["text"] for c in d.slack.api.calls("/api/chat.postEphemeral")]


def pressed_with(d: Desk, value: str | None, action_id: str = "approve") -> dict[str, object]:
    payload = click(d, action_id)
    [button] = payload["actions"]  # type: ignore[misc]
    payload["actions"] = [{**button, "value": value}]
    return payload


@pytest.mark.parametrize(
    "value",
    [
        "{not json",
        "[1, 2]",
        "12",
        '{"case": "MD-000001"}',
        '{"case": "MD-000001", "draft": null}',
        '{"case": "MD-000001", "draft": "abc"}',
        '{"case": "MD-000001", "draft": 99999999999}',
        None,
    ],
)
async def test_a_button_whose_value_cannot_be_read_says_so(
    desk: Desk, value: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        assert await send(desk, pressed_with(desk, value)) == 200
    assert told(desk) == [SAID]
    assert draft_status(desk) == "pending"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_assign_on_a_card_without_a_case_number_says_so(desk: Desk) -> None:
    value = json.dumps({"case": None, "draft": desk.seeded.draft_id})
    assert await send(desk, pressed_with(desk, value, "assign")) == 200
    assert told(desk) == [f"Could not assign: {UNREADABLE}"]


async def test_a_portuguese_card_says_it_in_portuguese(desk: Desk) -> None:
    desk.actions.slacks[0].wording = wording_for("pt-BR", "UTC")
    assert await send(desk, pressed_with(desk, "{oops")) == 200
    assert told(desk) == [
        "Não foi possível aprovar: não foi possível ler este cartão: nada foi alterado"
    ]


async def test_a_click_sent_without_the_card_still_acts(desk: Desk) -> None:
    """An older payload shape, without `message`: the card is read back from the channel."""
    payload = click(desk, "assign")
    del payload["message"]
    assert await send(desk, payload) == 200
    said = json.dumps(desk.slack.messages[desk.ts]["blocks"])
    assert "Assigned by <@U42ANN>" in said


async def test_a_deleted_draft_is_said_plainly(desk: Desk) -> None:
    value = json.dumps({"case": desk.seeded.number, "draft": 424242})
    assert await send(desk, pressed_with(desk, value)) == 200
    assert told(desk) == ["Could not approve: no draft 424242"]


@pytest.mark.parametrize("meta", ["{lost", '{"draft": "x", "channel": "C0TEAM", "ts": "1.2"}'])
async def test_an_edit_dialog_whose_card_cannot_be_read_stays_open_saying_so(
    desk: Desk, meta: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        status, body = await submit(desk, "Sorry Ann, DM us", meta=meta)
    assert status == 200
    assert json.loads(body) == {"response_action": "errors", "errors": {"reply": f"{SAID}."}}
    assert draft_status(desk) == "pending"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("payload", ["[1]", '"text"', "null"])
async def test_a_signed_payload_that_is_not_an_object_is_refused_plainly(
    desk: Desk, payload: str
) -> None:
    assert await send(desk, {}, body=urlencode({"payload": payload}).encode()) == 400
    assert draft_status(desk) == "pending"
