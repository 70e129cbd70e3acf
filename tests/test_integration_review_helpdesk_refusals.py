"""A help desk's validation refusal (Zendesk 422 RecordInvalid, Freshdesk 400 "Validation
failed") names the fields it refused and their error codes, in the desk's own identifiers:
not "check the URL, token and permissions", which sent operators after a token that was
fine, and made the desk call it a set-up problem. The desk's descriptions (which may quote
the values sent: the mention, the author's name) stay out."""

from __future__ import annotations

import pytest

from mentiondesk.held_replies import held_reason
from mentiondesk.models import FatalError
from responders.freshdesk import FreshdeskResponder
from responders.zendesk import ZendeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.responders._data import action

TICKET = action(kind="ticket", target="desk")
QUOTED = "SECRET-MENTION-TEXT"


async def test_zendesk_422_names_the_refused_fields_not_the_token(fake_api: FakeAPI) -> None:
    zd.ZendeskFake(fake_api)
    details = {
        "group_id": [{"description": f"Group: {QUOTED} is invalid", "error": "InvalidValue"}],
        "tags": [{"description": f"Tags: {QUOTED}", "error": "TooLong"}],
    }
    body = {"error": "RecordInvalid", "description": "Record validation errors"}
    fake_api.queue("POST", "/api/v2/tickets.json", 422, body | {"details": details})
    responder = ZendeskResponder(
        "zd", base_url=fake_api.base_url, email=zd.EMAIL, token=zd.TOKEN, group_id=7
    )
    with pytest.raises(FatalError) as refused:
        await responder.deliver(TICKET)
    await responder.close()
    error = str(refused.value)
    assert "group_id: InvalidValue" in error and "tags: TooLong" in error, error
    assert "token" not in error and QUOTED not in error
    assert held_reason(error) == "refused"


async def test_freshdesk_400_names_the_refused_fields_not_the_token(fake_api: FakeAPI) -> None:
    fd.FreshdeskFake(fake_api)  # an account without the unique contact identifier
    responder = FreshdeskResponder(
        "fd", base_url=fake_api.base_url, api_key=fd.API_KEY, unique_external_id=True
    )
    with pytest.raises(FatalError) as refused:
        await responder.deliver(TICKET)
    await responder.close()
    error = str(refused.value)
    assert "unique_external_id: invalid_field" in error, error
    assert "token" not in error and "Unexpected" not in error
    assert held_reason(error) == "refused"


async def test_a_free_text_code_is_left_out(fake_api: FakeAPI) -> None:
    """A body whose code and field places hold free text (a proxy's, a quoting server's)."""
    fd.FreshdeskFake(fake_api)
    errors = [{"field": f"{QUOTED} here", "message": QUOTED, "code": f"{QUOTED} code"}]
    fake_api.queue("POST", "/api/v2/tickets", 400, {"description": QUOTED, "errors": errors})
    responder = FreshdeskResponder("fd", base_url=fake_api.base_url, api_key=fd.API_KEY)
    with pytest.raises(FatalError) as refused:
        await responder.deliver(TICKET)
    await responder.close()
    assert QUOTED not in str(refused.value)
    assert str(refused.value).startswith("freshdesk answered 400")
