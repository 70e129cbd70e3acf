"""Zendesk and Freshdesk against fakes (idempotency, escaping, 429), and the local desk."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from mentiondesk.models import FatalError, OutboxAction, RateLimited, TransientError
from responders.freshdesk import FreshdeskResponder
from responders.local import LocalHelpdeskResponder
from responders.zendesk import ZendeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.fakes.helpdesks import freshdesk_desk, zendesk_desk  # noqa: F401 (fixtures)
from tests.responders._data import action, follow_up

TICKET = action(kind="ticket", target="desk")


async def test_zendesk_ticket_wire(zendesk: tuple[ZendeskResponder, zd.ZendeskFake]) -> None:
    responder, fake = zendesk
    receipt = await responder.deliver(TICKET)
    assert receipt.url == f"{fake.api.base_url}/agent/tickets/1"
    call = fake.api.calls("/api/v2/tickets.json", "POST")[0]
    assert call.headers["Idempotency-Key"] == TICKET.key
    ticket = call.json()["ticket"]
    assert ticket["external_id"] == "MD-000007"
    assert ticket["priority"] == "high"
    tags = ["mentiondesk", "x", "negative", "delivery", "lang-en", "mdauthor-2b182b8d36fa"]
    assert ticket["tags"] == tags
    assert ticket["requester_id"] == 101 and "requester" not in ticket
    user = fake.api.calls("/api/v2/users/create_or_update.json", "POST")[0].json()["user"]
    assert user == {"name": "Ann <b> (@angry_ann)", "external_id": "x:a1"}
    html = ticket["comment"]["html_body"]
    assert (
        "&lt;!channel&gt; &lt;@U123&gt; *buy* now &amp; &lt;https://evil.example|click&gt;" in html
    )
    assert "<p><b>Author:</b> Ann &lt;b&gt; (@angry_ann, 12.3k followers)</p>" in html


async def test_zendesk_retry_finds_ticket_by_external_id(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    responder, fake = zendesk
    first = await responder.deliver(TICKET)
    again = await responder.deliver(TICKET)
    assert again.ref == first.ref
    assert len(fake.api.calls("/api/v2/tickets.json", "POST")) == 1


@pytest.mark.parametrize("status", [429, 503])
async def test_zendesk_429_waits_for_retry_after(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake], status: int
) -> None:
    responder, fake = zendesk
    fake.api.queue(
        "GET",
        "/api/v2/tickets.json",
        status,
        {"error": "TooManyRequests"},
        headers={"Retry-After": "42"},
    )
    with pytest.raises(RateLimited) as info:
        await responder.deliver(TICKET)
    wait = (info.value.until - datetime.now(UTC)).total_seconds()
    assert 30 < wait <= 42
    assert (await responder.deliver(TICKET)).ref == "1"


async def test_zendesk_bad_token_is_fatal(fake_api: FakeAPI) -> None:
    zd.ZendeskFake(fake_api)
    responder = ZendeskResponder("zd", base_url=fake_api.base_url, email=zd.EMAIL, token="nope")
    with pytest.raises(FatalError, match="401"):
        await responder.deliver(TICKET)
    await responder.close()


async def test_zendesk_solved(zendesk: tuple[ZendeskResponder, zd.ZendeskFake]) -> None:
    responder, fake = zendesk
    await responder.deliver(TICKET)
    assert await responder.solved(["1"]) == set()
    fake.tickets[1]["status"] = "solved"
    assert await responder.solved(["1"]) == {"1"}


async def test_freshdesk_tags_case_and_checks_before_create(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = freshdesk
    first = await responder.deliver(TICKET)
    again = await responder.deliver(TICKET)
    assert first.ref == again.ref == "1"
    created = fake.api.calls("/api/v2/tickets", "POST")
    assert len(created) == 1
    body = created[0].json()
    assert body["tags"][0] == "MD-000007"
    assert body["priority"] == 3
    assert "&lt;!channel&gt;" in body["description"]
    assert "<!channel>" not in created[0].body.decode()


async def test_freshdesk_solved(freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake]) -> None:
    responder, fake = freshdesk
    await responder.deliver(TICKET)
    fake.tickets[1]["status"] = 4
    assert await responder.solved(["1"]) == {"1"}


async def test_freshdesk_500_is_transient(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = freshdesk
    fake.api.queue("GET", "/api/v2/search/tickets", 500, {"code": "internal_error"})
    with pytest.raises(TransientError, match="500"):
        await responder.deliver(TICKET)


async def test_zendesk_follow_up_is_a_private_comment_once(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    responder, fake = zendesk
    comment = follow_up("zd")
    with pytest.raises(TransientError, match="no ticket for MD-000007 yet"):
        await responder.deliver(comment)  # it waits for the ticket
    ticket = await responder.deliver(TICKET)
    assert (await responder.deliver(comment)).ref == ticket.ref
    await responder.deliver(comment)  # a retry after a lost answer finds it there
    thread = fake.comments[1]
    assert len(thread) == 2 and thread[1]["public"] is False
    assert thread[1]["html_body"].startswith("<p><b>Follow-up:</b> @angry_ann on x, post m2</p>")
    assert "Still nothing &lt;b&gt;&amp;&lt;/b&gt; no answer" in thread[1]["html_body"]
    assert len(fake.api.calls("/api/v2/tickets.json", "POST")) == 1
    assert fake.tickets[1]["priority"] == "high"  # frustration 2, as the ticket already was


async def test_zendesk_follow_up_raises_the_ticket_priority_never_lowers_it(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    responder, fake = zendesk
    await responder.deliver(TICKET)  # frustration 2: high
    await responder.deliver(follow_up("zd", "GOING TO PROCON", "m3", frustration=3))
    assert fake.tickets[1]["priority"] == "urgent"
    await responder.deliver(follow_up("zd", "ok, waiting", "m4", frustration=0))
    assert fake.tickets[1]["priority"] == "urgent"
    assert len(fake.comments[1]) == 3


async def test_freshdesk_follow_up_is_a_private_note_once(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = freshdesk
    comment = follow_up("fd")
    with pytest.raises(TransientError, match="no ticket for MD-000007 yet"):
        await responder.deliver(comment)
    ticket = await responder.deliver(TICKET)
    assert (await responder.deliver(comment)).ref == ticket.ref
    await responder.deliver(comment)
    (note,) = fake.conversations[1]
    assert note["private"] is True
    assert "Still nothing &lt;b&gt;&amp;&lt;/b&gt; no answer" in note["body"]
    assert "<b>&</b>" not in note["body"]
    assert fake.tickets[1]["priority"] == 3  # frustration 2, as the ticket already was
    assert fake.api.calls("/api/v2/tickets/1", "PUT") == []


async def test_freshdesk_follow_up_raises_the_ticket_priority_never_lowers_it(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = freshdesk
    await responder.deliver(TICKET)  # frustration 2: priority 3 (high)
    angry = follow_up("fd", "GOING TO PROCON", "m3", frustration=3)
    await responder.deliver(angry)
    await responder.deliver(angry)  # a retry changes nothing more
    assert fake.tickets[1]["priority"] == 4
    assert len(fake.api.calls("/api/v2/tickets/1", "PUT")) == 1
    await responder.deliver(follow_up("fd", "ok, waiting", "m4", frustration=0))
    assert fake.tickets[1]["priority"] == 4
    assert len(fake.conversations[1]) == 2


async def test_local_help_desk_takes_tickets_and_follow_ups_of_a_case() -> None:
    local = LocalHelpdeskResponder()
    assert (await local.deliver(TICKET)).ref == "local:MD-000007"
    assert (await local.deliver(follow_up("cases"))).ref == "local:MD-000007"
    with pytest.raises(FatalError, match="takes tickets, not alert; fix the routing"):
        await local.deliver(action(kind="alert"))
    caseless = replace(TICKET, context=replace(TICKET.context, case_number=None))
    with pytest.raises(FatalError, match="add open_case before escalate"):
        await local.deliver(caseless)


async def test_zendesk_finds_its_follow_up_on_a_later_page_and_not_a_longer_id(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    responder, fake = zendesk
    await responder.deliver(TICKET)
    await responder.deliver(follow_up("zd", "about post 23", "m23"))
    for n in range(150):  # agents talk it over: our follow-up is now on page one of two
        fake.comments[1].append(zd._comment(100 + n, {"body": f"agent note {n}"}))
    await responder.deliver(follow_up("zd", "about post 2", "m2"))  # "post m2" ≠ "post m23"
    await responder.deliver(follow_up("zd", "about post 2", "m2"))  # a retry: found, page 2
    marks = [c["body"] for c in fake.comments[1] if c["body"].startswith("Follow-up:")]
    assert len(marks) == 2 and len(fake.comments[1]) == 153


async def test_freshdesk_finds_its_note_past_the_first_thirty(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = freshdesk
    await responder.deliver(TICKET)
    comment = follow_up("fd")
    await responder.deliver(comment)
    thread = fake.conversations[1]
    for n in range(140):
        thread.append({**thread[0], "id": 100 + n, "body_text": f"agent note {n}"})
    thread.append(thread.pop(0))  # ours is the newest now: on the second page of 100
    await responder.deliver(comment)
    assert sum(1 for c in fake.conversations[1] if "post m2" in c["body_text"]) == 1


async def test_freshdesk_retry_finds_a_ticket_search_has_not_indexed_yet(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = freshdesk
    first = await responder.deliver(TICKET)  # created, but say its answer was lost
    fake.unindexed.add(int(first.ref))  # and search does not show it for a few minutes
    again = await responder.deliver(replace(TICKET, attempt=2))
    assert again.ref == first.ref and len(fake.tickets) == 1


def _long_topic() -> OutboxAction:
    """A ticket whose reading names a topic longer than Freshdesk's 32-character tags."""
    reading = replace(TICKET.context.reading, topics=("refund for the damaged delivery box",))
    return replace(TICKET, context=replace(TICKET.context, reading=reading))


async def test_freshdesk_tags_are_cut_to_its_32_characters(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = freshdesk
    assert (await responder.deliver(_long_topic())).ref == "1"  # the fake refuses longer tags
    tags = fake.tickets[1]["tags"]
    assert "refund_for_the_damaged_delivery_" in tags
    assert max(len(t) for t in tags) == 32


async def test_zendesk_tags_keep_their_40_characters(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    responder, fake = zendesk
    await responder.deliver(_long_topic())
    assert "refund_for_the_damaged_delivery_box" in fake.tickets[1]["tags"]
