"""The reply limits a config sets, for reply_limits to count to: a Mastodon server allows its
own number of characters a status (500 by default, 5000 on many), written as `max_characters`
on the `mastodon-post` responder that `[routing] post` sends Mastodon replies to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentiondesk.reply_limits import use_server_limits

if TYPE_CHECKING:
    from mentiondesk.config import Config

MASTODON_POSTER = "mastodon-post"  # the responder kind whose table says the server's limit


def server_limits(config: Config) -> dict[str, int]:
    """Each platform's limit as the config says the brand's server sets it: only Mastodon's,
    and only where a `mastodon-post` responder posts its replies (a console or a help desk
    posts nothing a server counts)."""
    routes = config.settings.routing.post
    name = routes.get("mastodon", routes.get("default"))
    for responder in config.responders:
        most = getattr(responder, "max_characters", None)
        if responder.kind == MASTODON_POSTER and responder.name == name and isinstance(most, int):
            return {"mastodon": most}
    return {}


def apply(config: Config) -> None:
    """Count replies to `config`'s limits from now on (those of an earlier config forgotten)."""
    use_server_limits(server_limits(config))
