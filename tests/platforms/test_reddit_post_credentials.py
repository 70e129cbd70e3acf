"""reddit-post with a client id or secret Reddit does not know: Reddit answers 401 at the token
endpoint, which no retry mends, so the post is held (fatal) with the env variables to check."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import FatalError, PluginContext
from responders.reddit_post import RedditPostResponder, RedditPostResponderConfig
from tests.fakes.reddit import COMMENT, TOKEN
from tests.platforms.posting import post_action


def _poster(base_url: str, tmp_path: Path) -> RedditPostResponder:
    config = RedditPostResponderConfig(
        kind="reddit-post",
        base_url=base_url,
        client_id_env="LUMORA_REDDIT_ID",
        client_secret_env="LUMORA_REDDIT_SECRET",
    )
    context = PluginContext(brand=None, base_dir=tmp_path)  # type: ignore[arg-type]
    return RedditPostResponder.from_config(config, context)


@pytest.fixture
def app_env(secrets: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LUMORA_REDDIT_ID", "cid")
    monkeypatch.setenv("LUMORA_REDDIT_SECRET", "wrong")


async def test_a_refused_client_secret_is_fatal_naming_the_env_keys(
    reddit_fake, app_env: None, tmp_path: Path
) -> None:
    reddit_fake.register_app("cid", "right")
    item = reddit_fake.mention("u/lumora_bot help", author="erin")
    poster = _poster(reddit_fake.base_url, tmp_path)
    try:
        with pytest.raises(FatalError, match="LUMORA_REDDIT_ID and LUMORA_REDDIT_SECRET"):
            await poster.deliver(post_action("reddit", item["data"]["name"], handle="erin"))
    finally:
        await poster.close()
    assert len(reddit_fake.api.calls(TOKEN)) == 1 and not reddit_fake.api.calls(COMMENT)


async def test_a_registered_app_still_posts(reddit_fake, app_env: None, tmp_path: Path) -> None:
    reddit_fake.register_app("cid", "wrong")  # what the env gives: Reddit knows it
    item = reddit_fake.mention("u/lumora_bot help", author="erin")
    poster = _poster(reddit_fake.base_url, tmp_path)
    try:
        await poster.deliver(post_action("reddit", item["data"]["name"], handle="erin"))
    finally:
        await poster.close()
    assert len(reddit_fake.comments) == 1
