"""A follow-up's public reply drafted as a private message (its post is followers-only or
direct) leaves the case's waiting private message alone: one waits per case, and a rule's own
is the case's answer; where none waits, it waits itself."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.cases import withdrawn_for_complaint, withdrawn_for_praise
from mentiondesk.corrections import corrected_reason
from mentiondesk.decisions import Decision, DraftPlan, record
from mentiondesk.models import Author, Label, Mention, Reading
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, MENTION
from tests.desk.seed import add


def _drafts(store: Store, case: int | None) -> list[tuple[str, str, str]]:
    query = sa.select(DRAFT.c.kind, DRAFT.c.text, DRAFT.c.status).where(DRAFT.c.case_id == case)
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query.order_by(DRAFT.c.id))]


def _follow_up(store: Store, handle: str) -> tuple[int, int | None, int | None]:
    """A neutral follow-up on a followers-only post, whose rule drafts a public reply."""
    return add(
        store,
        "any news?",
        label="neutral",
        platform="mastodon",
        handle=handle,
        draft="Thanks for asking!",
        draft_kind="private",
        visibility="private",
        instead_of_public=True,
    )


def test_a_converted_reply_leaves_the_cases_waiting_private_message(store: Store) -> None:
    _, case, apology = add(
        store, "lamp broke", platform="mastodon", handle="ana", draft="Sorry! Your order number?"
    )
    _, same, _ = _follow_up(store, "ana")
    assert same == case
    assert _drafts(store, case) == [("private", "Sorry! Your order number?", "pending")]
    assert apology is not None
    queue.approve_draft(store, apology, by="agent", post_route={"default": "console"})


def test_a_converted_reply_waits_where_the_case_has_no_private_message(store: Store) -> None:
    _, case, _ = add(
        store,
        "lamp broke",
        platform="mastodon",
        handle="bia",
        draft="We are on it",
        draft_kind="public",
    )
    _follow_up(store, "bia")
    assert _drafts(store, case) == [
        ("public", "We are on it", "pending"),
        ("private", "Thanks for asking!", "pending"),
    ]
    _, _, own = add(
        store, "still broken", platform="mastodon", handle="bia", draft="Sorry! Your order number?"
    )
    # A rule's own private message replaces it, as it replaces any waiting one.
    assert [d[2] for d in _drafts(store, case)] == ["pending", "withdrawn", "pending"]
    assert own is not None


def _thanks_outside_a_case(store: Store, handle: str) -> int | None:
    """Followers-only praise from an author with no case: its thank-you, drafted privately."""
    return add(
        store, "love it!", label="positive", platform="mastodon", handle=handle, case=False,
        draft="Thanks!", visibility="private", instead_of_public=True, rule="praise",
    )[2]  # fmt: skip


def test_a_private_draft_outside_a_case_is_restored_whatever_others_wait(store: Store) -> None:
    # Drafts of no case are no one case's: another author's waiting one is no reason to refuse.
    first, _ = _thanks_outside_a_case(store, "cai"), _thanks_outside_a_case(store, "dora")
    withdrawn = {"status": "withdrawn", "decided_by": corrected_reason(1)}  # a corrected reading
    with store.engine.begin() as conn:
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == first).values(withdrawn))
    assert first is not None
    queue.restore_draft(store, first, by="ana")
    assert [d[2] for d in _drafts(store, None)] == ["pending", "pending"]


def _decided(store: Store, n: int, label: str, plan: DraftPlan, case: str | None) -> Decision:
    """Mention `n` of one Mastodon author, ingested, with its reading and draft, not recorded."""
    author = Author(id="u-eli", handle="eli", name="Eli")
    mention = Mention("mastodon", f"b{n}", author, "…", datetime.now(UTC), visibility="private")
    store.ingest("seed", [mention], None)
    query = sa.select(MENTION.c.id, MENTION.c.author_id).where(MENTION.c.external_id == f"b{n}")
    with store.engine.connect() as conn:
        row = conn.execute(query).one()
    reading = Reading(label=Label(label), score=0.9, lang="en")
    return Decision(row.id, row.author_id, mention, reading, case_rule=case, drafts=(plan,))


def test_praise_recorded_with_the_complaint_gets_its_private_thank_you(store: Store) -> None:
    # One record() of both (the pipeline records an author's mentions one per call).
    apology = _decided(store, 1, "negative", DraftPlan("private", "Sorry!", "en", "c"), "c")
    thanks = DraftPlan("private", "Thanks!", "en", "praise", instead_of_public=True)
    record(store, [apology, _decided(store, 2, "positive", thanks, None)], post_route={})
    assert [d[1:] for d in _drafts(store, 1)] == [("Sorry!", "withdrawn"), ("Thanks!", "pending")]
    with store.engine.connect() as conn:  # by the praise, so "Restore draft" can bring it back
        why = conn.scalar(sa.select(DRAFT.c.decided_by).where(DRAFT.c.text == "Sorry!"))
    assert withdrawn_for_praise(why) == 2


def test_a_complaint_withdraws_the_private_thank_you_for_earlier_praise(store: Store) -> None:
    # Its rule drafts no reply of its own, which would replace the thank-you anyway.
    _, case, _ = add(store, "lamp broke", platform="mastodon", handle="gil", draft="Sorry!")
    _, _, thanks = add(
        store, "it works, thanks!", label="positive", platform="mastodon", handle="gil",
        case=False, draft="Thanks!", visibility="private", instead_of_public=True,
    )  # fmt: skip
    complaint, _, _ = add(
        store, "and now it broke again", platform="mastodon", handle="gil", draft=None
    )
    with store.engine.connect() as conn:
        why = conn.scalar(sa.select(DRAFT.c.decided_by).where(DRAFT.c.id == thanks))
    assert withdrawn_for_complaint(why) == complaint
    assert [d[2] for d in _drafts(store, case)] == ["withdrawn", "withdrawn"]
