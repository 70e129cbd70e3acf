"""A Brazilian team's agents work in the help desk, never on mentiondesk's desk: the ticket is
what they see. A drafted reply not in the author's language (an English template answering a
Portuguese complaint) is marked right above the draft, on Zendesk, Freshdesk and a real
Request Tracker, in `[routing] language`, as the chats and the desk mark it; a ticket the
desk's Escalate files says it too. A draft in their language says nothing."""

from __future__ import annotations

import base64
import json
import urllib.request
from dataclasses import replace
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk.alert_wording import wording_for
from mentiondesk.casework import escalate_case
from mentiondesk.models import OutboxAction
from mentiondesk.outbox_payload import action_from_payload
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, OUTBOX
from responders._helpdesk import html_body, text_body
from responders.freshdesk import FreshdeskResponder
from responders.request_tracker import RequestTrackerResponder
from responders.zendesk import ZendeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.responders._data import action, follow_up, reading, seed
from tests.rt_server import RTServer

ZONE = "America/Sao_Paulo"
# (label, note, the draft's label) in each ticket language
SAYS = {
    "en": ("Warning", "⚠ Draft in English — the author wrote in Portuguese", "Drafted reply"),
    "pt-BR": (
        "Atenção",
        "⚠ Rascunho em inglês — a pessoa escreveu em português",
        "Rascunho de resposta",
    ),
    "pt-PT": (
        "Atenção",
        "⚠ Rascunho em inglês — a pessoa escreveu em português",
        "Rascunho de resposta",
    ),
}


def english_to_portuguese(
    item: OutboxAction | None = None, lang: str = "pt", draft_lang: str | None = "en"
) -> OutboxAction:
    """A Portuguese complaint whose drafted reply came from the English templates."""
    item = item or action("meu pedido não chegou", kind="ticket", target="desk")
    ctx = replace(item.context, reading=replace(reading(), lang=lang), draft_lang=draft_lang)
    return replace(item, context=replace(ctx, draft_text="Sorry <@U999>, DM us & we fix it"))


def _html_says(html: str, language: str) -> bool:
    label, note, draft = SAYS[language]
    return f"<p><b>{label}:</b> {note}</p><p><b>{draft}:</b> Sorry &lt;@U999&gt;" in html


@pytest.mark.parametrize("language", list(SAYS))
async def test_zendesk_says_it_above_the_draft(fake_api: FakeAPI, language: str) -> None:
    fake = zd.ZendeskFake(fake_api)
    responder = ZendeskResponder(
        "zd",
        base_url=fake_api.base_url,
        email=zd.EMAIL,
        token=zd.TOKEN,
        wording=wording_for(language, ZONE),
    )
    try:
        await responder.deliver(replace(english_to_portuguese(), target="zd"))
        # A follow-up with a draft of its own says it in its comment too.
        later = english_to_portuguese(follow_up("zd", "e aí??"))
        await responder.deliver(later)
    finally:
        await responder.close()
    created = fake_api.calls("/api/v2/tickets.json", "POST")[0].json()["ticket"]
    assert _html_says(created["comment"]["html_body"], language)
    assert _html_says(fake.comments[1][-1]["html_body"], language)


@pytest.mark.parametrize("language", list(SAYS))
async def test_freshdesk_says_it_above_the_draft(fake_api: FakeAPI, language: str) -> None:
    fd.FreshdeskFake(fake_api)
    wording = wording_for(language, ZONE)
    responder = FreshdeskResponder(
        "fd", base_url=fake_api.base_url, api_key=fd.API_KEY, wording=wording
    )
    try:
        await responder.deliver(replace(english_to_portuguese(), target="fd"))
    finally:
        await responder.close()
    created = fake_api.calls("/api/v2/tickets", "POST")[0].json()
    assert _html_says(created["description"], language)


