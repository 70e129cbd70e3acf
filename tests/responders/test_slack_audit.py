"""What a Slack card's buttons do is on the case's audit trail, once, under the Slack user's
member ID: a reply posted in the brand's name from Slack can be traced to who approved it.
Through signed requests to POST /slack/actions, then the desk's case page over the same store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp.test_utils import TestClient, TestServer
from argon2 import PasswordHasher

from mentiondesk.config import load_config
from mentiondesk.tables import AUDIT
from mentiondesk.web import create_app, users
from mentiondesk.web.users import Role, add_user
from tests.desk.conftest import Desk as Browser
from tests.desk.seed import PASSWORD
from tests.responders import test_slack_actions as base
from tests.responders.test_slack_actions import Desk, click, send

desk = base.desk  # the same desk: a card posted, /slack/actions mounted, a pending DM draft
ANN = "slack:U42ANN (ann)"  # the member ID acts; the username, which can change, beside it


def trail(d: Desk) -> list[tuple[object, ...]]:
    with d.store.engine.connect() as conn:
        query = sa.select(AUDIT.c.actor, AUDIT.c.action, AUDIT.c.case_id, AUDIT.c.draft_id)
        query = query.where(AUDIT.c.action != "user-add")  # the fixture's own users
        return [tuple(r) for r in conn.execute(query.order_by(AUDIT.c.id))]


async def case_pages(d: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The case's page on the desk, read by a manager, in English and in Portuguese."""
    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    add_user(d.store, "manager", role=Role.MANAGER, password=PASSWORD, by="test")
    app = create_app(load_config(tmp_path / "config.toml"), d.store)
    async with TestServer(app) as server, TestClient(server) as client:
        assert await Browser(client).login("manager") == 303
        path = f"/cases/{d.seeded.case_id}"
        return [
            await (await client.get(path, headers={"Accept-Language": lang})).text()
            for lang in ("en", "pt-BR")
        ]


async def edit_and_submit(d: Desk, text: str) -> None:
    await send(d, click(d, "edit"))
    view = d.slack.api.calls("/api/views.open")[-1].json()["view"]
    submission = {
        "type": "view_submission",
        "user": {"id": "U42ANN", "username": "ann"},
        "view": {
            "private_metadata": view["private_metadata"],
            "state": {"values": {"reply": {"text": {"value": text}}}},
        },
    }
    assert await send(d, submission) == 200


@pytest.mark.parametrize(
    ("pressed", "action", "on_draft", "english", "portuguese"),
    [
        ("approve", "approve", True, "approved a reply", "aprovou uma resposta"),
        ("reject", "reject", True, "rejected a draft", "rejeitou um rascunho"),
        ("assign", "assign", False, "took the case", "assumiu o caso"),
        # "cases" is the desk's own case list (kind local): named as such, not by its name.
        (
            "escalate",
            "escalate",
            False,
            "escalated the case to the desk&#39;s case list",
            "encaminhou o caso para a lista de casos do atendimento",
        ),
    ],
)
async def test_each_button_is_audited_once_and_shown_on_the_case_page(
    desk: Desk,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pressed: str,
    action: str,
    on_draft: bool,
    english: str,
    portuguese: str,
) -> None:
    assert await send(desk, click(desk, pressed)) == 200
    assert desk.slack.api.calls("/api/chat.update")  # it was done, not refused
    draft = desk.seeded.draft_id if on_draft else None
    assert trail(desk) == [(ANN, action, desk.seeded.case_id, draft)]
    page, pt = await case_pages(desk, tmp_path, monkeypatch)
    assert f"Slack user ann (U42ANN) {english}" in page
    assert "Nobody has acted yet" not in page
    assert f"ann (U42ANN, pelo Slack) {portuguese}" in pt


async def test_an_edit_approved_in_slack_is_audited_once_as_edited(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await edit_and_submit(desk, "Sorry Ann, please DM us")
    assert trail(desk) == [(ANN, "approve", desk.seeded.case_id, desk.seeded.draft_id)]
    page, pt = await case_pages(desk, tmp_path, monkeypatch)
    assert "Slack user ann (U42ANN) edited and approved a reply" in page
    assert "approved by Slack user ann (U42ANN)" in page  # the draft's own line
    assert "ann (U42ANN, pelo Slack) editou e aprovou uma resposta" in pt


async def test_a_refused_click_is_not_audited(desk: Desk) -> None:
    await send(desk, click(desk, "reject"))
    await send(desk, click(desk, "approve"))  # already rejected: nothing done, nothing said
    assert [a for _, a, _, _ in trail(desk)] == ["reject"]


async def test_without_a_username_the_member_id_alone_is_recorded(desk: Desk) -> None:
    payload = click(desk, "assign")
    payload["user"] = {"id": "U42ANN"}
    await send(desk, payload)
    assert trail(desk) == [("slack:U42ANN", "assign", desk.seeded.case_id, None)]
    assert json.dumps(trail(desk)).count("slack:") == 1
