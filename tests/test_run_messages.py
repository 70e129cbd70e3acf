"""What `run` tells the operator: the catch-up's outbox pass is no stop, and the summary
says what was queued, what went out and what waits."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from rich.console import Console

from mentiondesk.cli_render import print_summary
from mentiondesk.models import OutboxAction, Receipt, TransientError
from mentiondesk.pipeline import App
from mentiondesk.report import report
from tests.helpers import COMPLAINT, config_for, mention


class Down:
    """A sink that cannot be reached (a chat whose host does not resolve)."""

    def __init__(self, name: str) -> None:
        self.name = name

    async def deliver(self, action: OutboxAction) -> Receipt:
        raise TransientError(f"{self.name} unreachable: ClientConnectorDNSError")

    async def close(self) -> None:
        return None


async def test_a_slow_catch_up_says_delivery_goes_on_not_stopping(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    grace = "[outbox]\nstop_grace_seconds = 0\n"
    config = config_for(tmp_path, "sqlite:///run.db", [mention(1, COMPLAINT)], extra=grace)
    sinks = {"console": Down("console"), "cases": Down("cases")}
    with caplog.at_level(logging.INFO, logger="mentiondesk.outbox"):
        async with App(config, responders=sinks) as app:  # type: ignore[arg-type]
            await app.run_once()
    said = [r.getMessage() for r in caplog.records]
    assert not [s for s in said if "stopping" in s]
    assert "1 action(s) not delivered after catching up; delivery goes on" in said


async def test_the_summary_says_alerts_wait_in_the_outbox_while_the_sink_is_down(
    tmp_path: Path,
) -> None:
    config = config_for(tmp_path, "sqlite:///run.db", [mention(1, COMPLAINT)])
    sinks = {"console": Down("console"), "cases": Down("cases")}
    async with App(config, responders=sinks) as app:  # type: ignore[arg-type]
        await app.run_once()
        console = Console(record=True, width=120)
        print_summary(console, report(app.store), config, new=1)
    said = console.export_text()
    assert "  Alerts                    1   queued, 0 delivered, 1 waiting in the outbox" in said
    assert "  Help-desk tickets         0   queued, 0 delivered" in said