def _rt_get(rt: RTServer, path: str) -> Any:
    auth = base64.b64encode(f"{rt.user}:{rt.password}".encode()).decode()
    request = urllib.request.Request(rt.base + path, headers={"Authorization": "Basic " + auth})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)


async def test_request_tracker_says_it_above_the_draft(rt_server: RTServer) -> None:
    responder = RequestTrackerResponder(
        "rt", base_url=rt_server.base, token=rt_server.token, wording=wording_for("pt-BR", ZONE)
    )
    ticket = english_to_portuguese(replace(action(kind="ticket", target="rt")))
    ticket = replace(ticket, context=replace(ticket.context, case_number="MD-000391"))
    try:
        receipt = await responder.deliver(ticket)
    finally:
        await responder.close()
    path = f"ticket/{receipt.ref}/attachments?fields=Content&per_page=5&orderby=id&order=ASC"
    content = str(_rt_get(rt_server, path)["items"][0]["Content"])
    label, note, draft = SAYS["pt-BR"]
    assert f"\n{label}: {note}\n{draft}: Sorry <@U999>, DM us & we fix it\n" in content


@pytest.mark.parametrize(
    ("lang", "draft_lang"),
    [("pt", "pt-PT"), ("pt", "pt"), ("pt", "pt-BR"), ("und", "en"), ("en", "en"), ("pt", None)],
)
def test_nothing_is_said_of_a_draft_in_their_language(lang: str, draft_lang: str | None) -> None:
    """Brazil's and Portugal's Portuguese read each other; a post too short to tell (`und`) is
    most likely the team's own; a ticket queued before drafts said their language knows none."""
    ticket = english_to_portuguese(lang=lang, draft_lang=draft_lang)
    for language in SAYS:
        body = text_body(ticket, wording_for(language, ZONE))
        assert "Warning" not in body and "Atenção" not in body


def test_no_draft_no_note() -> None:
    ticket = english_to_portuguese()
    bare = replace(ticket, context=replace(ticket.context, draft_text=None))
    assert "Atenção" not in text_body(bare, wording_for("pt-BR", ZONE))


def test_a_language_tag_no_catalogue_names_is_escaped() -> None:
    """A platform's own tag, stored as it came, is shown as text, never as markup."""
    ticket = english_to_portuguese(lang="<img src=x onerror=alert(1)>")
    html = html_body(ticket, wording_for("pt-BR", ZONE))
    assert "a pessoa escreveu em &lt;img src=x onerror=alert(1)&gt;</p>" in html
    assert "<img" not in html


async def test_a_ticket_the_desk_escalates_says_it(store: Store, fake_api: FakeAPI) -> None:
    """Escalate on the desk (or in Slack) files the case's draft with its language: a ticket
    it queued knew none, so the help desk never said the draft was not the author's."""
    case = seed(store, alert_to="console")  # an English post; its draft from pt-PT templates
    with store.engine.begin() as conn:
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == case.draft_id).values(lang="pt-PT"))
    key = escalate_case(store, case.case_id, by="ana", target="zd")
    with store.engine.connect() as conn:
        payload = conn.scalar(sa.select(OUTBOX.c.payload).where(OUTBOX.c.key == key))
    ticket = action_from_payload(str(payload), 1)
    zd.ZendeskFake(fake_api)
    responder = ZendeskResponder(
        "zd",
        base_url=fake_api.base_url,
        email=zd.EMAIL,
        token=zd.TOKEN,
        wording=wording_for("pt-BR", ZONE),
    )
    try:
        await responder.deliver(ticket)
    finally:
        await responder.close()
    html = fake_api.calls("/api/v2/tickets.json", "POST")[0].json()["ticket"]["comment"]
    said = "<p><b>Atenção:</b> ⚠ Rascunho em português europeu — a pessoa escreveu em inglês</p>"
    assert said + "<p><b>Rascunho de resposta:</b> Sorry, DM us</p>" in html["html_body"]
    assert "<p><b>Regra:</b> encaminhado por ana</p>" in html["html_body"]
