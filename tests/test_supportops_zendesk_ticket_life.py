"""A pt-BR complaint's Zendesk ticket as the support team meets it: routed by language, one
click to the post, and a ticket an agent merged into another not taken as solved."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from mentiondesk.alert_wording import wording_for
from mentiondesk.models import FatalError, OutboxAction
from responders.zendesk import ZendeskResponder
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.fakes.helpdesks import zendesk_desk  # noqa: F401 (fixture)
from tests.responders._data import action, follow_up

COMPLAINT = "Meu pedido #123 não chegou <script>alert(1)</script> vou no Procon!"


def _pt_br(url: str = "https://x.com/angry_ann/status/m1") -> OutboxAction:
    ticket = action(COMPLAINT, kind="ticket", target="zd")
    ctx = ticket.context
    reading = replace(ctx.reading, lang="pt", frustration=3)
    mention = replace(ctx.mention, lang="pt", url=url)
    return replace(ticket, context=replace(ctx, reading=reading, mention=mention))


async def _filed(fake_api: FakeAPI, ticket: OutboxAction) -> dict[str, object]:
    zd.ZendeskFake(fake_api)
    wording = wording_for("pt-BR", "America/Sao_Paulo")
    responder = ZendeskResponder(
        "zd", base_url=fake_api.base_url, email=zd.EMAIL, token=zd.TOKEN, wording=wording
    )
    await responder.deliver(ticket)
    await responder.close()
    sent: dict[str, object] = fake_api.calls("/api/v2/tickets.json", "POST")[0].json()["ticket"]
    return sent


async def test_a_pt_br_ticket_is_tagged_with_its_language_and_links_the_post(
    fake_api: FakeAPI,
) -> None:
    sent = await _filed(fake_api, _pt_br())
    tags = sent["tags"]
    assert isinstance(tags, list) and "lang-pt" in tags
    assert tags[-1].startswith("mdauthor-")  # whose case it is, still last
    html = sent["comment"]["html_body"]  # type: ignore[index]
    link = '<a href="https://x.com/angry_ann/status/m1">https://x.com/angry_ann/status/m1</a>'
    assert f"<p><b>Link:</b> {link}</p>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html


async def test_a_post_address_that_is_no_web_address_stays_text(fake_api: FakeAPI) -> None:
    sent = await _filed(fake_api, _pt_br('javascript:alert("x")'))
    html = sent["comment"]["html_body"]  # type: ignore[index]
    assert "<p><b>Link:</b> javascript:alert(&quot;x&quot;)</p>" in html
    assert 'href="javascript' not in html


async def test_a_ticket_merged_into_another_leaves_its_case_open_said_once(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake], caplog: pytest.LogCaptureFixture
) -> None:
    """Merged: closed and tagged closed_by_merge, the conversation going on in the target,
    which the agent's merge note does not name (one that does is followed: see
    test_supportops_merge_zendesk). Counted solved, the case would close (and count as
    resolved) while agents still work it."""
    responder, fake = zendesk
    first = await responder.deliver(action(kind="ticket", target="zd"))
    other = replace(action(kind="ticket", target="zd"), key="ticket:zd:x:m9:complaint")
    other = replace(other, context=replace(other.context, case_number="MD-000008"))
    second = await responder.deliver(other)
    fake.merge(int(first.ref), int(second.ref), said="Duplicate, see the other ticket.")
    with caplog.at_level(logging.WARNING, logger="responders.zendesk"):
        assert await responder.solved([first.ref, second.ref]) == set()
        assert await responder.solved([first.ref, second.ref]) == set()
    said = [r.getMessage() for r in caplog.records if "merged" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith(f"zendesk ticket {first.ref} was merged")
    assert "case left open" in said[0]
    fake.tickets[int(second.ref)]["status"] = "solved"
    assert await responder.solved([first.ref, second.ref]) == {second.ref}


async def test_a_ticket_marked_as_spam_holds_the_authors_follow_up_for_a_person(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    """Zendesk's "Mark as spam" deletes the ticket and suspends its requester: the spammer's
    next post is not filed anew (as a plainly deleted ticket's follow-up is), but held."""
    responder, fake = zendesk
    first = await responder.deliver(action(kind="ticket", target="zd"))
    fake.mark_spam(int(first.ref))
    later = follow_up("zd")
    later = replace(later, context=replace(later.context, ticket_ref=first.ref))
    with pytest.raises(FatalError, match="is suspended") as held:
        await responder.deliver(later)
    assert "MD-000007" in str(held.value) and "outbox retry" in str(held.value)
    assert "angry_ann" not in str(held.value)  # no author's name in a log line
    assert len(fake.api.calls("/api/v2/tickets.json", "POST")) == 1
