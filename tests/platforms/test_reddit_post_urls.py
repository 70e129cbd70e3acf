"""reddit-post's URLs: with `base_url` alone the token comes from there too (as the Reddit
source's does), and a URL that does not answer is named in the error, without secrets."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from mentiondesk.models import PluginContext, TransientError
from responders.reddit_post import RedditPostResponder, RedditPostResponderConfig
from tests.fakes.reddit import TOKEN


def _poster(base_url: str, tmp_path: Path) -> RedditPostResponder:
    config = RedditPostResponderConfig(kind="reddit-post", base_url=base_url)
    context = PluginContext(brand=None, base_dir=tmp_path)  # type: ignore[arg-type]
    return RedditPostResponder.from_config(config, context)


async def test_base_url_alone_is_where_the_token_comes_from(
    reddit_fake, secrets: None, tmp_path: Path
) -> None:
    poster = _poster(reddit_fake.base_url, tmp_path)
    try:
        assert await poster.check() == "signed in as u/lumora_bot"
    finally:
        await poster.close()
    assert reddit_fake.api.calls(TOKEN)  # not www.reddit.com's


async def test_a_url_that_does_not_answer_is_named(secrets: None, tmp_path: Path) -> None:
    with socket.socket() as probe:  # a local port nothing listens on
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    poster = _poster(dead, tmp_path)
    try:
        with pytest.raises(TransientError) as raised:
            await poster.check()
    finally:
        await poster.close()
    said = str(raised.value)
    assert f"could not reach {dead}{TOKEN} (connection refused at {dead[7:]})" in said
    assert "test-reddit_password" not in said and "test-reddit_client_secret" not in said
