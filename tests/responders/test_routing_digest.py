"""Alert routes by language / label / frustration, config checks, and the praise digest."""

from __future__ import annotations

import asyncio
import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.alert_routing import alert_targets
from mentiondesk.config import AlertRoute, OutboxSection, RoutingSection, load_config
from mentiondesk.digest import DigestSink, flush_due, flush_stranded
from mentiondesk.models import ConfigError, Label, OutboxAction
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from mentiondesk.tables import DIGEST_ITEM, OUTBOX
from responders.console import ConsoleResponder
from tests.responders._data import action, mention, reading

ROUTING = RoutingSection(
    alert=["console"],
    alert_routes=[
        AlertRoute(name="urgent", to=["slack", "teams"], min_frustration=3),
        AlertRoute(name="pt", to=["slack-pt"], lang=["pt"], label=["negative"]),
        AlertRoute(name="praise", to=["slack"], label=["positive"], digest_minutes=60),
    ],
)


@pytest.mark.parametrize(
    ("lang", "label", "frustration", "expected"),
    [
        ("en", Label.NEGATIVE, 3, ["slack", "teams"]),
        ("pt", Label.NEGATIVE, 3, ["slack", "teams"]),  # first matching route wins
        ("pt", Label.NEGATIVE, 1, ["slack-pt"]),
        ("pt", Label.NEUTRAL, 0, ["console"]),  # no route: the fallback
        ("en", Label.POSITIVE, 0, ["digest:praise"]),
    ],
)
def test_alert_targets(lang: str, label: Label, frustration: int, expected: list[str]) -> None:
    r = reading(label=label, frustration=frustration, lang=lang)
    assert alert_targets(ROUTING, mention(lang=lang), r, "complaint") == expected


def test_route_naming_an_unknown_responder_fails_config(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        '[brand]\nname = "Lumora"\n[[sources]]\nkind = "replay"\npath = "m.jsonl"\n'
        '[[routing.alert_routes]]\nname = "pt"\nlang = ["pt"]\nto = ["slack-pt"]\n'
        '[[responders]]\nkind = "console"\n[[responders]]\nkind = "local"\nname = "cases"\n'
    )
    with pytest.raises(
        ConfigError, match=r"routing\.alert_routes\[0\]\.to: no responder is named 'slack-pt'"
    ):
        load_config(tmp_path / "config.toml")


@pytest.fixture
def store(db_url: str) -> Store:
    s = Store(db_url)
    s.create_all()
    return s


async def test_praise_digest_sends_one_message_per_period(store: Store) -> None:
    route = ROUTING.alert_routes[2].model_copy(update={"to": ["console"]})
    sink = DigestSink(store, route)
    for n in range(3):
        await sink.deliver(_praise(n))
    await sink.deliver(_praise(0))  # a redelivery is collected once
    assert flush_due(store, route) == 0  # not a period old yet
    _age_items(store, timedelta(minutes=61))
    assert flush_due(store, route) == 3
    assert flush_due(store, route) == 0  # nothing left
    out = io.StringIO()
    worker = OutboxWorker(store, {"console": ConsoleResponder(out=out)}, OutboxSection())
    assert await worker.drain() == 1
    printed = out.getvalue()
    assert printed.startswith("[digest] praise: 3 mentions in the last hour")
    assert "love it <@U1> #2" in printed
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(OUTBOX)) == 1
        assert (
            conn.scalar(sa.select(sa.func.count()).where(DIGEST_ITEM.c.flushed_at.is_(None))) == 0
        )
        # each item names the digest it went in: the retention follows that to its actions
        (linked,) = conn.scalars(sa.select(DIGEST_ITEM.c.digest_key).distinct()).all()
        assert linked.startswith("digest:praise:1-")
        assert conn.scalars(sa.select(OUTBOX.c.key)).all() == [f"{linked}:console"]
    store.dispose()


@pytest.mark.parametrize("now", ["renamed", "removed", "immediate"])
def test_alerts_waiting_for_a_route_no_longer_configured_are_sent(
    store: Store, now: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Renamed, removed or made immediate, the route's flush never came: its alerts waited
    for ever, and the retention kept the posts they quote."""
    route = ROUTING.alert_routes[2].model_copy(update={"to": ["console"]})
    sink = DigestSink(store, route)
    for n in range(2):
        asyncio.run(sink.deliver(_praise(n)))
    routes = {
        "renamed": [route.model_copy(update={"name": "kudos"})],
        "removed": [],
        # Still configured: a restricted route's alerts stay in its own chats.
        "immediate": [route.model_copy(update={"digest_minutes": None, "to": ["private"]})],
    }[now]
    assert flush_stranded(store, routes, ["console"]) == 2  # not a period old: at once
    assert flush_stranded(store, routes, ["console"]) == 0
    chat = "private" if now == "immediate" else "console"
    with store.engine.connect() as conn:
        (key,) = conn.scalars(sa.select(OUTBOX.c.key)).all()
        assert key.startswith("digest:praise:1-") and key.endswith(f":{chat}")
    said = "digest route praise is no longer configured as one; its waiting alerts go to"
    assert f"{said} {chat}" in caplog.text
    store.dispose()


async def test_a_digest_after_its_items_ids_were_given_again_is_sent(store: Store) -> None:
    """Stores made before ids were never reused give an emptied table's next item id 1 again
    (SQLite): the next digest was keyed as the first, delivered one and dropped unsent."""
    route = ROUTING.alert_routes[2].model_copy(update={"to": ["console"]})
    sink = DigestSink(store, route)
    out = io.StringIO()
    worker = OutboxWorker(store, {"console": ConsoleResponder(out=out)}, OutboxSection())
    for n in (1, 2):
        await sink.deliver(_praise(n))
        with store.engine.begin() as conn:  # what the retention and an old store do
            conn.execute(sa.update(DIGEST_ITEM).values(id=1))
        assert flush_due(store, route, at_once=True) == 1
        with store.engine.begin() as conn:
            conn.execute(sa.delete(DIGEST_ITEM))
        assert await worker.drain() == 1
    assert "#1" in out.getvalue() and "#2" in out.getvalue()
    store.dispose()


def _praise(n: int) -> OutboxAction:
    base = action(f"love it <@U1> #{n}", target="digest:praise")
    return replace(base, key=f"alert:digest:praise:x:p{n}:praise")


def _age_items(store: Store, by: timedelta) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.update(DIGEST_ITEM).values(created_at=datetime.now(UTC) - by))
