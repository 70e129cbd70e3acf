"""An edit of a post the desk already decided on is no second decision: a draft the desk
rejected is not written again, no alert or ticket comes out, and a follow-up the desk answered
with its case gets no DM of its own (edited_reread); the case shows a notice of the edit."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from mentiondesk.case_history import stored_mention
from mentiondesk.decisions import OutboxPlan
from mentiondesk.edited_reread import reread
from mentiondesk.models import Brand, Label, Reading
from mentiondesk.queue import approve_draft, reject_draft
from mentiondesk.store import PendingMention, Store
from mentiondesk.tables import AUDIT, DRAFT, OUTBOX
from playbooks import Playbook, load_playbook
from tests.desk.seed import add

PRAISE = Reading(label=Label.POSITIVE, score=0.9, lang="en")


def _thanks_and_alert(tmp_path: Path) -> Playbook:
    """Praise gets a public thank-you drafted and an alert to the team."""
    rules = tmp_path / "thanks.toml"
    rules.write_text(
        '[[rules]]\nname = "thanks"\nwhen = { label = ["positive"] }\n'
        'actions = [{ type = "draft_public", template = "thank_you" }, { type = "alert" }]\n',
        encoding="utf-8",
    )
    return load_playbook([rules], brand=Brand(name="Lumora"))


def _edit(store: Store, mention_id: int, text: str) -> None:
    with store.engine.connect() as conn:
        first, _ = stored_mention(conn, mention_id)
    store.ingest("x", [replace(first, text=text, edit_id="e2")], None)


def _thanks_rejected_then_edited(store: Store, text: str) -> PendingMention:
    """Praise whose thank-you the desk rejected (it decided: no reply), then edited to `text`:
    the mention, claimed to be read again."""
    mention_id, _, draft_id = add(
        store,
        "Love the lamp @lumora",
        label="positive",
        draft="Thanks!",
        draft_kind="public",
        rule="thanks",
    )
    assert draft_id is not None
    reject_draft(store, draft_id, by="agent")
    _edit(store, mention_id, text)
    (pending,) = store.claim_unprocessed(1, timedelta(minutes=1))
    return pending


def test_an_edit_after_the_desk_rejected_the_draft_writes_no_second_one(
    store: Store, tmp_path: Path
) -> None:
    playbook = _thanks_and_alert(tmp_path)
    pending = _thanks_rejected_then_edited(store, "Love the lamp, truly @lumora")  # a typo fixed
    alert = OutboxPlan("alert", "console", "thanks")  # what the new reading asks for
    reread(store, playbook, pending, PRAISE, outbox=(alert,))
    with store.engine.connect() as conn:
        drafts = conn.execute(sa.select(DRAFT.c.status).order_by(DRAFT.c.id)).scalars().all()
        details = conn.execute(sa.select(AUDIT.c.action, AUDIT.c.detail)).all()
        queued = conn.scalar(sa.select(sa.func.count()).select_from(OUTBOX))
    assert drafts == ["rejected"]  # no second thank-you waiting
    assert queued == 0
    assert ("post-edited", "rejected") in [tuple(d) for d in details]  # no reply went out


def test_an_edit_of_a_post_waiting_for_the_desk_is_still_read_again(
    store: Store, tmp_path: Path
) -> None:
    # Nobody decided yet: the pending draft follows the new reading, as before.
    playbook = _thanks_and_alert(tmp_path)
    mention_id, _, _ = add(store, "My lamp broke @lumora")
    _edit(store, mention_id, "Sorted now, love the lamp @lumora")
    (pending,) = store.claim_unprocessed(1, timedelta(minutes=1))
    alert = OutboxPlan("alert", "console", "thanks")
    reread(store, playbook, pending, PRAISE, outbox=(alert,))
    with store.engine.connect() as conn:
        drafts = conn.execute(sa.select(DRAFT.c.kind, DRAFT.c.status).order_by(DRAFT.c.id)).all()
        queued = conn.scalar(sa.select(sa.func.count()).select_from(OUTBOX))
    assert [tuple(d) for d in drafts] == [("private", "withdrawn"), ("public", "pending")]
    assert queued == 1


def test_an_edit_of_a_follow_up_the_desk_answered_with_its_case_writes_no_new_dm(
    store: Store, tmp_path: Path
) -> None:
    rules = tmp_path / "complaint.toml"
    rules.write_text(
        '[[rules]]\nname = "complaint"\nwhen = { label = ["negative"] }\n'
        'actions = [{ type = "open_case" },'
        ' { type = "draft_private", template = "complaint_dm" }]\n',
        encoding="utf-8",
    )
    playbook = load_playbook([rules], brand=Brand(name="Lumora"))
    _, case, dm = add(store, "My lamp broke @lumora", handle="ana")
    # A second post joins the case while its DM waits (one DM of a case waits at a time).
    follow_up, joined, none = add(
        store, "Still waitng on a reply @lumora", handle="ana", draft=None
    )
    assert (joined, none) == (case, None) and dm is not None
    approve_draft(store, dm, by="agent", post_route={"default": "console"})  # answered
    _edit(store, follow_up, "Still waiting on a reply @lumora")  # a typo fixed
    (pending,) = store.claim_unprocessed(1, timedelta(minutes=1))
    reread(store, playbook, pending, Reading(label=Label.NEGATIVE, score=0.9, lang="en"))
    with store.engine.connect() as conn:
        drafts = conn.execute(sa.select(DRAFT.c.mention_id, DRAFT.c.status)).all()
    assert [tuple(d) for d in drafts] == [(dm_mention(store, dm), "approved")]  # no second DM


def dm_mention(store: Store, draft_id: int) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(DRAFT.c.mention_id).where(DRAFT.c.id == draft_id)))


def test_praise_edited_into_a_complaint_after_a_rejected_thank_you_is_read_again(
    store: Store, tmp_path: Path
) -> None:
    # The desk turned down a thank-you for praise; the author then edits it into a complaint:
    # a new matter, which must reach the desk, not stay filed as praise.
    rules = tmp_path / "both.toml"
    rules.write_text(
        '[[rules]]\nname = "thanks"\nwhen = { label = ["positive"] }\n'
        'actions = [{ type = "draft_public", template = "thank_you" }]\n'
        '[[rules]]\nname = "complaint"\nwhen = { label = ["negative"] }\n'
        'actions = [{ type = "open_case" },'
        ' { type = "draft_private", template = "complaint_dm" }]\n',
        encoding="utf-8",
    )
    playbook = load_playbook([rules], brand=Brand(name="Lumora"))
    pending = _thanks_rejected_then_edited(
        store, "Loved the lamp until it broke after a day @lumora"
    )
    reread(store, playbook, pending, Reading(label=Label.NEGATIVE, score=0.9, lang="en"))
    with store.engine.connect() as conn:
        drafts = conn.execute(sa.select(DRAFT.c.kind, DRAFT.c.status).order_by(DRAFT.c.id)).all()
    assert [tuple(d) for d in drafts] == [("public", "rejected"), ("private", "pending")]
