"""What the outbox keeps of a failure: one line, without the action's own text, and in the
audit trail only the kind of reason it was held for.

The posters say a platform's refusal by its status and code (tests/responders/
test_poster_errors_private.py); this is the glue's backstop for any responder whose error
still quotes the request, and for words with a line break that would forge a log line."""

from __future__ import annotations

import json
import logging
from urllib.parse import quote_plus

import pytest
import sqlalchemy as sa

from mentiondesk.audit_trail import resent
from mentiondesk.models import (
    CaseContext,
    FatalError,
    Label,
    OutboxAction,
    RateLimited,
    Reading,
    TransientError,
)
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from mentiondesk.web.audit_lines import audit_line
from mentiondesk.web.i18n import ENGLISH
from tests.desk.test_audit_trail import _entry
from tests.helpers import mention
from tests.test_outbox import Clock, Flaky, _row, _worker
from tests.test_outbox import store as store  # the fixture

TEXT = 'PRIVATE-DM: "olá", your refund\ngoes to the card ending 4242'
FORGED = "\n2026-12-05 12:00:00 ERROR mentiondesk.outbox: forged line"
KEY = "post:draft:9"


def _enqueue(store: Store, clock: Clock) -> None:
    context = CaseContext(mention=mention(1), reading=Reading(label=Label.NEGATIVE, score=0.9))
    post = OutboxAction(key=KEY, kind="post", target="sink", context=context, text=TEXT)
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX), [outbox_row(post, None, clock.now)])


def _echo(how: str) -> str:
    """The text as a server may quote it back: as sent, in JSON, form-encoded."""
    quoted = {"raw": TEXT, "json": json.dumps(TEXT), "form": quote_plus(TEXT)}[how]
    return f"x posting: 400 Bad Request{FORGED}\ninvalid request {quoted} (Bearer S3CRET)"


@pytest.mark.parametrize("how", ["raw", "json", "form"])
@pytest.mark.parametrize("kind", [FatalError, TransientError, RateLimited])
async def test_a_failure_is_kept_as_one_line_without_the_text(
    store: Store, caplog: pytest.LogCaptureFixture, how: str, kind: type[Exception]
) -> None:
    clock = Clock()
    _enqueue(store, clock)
    error = RateLimited(clock.now, _echo(how)) if kind is RateLimited else kind(_echo(how))
    with caplog.at_level(logging.DEBUG, logger="mentiondesk.outbox"):
        await _worker(store, Flaky(error), clock).deliver_due()
    kept = _row(store, KEY).last_error
    assert kept is not None and "[the text]" in kept
    assert "x posting: 400 Bad Request" in kept  # what the responder said is still there
    for said in (kept, *(r.getMessage() for r in caplog.records)):
        assert "\n" not in said and "4242" not in said and "PRIVATE-DM" not in said, said
    if kind is FatalError:
        assert "outbox action 1 (post) held: x posting: 400 Bad Request" in caplog.text


async def test_a_short_text_is_not_taken_out_of_the_words(store: Store) -> None:
    """ "Thanks!" is no secret, and taking it out would garble the words that hold it."""
    clock = Clock()
    context = CaseContext(mention=mention(1), reading=Reading(label=Label.NEGATIVE, score=0.9))
    post = OutboxAction(key=KEY, kind="post", target="sink", context=context, text="ok")
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX), [outbox_row(post, None, clock.now)])
    await _worker(store, Flaky(FatalError("x posting: token refused")), clock).deliver_due()
    assert _row(store, KEY).last_error == "x posting: token refused"


@pytest.mark.parametrize(
    ("error", "reason", "said"),
    [
        (
            f"x posting: 403 Forbidden\nYou cannot send messages to this user: {TEXT}",
            "dms-closed",
            "the author does not take private messages from us",
        ),
        (f"x posting: 400 Bad Request {TEXT} Bearer S3CRET", "refused", "the platform refused"),
        ("held by cli:ana: waiting for legal", "by-person", "a person on the team held it"),
        (None, "refused", "the platform refused it"),
    ],
)
def test_the_audit_trail_records_the_kind_of_reason_not_the_error(
    error: str | None, reason: str, said: str
) -> None:
    detail = resent(error)
    assert detail == f"sent again after being held: {reason}"
    assert resent(error, to="x-backup") == f"sent again through x-backup after being held: {reason}"
    line = audit_line(ENGLISH, _entry("retry", detail, draft=7))  # type: ignore[arg-type]
    assert line.startswith(f"demo sent the reply again after it was held: {said}")
