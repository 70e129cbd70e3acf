"""Two rules that match one mention and alert the same chat, one by the routing and one
naming the chat (`to = "console"`), alert it once: the team saw each angry complaint twice."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from mentiondesk.config import load_config
from mentiondesk.pipeline import App
from mentiondesk.tables import OUTBOX
from tests.helpers import COMPLAINT, mention, table_rows, write_config, write_mentions

RULES = """
[[rules]]
name = "complaint"
when = { label = ["negative"] }
actions = [{ type = "open_case" }, { type = "alert" }]

[[rules]]
name = "angry-complaint"
when = { label = ["negative"] }
actions = [{ type = "alert", to = "console" }, { type = "alert", to = "team" }]
"""
EXTRA = """
[[responders]]
kind = "console"
name = "team"
[routing]
alert = ["console"]
[playbooks]
paths = ["rules.toml"]
"""


async def test_one_alert_per_chat_whichever_rules_send_it(tmp_path: Path, db_url: str) -> None:
    (tmp_path / "rules.toml").write_text(RULES)
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT)])
    config = load_config(write_config(tmp_path, db_url=db_url, samples=samples, extra=EXTRA))
    async with App(config) as app:
        await app.run_once()
    query = sa.select(OUTBOX.c.target, OUTBOX.c.key).where(OUTBOX.c.kind == "alert")
    alerts = sorted(tuple(r) for r in table_rows(db_url, query))
    # The first rule's alert is the console's; the second rule still reaches a chat of its own.
    assert alerts == [
        ("console", "alert:console:x:m1:complaint"),
        ("team", "alert:team:x:m1:angry-complaint"),
    ]
