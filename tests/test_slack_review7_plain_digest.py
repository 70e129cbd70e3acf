"""A Slack admin's view of text-only messages (digests, notices): Slack's mrkdwn has no escape
for `_`, `*` or `~`, so they go as plain_text sections, shown exactly as written. Posted
through the real slack_sdk to the fake Slack; the assertions read the blocks it received."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from pydantic import SecretStr

from mentiondesk.config import AlertRoute
from mentiondesk.digest import summary
from mentiondesk.models import ENGLISH, Author, CaseContext, OutboxAction
from mentiondesk.source_alert import notice_action
from responders._escape import units
from responders.slack import SlackResponder
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake, block_problems
from tests.responders._data import action

ROUTE = AlertRoute(name="brand", to=["chat"], digest_minutes=60)
SNIPPET = "*50% off* at fake-lumora.shop ~today~ :tada: <!channel> & <b>"


def slack(fake: SlackFake) -> SlackResponder:
    token, secret = SecretStr("xoxb-test"), SecretStr("s3cret")
    return SlackResponder(
        "slack", token=token, signing_secret=secret, channel="C0TEAM", base_url=fake.base_url
    )


def lumora(text: str = SNIPPET) -> CaseContext:
    """A mention by "_lumora_", an impostor's look-alike of the brand's handle."""
    ctx = action(text).context
    author = Author(id="a9", handle="_lumora_", name="Lumora Help", followers=3)
    return replace(ctx, mention=replace(ctx.mention, author=author))


def digest(*contexts: CaseContext) -> OutboxAction:
    contexts = contexts or (lumora(),)
    said = summary(ROUTE, list(contexts), timedelta(minutes=60))
    extra = {"digest": len(contexts)}
    return replace(action(), key="digest:brand:1:chat", text=said, extra=extra)


async def test_a_digest_shows_the_handle_and_snippet_as_typed(fake_api: FakeAPI) -> None:
    fake = SlackFake(fake_api)
    await slack(fake).deliver(digest())
    [posted] = fake.posted()
    [block] = posted["blocks"]
    assert block["text"] == {
        "type": "plain_text",
        "text": f"brand: 1 mention in the last hour\n• @_lumora_ (x, en): {SNIPPET}",
        "emoji": False,  # ":tada:" as written
    }
    assert not block_problems(posted["blocks"])
    # The notification text is still mrkdwn (Slack reads it so): escaped as before.
    assert posted["text"] == "brand: 1 mention in the last hour"


async def test_a_notice_is_plain_text_too(fake_api: FakeAPI) -> None:
    fake = SlackFake(fake_api)
    stopped = datetime(2026, 12, 3, 14, 0, tzinfo=UTC)
    error = RuntimeError("401 *revoked* for _lumora_ <!channel>")
    await slack(fake).deliver(
        notice_action("chat", ENGLISH, source="x_main", error=error, stopped_at=stopped)
    )
    [posted] = fake.posted()
    [block] = posted["blocks"]
    assert block["text"]["type"] == "plain_text"
    first = block["text"]["text"].split("\n")[0]
    assert first.startswith("Source x_main stopped (RuntimeError): 401 *revoked* for _lumora_")
    assert "<!channel>" not in posted["text"]  # the fallback stays escaped


async def test_a_long_digest_is_cut_within_the_section(fake_api: FakeAPI) -> None:
    fake = SlackFake(fake_api)
    await slack(fake).deliver(digest(*[lumora("&" * 139 + "<b>")] * 20))
    [block] = fake.posted()[0]["blocks"]
    shown = block["text"]["text"]
    assert shown.endswith("…") and 2900 < units(shown) <= 3000
    assert "&amp;" not in shown and "• @_lumora_" in shown


def test_the_fake_refuses_what_slack_refuses() -> None:
    bad = {"type": "section", "text": {"type": "plain_text", "text": "a", "verbatim": True}}
    assert block_problems([bad]) == [
        "verbatim not allowed for plain_text [json-pointer:/blocks/0/text/verbatim]"
    ]
    odd = {"type": "section", "text": {"type": "markdown", "text": "a"}}
    assert block_problems([odd]) == [
        "must be one of plain_text, mrkdwn [json-pointer:/blocks/0/text/type]"
    ]
