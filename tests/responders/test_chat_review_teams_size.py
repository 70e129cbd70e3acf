"""A Teams card is refused over 28 KB (a connector answers 413 inside its 200; a Workflows
flow fails after its 202 and the alert is lost): a long mention in a script JSON escapes
(each emoji twelve bytes as sent) is cut to fit instead."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mentiondesk.models import OutboxAction
from responders.teams import TeamsResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.responders._data import action

ANGRY = ("não chegou " + "😡" * 10 + " ") * 130  # 2860 characters, 1300 of them emoji
JAPANESE = "注文した商品がまだ届いていません。" * 180  # 3060 characters, six bytes each escaped


def long_alert() -> OutboxAction:
    alert = action(ANGRY)
    return replace(alert, context=replace(alert.context, draft_text=JAPANESE))


def long_digest() -> OutboxAction:
    lines = [f"• @angry_ann (X, Português): {'😡' * 139}…" for _ in range(20)]
    text = "\n".join(["reclamacoes: 30 menções na última 60 min", *lines, "… e mais 10"])
    return replace(action(), key="digest:reclamacoes:1:chat", text=text, extra={"digest": 30})


@pytest.mark.parametrize("alert", [long_alert, long_digest])
@pytest.mark.parametrize("path", [webhooks.TEAMS_CONNECTOR, webhooks.TEAMS])
async def test_a_long_card_is_cut_to_what_teams_takes(
    hooks: FakeAPI, path: str, alert: object
) -> None:
    sink = TeamsResponder("teams", url=hooks.base_url + path)
    try:
        receipt = await sink.deliver(alert())  # type: ignore[operator]
    finally:
        await sink.close()
    assert receipt.detail == "posted to teams"
    call = hooks.calls(path)[0]
    assert len(call.body) <= webhooks.TEAMS_LIMIT


def _texts(body: dict[str, object]) -> list[str]:
    card = body["attachments"][0]["content"]  # type: ignore[index]
    return [run["text"] for block in card["body"] for run in block.get("inlines", [])]


def test_a_card_that_fits_is_unchanged() -> None:
    sink = TeamsResponder("teams", url="https://example.invalid/hook")
    texts = _texts(sink.body(action("Não chegou 📦 " * 200)))
    assert ("Não chegou 📦 " * 200).strip() in [t.strip() for t in texts]


def test_only_the_longest_runs_are_cut_alike() -> None:
    sink = TeamsResponder("teams", url="https://example.invalid/hook")
    texts = _texts(sink.body(long_alert()))
    assert " @angry_ann" in texts and "MD-000007" in texts  # the short runs whole
    mention = next(t for t in texts if t.startswith("não chegou"))
    draft = next(t for t in texts if t.startswith("注文"))
    assert mention.endswith("…") and draft.endswith("…") and len(mention) == len(draft)
    lines = _texts(sink.body(long_digest()))[1:-1]
    assert len(set(lines)) == 1 and lines[0].endswith("…")  # every line cut, none dropped
