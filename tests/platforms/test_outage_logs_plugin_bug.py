"""A source plugin's bug while polling is retried like an outage, but its words stay out of
the log and /healthz: a KeyError or ValueError raised on a page quotes the page's data (a
post's text, an author's name). The class says what broke; where is in the debug traceback."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pytest

from listener._outage import SourceOutage, why
from mentiondesk.models import Batch, TransientError
from tests.platforms.helpers import FakeClock, once

POST = "my order 4471 never came, Maria da Silva, rua das Flores 12"


class _BuggySource:
    """A third-party plugin that trips over a post it did not expect."""

    name = "forum"
    kind = "forum"

    async def poll(self, cursor: str | None) -> Batch:
        raise KeyError(POST)

    async def close(self) -> None:
        return None

    async def probe(self) -> Sequence[str]:
        return ()


@pytest.mark.parametrize("error", [KeyError(POST), ValueError(POST), TypeError(POST)])
def test_a_bug_s_words_are_not_the_cause(error: Exception) -> None:
    assert why(error) == type(error).__name__


def test_a_platform_s_own_words_still_are() -> None:
    # A TransientError is ours, worded by the connector; a network error names the host.
    assert why(TransientError("GET /api/v1/notifications answered 503")).startswith("GET /api")
    refused = ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 9)")
    assert "127.0.0.1" in why(refused)


def test_healthz_cause_of_a_plugin_bug_quotes_nothing() -> None:
    outage = SourceOutage("forum")
    outage.failed(KeyError(POST), FakeClock()())
    assert outage.cause == "KeyError"


async def test_the_poller_s_warning_names_the_class_not_the_post(
    clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        await once(_BuggySource(), clock=clock)  # type: ignore[arg-type]
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert any("forum is failing (KeyError)" in line for line in said), said
    assert not any("Maria" in line or "4471" in line for line in said), said
