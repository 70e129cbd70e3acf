"""`authors forget` lists what the desk posted to them on the platform: the replies under
their posts (a thank-you too) and the private messages, each with the link X gave back; not
those held or still waiting, nor anyone else's. On both backends, through the X fake."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

from mentiondesk.config import Config, load_config
from mentiondesk.pipeline import App
from mentiondesk.queue import approve_draft
from mentiondesk.tables import DRAFT, MENTION, OUTBOX
from tests.fakes.x import POST, XFake, problem
from tests.helpers import run_cli, table_rows
from tests.platforms.helpers import platform_config

COMPLAINT = "@lumora my lamp arrived broken, terrible, awful support"
PRAISE = "@lumora thank you, the {} is wonderful and delivery was great"
DM = "in their inbox and ours"


def _approve(app: App, config: Config, text: str) -> None:
    """Approve the pending draft answering `text`."""
    with app.store.engine.connect() as conn:
        answers = DRAFT.c.mention_id == MENTION.c.id
        query = sa.select(DRAFT.c.id).join(MENTION, answers).where(MENTION.c.text == text)
        draft = conn.scalar(query.where(DRAFT.c.status == "pending"))
    assert draft is not None, text
    approve_draft(app.store, draft, by="ana", post_route=dict(config.settings.routing.post))


async def _desk(tmp_path: Path, db_url: str, x_fake: XFake) -> tuple[Path, dict[str, Any]]:
    """Bob's thank-you and private message delivered, his next two replies held (X refused
    it) and waiting (X busy); Carol's thank-you delivered. The tweets, by name."""
    path = platform_config(tmp_path, "x", x_fake.base_url, 'query = "lumora"', db_url)
    config = load_config(path)
    tweets: dict[str, Any] = {}
    async with App(config) as app:
        await app.run_once()  # the first run finds where "now" is
        x_fake.publish(COMPLAINT, author="bob")
        tweets["carol"] = x_fake.publish(PRAISE.format("lamp"), author="carol")
        tweets["thanks"] = x_fake.publish(PRAISE.format("chair"), author="bob")
        await app.run_once()
        for text in (PRAISE.format("chair"), COMPLAINT, PRAISE.format("lamp")):
            _approve(app, config, text)
        await app.outbox.drain()
        for thing, status in (("sofa", 403), ("bed", 503)):
            x_fake.publish(PRAISE.format(thing), author="bob")
            await app.run_once()
            _approve(app, config, PRAISE.format(thing))
            x_fake.fail(POST, status, problem(status, "No"), method="POST")
            await app.outbox.drain()
    return path, tweets


def _forget(path: Path, handle: str, *, stdin: str) -> str:
    code, output = run_cli(path, "authors", "forget", "x", handle, stdin=stdin)
    assert code == (0 if stdin == "y\n" else 1), output
    return " ".join(output.split())


def _reply_url(x_fake: XFake, tweet: dict[str, Any]) -> str:
    """The link of our reply to `tweet`, as X's id makes it."""
    ours = [t for t in x_fake.posted if t["referenced_tweets"][0]["id"] == tweet["id"]]
    assert len(ours) == 1
    return f"https://x.com/i/status/{ours[0]['id']}"


async def test_forget_lists_the_replies_and_messages_posted_to_them(
    tmp_path: Path, secrets: None, x_fake: XFake, db_url: str
) -> None:
    path, tweets = await _desk(tmp_path, db_url, x_fake)
    posts = sa.select(OUTBOX.c.id, OUTBOX.c.status).where(OUTBOX.c.kind == "post")
    assert [s for _, s in table_rows(db_url, posts)] == ["done"] * 3 + ["held", "pending"]
    said = _forget(path, "bob", stdin="n\n")  # listed before asking
    thanks = _reply_url(x_fake, tweets["thanks"])
    assert f"- reply under their post on X at {thanks} (sent by x-post)" in said
    assert said.count("- reply under their post") == 1  # not the held one, nor the waiting one
    dm = x_fake.dms[0]["id"]
    assert f"- private message to them on X (sent by x-post, id {dm}): {DM}" in said
    assert _reply_url(x_fake, tweets["carol"]) not in said
    said = _forget(path, "bob", stdin="y\n")
    assert thanks in said and "Erased:" in said
    said = _forget(path, "carol", stdin="y\n")
    assert _reply_url(x_fake, tweets["carol"]) in said
    assert thanks not in said and DM not in said
