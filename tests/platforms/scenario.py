"""A config with all five platform sources pointed at their fakes."""

from __future__ import annotations

from pathlib import Path

from tests.config_blocks import console_desk
from tests.fakes.bluesky import BlueskyFake
from tests.fakes.hackernews import HackerNewsFake
from tests.fakes.mastodon import MastodonFake
from tests.fakes.reddit import RedditFake
from tests.fakes.x import XFake


def five_sources_config(
    tmp_path: Path,
    *,
    x: XFake,
    reddit: RedditFake,
    mastodon: MastodonFake,
    bluesky: BlueskyFake,
    hn: HackerNewsFake,
    poll_seconds: float = 1,
    store_url: str | None = None,
    extra: str = "",
) -> Path:
    """Write config.toml for the App; secrets come from the `secrets` fixture's env vars."""
    text = f"""
[brand]
name = "Lumora"
handles = ["@lumora"]
[store]
url = "{store_url or f"sqlite:///{tmp_path / 'md.db'}"}"
{console_desk('{default = "console"}')}
[[sources]]
kind = "x"
base_url = "{x.base_url}"
poll_seconds = {poll_seconds}
query = "lumora"
[[sources]]
kind = "reddit"
base_url = "{reddit.base_url}"
poll_seconds = {poll_seconds}
query = "lumora"
username_env = "REDDIT_USERNAME"
password_env = "REDDIT_PASSWORD"
[[sources]]
kind = "mastodon"
base_url = "{mastodon.base_url}"
poll_seconds = {poll_seconds}
query = "#lumora"
[[sources]]
kind = "bluesky"
base_url = "{bluesky.base_url}"
poll_seconds = {poll_seconds}
query = "lumora"
[[sources]]
kind = "hackernews"
base_url = "{hn.base_url}"
poll_seconds = {poll_seconds}
query = "lumora"
{extra}
"""
    path = tmp_path / "config.toml"
    path.write_text(text)
    return path


def publish_one_each(
    x: XFake, reddit: RedditFake, mastodon: MastodonFake, bluesky: BlueskyFake, hn: HackerNewsFake
) -> dict[str, str]:
    """One complaint per platform; returns platform -> external id."""
    return {
        "x": x.publish("@lumora my lamp arrived broken, terrible")["id"],
        "reddit": reddit.mention("u/lumora_bot worst support ever")["data"]["name"],
        "mastodon": mastodon.mention("@lumora the lamp is great, thanks!")["id"],
        "bluesky": bluesky.mention("@lumora.bsky.social refund please, awful")["uri"],
        "hackernews": hn.comment("Lumora lamps are fine I guess")["objectID"],
    }
