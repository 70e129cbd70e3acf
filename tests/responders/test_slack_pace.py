"""Pacing per Slack channel, through slack_sdk against the fake: alerts to one channel do not
wait behind another's, and responders posting to the same channel share its 1 a second."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from pydantic import SecretStr

from mentiondesk.config import OutboxSection
from mentiondesk.models import Pace
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_pace import limiters
from mentiondesk.store import Store
from responders.discord import DiscordResponder
from responders.slack import SlackResponder
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.test_outbox import Clock, _enqueue

# Two responders post to CAAA (a team's channel, e.g. with other approvers), one to CBBB.
CHANNELS = {"alerts-a": "CAAA", "alerts-a2": "CAAA", "alerts-b": "CBBB"}
EACH = 3  # alerts queued for each responder


class Frozen:
    """A monotonic clock that moves only when the test moves it; sleeps are recorded."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    def wall(self) -> datetime:
        """The same clock as the store's (a PostgreSQL store's paces are shared through it)."""
        return datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=self.now)

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)


def _slack(name: str, base_url: str) -> SlackResponder:
    secret = SecretStr("s3cret")
    token = SecretStr("xoxb-test")
    channel = CHANNELS[name]
    return SlackResponder(
        name, token=token, signing_secret=secret, channel=channel, base_url=base_url
    )


def _posted(fake: SlackFake) -> Counter[str]:
    return Counter(body["channel"] for body in fake.posted())


async def test_each_channel_is_paced_on_its_own(store: Store, fake_api: FakeAPI) -> None:
    fake, clock, time = SlackFake(fake_api), Clock(), Frozen()
    responders = {name: _slack(name, fake.base_url) for name in CHANNELS}
    for i in range(EACH):
        for name in CHANNELS:
            _enqueue(store, f"{name}-{i}", clock.now, target=name)
    fakes = {"monotonic": time, "pace_sleep": time.sleep, "pace_wall": time.wall}
    worker = OutboxWorker(store, responders, OutboxSection(), clock=clock, **fakes)
    for second in range(1, EACH + 1):
        # A drain whose grace ends before the next second: each channel's turn of this one.
        await worker.drain(grace=0.5)
        assert _posted(fake) == {"CAAA": second, "CBBB": second}
        clock.now += timedelta(seconds=1)
        time.now += 1.0
    assert time.waits == []  # no turn was waited for: each came due at its second


def test_webhooks_are_paced_per_url() -> None:
    hooks = {
        "d1": DiscordResponder("d1", url="https://discord.example/api/webhooks/1/t"),
        "d2": DiscordResponder("d2", url="https://discord.example/api/webhooks/1/t"),
        "d3": DiscordResponder("d3", url="https://discord.example/api/webhooks/2/t"),
    }
    assert DiscordResponder.pace is not None
    paced = limiters(hooks, dict.fromkeys(hooks, DiscordResponder.pace))
    assert paced["d1"] is paced["d2"] and paced["d1"] is not paced["d3"]


def test_responders_sharing_a_channel_keep_to_the_strictest_pace() -> None:
    slacks = {name: _slack(name, "http://127.0.0.1:9/api/") for name in CHANNELS}
    chosen = {"alerts-a": Pace(per=1, seconds=1.0), "alerts-a2": Pace.per_minute(20)}
    paced = limiters(slacks, chosen | {"alerts-b": Pace(per=1, seconds=1.0)})
    assert paced["alerts-a"] is paced["alerts-a2"] is not paced["alerts-b"]
    assert paced["alerts-a"].pace == Pace(per=1, seconds=3.0)
