"""A retry that finds what an earlier attempt sent says so in the log, on every poster that
looks (Mastodon's said nothing, so a retry that sent nothing went unexplained), naming the
responder and never the reply's words."""

from __future__ import annotations

import logging

from tests.platforms.posting import post_action, poster

SAID = "responder {name}: found what an earlier attempt sent; not sending again"
WORDS = "Sorry about that, we sent a new lamp."


async def _twice(responder, external_id: str, platform: str, caplog) -> None:
    await responder.deliver(post_action(platform, external_id, handle="dan", text=WORDS))
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="responders"):
        again = post_action(platform, external_id, handle="dan", text=WORDS, attempt=2)
        await responder.deliver(again)
    await responder.close()


async def test_mastodon_retry_finding_its_reply_says_so(mastodon_fake, caplog) -> None:
    status = mastodon_fake.mention("@lumora broke", author="dan")
    responder = poster("mastodon", mastodon_fake.base_url)
    mastodon_fake.forget_keys = True  # more than an hour later: the thread is asked
    await _twice(responder, status["id"], "mastodon", caplog)
    assert len(mastodon_fake.posted) == 1
    assert SAID.format(name=responder.name) in caplog.text and WORDS not in caplog.text


async def test_x_retry_finding_its_reply_says_so(x_fake, caplog) -> None:
    tweet = x_fake.publish("@lumora broken lamp", author="dan")
    await _said(poster("x", x_fake.base_url), tweet["id"], "x", caplog)


async def test_reddit_retry_finding_its_reply_says_so(reddit_fake, caplog) -> None:
    name = reddit_fake.mention("u/lumora_bot help", author="dan")["data"]["name"]
    await _said(poster("reddit", reddit_fake.base_url), name, "reddit", caplog)


async def test_bluesky_retry_finding_its_reply_says_so(bluesky_fake, caplog) -> None:
    uri = bluesky_fake.mention("@lumora broke")["uri"]
    await _said(poster("bluesky", bluesky_fake.base_url), uri, "bluesky", caplog)


async def _said(responder, external_id: str, platform: str, caplog) -> None:
    await _twice(responder, external_id, platform, caplog)
    assert SAID.format(name=responder.name) in caplog.text and WORDS not in caplog.text
