"""What people do with drafts and cases: list, approve, reject, close. Shared by the CLI, the
desk and Slack's buttons; approving, rejecting, editing, restoring, assigning and closing
write their audit line in their own transaction, so each is on the case's trail once, whoever
did it from where."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.audit_trail import write as audit
from mentiondesk.case_history import stored_mention
from mentiondesk.case_state import close_case as close_case
from mentiondesk.case_state import lock_open
from mentiondesk.case_state import update_open_case as update_open_case
from mentiondesk.cases import withdrawn_for_complaint, withdrawn_for_praise
from mentiondesk.converted_drafts import waiting_dm
from mentiondesk.corrections import withdrawn_for_correction
from mentiondesk.decisions import DraftPlan, post_action
from mentiondesk.hand_posting import check_platform
from mentiondesk.models import Mention, text_digest
from mentiondesk.opt_outs import already_listed, dm_refused, withdrawn_for_opt_out
from mentiondesk.outbox_case import answered

# The refusals, known to callers as queue.NotFound and so on.
from mentiondesk.queue_errors import NO_CONTACT
from mentiondesk.queue_errors import CaseEnded as CaseEnded
from mentiondesk.queue_errors import DmWaits as DmWaits
from mentiondesk.queue_errors import DoNotContact as DoNotContact
from mentiondesk.queue_errors import DraftEdited as DraftEdited
from mentiondesk.queue_errors import EmptyReply as EmptyReply
from mentiondesk.queue_errors import NotFound as NotFound
from mentiondesk.queue_errors import ReplyTooLong as ReplyTooLong
from mentiondesk.queue_errors import StaleAction as StaleAction
from mentiondesk.reply_limits import content_warning, too_long
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, OUTBOX, case_number


def _utcnow() -> datetime:
    return datetime.now(UTC)


def approve_draft(
    store: Store,
    draft_id: int,
    *,
    by: str,
    post_route: dict[str, str],
    text: str | None = None,
    seen: str | None = None,
    by_hand: bool = False,
) -> str:
    """Approve a pending draft (optionally with new text) and queue its post; return the key.
    With `by_hand`, `by` posted it on a platform that cannot be posted to (Mark as posted):
    it is recorded as delivered, nothing is queued and the key is "".

    Approval and the outbox row commit together; a draft someone already decided raises
    StaleAction, so two people approving at once never post twice. A private draft to an
    author on the do-not-contact list is withdrawn instead (it was left waiting when they
    were listed) and StaleAction says why. `seen` is the text_digest() of the text the
    approver was shown (a one-click Approve): DraftEdited if someone edited it since.
    CaseEnded when the draft's case is resolved or closed: its reply is not sent.
    """
    now = _utcnow()
    with store.engine.begin() as conn:
        draft = _draft(conn, draft_id)
        if draft.case_id is not None:  # take turns with a hand-written reply or a close
            lock_open(conn, draft.case_id)  # a closed case's reply is never sent
            draft = _draft(conn, draft_id)  # as it is now that the case is ours
        refused = dm_refused(conn, draft.mention_id, draft.kind)
        if refused:
            _update_pending_draft(
                conn, draft, status="withdrawn", decided_at=now, decided_by=already_listed()
            )
        else:
            _check_seen(draft, seen)
            key = approve_pending(
                conn,
                store,
                draft,
                by=by,
                post_route=post_route,
                text=text,
                now=now,
                by_hand=by_hand,
            )
            edited = text is not None and text != draft.text  # what went out is not as drafted
            action = "posted" if by_hand else "approve"
            _audit_draft(conn, by, action, draft, detail="edited" if edited else "")
    if refused:  # after the commit: the withdrawal stays
        raise DoNotContact(f"draft {draft_id} was withdrawn: {NO_CONTACT}")
    return key


def approve_pending(
    conn: Connection,
    store: Store,
    draft: sa.Row[Any],
    *,
    by: str,
    post_route: dict[str, str],
    text: str | None,
    now: datetime,
    by_hand: bool = False,
) -> str:
    """Mark a pending draft approved and insert its post into the outbox; return the key. With
    `by_hand`, `by` posted it themselves: the case is answered now, and the key is ""."""
    if draft.status != "pending":  # before the platform's rule: "approve it" would fail too
        raise _decided(draft)
    final = text if text is not None else draft.text
    if not final.strip():
        raise EmptyReply("the reply text is empty")
    mention, reading = stored_mention(conn, draft.mention_id)
    _check_reply(mention, draft, final, by_hand=by_hand)
    _update_pending_draft(conn, draft, status="approved", text=final, decided_at=now, decided_by=by)
    if by_hand:  # the reply is on the platform already: nothing for the outbox to send
        answered(conn, draft.case_id, now)
        return ""
    plan = DraftPlan(kind=draft.kind, text=final, lang=draft.lang, rule=draft.rule)
    number = case_number(draft.case_id) if draft.case_id else None
    row = post_action(mention, reading, number, draft.id, plan, post_route, now)
    row["case_id"] = draft.case_id
    conn.execute(store.insert(OUTBOX).on_conflict_do_nothing(index_elements=["key"]), [row])
    return str(row["key"])


def check_approval(store: Store, draft_id: int, *, text: str, seen: str | None = None) -> None:
    """Raise what approve_draft(text=text, seen=seen) would for the text or a decided or
    since-edited draft (EmptyReply, ReplyTooLong, StaleAction, NotFound), approving nothing:
    a form that keeps the text can say so while the person can still fix it (Slack's Edit)."""
    if not text.strip():
        raise EmptyReply("the reply text is empty")
    with store.engine.connect() as conn:
        draft = _draft(conn, draft_id)
        if draft.status != "pending":
            raise _decided(draft)
        _check_seen(draft, seen)
        _check_reply(stored_mention(conn, draft.mention_id)[0], draft, text, by_hand=False)


def _check_reply(mention: Mention, draft: sa.Row[Any], text: str, *, by_hand: bool) -> None:
    """hand_posting.PostByHand when the platform cannot take `draft` this way; ReplyTooLong
    when it would refuse `text` as `draft`'s reply, as it counts."""
    private = draft.kind == "private"
    check_platform(mention, private=private, by_hand=by_hand)
    warning = content_warning(mention.platform, mention.text)  # a Mastodon reply carries it
    handle = mention.author.handle
    if problem := too_long(mention.platform, text, private=private, handle=handle, warning=warning):
        raise ReplyTooLong(problem)


def _check_seen(draft: sa.Row[Any], seen: str | None) -> None:
    if seen is not None and draft.status == "pending" and text_digest(draft.text) != seen:
        raise DraftEdited(
            f"draft {draft.id} was edited since it was shown: read it again before approving"
        )


def reject_draft(store: Store, draft_id: int, *, by: str, seen: str | None = None) -> None:
    """Reject a pending draft; with `seen` (as for approve_draft), DraftEdited if someone
    edited it since: a colleague's improved text is not thrown away unread."""
    with store.engine.begin() as conn:
        draft = _draft(conn, draft_id)
        _check_seen(draft, seen)
        _update_pending_draft(conn, draft, status="rejected", decided_at=_utcnow(), decided_by=by)
        _audit_draft(conn, by, "reject", draft)


def restore_draft(store: Store, draft_id: int, *, by: str) -> None:
    """Put back a draft that the author's praise withdrew, when the praise did not settle the
    case (sarcasm read as praise, thanks for something else), or a thank-you that a complaint
    withdrew, when the complaint was about something else, or a draft a corrected reading
    withdrew, when it fits after all: it waits for approval again, `by`'s audit line with it.

    StaleAction unless praise, a complaint or a correction withdrew it; CaseEnded when its
    case (if it has one) is no longer open; DmWaits when it is private and another private
    message of the case waits (one at a time: the person rejects that one first);
    DoNotContact when it is private and the author has since asked not to be contacted.
    """
    with store.engine.begin() as conn:
        draft = _draft(conn, draft_id)
        if draft.status != "withdrawn" or not _restorable(draft.decided_by):
            why = "not withdrawn by praise, a complaint or a corrected reading"
            raise StaleAction(f"draft {draft_id} is {draft.status}, {why}")
        # Under the author's lock: a listing now waits for this commit, then withdraws it.
        # The author's lock before the case's, as a worker recording their next post takes them.
        if dm_refused(conn, draft.mention_id, draft.kind, hold=True):
            raise DoNotContact(NO_CONTACT)  # they asked us to stop since the praise
        if draft.case_id is not None:  # a Close now waits for this commit, then withdraws it
            lock_open(conn, draft.case_id)
        waiting = waiting_dm(conn, draft.case_id) if draft.kind == "private" else None
        if waiting is not None:
            raise DmWaits(draft_id, waiting)
        changed = conn.execute(
            sa.update(DRAFT)
            .where(DRAFT.c.id == draft_id, DRAFT.c.decided_by == draft.decided_by)
            .values(status="pending", decided_at=None, decided_by=None)
        ).rowcount
        if changed != 1:
            raise StaleAction(f"draft {draft_id} changed meanwhile")
        _audit_draft(conn, by, "restore", draft)


def _restorable(decided_by: str | None) -> bool:
    """Withdrawn by a post a person may read otherwise (praise, a complaint), or by a
    correction of the reading."""
    found = (withdrawn_for_praise, withdrawn_for_complaint, withdrawn_for_correction)
    return any(why(decided_by) is not None for why in found)


def _update_pending_draft(conn: Connection, draft: sa.Row[Any], **values: Any) -> None:
    """Update a draft only while it is pending and its text is as read: whoever acts second
    gets StaleAction, or DraftEdited when a Save landed between the read and this update (the
    text checked against what the person was shown is the text decided on)."""
    changed = conn.execute(
        sa.update(DRAFT)
        .where(DRAFT.c.id == draft.id, DRAFT.c.status == "pending", DRAFT.c.text == draft.text)
        .values(values)
    ).rowcount
    if changed != 1:
        now = _draft(conn, draft.id)  # as it is now: decided, or edited, since it was read
        if now.status == "pending":
            raise DraftEdited(f"draft {draft.id} was edited meanwhile: read it again")
        raise _decided(now)


def _decided(draft: sa.Row[Any]) -> StaleAction:
    """Why a draft is no longer pending, said wherever a person acted (desk, Slack, CLI):
    why the apology is not sent."""
    if withdrawn_for_praise(draft.decided_by) is not None:
        return StaleAction(
            f"draft {draft.id} was withdrawn: the author has since posted praise; restore "
            "it on the case page if the praise settled nothing"
        )
    if withdrawn_for_complaint(draft.decided_by) is not None:
        return StaleAction(
            f"draft {draft.id} was withdrawn: the author has since complained; restore it on "
            "the case page if the complaint is about something else"
        )
    if withdrawn_for_correction(draft.decided_by) is not None:
        return StaleAction(
            f"draft {draft.id} was withdrawn: the reading was corrected; restore it on the "
            "case page if it still fits"
        )
    if withdrawn_for_opt_out(draft.decided_by) is not None:
        return DoNotContact(f"draft {draft.id} was withdrawn: {NO_CONTACT}")
    return StaleAction(f"draft {draft.id} was already {draft.status}")


def _draft(conn: Connection, draft_id: int) -> sa.Row[Any]:
    row = conn.execute(sa.select(DRAFT).where(DRAFT.c.id == draft_id)).first()
    if row is None:
        raise NotFound(f"no draft {draft_id}")
    return row


def edit_draft(store: Store, draft_id: int, *, text: str, by: str, seen: str | None = None) -> None:
    """Replace the text of a pending draft; a decided draft raises StaleAction and, with
    `seen` (as for approve_draft), one edited since it was shown DraftEdited: a save never
    silently replaces a colleague's."""
    if not text.strip():
        raise EmptyReply("the reply text is empty")
    with store.engine.begin() as conn:
        draft = _draft(conn, draft_id)
        _check_seen(draft, seen)
        _update_pending_draft(conn, draft, text=text)
        _audit_draft(conn, by, "edit", draft)


def _audit_draft(
    conn: Connection, by: str, action: str, draft: sa.Row[Any], detail: str = ""
) -> None:
    """The audit line of an action on a draft, under its mention and case (the case page's)."""
    ids = {"mention_id": draft.mention_id, "case_id": draft.case_id, "draft_id": draft.id}
    audit(conn, by, action, **ids, detail=detail)
