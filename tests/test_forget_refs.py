"""`authors forget` and what named the author outside their own rows: alert keys built from
their post ids, replies counted as sent, copies in help desks and chats, a Reddit DM receipt.
On both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import CASE, DELIVERY, OUTBOX
from tests import test_cli_forget as base
from tests.helpers import run_cli

desk = base.desk  # Ana (h_a1): posts m1 and m3, case MD-000001; Bia (h_b): m2, draft 2


ZENDESK = "https://acme.zendesk.com/agent/tickets/"


def follow_up_ticket(db_url: str) -> None:
    """Ana's case went to Zendesk ticket 4710, and a follow-up after it closed to 4711, the
    case's ticket now: delivered actions and deliveries as the outbox records them."""
    store = Store(db_url)
    try:
        with store.engine.begin() as conn:
            conn.execute(sa.update(CASE).values(ticket_ref="4711", ticket_url=ZENDESK + "4711"))
            for n, (kind, ref) in enumerate([("ticket", "4710"), ("comment", "4711")]):
                row = {"key": f"{kind}:zd:MD-000001:{n}", "kind": kind, "target": "zd"}
                row |= {"case_id": 1, "status": "done", "payload": "{}"}
                outbox_id = conn.execute(sa.insert(OUTBOX).values(row)).inserted_primary_key[0]
                sent = {"key": row["key"], "outbox_id": outbox_id, "kind": kind, "target": "zd"}
                conn.execute(sa.insert(DELIVERY).values(sent | {"ref": ref, "url": ZENDESK + ref}))
    finally:
        store.dispose()


def test_forget_takes_their_post_ids_out_of_every_key(desk: Path, db_url: str) -> None:
    """Their delivered alerts' keys (outbox, payload, delivery) named their posts, which name
    them (an X status, a Bluesky post's at:// URI); renamed, and a reply to someone else
    waiting meanwhile still goes once, the renamed ones not again."""
    assert run_cli(desk, "drafts", "approve", "2", "--no-send")[0] == 0  # Bia's, waiting
    assert run_cli(desk, "authors", "forget", "x", "h_a1", "--yes")[0] == 0
    for text in ("a1", "x:m1", "x:m3"):
        assert base.holding(db_url, text) == [], text
    keys = sa.select(OUTBOX.c.id, OUTBOX.c.key).where(OUTBOX.c.status == "done")
    assert [k for _, k in base.select_rows(db_url, keys)] == [
        f"alert:console:x:erased:{n}:complaint" for n, _ in base.select_rows(db_url, keys)
    ]
    for _ in range(2):
        assert run_cli(desk, "run", "--once")[0] == 0
    deliveries = base.select_rows(db_url, sa.select(DELIVERY.c.key).order_by(DELIVERY.c.key))
    assert [d for (d,) in deliveries if not d.startswith("alert:console:x:erased:")] == [
        "post:draft:2"
    ]
    assert len(deliveries) == 3
    assert base.select_rows(db_url, sa.select(OUTBOX.c.key).where(OUTBOX.c.status != "done")) == []


def test_a_reply_to_an_erased_author_no_longer_counts_as_sent(desk: Path) -> None:
    """As their mentions and cases leave the figures (README), so does the reply to them."""
    for draft in ("2", "3"):  # Bia's praise reply, then Ana's DM
        assert run_cli(desk, "drafts", "approve", draft)[0] == 0

    def replies_sent() -> int:
        code, output = run_cli(desk, "report", "--format", "json")
        assert code == 0, output
        return int(json.loads(output)["replies_sent"])

    assert replies_sent() == 2
    assert run_cli(desk, "authors", "forget", "x", "h_a1", "--yes")[0] == 0
    assert replies_sent() == 1


def test_forget_lists_the_copies_outside_the_store(
    desk: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A help desk keeps the ticket and the requester made from the author, a chat its
    alerts: erasing the store reaches none of them, so the operator is told what and where."""
    url = "https://acme.zendesk.com/agent/tickets/4711"
    store = Store(db_url)
    try:
        with store.engine.begin() as conn:
            conn.execute(sa.update(CASE).values(ticket_ref="4711", ticket_url=url))
            row = {"key": "ticket:zd:MD-000001", "kind": "ticket", "target": "zd", "case_id": 1}
            conn.execute(sa.insert(OUTBOX).values({**row, "status": "done", "payload": "{}"}))
    finally:
        store.dispose()
    monkeypatch.setenv("ZENDESK_TOKEN", "t")
    zendesk = 'kind = "zendesk"\nname = "zd"\nbase_url = "http://127.0.0.1:9"\nemail = "a@b.c"'
    extra = f"\n[[responders]]\n{zendesk}\n"
    desk.write_text(desk.read_text() + extra)
    code, output = run_cli(desk, "authors", "forget", "x", "h_a1", stdin="n\n")
    said = " ".join(output.split())
    assert code == 1 and "help-desk ticket 4711 in zd at " + url in said
    assert "the end user it was filed under (external id x:a1)" in said
    assert "2 alerts about them delivered to console" in said
    assert "to delete in those tools by hand" in said
    code, output = run_cli(desk, "authors", "forget", "x", "h_b", "--yes")
    assert code == 0 and "Nothing about them was sent outside this store" in output


def test_forget_lists_the_ticket_a_follow_up_ticket_followed(
    desk: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A follow-up after a closed (or archived) ticket is filed as a new ticket, the case's
    from then on; the first one still holds their complaint, so it is listed too, once."""
    follow_up_ticket(db_url)
    monkeypatch.setenv("ZENDESK_TOKEN", "t")
    zendesk = 'kind = "zendesk"\nname = "zd"\nbase_url = "http://127.0.0.1:9"\nemail = "a@b.c"'
    desk.write_text(desk.read_text() + f"\n[[responders]]\n{zendesk}\n")
    code, output = run_cli(desk, "authors", "forget", "x", "h_a1", stdin="n\n")
    said = " ".join(output.split())
    assert code == 1, output
    for ref in ("4710", "4711"):
        assert said.count(f"help-desk ticket {ref} in zd at {ZENDESK}{ref}") == 1, ref


def test_forget_blanks_a_reddit_message_receipt_that_names_them(desk: Path, db_url: str) -> None:
    """Reddit's compose has no id: earlier releases recorded the DM as "message:<handle>"."""
    store = Store(db_url)
    try:
        with store.engine.begin() as conn:
            done = sa.select(OUTBOX.c.id).where(OUTBOX.c.case_id == 1, OUTBOX.c.status == "done")
            outbox_id = conn.scalar(done.limit(1))
            named = {"ref": "message:h_a1"}
            conn.execute(sa.update(DELIVERY).where(DELIVERY.c.outbox_id == outbox_id).values(named))
    finally:
        store.dispose()
    assert "delivery.ref" in base.holding(db_url, "h_a1")
    assert run_cli(desk, "authors", "forget", "x", "h_a1", "--yes")[0] == 0
    assert base.holding(db_url, "h_a1") == []
