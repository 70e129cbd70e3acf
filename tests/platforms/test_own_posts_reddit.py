"""Reddit and Hacker News: the brand's own submissions and comments are never read back as
mentions, by the account the source signs in as or, where none does, by its `account`
(never guessed from `[brand] handles`: a namesake's posts would be silently unread)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from listener.hackernews import HackerNewsSource
from listener.reddit import RedditSource
from mentiondesk.config import load_config
from mentiondesk.plugins import build_plugin
from tests.fakes.reddit import ME
from tests.platforms.helpers import FakeClock, once, reddit_source, started
from tests.platforms.posting import post_action, poster

THANKS = "Thank you! It made our day at Lumora."


def _reddit(fake, clock: FakeClock, *, login: bool, **kw) -> RedditSource:
    options = {"query": "Lumora", "subreddits": ["lumora"], "inbox": login} | kw
    return reddit_source(fake.base_url, clock, login=ME if login else None, page_size=10, **options)


async def test_reddit_own_submission_is_no_mention(reddit_fake, clock) -> None:
    source = _reddit(reddit_fake, clock, login=True)  # the client's username, no `account`
    cursor = await started(source, clock)
    ours = reddit_fake.submit("Lumora here: the spring firmware update is out", author=ME)
    theirs = reddit_fake.submit("Lumora lamp flickers after the update", author="alice")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert ours["data"]["name"] not in run.ids
    assert theirs["data"]["name"] in run.ids


@pytest.mark.parametrize("handle", ["@Lumora_Bot", "u/lumora_bot"])  # Reddit ignores case
async def test_reddit_without_login_knows_its_reply_by_account(
    reddit_fake, clock, caplog, handle: str
) -> None:
    caplog.set_level(logging.DEBUG, logger="listener")
    source = _reddit(reddit_fake, clock, login=False, handles=("@lumora", handle))
    cursor = await started(source, clock)
    theirs = reddit_fake.comment("my Lumora lamp is great", author="carol")
    responder = poster("reddit", reddit_fake.base_url)  # signs in as lumora_bot
    await responder.deliver(post_action("reddit", theirs["data"]["name"], text=THANKS))
    await responder.close()
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [theirs["data"]["name"]]
    assert "told by `account` alone (u/lumora, u/lumora_bot)" in caplog.text
    assert "source reddit comments: 1 of the brand's own posts skipped" in caplog.messages


async def test_reddit_without_login_or_handles_says_what_to_set(reddit_fake, clock, caplog):
    source = _reddit(reddit_fake, clock, login=False)
    await source.close()
    assert "the brand's own posts are read as mentions; set `account`" in caplog.text


@pytest.mark.parametrize("kind", ["reddit", "hackernews"])
async def test_account_not_brand_handles_reaches_a_source_built_from_config(
    tmp_path: Path, secrets, kind: str
) -> None:
    """An HN or Reddit user named like a `[brand]` handle is a customer until `account` says
    otherwise: their posts were dropped as the brand's own, logged at debug level only."""
    path = tmp_path / "config.toml"
    path.write_text(
        '[brand]\nname = "Lumora"\nhandles = ["@lumora", "@lumora@mastodon.social"]\n'
        '[routing]\nalert = ["console"]\nticket = "cases"\n'
        '[[responders]]\nkind = "console"\n[[responders]]\nkind = "local"\nname = "cases"\n'
        f'[[sources]]\nkind = "{kind}"\nbase_url = "http://127.0.0.1:9"\n'
    )
    bare = build_plugin("sources", load_config(path).sources[0], load_config(path).context)
    await bare.close()
    path.write_text(path.read_text() + 'account = "Lumora_Bot"\n')
    config = load_config(path)
    named = build_plugin("sources", config.sources[0], config.context)
    await named.close()
    assert not bare.own.known
    # Reddit ignores case; HN does not.
    assert named.own.names == {"lumora_bot" if kind == "reddit" else "Lumora_Bot"}


def _hn(fake, clock: FakeClock) -> HackerNewsSource:
    return HackerNewsSource(
        name="hn", query="lumora", base_url=fake.base_url, handles=("@lumora",), clock=clock
    )


async def test_hacker_news_knows_the_brand_by_its_handle_exactly(hn_fake, clock) -> None:
    source = _hn(hn_fake, clock)
    cursor = await started(source, clock)
    ours = hn_fake.comment("Lumora here: thanks, the fix ships today", author="lumora")
    namesake = hn_fake.comment("Lumora lamps are fine I guess", author="Lumora")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [namesake["objectID"]]  # HN handles are matched exactly
    assert ours["objectID"] not in run.ids
