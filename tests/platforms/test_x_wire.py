"""What X's API v2 sends that a plain `text` read gets wrong, through tweepy against the fake X:
long posts (note_tweet), retweets, HTML entities, edits and the monthly usage cap."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest

from listener.x import XSource, XSourceConfig
from mentiondesk.models import Brand, FatalError, PluginContext, RateLimited
from tests.fakes.x import MENTIONS, POST, SEARCH
from tests.platforms.helpers import FakeClock, once, started
from tests.platforms.posting import post_action, poster

LONG = "@lumora " + "my lamp flickers every evening and the app cannot see it; " * 6 + "help?"


def _source(fake, clock: FakeClock, **kw) -> XSource:
    options = {"query": "lumora", "username": "lumora", "page_size": 10} | kw
    return XSource(name="x", bearer_token="tok", base_url=fake.base_url, clock=clock, **options)


async def test_a_long_post_is_read_whole(x_fake, clock) -> None:
    source = _source(x_fake, clock)
    cursor = await started(source, clock)
    tweet = x_fake.publish(LONG, author="bob")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert len(LONG) > 280 and tweet["text"] != LONG  # X's `text` alone is cut short
    assert [m.text for m in run.mentions] == [LONG]
    asked = x_fake.api.calls(SEARCH)[-1].query["tweet.fields"].split(",")
    assert "note_tweet" in asked


async def test_retweets_are_skipped_and_quotes_kept(x_fake, clock, caplog) -> None:
    source = _source(x_fake, clock)  # the user's own query: no -is:retweet in it
    cursor = await started(source, clock)
    original = x_fake.publish("@lumora the new lamp is lovely", author="alice")
    x_fake.retweet(original, by="dave")
    x_fake.retweet(original, by="erin")
    quote = x_fake.publish("@lumora mine broke in a week", author="frank", quote_of=original)
    with caplog.at_level(logging.DEBUG, logger="listener"):
        run = await once(source, cursor, clock=clock)
    await source.close()
    assert sorted(run.ids) == sorted([original["id"], quote["id"]])
    assert {m.author.handle for m in run.mentions} == {"alice", "frank"}
    skipped = [r.getMessage() for r in caplog.records if "retweets" in r.getMessage()]
    assert skipped and "x search: 2 retweets of 4 posts skipped" in skipped
    assert not any("lovely" in r.getMessage() for r in caplog.records)  # counts, never text


async def test_the_default_query_leaves_retweets_out(x_fake, clock, secrets) -> None:
    brand = Brand(name="Lumora", handles=("@lumora",))
    config = XSourceConfig(kind="x", base_url=x_fake.base_url, mentions=False)
    source = XSource.from_config(config, PluginContext(brand=brand, base_dir=Path(".")))
    source.endpoints.clock = source._clock = clock
    cursor = await started(source, clock)
    original = x_fake.publish("lumora lamps are great", author="alice", mention=False)
    x_fake.retweet(original, by="dave", mention=False)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert source.query == "(Lumora OR @lumora) -is:retweet"
    assert x_fake.api.calls(SEARCH)[-1].query["query"] == source.query
    assert run.ids == [original["id"]]


def test_a_default_query_at_x_s_limit_is_kept_as_it_is(secrets) -> None:
    # "Lumora" and 38 " OR lumoraNNN": 500 characters; with "( ) -is:retweet", 514 > 512.
    brand = Brand(name="Lumora", keywords=tuple(f"lumora{n:03d}" for n in range(38)))
    config = XSourceConfig(kind="x", mentions=False)
    source = XSource.from_config(config, PluginContext(brand=brand, base_dir=Path(".")))
    assert len(brand.default_query()) == 500
    assert source.query == brand.default_query()


async def test_html_entities_are_read_as_the_characters(x_fake, clock) -> None:
    source = _source(x_fake, clock)
    cursor = await started(source, clock)
    x_fake.publish("@lumora tea & cake <3 -> 10/10", author="bob")
    run = await once(source, cursor, clock=clock)
    await source.close()
    raw = await _raw_search(x_fake)
    assert "&amp;" in raw and "&lt;3" in raw  # what X sends
    assert [m.text for m in run.mentions] == ["@lumora tea & cake <3 -> 10/10"]


async def _raw_search(fake) -> str:
    async with aiohttp.ClientSession() as http:
        url = f"{fake.base_url}{SEARCH}?query=lumora&max_results=10"
        async with http.get(url) as answer:
            return await answer.text()


async def test_a_retried_reply_with_an_ampersand_is_found_not_refused(x_fake) -> None:
    tweet = x_fake.publish("@lumora is there cake?", author="bob")
    responder = poster("x", x_fake.base_url)
    text = "Tea & cake <3, on us"
    sent = await responder.deliver(post_action("x", tweet["id"], text=text))  # answer lost
    again = await responder.deliver(post_action("x", tweet["id"], text=text, attempt=2))
    await responder.close()
    assert again.ref == sent.ref and again.detail == "reply (found)"
    assert [t["text"] for t in x_fake.posted] == [f"@bob {text}"]


async def test_the_same_reply_to_the_same_post_is_refused_as_duplicate(x_fake) -> None:
    tweet = x_fake.publish("@lumora hello", author="bob")
    responder = poster("x", x_fake.base_url)
    await responder.deliver(post_action("x", tweet["id"]))
    with pytest.raises(FatalError, match="duplicate content"):
        await responder.deliver(post_action("x", tweet["id"], key="another"))  # attempt 1
    await responder.close()
    assert len(x_fake.posted) == 1


async def test_a_post_over_280_weighted_characters_is_refused(x_fake) -> None:
    tweet = x_fake.publish("@lumora hello", author="bob")
    responder = poster("x", x_fake.base_url)
    cjk = "日本" * 71  # 142 characters, 284 as X counts them
    with pytest.raises(FatalError, match="too long"):
        await responder.deliver(post_action("x", tweet["id"], text=cjk))
    await responder.close()
    # Held before posting (x_post counts as X does): X would refuse it after spending a post.
    assert x_fake.posted == [] and x_fake.api.calls(POST, "POST") == []


async def test_an_edited_post_keeps_its_first_id_and_is_answered_at_its_latest(
    x_fake, clock
) -> None:
    source = _source(x_fake, clock)
    cursor = await started(source, clock)
    first = x_fake.publish("@lumora my lamp is brken", author="bob")
    latest = x_fake.edit(first, "@lumora my lamp is broken")
    run = await once(source, cursor, clock=clock)
    await source.close()
    (mention,) = run.mentions
    assert (mention.external_id, mention.text) == (first["id"], "@lumora my lamp is broken")
    assert mention.url.endswith(f"/status/{latest['id']}")
    responder = poster("x", x_fake.base_url)
    action = post_action("x", first["id"])
    action = replace(action, context=replace(action.context, mention=mention))  # as stored
    sent = await responder.deliver(action)
    again = await responder.deliver(replace(action, attempt=2))  # the answer was lost: found
    await responder.close()
    assert x_fake.posted[0]["referenced_tweets"] == [{"type": "replied_to", "id": latest["id"]}]
    assert (again.ref, again.detail) == (sent.ref, "reply (found)")


async def test_the_monthly_usage_cap_waits_an_hour_and_says_so_once(x_fake, clock, caplog) -> None:
    source = _source(x_fake, clock, username=None)
    cursor = await started(source, clock)
    x_fake.cap_usage()
    with caplog.at_level(logging.INFO, logger="listener"):
        with pytest.raises(RateLimited) as first:
            await source.poll(cursor)
        clock.advance(3600)
        with pytest.raises(RateLimited) as second:
            await source.poll(cursor)
        x_fake.cap_usage(False)
        tweet = x_fake.publish("lumora back again", mention=False)
        clock.advance(3600)
        batch = await source.poll(cursor)
    await source.close()
    assert first.value.until == clock() - timedelta(hours=2) + timedelta(hours=1)
    assert second.value.until == clock() - timedelta(hours=1) + timedelta(hours=1)
    assert [m.external_id for m in batch.mentions] == [tweet["id"]]
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "monthly post cap" in errors[0].getMessage()
    assert any("cap is lifted" in r.getMessage() for r in caplog.records)
    assert len(x_fake.api.calls(SEARCH)) == 1 + 3  # the start, two refusals, the read


async def test_a_usage_capped_post_waits_an_hour(x_fake, caplog) -> None:
    tweet = x_fake.publish("@lumora hello", author="bob")
    responder = poster("x", x_fake.base_url)
    x_fake.cap_usage()
    with (
        caplog.at_level(logging.ERROR, logger="responders"),
        pytest.raises(RateLimited, match="monthly usage cap") as refused,
    ):
        await responder.deliver(post_action("x", tweet["id"]))
    await responder.close()
    assert refused.value.until - datetime.now(UTC) > timedelta(minutes=55)
    assert x_fake.posted == []
    assert [r.levelno for r in caplog.records] == [logging.ERROR]


async def test_mentions_carry_retweets_too_and_they_are_skipped(x_fake, clock) -> None:
    source = _source(x_fake, clock, query="")
    cursor = await started(source, clock)
    original = x_fake.publish("@lumora thank you!", author="alice", search=False)
    x_fake.retweet(original, by="dave", search=False)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [original["id"]]
    assert x_fake.api.calls(MENTIONS), "read through the mentions endpoint"
