"""The retention and chat digests: an alert collected for a digest not sent yet, or flushed
into one still queued, keeps the post it quotes (and its case, and its author) for as many
purges as it takes, as an alert still in the outbox does; once the digest is delivered, the
next purge erases them and the digest's items. On both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import cli_common, outbox_admin
from mentiondesk.config import load_config
from mentiondesk.digest import flush_due
from mentiondesk.store import Store
from mentiondesk.tables import DIGEST_ITEM, DRAFT, MENTION, OUTBOX
from tests import test_retention as base
from tests.helpers import run_cli, write_config, write_mentions

_age, _connect, _holding, _rows = base._age, base._connect, base._holding, base._rows
# Complaints go to a digest: Ana's two posts (MD-000001) wait in it, as the sink collects them.
ROUTES = """
[[routing.alert_routes]]
name = "complaints"
to = ["console"]
label = ["negative"]
digest_minutes = 60
"""
_KEY = "alert:digest:complaints:x"  # + ":POST:RULE": the alert's key, as decisions writes it


@pytest.fixture
def desk(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tests.test_retention's desk, its complaints' alerts collected for a digest."""
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    samples = write_mentions(tmp_path / "m.jsonl", base.POSTS)
    config = write_config(tmp_path, db_url=db_url, samples=samples, extra=ROUTES)
    config.write_text(config.read_text().replace("[store]\n", "[store]\nretain_days = 30\n"))
    assert run_cli(config, "run", "--once")[0] == 0
    assert _unsent(db_url) == [f"{_KEY}:m1:complaint", f"{_KEY}:m3:complaint"]
    return config


def _unsent(db_url: str) -> list[str]:
    query = sa.select(DIGEST_ITEM.c.key).where(DIGEST_ITEM.c.flushed_at.is_(None))
    return sorted(k for (k,) in _rows(db_url, query.order_by(DIGEST_ITEM.c.id)))


def _flush(config: Path, db_url: str) -> None:
    """The digest is queued (its items marked flushed), long ago: not delivered yet."""
    route = load_config(config).settings.routing.alert_routes[0]
    store = Store(db_url)
    try:
        assert flush_due(store, route, now=datetime.now(UTC) - base.AGE + timedelta(days=1)) > 0
    finally:
        store.dispose()


def _deliver_digests(db_url: str) -> None:
    with _connect(db_url) as conn:
        conn.execute(
            sa.update(OUTBOX).where(OUTBOX.c.key.startswith("digest:")).values(status="done")
        )


def _purge(config: Path, *args: str) -> str:
    code, output = run_cli(config, "store", "purge", *args)
    assert code == 0, output
    return " ".join(output.split())


@pytest.mark.parametrize("waiting", ["m1", "m3"], ids=["opener", "follow-up"])
def test_an_unsent_digest_alert_keeps_its_case(desk: Path, db_url: str, waiting: str) -> None:
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    with _connect(db_url) as conn:  # the other post's alert went in an earlier digest
        sent = DIGEST_ITEM.c.key != f"{_KEY}:{waiting}:complaint"
        conn.execute(sa.update(DIGEST_ITEM).where(sent).values(flushed_at=datetime.now(UTC)))
    _age(db_url)
    plan = _purge(desk, "--dry-run")
    assert "would erase: 0 cases, 0 mentions" in plan
    assert "Kept for now: 1 finished case with a draft, reply or alert waiting" in plan
    assert "erased: 0 cases, 0 mentions" in _purge(desk)
    assert "mention.text" in _holding(db_url, base.COMPLAINT)
    assert "author.name" in _holding(db_url, "Ana Souza")
    _flush(desk, db_url)  # queued, not delivered: the digest still quotes the posts
    assert "erased: 0 cases, 0 mentions" in _purge(desk)
    assert "erased: 0 cases, 0 mentions" in _purge(desk)  # its items too, however many runs
    _deliver_digests(db_url)
    plan = _purge(desk, "--dry-run").split("would erase: ")[1]
    assert plan.startswith("1 case, 2 mentions")
    assert _purge(desk).split("erased: ")[1] == plan
    assert _holding(db_url, "h_a1") == []


