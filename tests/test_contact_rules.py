"""People who ask us to stop get no private message; public auto-replies are capped."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import contacts, queue, queue_views
from mentiondesk.config import load_config
from mentiondesk.pipeline import App
from mentiondesk.tables import AUTHOR, DELIVERY, DRAFT, OUTBOX
from tests.helpers import mention, write_config, write_mentions
from tests.test_pipeline import COMPLAINT, PRAISE, Recorder

AUTO_RULES = """
[[rules]]
name = "auto-thanks"
when = { label = ["positive"] }
actions = [{ type = "draft_public", template = "thank_you", auto = true }]
"""


def _config(tmp_path: Path, db_url: str, mentions: list, extra: str = "") -> object:  # type: ignore[type-arg]
    samples = write_mentions(tmp_path / "m.jsonl", mentions)
    return load_config(write_config(tmp_path, db_url=db_url, samples=samples, extra=extra))


@contextlib.asynccontextmanager
async def _run(config: object) -> AsyncIterator[tuple[App, Recorder]]:
    """Run the flow once and keep the app open for the test's queries."""
    chat = Recorder("console")
    app = App(config, responders={"console": chat, "cases": Recorder("cases")})  # type: ignore[arg-type]
    async with app:
        await app.run_once()
        yield app, chat


async def test_asking_to_stop_puts_the_author_on_do_not_contact(
    tmp_path: Path, db_url: str
) -> None:
    texts = [COMPLAINT + " and stop messaging me", COMPLAINT]
    config = _config(tmp_path, db_url, [mention(1, texts[0]), mention(2, texts[1])])
    async with _run(config) as (app, _):
        with app.store.engine.connect() as conn:
            assert conn.scalar(sa.select(AUTHOR.c.do_not_contact)) is True
            kinds = list(conn.scalars(sa.select(DRAFT.c.kind)))
    assert "private" not in kinds  # neither the opt-out nor the next complaint got a DM draft


async def test_a_private_draft_for_a_blocked_author_cannot_be_approved(
    tmp_path: Path, db_url: str
) -> None:
    config = _config(tmp_path, db_url, [mention(1, COMPLAINT)])
    async with _run(config) as (app, _):
        listing = contacts.set_do_not_contact(app.store, "x", "h_a1", by="t")
        assert (listing.authors, listing.withdrawn) == (1, 1)
        with pytest.raises(queue.StaleAction, match="asked not to be contacted"):
            queue.approve_draft(app.store, 1, by="t", post_route={"default": "console"})
        assert queue_views.list_drafts(app.store) == []  # withdrawn: out of the queue
        assert queue_views.list_drafts(app.store, status="withdrawn")[0].id == 1
        assert contacts.do_not_contact_list(app.store) == [("x", "h_a1", "Ana Souza")]


async def test_auto_replies_are_posted_but_capped_per_author_per_day(
    tmp_path: Path, db_url: str
) -> None:
    rules = tmp_path / "auto.toml"
    rules.write_text(AUTO_RULES)
    extra = '\n[playbooks]\npaths = ["auto.toml"]\nauto_reply_daily_cap = 2\n'
    mentions = [mention(i, PRAISE) for i in range(4)] + [mention(9, PRAISE, author="other")]
    async with _run(_config(tmp_path, db_url, mentions, extra)) as (app, chat):
        posts = [a for a in chat.delivered if a.kind == "post"]
        assert sorted(a.context.mention.author.id for a in posts) == ["a1", "a1", "other"]
        with app.store.engine.connect() as conn:
            assert conn.scalar(sa.select(sa.func.count()).select_from(DELIVERY)) == 3
            by_mention = sa.select(DRAFT.c.status).order_by(DRAFT.c.mention_id)
            statuses = list(conn.scalars(by_mention))
    assert statuses == ["approved", "approved", "pending", "pending", "approved"]


async def test_an_approved_dm_is_not_sent_after_the_author_opts_out(
    tmp_path: Path, db_url: str
) -> None:
    config = _config(tmp_path, db_url, [mention(1, COMPLAINT)])
    async with _run(config) as (app, chat):
        key = queue.approve_draft(app.store, 1, by="t", post_route={"default": "console"})
        contacts.set_do_not_contact(app.store, "x", "h_a1", by="t")
        assert await app.outbox.drain(only_key=key) == 0
        with app.store.engine.connect() as conn:
            status = conn.scalar(sa.select(OUTBOX.c.status).where(OUTBOX.c.key == key))
    assert status == "held" and not [a for a in chat.delivered if a.kind == "post"]
