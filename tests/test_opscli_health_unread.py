"""/healthz's `unread_mentions` and the report's `mentions_unread` are one figure: a post read
and since edited (waiting to be read again at its new text) is counted by neither, as its
first reading is in every other figure."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from mentiondesk.ingested import Ingested
from mentiondesk.pipeline import App
from mentiondesk.report import report
from mentiondesk.web.health import backlog
from tests.helpers import COMPLAINT, PRAISE, config_for, mention

ORIGINAL = mention(1, COMPLAINT)
EDITED = replace(ORIGINAL, text=COMPLAINT + " (day 3)", edit_id="1002", url="https://e/1002")


async def test_health_and_report_count_the_same_unread_mentions(tmp_path: Path) -> None:
    config = config_for(tmp_path, "sqlite:///run.db", [ORIGINAL])
    async with App(config) as app:
        await app.run_once()
        assert app.store.ingest("x", [EDITED], None) == Ingested(edited=1)
        app.store.ingest("x", [mention(2, PRAISE, author="b")], None)  # stored, not read
        health = backlog(app.store, datetime.now(UTC))["unread_mentions"]
        data = report(app.store)
    assert data["mentions_unread"] == 1 and data["mentions"] == 1
    assert health == data["mentions_unread"]
