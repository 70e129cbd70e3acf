"""`run --once` from cron: a mention the classifier cannot read is held and counted, the rest
are read, the summary is printed, and the exit code says something failed."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal

import pytest

from mentiondesk import registry
from mentiondesk.models import Label, Mention, PluginConfig, PluginContext, Reading
from mentiondesk.pipeline import App
from mentiondesk.report import report
from sentiment.vader import VaderClassifier
from tests.helpers import (
    COMPLAINT,
    PRAISE,
    config_for,
    mention,
    run_cli,
    write_config,
    write_mentions,
)

POISON = "poison pill: my card number is 4111 1111 1111 1111"


class PoisonConfig(PluginConfig):
    kind: Literal["poison"] = "poison"


class PoisonClassifier:
    """VADER, except that any batch holding POISON raises (a model choking on one input)."""

    Config = PoisonConfig
    name = "poison"

    def __init__(self) -> None:
        self._vader = VaderClassifier()

    @classmethod
    def from_config(cls, config: PoisonConfig, context: PluginContext) -> PoisonClassifier:
        return cls()

    def classify(self, texts: Sequence[str], langs: Sequence[str | None]) -> list[Reading]:
        if any("poison" in t for t in texts):
            raise ValueError(f"cannot read {texts!r}")  # the message quotes the body
        return self._vader.classify(texts, langs)


@pytest.fixture
def poison_kind(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Registers PoisonClassifier as kind `poison`, as a third party's entry point would."""
    builtin = {**registry._BUILTIN["classifiers"], "poison": f"{__name__}:PoisonClassifier"}
    monkeypatch.setitem(registry._BUILTIN, "classifiers", builtin)
    registry._targets.cache_clear()
    yield
    registry._targets.cache_clear()


def _posts() -> list[Mention]:
    return [mention(1, COMPLAINT), mention(2, POISON, author="b"), mention(3, PRAISE, author="c")]


async def test_a_mention_the_classifier_refuses_is_held_and_the_rest_are_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = config_for(tmp_path, "sqlite:///run.db", _posts())
    with caplog.at_level(logging.INFO):
        async with App(config, classifier=PoisonClassifier()) as app:
            await app.run_once()
            data = report(app.store)
            failed = app.processor.failed
    assert data["mentions_unread"] == 1 and data["by_label"][Label.NEGATIVE] >= 1
    assert failed == 1
    assert "mention 2 could not be read: ValueError; held" in caplog.text
    assert "4111" not in caplog.text and "poison" not in caplog.text


class TooLongReason:
    """A reading whose reason for one post overflows PostgreSQL's column: a row it refuses."""

    name = "too-long-reason"

    def classify(self, texts: Sequence[str], langs: Sequence[str | None]) -> list[Reading]:
        return [
            Reading(Label.NEGATIVE, 0.9, "en", reason="x" * 40 if "poison" in t else "delivery")
            for t in texts
        ]


@pytest.mark.postgres
async def test_a_batch_of_one_the_database_refuses_is_held_and_the_run_goes_on(
    tmp_path: Path, pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    posts = [mention(1, "poison"), mention(2, COMPLAINT, author="b")]
    config = config_for(tmp_path, pg_url, posts, batch_size=1)
    async with App(config, classifier=TooLongReason()) as app:
        await app.run_once()
        data = report(app.store)
        failed = app.processor.failed
    assert data["mentions_unread"] == 1 and data["cases_open"] == 1 and failed == 1
    assert "could not be recorded: DataError" in caplog.text


def test_run_once_prints_the_summary_and_exits_1_when_a_mention_failed(
    tmp_path: Path, poison_kind: None
) -> None:
    samples = write_mentions(tmp_path / "m.jsonl", _posts())
    config = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples)
    text = config.read_text().replace('classifier = "vader"', 'classifier = "poison"')
    config.write_text(text)
    code, output = run_cli(config, "run", "--once")
    assert "mentiondesk summary" in output, output
    assert "  Could not be read         1   (held, stored unread" in output
    assert code == 1
    assert "4111" not in output


def test_run_once_exits_0_when_nothing_failed(tmp_path: Path, poison_kind: None) -> None:
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT)])
    config = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples)
    code, output = run_cli(config, "run", "--once")
    assert code == 0 and "Could not be read" not in output


def test_run_help_says_what_the_exit_status_of_once_means() -> None:
    from typer.testing import CliRunner

    from mentiondesk.cli import app

    out = CliRunner().invoke(app, ["run", "--help"], env={"COLUMNS": "200"}).output
    assert "Exit status 1 when a mention could not be read" in " ".join(
        out.replace("│", " ").split()
    )
