"""A legacy Teams connector answers 200 even when Teams refused the card: the failure is in
the text ("… returned HTTP error 429 …"), and must not be taken for a posted alert."""

from __future__ import annotations

import pytest

from mentiondesk.models import FatalError, RateLimited, TransientError
from responders.teams import TeamsResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.responders._data import action


def teams(hooks: FakeAPI, path: str = webhooks.TEAMS_CONNECTOR) -> TeamsResponder:
    return TeamsResponder("teams", url=hooks.base_url + path)


@pytest.mark.parametrize("path", [webhooks.TEAMS_CONNECTOR, webhooks.TEAMS])
async def test_a_card_teams_takes_is_posted(hooks: FakeAPI, path: str) -> None:
    sink = teams(hooks, path)
    try:
        receipt = await sink.deliver(action("Não chegou 📦 até hoje"))
    finally:
        await sink.close()
    assert receipt.detail == "posted to teams"
    assert len(hooks.calls(path)) == 1


@pytest.mark.parametrize(
    ("status", "error"),
    [(429, RateLimited), (413, FatalError), (400, FatalError), (500, TransientError)],
)
async def test_a_refusal_wrapped_in_a_200_is_not_posted(
    hooks: FakeAPI, status: int, error: type[Exception]
) -> None:
    text = webhooks.teams_wrapped(status)
    hooks.queue("POST", webhooks.TEAMS_CONNECTOR, 200, body=text, content_type="text/plain")
    sink = teams(hooks)
    try:
        with pytest.raises(error, match=str(status)):
            await sink.deliver(action())
    finally:
        await sink.close()


async def test_other_failure_text_in_a_200_is_retried(hooks: FakeAPI) -> None:
    text = "System.Net.Http.HttpRequestException: Error while copying content to a stream."
    hooks.queue("POST", webhooks.TEAMS_CONNECTOR, 200, body=text, content_type="text/plain")
    sink = teams(hooks)
    try:
        with pytest.raises(TransientError, match="without posting"):
            await sink.deliver(action())
    finally:
        await sink.close()
