"""Maps a plugin `kind` to the class that builds it.

Built-in plugins are listed explicitly; third parties add theirs under the entry-point
groups `mentiondesk.sources`, `mentiondesk.classifiers` and `mentiondesk.responders`
without touching this file.
"""

from __future__ import annotations

import importlib
from functools import cache
from importlib.metadata import entry_points
from typing import Any, Literal

from mentiondesk.models import FORMER_PLATFORMS

Group = Literal["sources", "classifiers", "responders"]

_BUILTIN: dict[Group, dict[str, str]] = {
    "sources": {
        "replay": "listener.replay:ReplaySource",
        "x": "listener.x:XSource",
        "reddit": "listener.reddit:RedditSource",
        "mastodon": "listener.mastodon:MastodonSource",
        "bluesky": "listener.bluesky:BlueskySource",
        "hackernews": "listener.hackernews:HackerNewsSource",
    },
    "classifiers": {
        "vader": "sentiment.vader:VaderClassifier",
        "ngram": "sentiment.ngram:NgramClassifier",
        "e5": "sentiment.e5:E5Classifier",
        "transformers": "sentiment.transformers_hf:TransformersClassifier",
    },
    "responders": {
        "console": "responders.console:ConsoleResponder",
        "local": "responders.local:LocalHelpdeskResponder",
        "slack": "responders.slack:SlackResponder",
        "request_tracker": "responders.request_tracker:RequestTrackerResponder",
        "zendesk": "responders.zendesk:ZendeskResponder",
        "freshdesk": "responders.freshdesk:FreshdeskResponder",
        "teams": "responders.teams:TeamsResponder",
        "discord": "responders.discord:DiscordResponder",
        "mattermost": "responders.mattermost:MattermostResponder",
        "x-post": "responders.x_post:XPostResponder",
        "reddit-post": "responders.reddit_post:RedditPostResponder",
        "mastodon-post": "responders.mastodon_post:MastodonPostResponder",
        "bluesky-post": "responders.bluesky_post:BlueskyPostResponder",
    },
}


# A platform source's kind is the platform its mentions carry (`x` → mention.platform "x");
# these read mentions of other platforms (replay: whatever its file recorded).
_NOT_PLATFORMS = frozenset({"replay"})
# Names people still write for a platform, for "did you mean" hints only.
FORMER_NAMES = FORMER_PLATFORMS


@cache
def _targets(group: Group) -> dict[str, str]:
    found = {ep.name: ep.value for ep in entry_points(group=f"mentiondesk.{group}")}
    return {**found, **_BUILTIN[group]}  # built-ins win: a plugin cannot shadow them


def kinds(group: Group) -> list[str]:
    """Every kind known in `group`, sorted."""
    return sorted(_targets(group))


def load(group: Group, kind: str) -> Any:
    """The plugin class registered as `kind` in `group`; KeyError when unknown."""
    target = _targets(group)[kind]
    module_name, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


def platforms() -> list[str]:
    """Every platform a registered source listens to (routing keys and conditions use them)."""
    return [kind for kind in kinds("sources") if kind not in _NOT_PLATFORMS]
