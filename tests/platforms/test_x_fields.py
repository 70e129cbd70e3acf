"""The fake X sends what X sends: a post's id, text and edit history, a user's id, name and
username, unless `tweet.fields` / `user.fields` ask for more, and users only with
`expansions=author_id` (docs.x.com, fields and expansions)."""

from __future__ import annotations

from typing import Any

import aiohttp

from listener.x import XSource
from tests.fakes.x import SEARCH
from tests.platforms.helpers import once, started


async def _search(fake, **params: str) -> dict[str, Any]:
    async with aiohttp.ClientSession() as session:
        url = fake.base_url + SEARCH
        async with session.get(url, params={"query": "lumora", **params}) as answer:
            body: dict[str, Any] = await answer.json()
            return body


async def test_search_sends_the_default_fields_unless_asked(x_fake) -> None:
    x_fake.publish("lumora hi", author="carol")
    plain = await _search(x_fake)
    asked = await _search(
        x_fake, expansions="author_id", **{"tweet.fields": "lang", "user.fields": "public_metrics"}
    )
    assert set(plain["data"][0]) == {"id", "text", "edit_history_tweet_ids"}
    assert "includes" not in plain
    assert set(asked["data"][0]) == {"id", "text", "edit_history_tweet_ids", "lang"}
    assert set(asked["includes"]["users"][0]) == {"id", "name", "username", "public_metrics"}


async def test_the_source_asks_for_every_field_it_reads(x_fake, clock) -> None:
    source = XSource(
        name="x", bearer_token="tok", query="lumora", username="lumora",
        base_url=x_fake.base_url, page_size=10, clock=clock,
    )  # fmt: skip
    cursor = await started(source, clock)
    x_fake.publish("@lumora lumora hi", author="carol", followers=77, lang="pt")
    run = await once(source, cursor, clock=clock)
    await source.close()
    (mention,) = run.mentions  # readable: its created_at and author_id were asked for
    assert (mention.author.followers, mention.lang) == (77, "pt")
    assert mention.thread_id == mention.external_id  # conversation_id, asked for too
