"""Help-desk tickets name the author as their platform writes them in the subject and in a
follow-up's first line ("— u/ana on reddit", "u/ana on reddit, post m2"), as the ticket's
Author row already did; both said "@ana" on every platform. A follow-up comment written
before, with the "@" form, is still found on a retry, not added twice. Through aiohttp to
the Zendesk and Freshdesk fakes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mentiondesk.alert_wording import wording_for
from mentiondesk.models import OutboxAction
from responders import _helpdesk as desk
from responders import _rt_text
from responders.freshdesk import FreshdeskResponder
from responders.zendesk import ZendeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.fakes.helpdesks import zendesk_desk  # noqa: F401 (fixture)
from tests.responders._data import action, follow_up

BR = wording_for("pt-BR", "UTC")


def _by(alert: OutboxAction, platform: str, handle: str = "ana") -> OutboxAction:
    m = alert.context.mention
    m = replace(m, platform=platform, author=replace(m.author, handle=handle))
    return replace(alert, context=replace(alert.context, mention=m))


def _ticket(platform: str, handle: str = "ana") -> OutboxAction:
    return _by(action(kind="ticket", target="desk"), platform, handle)


@pytest.mark.parametrize(
    ("platform", "shown"), [("reddit", "u/ana"), ("hackernews", "ana"), ("x", "@ana")]
)
async def test_a_zendesk_tickets_subject_names_them_as_their_platform_does(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake], platform: str, shown: str
) -> None:
    responder, fake = zendesk
    await responder.deliver(_ticket(platform))
    ticket = fake.api.calls("/api/v2/tickets.json", "POST")[0].json()["ticket"]
    assert ticket["subject"] == f"[MD-000007] delivery — {shown} on {platform}"


def test_portuguese_subjects_and_marks_too() -> None:
    assert desk.subject(_ticket("reddit"), BR) == "[MD-000007] entrega — u/ana no Reddit"
    assert desk.subject(_ticket("hackernews"), BR) == "[MD-000007] entrega — ana no Hacker News"
    comment = _by(follow_up("desk"), "reddit")
    assert desk.follow_up_mark(comment, BR) == "u/ana no Reddit, publicação m2"
    subject = _rt_text.marks(comment, BR)[0]  # Request Tracker's comment subject
    assert subject == "[MD-000007] nova menção: u/ana no Reddit, publicação m2"


async def test_a_zendesk_follow_up_names_them_so_and_is_added_once(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    responder, fake = zendesk
    await responder.deliver(_ticket("reddit"))
    comment = _by(follow_up("zd"), "reddit")
    await responder.deliver(comment)
    await responder.deliver(comment)  # a retry after a lost answer finds it there
    thread = fake.comments[1]
    assert len(thread) == 2
    assert thread[1]["html_body"].startswith("<p><b>Follow-up:</b> u/ana on reddit, post m2</p>")
    assert "@ana" not in thread[1]["html_body"]


async def test_a_follow_up_written_before_with_an_at_is_found_not_added_again(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    """Added before this release ("@ana on reddit, …"), its answer lost: the retry after the
    upgrade finds it by the old mark."""
    responder, fake = zendesk
    await responder.deliver(_ticket("reddit"))
    old = "Follow-up: @ana on reddit, post m2\nMention: Still nothing"
    fake.comments[1].append(zd._comment(50, {"body": old}))
    await responder.deliver(_by(follow_up("zd"), "reddit"))
    assert len(fake.comments[1]) == 2  # the ticket's own and the earlier follow-up


async def test_a_freshdesk_note_written_before_with_an_at_is_found_too(fake_api: FakeAPI) -> None:
    fake = fd.FreshdeskFake(fake_api)
    responder = FreshdeskResponder(
        "fd", base_url=fake_api.base_url, api_key=fd.API_KEY, requester_domain="social.test"
    )
    try:
        await _note_twice(responder, fake)
    finally:
        await responder.close()


async def _note_twice(responder: FreshdeskResponder, fake: fd.FreshdeskFake) -> None:
    await responder.deliver(_ticket("reddit"))
    comment = _by(follow_up("fd"), "reddit")
    await responder.deliver(comment)
    (note,) = fake.conversations[1]
    assert "u/ana on reddit, post m2" in note["body_text"]
    assert "@ana" not in note["body_text"]
    note["body_text"] = note["body_text"].replace("u/ana on", "@ana on")  # as written before
    await responder.deliver(comment)
    assert len(fake.conversations[1]) == 1


def test_the_marks_a_retry_looks_for_hold_both_forms_in_both_languages() -> None:
    comment = _by(follow_up("desk"), "reddit")
    assert desk.follow_up_marks(comment, BR) == [
        "u/ana no Reddit, publicação m2",
        "@ana no Reddit, publicação m2",
        "u/ana on reddit, post m2",
        "@ana on reddit, post m2",
    ]
    on_x = _by(follow_up("desk"), "x")  # the same on X: one mark each
    assert desk.follow_up_marks(on_x) == ["@ana on x, post m2"]
