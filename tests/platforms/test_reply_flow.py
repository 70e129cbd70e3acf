"""End to end on X: a complaint is read, a DM drafted, approved, and sent once on the platform."""

from __future__ import annotations

import sqlalchemy as sa

from mentiondesk.config import load_config
from mentiondesk.pipeline import App
from mentiondesk.queue import approve_draft
from mentiondesk.tables import DRAFT
from tests.platforms.helpers import platform_config


async def test_complaint_to_approved_dm_on_x(tmp_path, secrets, x_fake) -> None:
    config = load_config(platform_config(tmp_path, "x", x_fake.base_url, 'query = "lumora"'))
    async with App(config) as app:
        await app.run_once()  # the first run finds where "now" is
        tweet = x_fake.publish(
            "@lumora my lamp arrived broken, terrible, awful support", author="bob"
        )
        await app.run_once()
        with app.store.engine.connect() as conn:
            draft_id = conn.scalar(sa.select(DRAFT.c.id).where(DRAFT.c.kind == "private"))
        assert draft_id is not None
        approve_draft(
            app.store,
            draft_id,
            by="ana",
            post_route=dict(config.settings.routing.post),
            text="Sorry Bob, a new lamp is on its way.",
        )
        await app.outbox.drain()
        await app.outbox.drain()  # nothing left: the delivery is recorded once
    assert [(d["participant"], d["text"]) for d in x_fake.dms] == [
        (tweet["author_id"], "Sorry Bob, a new lamp is on its way.")
    ]
    assert x_fake.posted == []
