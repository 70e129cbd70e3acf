"""Who a help-desk ticket is from: a requester each desk accepts, found again on a retry."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from mentiondesk.models import FatalError, OutboxAction
from responders.freshdesk import FreshdeskResponder
from responders.zendesk import ZendeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.responders._data import action

TICKET = action(kind="ticket", target="desk")


@pytest.fixture
async def freshdesk(
    fake_api: FakeAPI,
) -> AsyncIterator[tuple[FreshdeskResponder, fd.FreshdeskFake]]:
    fake = fd.FreshdeskFake(fake_api)  # an account without unique contact identifiers
    responder = FreshdeskResponder("fd", base_url=fake_api.base_url, api_key=fd.API_KEY)
    yield responder, fake
    await responder.close()


def _by(platform: str, *, written: datetime | None = None) -> OutboxAction:
    """The complaint ticket, from an author on `platform`, its outbox row written at `written`."""
    mention = replace(TICKET.context.mention, platform=platform)
    return replace(TICKET, context=replace(TICKET.context, mention=mention), created_at=written)


async def test_freshdesk_x_author_is_the_requester_by_twitter_id(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = freshdesk
    await responder.deliver(TICKET)
    body = fake.api.calls("/api/v2/tickets", "POST")[0].json()
    assert body["twitter_id"] == "angry_ann" and body["name"] == "Ann <b>"
    assert "unique_external_id" not in body and fake.tickets[1]["requester_id"] == 1


async def test_freshdesk_unique_external_id_is_opt_in(fake_api: FakeAPI) -> None:
    fd.FreshdeskFake(fake_api)  # the account lacks the unique contact identifier: 400
    opted = FreshdeskResponder(
        "fd", base_url=fake_api.base_url, api_key=fd.API_KEY, unique_external_id=True
    )
    with pytest.raises(FatalError, match="400"):
        await opted.deliver(TICKET)
    await opted.close()


async def test_freshdesk_retry_lists_the_authors_tickets_by_unique_external_id(
    fake_api: FakeAPI,
) -> None:
    fake = fd.FreshdeskFake(fake_api, unique_external_ids=True)
    responder = FreshdeskResponder(
        "fd", base_url=fake_api.base_url, api_key=fd.API_KEY, unique_external_id=True
    )
    first = await responder.deliver(TICKET)  # its answer lost, and search lags
    fake.unindexed.add(int(first.ref))
    assert (await responder.deliver(replace(TICKET, attempt=2))).ref == first.ref
    assert fake.api.calls("/api/v2/tickets", "GET")[0].query["unique_external_id"] == "x:a1"
    assert len(fake.tickets) == 1
    await responder.close()


async def test_freshdesk_other_authors_get_a_placeholder_email_found_again_on_retry(
    fake_api: FakeAPI,
) -> None:
    fake = fd.FreshdeskFake(fake_api)
    responder = FreshdeskResponder(
        "fd", base_url=fake_api.base_url, api_key=fd.API_KEY, requester_domain="social.test"
    )
    first = await responder.deliver(_by("bluesky"))
    assert fake.api.calls("/api/v2/tickets", "POST")[0].json()["email"] == "bluesky.a1@social.test"
    fake.unindexed.add(int(first.ref))
    assert (await responder.deliver(replace(_by("bluesky"), attempt=2))).ref == first.ref
    assert fake.api.calls("/api/v2/tickets", "GET")[0].query["email"] == "bluesky.a1@social.test"
    assert len(fake.tickets) == 1
    await responder.close()


async def test_freshdesk_retry_of_an_x_ticket_lists_tickets_updated_since_it_was_queued(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = freshdesk  # twitter_id cannot filter the list: recent tickets instead
    queued = datetime.now(UTC)
    first = await responder.deliver(_by("x", written=queued))
    fake.unindexed.add(int(first.ref))
    again = await responder.deliver(replace(_by("x", written=queued), attempt=2))
    assert again.ref == first.ref and len(fake.tickets) == 1
    since = fake.api.calls("/api/v2/tickets", "GET")[0].query["updated_since"]
    assert since == (queued - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")


async def test_freshdesk_without_a_requester_for_the_platform_names_the_keys(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = freshdesk
    with pytest.raises(FatalError, match=r"set requester_domain .* unique_external_id = true"):
        await responder.deliver(_by("reddit"))
    assert fake.api.calls("/api/v2/tickets", "POST") == []


def test_freshdesk_requester_domain_must_be_a_domain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRESHDESK_API_KEY", "k")
    with pytest.raises(ValidationError, match=r"requester_domain\n.*is not a domain"):
        FreshdeskResponder.Config(base_url="https://x.freshdesk.com", requester_domain="a@b.c")
    config = FreshdeskResponder.Config(base_url="https://x", requester_domain="social.test")
    assert config.requester_domain == "social.test" and config.unique_external_id is False


def _case(number: str, key: str) -> OutboxAction:
    """Another case (and outbox key) for the same author."""
    return replace(TICKET, key=key, context=replace(TICKET.context, case_number=number))


async def test_zendesk_author_is_one_end_user_by_external_id(fake_api: FakeAPI) -> None:
    fake = zd.ZendeskFake(fake_api)  # refuses a new requester without an e-mail, as Zendesk
    responder = ZendeskResponder("zd", base_url=fake_api.base_url, email=zd.EMAIL, token=zd.TOKEN)
    await responder.deliver(TICKET)
    await responder.deliver(replace(TICKET, attempt=2))  # found by the case number: no upsert
    await responder.deliver(_case("MD-000008", "ticket:zd:x:m9:complaint"))
    assert [t["requester_id"] for t in fake.tickets.values()] == [101, 101]
    ann = fake.users[101]
    assert ann["external_id"] == "x:a1" and ann["role"] == "end-user" and len(fake.users) == 2
    assert len(fake.api.calls("/api/v2/users/create_or_update.json", "POST")) == 2
    await responder.close()


async def test_zendesk_retry_of_a_lost_create_sends_the_same_ticket(fake_api: FakeAPI) -> None:
    fake = zd.ZendeskFake(fake_api)
    responder = ZendeskResponder("zd", base_url=fake_api.base_url, email=zd.EMAIL, token=zd.TOKEN)
    fake.api.queue("GET", "/api/v2/tickets.json", 200, {"tickets": [], "count": 0})
    first = await responder.deliver(TICKET)
    fake.api.queue("GET", "/api/v2/tickets.json", 200, {"tickets": [], "count": 0})  # say it lags
    again = await responder.deliver(replace(TICKET, attempt=2))
    sent = [c.json() for c in fake.api.calls("/api/v2/tickets.json", "POST")]
    assert again.ref == first.ref and len(fake.tickets) == 1
    assert sent[0] == sent[1]  # same requester_id: the Idempotency-Key replays the first answer
    await responder.close()


# A display name is the author's: line breaks, controls, bidi overrides, any length.
_NAME = "Ann\nBcc: all@x.example\r\x1b[2J\x9b\u202eZ" + "n" * 300
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _named() -> OutboxAction:
    author = replace(TICKET.context.mention.author, name=_NAME)
    mention = replace(TICKET.context.mention, author=author)
    return replace(TICKET, context=replace(TICKET.context, mention=mention))


async def test_the_requester_s_name_is_one_plain_line(
    fake_api: FakeAPI, freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake]
) -> None:
    responder, fake = freshdesk
    await responder.deliver(_named())
    zendesk = ZendeskResponder("zd", base_url=fake_api.base_url, email=zd.EMAIL, token=zd.TOKEN)
    zd.ZendeskFake(fake_api)
    await zendesk.deliver(_named())
    await zendesk.close()
    fd_name = fake.api.calls("/api/v2/tickets", "POST")[0].json()["name"]
    user = fake_api.calls("/api/v2/users/create_or_update.json", "POST")[0].json()["user"]
    for name in (fd_name, user["name"]):
        assert not _CONTROLS.search(name) and len(name) <= 250, repr(name)
        assert name.startswith("Ann Bcc: all@x.example [2J Z") and name.endswith("…")


@pytest.mark.parametrize("name", ["", "  ", "\u200b", "\u202e"])
async def test_a_requester_whose_name_draws_nothing_is_named_by_handle(
    fake_api: FakeAPI, name: str
) -> None:
    # Zendesk named the end user "\u200b (@angry_ann)", and the ticket's Author line read
    # " (@angry_ann, 12.3k followers)": a name no agent could read or search for.
    from responders._helpdesk import lines

    fake = zd.ZendeskFake(fake_api)
    mention = TICKET.context.mention
    mention = replace(mention, author=replace(mention.author, name=name))
    ticket = replace(TICKET, context=replace(TICKET.context, mention=mention))
    responder = ZendeskResponder("zd", base_url=fake_api.base_url, email=zd.EMAIL, token=zd.TOKEN)
    await responder.deliver(ticket)
    await responder.close()
    (user,) = [u for u in fake.users.values() if u.get("external_id") == "x:a1"]
    handle = mention.author.handle
    assert user["name"] == f"{handle} (@{handle})"
    assert dict(lines(ticket))["Author"] == f"@{handle} (12.3k followers)"


async def test_freshdesk_requester_whose_name_draws_nothing_is_named_by_handle(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = freshdesk
    mention = TICKET.context.mention
    mention = replace(mention, author=replace(mention.author, name="\u200b"))
    await responder.deliver(replace(TICKET, context=replace(TICKET.context, mention=mention)))
    body = fake.api.calls("/api/v2/tickets", "POST")[0].json()
    assert body["name"] == "angry_ann"
