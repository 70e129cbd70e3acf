"""An empty Request Tracker `queue` stops start-up naming the key: RT refuses a ticket in no
queue, and every ticket would have waited in the outbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from responders.request_tracker import RequestTrackerResponderConfig
from tests.helpers import write_config, write_mentions

RT = '\n[[responders]]\nkind = "request_tracker"\nbase_url = "https://rt.example.com/REST/2.0/"\n'


@pytest.mark.parametrize("queue", ['""', '"  "'])
def test_an_empty_queue_is_refused(tmp_path: Path, queue: str) -> None:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    path = write_config(
        tmp_path, db_url="sqlite:///d.db", samples=samples, extra=f"{RT}queue = {queue}\n"
    )
    with pytest.raises(ConfigError, match=r"queue: .*is empty; name the RT queue tickets go to"):
        load_config(path, secrets=False)


def test_a_named_queue_is_kept_without_its_spaces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RT_TEST_TOKEN", "t")
    config = RequestTrackerResponderConfig(
        base_url="https://rt.example.com/REST/2.0/", queue=" Social ", token_env="RT_TEST_TOKEN"
    )
    assert config.queue == "Social"
