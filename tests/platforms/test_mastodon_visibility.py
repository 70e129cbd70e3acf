"""Who sees what on Mastodon, through Mastodon.py against the fake server: a mention's
visibility read and kept, replies never wider than the post and always @-mentioning its
author, mentions the notification policy filtered, and a status over 500 characters."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from http import HTTPStatus

import pytest
from mastodon import Mastodon

from listener.mastodon import MastodonSource
from mentiondesk.held_replies import held_reason
from mentiondesk.models import CaseContext, FatalError, Mention, OutboxAction
from mentiondesk.models.mastodon import build_mastodon
from mentiondesk.reply_limits import too_long
from responders.mastodon_post import MastodonPostResponder
from tests.fakes.mastodon import NOTIFICATIONS, POLICY, STATUSES
from tests.platforms.helpers import FakeClock, once, started
from tests.platforms.posting import post_action, poster

DAN = "dan@remote.test"


async def _read(fake, clock: FakeClock, **kw) -> tuple[dict, Mention]:
    """A mention the fake serves (by dan, with `kw`), as the listener reads it."""
    api = build_mastodon(fake.base_url, "tok")
    source = MastodonSource(name="mastodon", api=api, query="", clock=clock)
    cursor = await started(source, clock)
    status = fake.mention("@lumora love the lamp", author="dan", **kw)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [status["id"]]
    return status, run.mentions[0]


def _answer(mention: Mention, *, private: bool = False, text: str = "Thank you!") -> OutboxAction:
    """An approved reply to `mention`, as the outbox hands it over (through its JSON form)."""
    action = post_action("mastodon", mention.external_id, text=text, private=private)
    context = CaseContext.from_dict(replace(action.context, mention=mention).to_dict())
    return replace(action, context=context)


@pytest.mark.parametrize(
    ("seen_by", "private", "sent"),
    [
        ("direct", False, "direct"),  # a thank-you to a direct post stays between the two
        ("private", False, "private"),  # followers-only: never public
        ("private", True, "direct"),
        ("unlisted", False, "unlisted"),
        ("public", False, "public"),
    ],
)
async def test_a_reply_is_never_seen_more_widely_than_its_post(
    mastodon_fake, clock, seen_by: str, private: bool, sent: str
) -> None:
    status, mention = await _read(mastodon_fake, clock, visibility=seen_by)
    assert mention.visibility == seen_by
    responder = poster("mastodon", mastodon_fake.base_url)
    receipt = await responder.deliver(_answer(mention, private=private))
    await responder.close()
    [posted] = mastodon_fake.posted
    assert (posted["visibility"], receipt.detail) == (sent, sent)
    assert posted["in_reply_to_id"] == status["id"]
    form = mastodon_fake.api.calls(STATUSES)[0].form()
    assert form["status"] == f"@{DAN} Thank you!"  # the author alone is addressed


async def test_a_public_reply_mentions_the_author_and_a_late_retry_still_finds_it(
    mastodon_fake, clock
) -> None:
    """Mastodon notifies only the accounts a status mentions: a public reply without the
    @handle would never reach the author. The look-up before a retry matches it as shown."""
    _, mention = await _read(mastodon_fake, clock)
    responder = poster("mastodon", mastodon_fake.base_url)
    first = await responder.deliver(_answer(mention))
    mastodon_fake.forget_keys = True  # more than the hour Mastodon keeps idempotency keys
    again = await responder.deliver(replace(_answer(mention), attempt=2))
    await responder.close()
    assert len(mastodon_fake.posted) == 1 and again.ref == first.ref
    assert again.detail == "already sent"
    content = mastodon_fake.posted[0]["content"]
    assert content.startswith('<p><span class="h-card" translate="no">')
    assert 'class="u-url mention">@<span>dan</span></a></span> Thank you!</p>' in content


async def test_a_mention_the_notification_policy_filtered_is_read(mastodon_fake, clock) -> None:
    """Mastodon 4.3 filters private mentions from strangers by default: without
    include_filtered they are not in the notifications at all (as Mastodon.py's own
    notifications() shows), so a praise DM from a new customer would never be seen."""
    status, mention = await _read(mastodon_fake, clock, visibility="direct", filtered=True)
    assert (mention.external_id, mention.visibility) == (status["id"], "direct")
    calls = mastodon_fake.api.calls(NOTIFICATIONS)
    assert {c.query.get("include_filtered") for c in calls} == {"true"}
    assert all(c.query.getall("types[]") == ["mention", "quote", "update"] for c in calls)
    plain = Mastodon(access_token="tok", api_base_url=mastodon_fake.base_url)
    assert await asyncio.to_thread(plain.notifications, types=["mention"]) == []


async def test_sources_check_reports_the_notification_policy(mastodon_fake, clock) -> None:
    api = build_mastodon(mastodon_fake.base_url, "tok")
    source = MastodonSource(name="mastodon", api=api, query="", clock=clock)
    status = await source.check()
    mastodon_fake.policy["for_not_following"] = "drop"
    dropping = await source.check()
    mastodon_fake.fail(POLICY, 404, {"error": "Record not found"})  # before Mastodon 4.3
    older = await source.check()
    await source.close()
    assert status.ok and status.detail == (
        "signed in as @lumora; notification policy: not following accept, not followers "
        "accept, new accounts accept, private mentions filter, limited accounts filter"
    )
    assert dropping.detail.endswith("(dropped ones are never read)")
    assert older.ok and older.detail == "signed in as @lumora"


async def test_a_status_over_500_characters_is_refused_and_held_as_too_long(
    mastodon_fake, clock
) -> None:
    """Approval refuses it first (reply_limits counts the @handle put before it); should one
    reach the server, its 422 holds the action with what Mastodon's reason means (in our
    words), which the desk reads as "too long", not as an unexplained refusal."""
    _, mention = await _read(mastodon_fake, clock)
    text = "x" * 496  # 501 with "@dan " before it: one character too many
    assert too_long("mastodon", text, private=False, handle=DAN) == (
        "the reply is 501 characters as mastodon counts it (links count as 23 characters, and "
        "a reply starts with the author's @handle); mastodon allows 500"
    )
    responder = MastodonPostResponder(
        "mastodon-post", api=build_mastodon(mastodon_fake.base_url, "tok")
    )
    with pytest.raises(FatalError) as refused:
        await responder.deliver(_answer(mention, text=text))
    await responder.close()
    assert str(refused.value) == (  # in our words: Mastodon's may quote the text
        f"mastodon refused the post (422 {HTTPStatus(422).phrase}): the text is over the server's "
        "character limit; shorten it and approve it again"
    )
    assert held_reason(str(refused.value)) == "too-long"
    assert mastodon_fake.posted == []


@pytest.mark.parametrize(
    "text",
    [
        "Our colleague @dan_souza will follow up",  # another account, whose handle starts alike
        "Write to support@dan.example",  # an address, no mention at all
        "Write to @dan@remote.test.example",  # someone on another server
    ],
)
async def test_a_reply_that_only_seems_to_mention_the_author_is_sent_with_their_handle(
    mastodon_fake, clock, text: str
) -> None:
    """Without the author's own @handle a direct reply reaches someone else or no one; the
    look-up before a late retry still finds the reply as sent."""
    _, mention = await _read(mastodon_fake, clock, visibility="direct")
    responder = poster("mastodon", mastodon_fake.base_url)
    first = await responder.deliver(_answer(mention, text=text))
    mastodon_fake.forget_keys = True
    again = await responder.deliver(replace(_answer(mention, text=text), attempt=2))
    await responder.close()
    form = mastodon_fake.api.calls(STATUSES)[0].form()
    assert form["status"] == f"@{DAN} {text}"
    assert len(mastodon_fake.posted) == 1 and again.ref == first.ref
    assert again.detail == "already sent"


async def test_a_reply_that_mentions_the_author_is_sent_as_written(mastodon_fake, clock) -> None:
    _, mention = await _read(mastodon_fake, clock, visibility="direct")
    responder = poster("mastodon", mastodon_fake.base_url)
    await responder.deliver(_answer(mention, text=f"Thanks, @{DAN.upper()}!"))
    await responder.close()
    form = mastodon_fake.api.calls(STATUSES)[0].form()
    assert form["status"] == f"Thanks, @{DAN.upper()}!"
