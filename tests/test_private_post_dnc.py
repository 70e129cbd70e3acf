"""A public reply to a followers-only or direct Mastodon post reaches the author alone (it is
sent no wider than the post): do-not-contact refuses it as it refuses a private message, by
hand, on approval and on restore; and a hand reply to such a post answers drafts of both kinds."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from mentiondesk import hand_reply, queue
from mentiondesk.cases import praise_reason
from mentiondesk.contacts import set_do_not_contact
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, DRAFT, OUTBOX
from tests.desk.seed import add

ROUTE = {"default": "console"}


def _posts(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).where(OUTBOX.c.kind == "post")) or 0)


def _status(store: Store, draft: int | None) -> str:
    with store.engine.connect() as conn:
        return str(conn.scalar(sa.select(DRAFT.c.status).where(DRAFT.c.id == draft)))


def _listed_meanwhile(store: Store, handle: str) -> None:
    """On the list without the listing's withdrawals (by an older release, or by hand in the
    database): what approval and restore must still refuse."""
    with store.engine.begin() as conn:
        conn.execute(sa.update(AUTHOR).where(AUTHOR.c.handle == handle).values(do_not_contact=True))


def _public_draft(store: Store, handle: str, visibility: str) -> tuple[int, int | None, int | None]:
    """A mastodon post of `handle`'s, seen by `visibility`, with a public draft waiting (as an
    older release drafted one whatever the post's visibility): (mention, case, draft)."""
    return add(
        store,
        "hmm",
        platform="mastodon",
        handle=handle,
        draft="Hi!",
        draft_kind="public",
        visibility=visibility,
    )


@pytest.mark.parametrize("visibility", ["direct", "private"])
def test_a_public_hand_reply_to_a_non_public_post_is_refused_for_do_not_contact(
    store: Store, visibility: str
) -> None:
    mention, _, _ = add(
        store, "my order??", platform="mastodon", handle="ana", draft=None, visibility=visibility
    )
    set_do_not_contact(store, "mastodon", "ana", by="manager")
    with pytest.raises(hand_reply.PrivateRefused) as refused:
        hand_reply.write_reply(
            store, mention, by="agent", kind="public", text="Hi!", seen=0, post_route=ROUTE
        )
    assert refused.value.reason == "dnc" and _posts(store) == 0


def test_a_public_hand_reply_to_a_public_post_still_goes_to_a_listed_author(store: Store) -> None:
    mention, _, _ = add(
        store, "my order??", platform="mastodon", handle="bia", draft=None, visibility="unlisted"
    )
    set_do_not_contact(store, "mastodon", "bia", by="manager")
    sent = hand_reply.write_reply(
        store, mention, by="agent", kind="public", text="Hi!", seen=0, post_route=ROUTE
    )
    assert sent.key and _posts(store) == 1


def test_listing_withdraws_a_waiting_public_draft_to_a_direct_post(store: Store) -> None:
    # As an older release drafted it: public, for a post that was direct.
    _, _, draft = _public_draft(store, "cai", "direct")
    _, _, public = _public_draft(store, "cai", "public")
    set_do_not_contact(store, "mastodon", "cai", by="manager")
    assert _status(store, draft) == "withdrawn"
    assert _status(store, public) == "pending"  # a public reply to a public post may still go


def test_approving_a_public_draft_to_a_direct_post_of_a_listed_author_is_refused(
    store: Store,
) -> None:
    _, _, draft = _public_draft(store, "dan", "direct")
    assert draft is not None
    _listed_meanwhile(store, "dan")
    with pytest.raises(queue.DoNotContact):
        queue.approve_draft(store, draft, by="agent", post_route=ROUTE)
    assert _status(store, draft) == "withdrawn" and _posts(store) == 0


def test_restoring_a_public_draft_to_a_followers_only_post_of_a_listed_author_is_refused(
    store: Store,
) -> None:
    mention, _, draft = _public_draft(store, "eva", "private")
    assert draft is not None
    with store.engine.begin() as conn:  # the author's praise withdrew it
        why = praise_reason(mention)
        conn.execute(
            sa.update(DRAFT).where(DRAFT.c.id == draft).values(status="withdrawn", decided_by=why)
        )
    _listed_meanwhile(store, "eva")
    with pytest.raises(queue.DoNotContact):
        queue.restore_draft(store, draft, by="ana")
    assert _status(store, draft) == "withdrawn"


def test_a_hand_reply_to_a_direct_post_answers_the_waiting_drafts_of_both_kinds(
    store: Store,
) -> None:
    mention, case, private = add(
        store, "my order??", platform="mastodon", handle="fay", visibility="direct"
    )
    _, same, public = add(
        store,
        "hello?",
        platform="mastodon",
        handle="fay",
        draft="Hi!",
        draft_kind="public",
        visibility="direct",
    )
    assert same == case
    hand_reply.write_reply(
        store, mention, by="agent", kind="public", text="On it!", seen=0, post_route=ROUTE
    )
    # Either would be a second message to the author alone.
    assert _status(store, private) == "withdrawn" and _status(store, public) == "withdrawn"


def test_a_hand_reply_to_a_public_post_leaves_the_waiting_draft_of_the_other_kind(
    store: Store,
) -> None:
    mention, _, private = add(store, "my order??", platform="mastodon", handle="gil")
    hand_reply.write_reply(
        store, mention, by="agent", kind="public", text="On it!", seen=0, post_route=ROUTE
    )
    assert _status(store, private) == "pending"  # a private follow-up may still be right
