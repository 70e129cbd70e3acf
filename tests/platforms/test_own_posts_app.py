"""End to end through the App: praise is answered with the shipped thank-you (which names the
brand), the platform's search finds that reply on the next poll as it finds any post, and it
is neither stored as a mention nor answered in turn."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk.config import load_config
from mentiondesk.pipeline import App
from mentiondesk.queue import approve_draft
from mentiondesk.tables import AUTHOR, DRAFT, MENTION
from tests.platforms.helpers import platform_config

PRAISE = "I love my new Lumora lamp, amazing quality!"
# platform: (its source table's keys, how a customer's praise is posted on its fake)
PLATFORMS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "x": ("", lambda fake: fake.publish(PRAISE, author="carol", mention=False)),
    "mastodon": ('query = "Lumora"', lambda fake: fake.hit(PRAISE)),
    "bluesky": ('query = "Lumora"', lambda fake: fake.hit(PRAISE)),
}


def _stored(app: App) -> tuple[list[Any], list[Any]]:
    """The mentions stored (with their authors' handles) and the drafts made."""
    with app.store.engine.connect() as conn:
        joined = MENTION.join(AUTHOR, AUTHOR.c.id == MENTION.c.author_id)
        mentions = conn.execute(
            sa.select(MENTION.c.external_id, AUTHOR.c.handle).select_from(joined)
        )
        drafts = conn.execute(sa.select(DRAFT.c.id, DRAFT.c.kind))
        return mentions.all(), drafts.all()


@pytest.mark.parametrize("platform", list(PLATFORMS))
async def test_our_approved_thank_you_is_not_read_back(
    tmp_path, secrets, x_fake, mastodon_fake, bluesky_fake, platform: str
) -> None:
    keys, praise = PLATFORMS[platform]
    fake = {"x": x_fake, "mastodon": mastodon_fake, "bluesky": bluesky_fake}[platform]
    config = load_config(platform_config(tmp_path, platform, fake.base_url, keys))
    async with App(config) as app:
        await app.run_once()  # the first run finds where now is
        praise(fake)
        await app.run_once()
        _, drafts = _stored(app)
        draft_id = next(d.id for d in drafts if d.kind == "public")
        post_route = dict(config.settings.routing.post)
        approve_draft(app.store, draft_id, by="ana", post_route=post_route)
        await app.outbox.drain()
        await app.run_once()  # search now finds our reply, as the platform's does
        mentions, drafts = _stored(app)
    assert len(mentions) == 1, mentions  # carol's praise alone: not our reply
    assert len([d for d in drafts if d.kind == "public"]) == 1, drafts
