"""Correcting a reading on the case page: the drafts written for the old reading are withdrawn
(restorable), the playbook's drafts for the new one wait for approval; nothing is sent."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import contacts
from mentiondesk.corrected_drafts import Redrafted, correct_reading
from mentiondesk.models import Author, Brand, Label, Mention
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, CASE, DRAFT, MENTION, OUTBOX
from playbooks import Playbook, load_playbook
from tests.desk.conftest import Desk, notice_of
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
APOLOGY = "We're sorry about your delivery. Could you DM us your order number?"


def _drafts(store: Store, mention: int) -> list[tuple[object, ...]]:
    query = (
        sa.select(DRAFT.c.kind, DRAFT.c.rule, DRAFT.c.status, DRAFT.c.auto, DRAFT.c.case_id)
        .where(DRAFT.c.mention_id == mention)
        .order_by(DRAFT.c.id)
    )
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]


def _count(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0)


def _thanks(tmp_path: Path, *, auto: bool = False) -> Playbook:
    """A playbook whose only rule drafts a public thank-you for praise."""
    rules = tmp_path / "thanks.toml"
    rules.write_text(
        '[[rules]]\nname = "thanks"\nwhen = { label = ["positive"] }\n'
        'actions = [{ type = "draft_public", template = "thank_you", '
        f"auto = {str(auto).lower()} }}]\n",
        encoding="utf-8",
    )
    return load_playbook([rules], brand=Brand(name="Lumora"))


async def test_praise_read_as_a_complaint_gets_a_thank_you_instead_of_the_apology(
    as_role: Login, store: Store
) -> None:
    mention, case, apology = add(store, "Genuinely impressed @lumora", draft=APOLOGY)
    sent = _count(store, OUTBOX)
    desk = await as_role("agent")
    done = await desk.post(f"/mentions/{mention}/correct", label="positive")
    assert done.headers["Location"] == f"/mentions/{mention}"
    page = notice_of(await desk.landed(done), "redrafted")
    assert _drafts(store, mention) == [
        ("private", "complaint", "withdrawn", False, case),
        ("public", "praise", "pending", False, case),  # the shipped praise rule's thank-you
    ]
    assert _count(store, OUTBOX) == sent  # no alert, ticket or reply went anywhere
    assert "Withdrawn: the reading was corrected, and this draft was written for the old one." in (
        page
    )
    assert "the new reading&#39;s drafts wait below for approval" in page
    assert "agent corrected the reading: a draft written for the old one was withdrawn" in page
    assert "agent corrected the reading: the playbook wrote a draft for the new one" in page
    restored = await desk.post(f"/drafts/{apology}/restore", back=f"/cases/{case}")
    assert await desk.said(restored) == "restored"
    assert _drafts(store, mention)[0][2] == "pending"


async def test_a_reading_nothing_is_drafted_for_asks_for_a_reply_by_hand(
    as_role: Login, store: Store
) -> None:
    mention, case, _ = add(store, "The lamp is a lamp", draft=APOLOGY)
    desk = await as_role("agent")
    stale = await (await desk.client.get(f"/cases/{case}")).text()
    assert "Approve and send" in stale
    done = await desk.post(f"/mentions/{mention}/correct", label="neutral")
    assert await desk.said(done) == "corrected-write"
    assert [d[2] for d in _drafts(store, mention)] == ["withdrawn"]
    pt = {"Accept-Language": "pt-BR"}
    page = await desk.told(store, done.headers["Location"], pt, notice="corrected-write")
    assert "escreva uma resposta em Responder agora" in page
    assert "a classificação foi corrigida" in page
    again = await desk.post(f"/mentions/{mention}/correct", label="neutral")  # same label
    assert await desk.said(again) == "corrected"
    with store.engine.connect() as conn:
        lines = conn.scalars(sa.select(AUDIT.c.action).where(AUDIT.c.mention_id == mention))
        assert sorted(lines) == ["relabel", "relabel", "withdraw"]


async def test_a_complaint_read_as_praise_opens_a_case_without_a_dm_to_a_listed_author(
    as_role: Login, store: Store
) -> None:
    mention, case, _ = add(
        store, "Oh great, another delay", label="positive", handle="wry", case=False,
        draft="Thank you!", draft_kind="public", rule="praise",
    )  # fmt: skip
    assert case is None
    contacts.set_do_not_contact(store, "x", "wry", by="admin")
    desk = await as_role("agent")
    done = await desk.post(f"/mentions/{mention}/correct", label="negative")
    assert await desk.said(done) == "corrected-write"
    with store.engine.connect() as conn:
        rules = conn.scalars(sa.select(CASE.c.rule).where(CASE.c.mention_id == mention)).all()
    assert rules == ["complaint"]  # the case the new reading asks for, for a person
    assert _drafts(store, mention) == [("public", "praise", "withdrawn", False, None)]
    assert _count(store, OUTBOX) == 0  # the complaint rule's alert is not sent from here


def test_an_auto_reply_the_new_reading_calls_for_waits_for_a_person(
    store: Store, tmp_path: Path
) -> None:
    playbook = _thanks(tmp_path, auto=True)
    mention, case, _ = add(store, "Loved it, honestly", draft=APOLOGY)
    done = correct_reading(store, playbook, mention, Label.POSITIVE, by="agent")
    assert (done.previous, len(done.withdrawn), len(done.written)) == ("negative", 1, 1)
    assert _drafts(store, mention)[1] == ("public", "thanks", "pending", False, case)
    assert _count(store, OUTBOX) == 0


def test_a_mention_not_read_yet_is_only_relabelled(store: Store) -> None:
    author = Author(id="u-new", handle="new", name="New", followers=1)
    fresh = Mention(
        platform="x", external_id="unread-1", author=author, text="hi", created_at=datetime.now(UTC)
    )
    store.ingest("seed", [fresh], None)
    with store.engine.connect() as conn:
        mention = int(
            conn.scalar(sa.select(MENTION.c.id).where(MENTION.c.external_id == "unread-1"))
        )
    playbook = load_playbook([], brand=Brand(name="Lumora"))
    done = correct_reading(store, playbook, mention, Label.NEGATIVE, by="agent")
    assert done == Redrafted(None) and _drafts(store, mention) == []


def test_a_case_a_colleague_closes_meanwhile_gets_no_new_draft(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """PostgreSQL only: SQLite's write lock serialises the whole correction, so no Close can
    commit between its reading the case and locking it (found in review)."""
    from mentiondesk import corrected_drafts, queue

    store = Store(pg_url)
    store.create_all()
    try:
        mention, case, _ = add(store, "Genuinely impressed @lumora", draft=APOLOGY)
        real = corrected_drafts.lock_case

        def close_first(conn: sa.Connection, case_id: int, **kw: bool) -> bool:
            queue.close_case(store, case_id, by="manager")  # commits just before the lock
            return real(conn, case_id, **kw)

        monkeypatch.setattr(corrected_drafts, "lock_case", close_first)
        playbook = _thanks(tmp_path)
        done = correct_reading(store, playbook, mention, Label.POSITIVE, by="agent")
        with store.engine.connect() as conn:
            status = conn.scalar(sa.select(CASE.c.status).where(CASE.c.id == case))
            pending = conn.scalars(
                sa.select(DRAFT.c.id).where(DRAFT.c.case_id == case, DRAFT.c.status == "pending")
            ).all()
        assert (status, pending, done.written) == ("closed", [], ())
        assert done.previous == "negative"  # the correction itself stands
    finally:
        store.dispose()


def test_a_mention_answered_publicly_gets_no_second_public_reply(
    store: Store, tmp_path: Path
) -> None:
    """The approval took its turn first (found in review): the apology went out in public, so
    the corrected reading's public thank-you would be a second public answer."""
    from mentiondesk import queue

    playbook = _thanks(tmp_path)
    mention, _, draft = add(store, "Loved it, honestly", draft=APOLOGY, draft_kind="public")
    assert draft is not None
    queue.approve_draft(store, draft, by="agent", post_route={"default": "console"})
    done = correct_reading(store, playbook, mention, Label.POSITIVE, by="agent")
    assert (done.previous, done.withdrawn, done.written) == ("negative", (), ())
    assert [d[2] for d in _drafts(store, mention)] == ["approved"]
