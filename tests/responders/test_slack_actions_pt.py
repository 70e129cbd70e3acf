"""A Portuguese team's Slack card after a click (`[routing] language = "pt-BR"`): the line
saying who did what, when, in the desk's zone; what the buttons send back is unchanged."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from mentiondesk.alert_wording import wording_for
from tests.fakes._base import FakeAPI
from tests.responders.test_slack_actions import (
    Desk,
    click,
    draft_status,
    open_desk,
    send,
    set_draft,
)
from tests.responders.test_slack_edit import approve_on_card


@pytest.fixture
async def desk(fake_api: FakeAPI, tmp_path: Path) -> AsyncIterator[Desk]:
    async with open_desk(fake_api, tmp_path, wording_for("pt-BR", "America/Sao_Paulo")) as d:
        yield d


async def test_approve_from_a_portuguese_card(desk: Desk) -> None:
    assert await send(desk, click(desk, "approve")) == 200
    assert draft_status(desk) == "approved"  # the English action id did the work
    update = desk.slack.api.calls("/api/chat.update")[0].json()
    said = update["blocks"][-1]["elements"][0]["text"]
    assert said.startswith("Resposta aprovada por <@U42ANN> em ")
    assert said.endswith(" UTC\u22123")  # [desk]-style zone: São Paulo
    assert update["text"] == "Resposta aprovada"
    buttons = update["blocks"][-2]["elements"]
    assert [(b["action_id"], b["text"]["text"]) for b in buttons] == [
        ("assign", "Assumir"),
        ("escalate", "Encaminhar"),
    ]


async def test_escalate_from_a_portuguese_card(desk: Desk) -> None:
    assert await send(desk, click(desk, "escalate")) == 200
    update = desk.slack.api.calls("/api/chat.update")[0].json()
    said = json.dumps(update["blocks"][-1], ensure_ascii=False)
    assert "Encaminhado ao help desk (cases) por <@U42ANN>" in said


async def test_a_refused_click_is_told_in_portuguese(desk: Desk) -> None:
    """Why a click did nothing, said to the clicker alone, in the card's language: not the
    English of the refusal's exception inside a Portuguese sentence."""
    assert await send(desk, click(desk, "escalate")) == 200
    assert await send(desk, click(desk, "escalate")) == 200  # a second card, or a colleague
    set_draft(desk, "Oi Ann, reembolso enviado!")  # edited on the desk after the card
    assert await send(desk, approve_on_card(desk, "Sorry, DM us")) == 200  # as the card shows
    assert draft_status(desk) == "pending"
    told = [c.json()["text"] for c in desk.slack.api.calls("/api/chat.postEphemeral")]
    assert told == [
        "Não foi possível encaminhar: este caso já tinha sido encaminhado: nada de novo foi "
        "enviado ao help desk",
        "Não foi possível aprovar: alguém editou este rascunho depois que este cartão foi "
        "publicado: nada foi enviado nem rejeitado. Clique em *Editar* para ler o texto atual, "
        "ou abra o caso no atendimento",
    ]
