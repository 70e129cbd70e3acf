"""The SlackResponder the responder tests post cards with, on the fake Slack API: one
channel, a test token and signing secret; the card's language where a test asks for one.
Seven test files built it by hand."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from mentiondesk.models import ENGLISH, Wording
from responders.slack import SlackResponder
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake


@pytest.fixture
def slack_fake(fake_api: FakeAPI) -> SlackFake:
    return SlackFake(fake_api)


def slack_responder(fake: SlackFake, wording: Wording = ENGLISH) -> SlackResponder:
    return SlackResponder(
        "slack",
        token=SecretStr("xoxb-test"),
        signing_secret=SecretStr("s3cret"),
        channel="C0TEAM",
        base_url=fake.base_url,
        wording=wording,
    )
