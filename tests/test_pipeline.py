"""The whole flow on both databases: replay → store → classifier → playbooks → outbox."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.models import Label, Mention, OutboxAction, Reading, Receipt
from mentiondesk.pipeline import App
from mentiondesk.report import report
from mentiondesk.tables import CASE, DRAFT, OUTBOX
from tests.helpers import COMPLAINT, PRAISE, config_for, mention, table_rows

QUESTION = "@lumora does the X200 vacuum work with Alexa?"


class Recorder:
    """A responder that remembers what it delivered (the console's stand-in in tests)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.delivered: list[OutboxAction] = []

    async def deliver(self, action: OutboxAction) -> Receipt:
        self.delivered.append(action)
        return Receipt(ref=f"{self.name}-{len(self.delivered)}")

    async def close(self) -> None:
        return None


def recorders() -> dict[str, Recorder]:
    """The console and the help desk, recorded: the sinks most pipeline tests run with."""
    return {"console": Recorder("console"), "cases": Recorder("cases")}


async def run_once(tmp_path: Path, db_url: str, mentions: list[Mention]) -> None:
    """One pass of the pipeline over `mentions` (the shipped playbook, recording sinks)."""
    async with App(config_for(tmp_path, db_url, mentions), responders=recorders()) as app:
        await app.run_once()


def _app(config: object) -> tuple[App, Recorder, Recorder]:
    chat, cases = Recorder("console"), Recorder("cases")
    return App(config, responders={"console": chat, "cases": cases}), chat, cases  # type: ignore[arg-type]


async def test_a_complaint_flows_to_a_case_an_alert_and_a_draft(
    tmp_path: Path, db_url: str
) -> None:
    config = config_for(
        tmp_path,
        db_url,
        [mention(1, COMPLAINT), mention(2, PRAISE, author="b"), mention(3, QUESTION, author="c")],
    )
    app, chat, _ = _app(config)
    async with app:
        await app.run_once()
        data = report(app.store)
    assert data["mentions"] == 3 and data["cases_open"] == 2 and data["drafts_pending"] == 2
    assert data["alerts_sent"] == 1 and data["by_label"]["negative"] == 1
    (alert,) = chat.delivered
    assert alert.kind == "alert" and alert.context.case_number == "MD-000001"
    assert alert.context.draft_text and "sorry" in alert.context.draft_text


async def test_running_twice_adds_nothing(tmp_path: Path, db_url: str) -> None:
    config = config_for(tmp_path, db_url, [mention(i, COMPLAINT, author=f"a{i}") for i in range(4)])
    for _ in range(2):
        app, chat, _ = _app(config)
        async with app:
            await app.run_once()
            data = report(app.store)
    assert chat.delivered == []  # second run: nothing new to alert about
    assert (data["mentions"], data["cases_total"], data["drafts_pending"], data["alerts_sent"]) == (
        4,
        4,
        4,
        4,
    )


async def test_a_rule_that_only_assigns_opens_the_case_it_gives(
    tmp_path: Path, db_url: str
) -> None:
    """`assign` alone once set an assignee on no case: the rule matched and did nothing."""
    (tmp_path / "vip.toml").write_text(
        '[[rules]]\nname = "vip"\nwhen = { label = ["neutral"] }\n'
        'actions = [{ type = "assign", to = "ana" }]\n'
    )
    extra = '[playbooks]\npaths = ["vip.toml"]\n'
    async with App(
        config_for(tmp_path, db_url, [mention(1, QUESTION)], extra=extra), responders=recorders()
    ) as app:
        await app.run_once()
    rows = table_rows(db_url, sa.select(CASE.c.mention_id, CASE.c.rule, CASE.c.assignee))
    assert rows == [(1, "vip", "ana")]


async def test_nothing_is_posted_before_approval(tmp_path: Path, db_url: str) -> None:
    config = config_for(tmp_path, db_url, [mention(1, COMPLAINT), mention(2, PRAISE, author="b")])
    app, chat, cases = _app(config)
    async with app:
        await app.run_once()
        with app.store.engine.connect() as conn:
            kinds = set(conn.scalars(sa.select(OUTBOX.c.kind)))
    assert "post" not in kinds
    assert all(a.kind != "post" for a in chat.delivered + cases.delivered)


async def test_frustrated_complaint_is_escalated_to_the_help_desk(
    tmp_path: Path, db_url: str
) -> None:
    angry = (
        "@lumora THIRD time asking, still no refund. Awful, terrible service. "
        "I am going to the regulator!!"
    )
    config = config_for(tmp_path, db_url, [mention(1, angry)])
    app, _, cases = _app(config)
    async with app:
        await app.run_once()
        with app.store.engine.connect() as conn:
            ticket = conn.scalar(sa.select(CASE.c.ticket_ref))
    assert [a.kind for a in cases.delivered] == ["ticket"]
    assert ticket == "cases-1"


async def test_hostile_mentions_do_not_break_the_flow(tmp_path: Path, db_url: str) -> None:
    texts = [
        "<script>alert(1)</script> awful @lumora",
        "{{ 7*7 }} {% raw %}",
        "\x00\x07 ctrl",
        "terrible " * 1200,
        "",
        "🙂🙂🙂",
    ]
    config = config_for(
        tmp_path, db_url, [mention(i, t, author=f"u{i}") for i, t in enumerate(texts)]
    )
    app, _, _ = _app(config)
    async with app:
        await app.run_once()
        data = report(app.store)
        with app.store.engine.connect() as conn:
            drafts = list(conn.scalars(sa.select(DRAFT.c.text)))
    assert data["mentions"] == len(texts) and sum(data["by_label"].values()) == len(texts)
    assert not any("49" in d for d in drafts)


async def test_stop_mid_run_then_restart_loses_and_repeats_nothing(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'lifecycle.db'}"
    config = config_for(
        tmp_path, db_url, [mention(i, COMPLAINT, author=f"a{i}") for i in range(30)], page_size=5
    )
    app, chat, _ = _app(config)
    async with app:
        await app.start()
        await asyncio.sleep(0)  # let the pollers take their first page
        await app.stop()
        first = report(app.store)
    app2, chat2, _ = _app(config)
    async with app2:
        await app2.run_once()
        final = report(app2.store)
    assert final["mentions"] == 30 and final["cases_total"] == 30 and final["alerts_sent"] == 30
    keys = [a.key for a in chat.delivered + chat2.delivered]
    assert len(keys) == len(set(keys)) == 30
    assert first["mentions"] == first["cases_total"]  # what was ingested before stop was decided


async def test_a_stop_during_catch_up_ends_after_the_batch_in_hand(tmp_path: Path) -> None:
    posts = [mention(i, COMPLAINT, author=f"a{i}") for i in range(30)]
    config = config_for(tmp_path, f"sqlite:///{tmp_path / 's.db'}", posts, batch_size=5)
    app, _, _ = _app(config)
    async with app:

        def stop_after_the_first(done: int, _total: int | None) -> None:
            if done:
                app.stop_event.set()  # Ctrl-C while the first batch is read

        await app.run_once(on_progress=stop_after_the_first)
        data = report(app.store)
    assert data["mentions"] == 5 and data["cases_total"] == 5
    assert data["mentions_unread"] == 25  # the rest waits, stored


async def test_alerts_go_out_while_a_backlog_is_still_being_read(tmp_path: Path) -> None:
    posts = [mention(i, COMPLAINT, author=f"a{i}") for i in range(40)]
    config = config_for(tmp_path, f"sqlite:///{tmp_path / 's.db'}", posts, batch_size=5)
    app, chat, _ = _app(config)
    read_when_sent: list[int] = []
    deliver = chat.deliver

    async def noting(action: OutboxAction) -> Receipt:
        read_when_sent.append(app.processor.processed)
        return await deliver(action)

    chat.deliver = noting  # type: ignore[method-assign]
    async with app:
        await app.run_once()
    assert len(read_when_sent) == 40 and min(read_when_sent) < 40  # not all after the backlog


async def test_a_claim_a_dead_worker_left_is_taken_when_its_lease_lapses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mentiondesk.pipeline.RECHECK", 0.05)
    config = config_for(tmp_path, f"sqlite:///{tmp_path / 's.db'}", [mention(1, COMPLAINT)])
    app, _, _ = _app(config)
    async with app:
        await app.run_once()  # nothing is left: now a "dead worker" holds a new mention
        app.store.ingest("other", [mention(2, COMPLAINT, author="b")], None)
        assert len(app.store.claim_unprocessed(10, timedelta(seconds=0.3))) == 1
        await app.start()  # no new mention will come to wake the processor
        await asyncio.sleep(1.0)
        await app.stop()
        data = report(app.store)
    assert data["cases_total"] == 2


class TooLongReason:
    """A classifier plugin whose reason for one post overflows the database's column: the kind
    of row PostgreSQL refuses (SQLite does not check lengths)."""

    name = "too-long-reason"

    def classify(self, texts: Sequence[str], langs: Sequence[str | None]) -> list[Reading]:
        return [
            Reading(
                label=Label.NEGATIVE,
                score=0.9,
                lang="en",
                reason="x" * 40 if "poison" in text else "delivery",
                frustration=1,
            )
            for text in texts
        ]


@pytest.mark.postgres
async def test_a_mention_the_database_refuses_does_not_hold_back_its_batch(
    tmp_path: Path, pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    posts = [mention(1, "late parcel"), mention(2, "poison", author="b")]
    posts.append(mention(3, "broken lamp", author="c"))
    config = config_for(tmp_path, pg_url, posts)
    sinks = recorders()
    app = App(config, classifier=TooLongReason(), responders=sinks)  # type: ignore[arg-type]
    async with app:
        await app.run_once()
        data = report(app.store)
    assert data["mentions"] == 2 and data["cases_open"] == 2  # the other two are decided
    assert data["mentions_unread"] == 1  # the refused one, stored to be read again
    assert "could not be recorded: DataError" in caplog.text


class Unreadable:
    """A classifier that cannot read (its model files gone): every batch fails to process."""

    name = "unreadable"

    def __init__(self) -> None:
        self.tried = threading.Event()

    def classify(self, texts: Sequence[str], langs: Sequence[str | None]) -> list[Reading]:
        self.tried.set()
        raise RuntimeError("model files missing")


async def test_a_stop_ends_the_wait_before_processing_is_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mentiondesk.pipeline.RETRY", 3600.0)  # a stop must not wait it out
    config = config_for(tmp_path, f"sqlite:///{tmp_path / 's.db'}", [mention(1, COMPLAINT)])
    classifier = Unreadable()
    sinks = recorders()
    app = App(config, classifier=classifier, responders=sinks)  # type: ignore[arg-type]
    await app.initialize()
    try:
        await app.start()
        assert await asyncio.to_thread(classifier.tried.wait, 60)  # a guard, not a measure
        await asyncio.wait_for(app.stop(), 60)  # a guard against the hang, not a measure
    finally:
        await app.shutdown()
