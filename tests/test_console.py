"""The console sink shows untrusted text safely and idempotently keyed."""

from __future__ import annotations

import io

from mentiondesk.models import CaseContext, Label, OutboxAction, Reading
from responders.console import ConsoleResponder
from tests.helpers import mention


async def test_control_characters_and_terminal_escapes_are_stripped() -> None:
    out = io.StringIO()
    hostile = "bad\x1b[2J\x1b[31m red\x07\r\nnext line \u202eevil"
    context = CaseContext(
        mention=mention(1, hostile),
        reading=Reading(label=Label.NEGATIVE, score=0.9, reason="delivery", frustration=2),
        case_number="MD-000001",
    )
    action = OutboxAction(key="alert:k", kind="alert", target="console", context=context)
    receipt = await ConsoleResponder(out=out).deliver(action)
    line = out.getvalue()
    assert "\x1b" not in line and "\x07" not in line and "\u202e" not in line
    assert line.count("\n") == 1 and "MD-000001 negative/delivery frustration 2" in line
    assert receipt.ref == "console:alert:k"