def test_an_unsent_digest_alert_keeps_a_post_that_opened_no_case(desk: Path, db_url: str) -> None:
    # Bia's praise (mention 2) opened no case and its draft is dealt with, but an alert about
    # it waits in a digest: her post and her author row wait for it.
    item = {"key": "alert:digest:praise:x:m2:praise", "route": "praise", "payload": "{}"}
    with _connect(db_url) as conn:
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == 2).values(status="rejected"))
        conn.execute(sa.insert(DIGEST_ITEM).values(item))
        # A post whose id only LIKE's wildcards would match is no reason to keep it.
        conn.execute(sa.insert(DIGEST_ITEM).values({**item, "key": "alert:digest:praise:x:m_:p"}))
    _age(db_url)
    plan = _purge(desk, "--dry-run")
    assert "would erase: 0 cases, 0 mentions" in plan
    assert "Kept for now: 1 post with an alert not yet delivered" in plan
    assert "0 mentions" in _purge(desk)
    assert _rows(db_url, sa.select(MENTION.c.external_id).where(MENTION.c.id == 2)) == [("m2",)]
    assert _holding(db_url, "Bia Lima") == ["author.name"]
    with _connect(db_url) as conn:  # the digest went
        conn.execute(sa.update(DIGEST_ITEM).values(flushed_at=datetime.now(UTC)))
    output = _purge(desk)
    assert "1 mention" in output and "Kept for now" not in output
    assert _holding(db_url, "Bia Lima") == _holding(db_url, base.PRAISE) == []


def _kept_until_delivered(desk: Path, db_url: str) -> None:
    """MD-000001, resolved and old, its alerts flushed into a queued digest: kept through two
    purges, erased (with the digest's items) once the digest is delivered."""
    for _ in range(2):
        assert "erased: 0 cases, 0 mentions" in _purge(desk)
    assert len(_rows(db_url, sa.select(DIGEST_ITEM.c.id))) == 2
    _deliver_digests(db_url)
    assert _purge(desk).split("erased: ")[1].startswith("1 case, 2 mentions")
    assert _rows(db_url, sa.select(DIGEST_ITEM.c.id)) == []


def test_an_item_finds_its_digest_by_key_not_by_time(desk: Path, db_url: str) -> None:
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    _flush(desk, db_url)
    with _connect(db_url) as conn:  # an action queued apart from the flush (a duplicate kept
        digest = OUTBOX.c.key.startswith("digest:")  # the earlier one), then sent elsewhere
        earlier = {"created_at": datetime.now(UTC) - base.AGE, "status": "held"}
        conn.execute(sa.update(OUTBOX).where(digest).values(earlier))
        (held,) = conn.scalars(sa.select(OUTBOX.c.id).where(digest)).all()
    store = Store(db_url)
    try:
        assert outbox_admin.retarget(store, held, "slack").endswith(":slack")
    finally:
        store.dispose()
    _kept_until_delivered(desk, db_url)


def test_an_item_flushed_before_it_named_its_digest_finds_it_by_time(
    desk: Path, db_url: str
) -> None:
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    _flush(desk, db_url)
    with _connect(db_url) as conn:  # as an older version flushed them
        conn.execute(sa.update(DIGEST_ITEM).values(digest_key=None))
    _kept_until_delivered(desk, db_url)


def _posts_named(db_url: str) -> list[tuple[str | None, str | None]]:
    query = sa.select(DIGEST_ITEM.c.platform, DIGEST_ITEM.c.external_id)
    return sorted(_rows(db_url, query.order_by(DIGEST_ITEM.c.id)), key=str)


def test_an_item_keeps_its_post_through_the_columns_naming_it(desk: Path, db_url: str) -> None:
    assert _posts_named(db_url) == [("x", "m1"), ("x", "m3")]  # as the sink collected them
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    with _connect(db_url) as conn:  # keys naming no post: only the columns link them
        conn.execute(sa.delete(DIGEST_ITEM).where(DIGEST_ITEM.c.external_id == "m3"))
        conn.execute(sa.update(DIGEST_ITEM).values(key="digest-item-" + DIGEST_ITEM.c.route))
    _age(db_url)
    assert "erased: 0 cases, 0 mentions" in _purge(desk)
    assert "mention.text" in _holding(db_url, base.COMPLAINT)


def test_an_item_collected_before_the_columns_gets_them_from_its_payload(
    desk: Path, db_url: str
) -> None:
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    with _connect(db_url) as conn:  # as an older version collected them
        conn.execute(sa.update(DIGEST_ITEM).values(platform=None, external_id=None))
    _age(db_url)
    assert "would erase: 0 cases, 0 mentions" in _purge(desk, "--dry-run")
    assert _posts_named(db_url) == [("x", "m1"), ("x", "m3")]
    _flush(desk, db_url)
    _kept_until_delivered(desk, db_url)


def test_a_blanked_post_takes_its_digest_alerts_with_it(desk: Path, db_url: str) -> None:
    # The digest went out recently, its items collected recently: their own age would keep
    # them (the post's text and its author's handle) after the post is blanked.
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    with _connect(db_url) as conn:
        now = datetime.now(UTC)
        conn.execute(sa.update(DIGEST_ITEM).values(created_at=now, flushed_at=now))
    assert _purge(desk).split("erased: ")[1].startswith("1 case, 2 mentions")
    assert _rows(db_url, sa.select(DIGEST_ITEM.c.id)) == []
    assert _holding(db_url, "h_a1") == _holding(db_url, base.COMPLAINT) == []
