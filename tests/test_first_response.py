"""First-response time counts the first reply a person sent, not a playbook's automatic one."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.config import Config, load_config
from mentiondesk.pipeline import App
from mentiondesk.report import report
from mentiondesk.tables import CASE, DELIVERY, DRAFT
from mentiondesk.web.data_queue import Filters, load_queue
from tests.helpers import COMPLAINT, mention, write_config, write_mentions
from tests.test_pipeline import Recorder

# A complaint gets an automatic public acknowledgement and a private message for a person.
ACKNOWLEDGE = """
[[rules]]
name = "acknowledge"
when = { label = ["negative"] }
actions = [
  { type = "open_case" },
  { type = "draft_public", template = "thank_you", auto = true },
  { type = "draft_private", template = "complaint_dm" },
]
"""
# Only the acknowledgement: the case waits for a person to write the answer.
ACKNOWLEDGE_ONLY = """
[[rules]]
name = "acknowledge"
when = { label = ["negative"] }
actions = [{ type = "open_case" }, { type = "draft_public", template = "thank_you", auto = true }]
"""
POST = {"default": "console"}


def _config(tmp_path: Path, db_url: str, rules: str) -> Config:
    (tmp_path / "ack.toml").write_text(rules)
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT)])
    extra = '\n[playbooks]\npaths = ["ack.toml"]\n'
    return load_config(write_config(tmp_path, db_url=db_url, samples=samples, extra=extra))


@contextlib.asynccontextmanager
async def _ran(
    tmp_path: Path, db_url: str, rules: str = ACKNOWLEDGE
) -> AsyncIterator[tuple[App, Recorder]]:
    chat = Recorder("console")
    config = _config(tmp_path, db_url, rules)
    app = App(config, responders={"console": chat, "cases": Recorder("cases")})
    async with app:
        await app.run_once()
        yield app, chat


def _first_response(app: App) -> object:
    with app.store.engine.connect() as conn:
        return conn.scalar(sa.select(CASE.c.first_response_at))


async def test_an_automatic_reply_does_not_stop_the_first_response_clock(
    tmp_path: Path, db_url: str
) -> None:
    async with _ran(tmp_path, db_url) as (app, chat):
        assert [a.kind for a in chat.delivered].count("post") == 1  # the acknowledgement went out
        assert _first_response(app) is None
        numbers = report(app.store)
        assert numbers["first_response"] is None and numbers["first_response_waiting"] == 1


async def test_the_first_reply_a_person_approved_stops_it(tmp_path: Path, db_url: str) -> None:
    async with _ran(tmp_path, db_url) as (app, _):
        with app.store.engine.connect() as conn:
            private = conn.scalar(sa.select(DRAFT.c.id).where(DRAFT.c.kind == "private"))
        key = queue.approve_draft(app.store, int(private or 0), by="ana", post_route=POST)
        assert await app.outbox.drain(only_key=key) == 1
        with app.store.engine.connect() as conn:
            sent = conn.scalar(sa.select(DELIVERY.c.delivered_at).where(DELIVERY.c.key == key))
        assert sent is not None and _first_response(app) == sent
        numbers = report(app.store)
        assert numbers["first_response"]["count"] == 1 and numbers["first_response_waiting"] == 0


async def test_a_case_only_acknowledged_automatically_still_needs_a_reply(
    tmp_path: Path, db_url: str
) -> None:
    async with _ran(tmp_path, db_url, ACKNOWLEDGE_ONLY) as (app, chat):
        assert [a.kind for a in chat.delivered].count("post") == 1
        items, waiting = load_queue(app.store, Filters())
    assert [i.number for i in items] == ["MD-000001"] and waiting.total == 1
