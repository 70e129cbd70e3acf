"""What erasing an author cannot reach: the copies the sinks keep outside the store.

A help desk keeps the ticket a case was escalated to (the mention's text, the author's
handle) and the requester it was filed under (Zendesk's end user and Freshdesk's contact,
with the author's name and "platform:account id"); a chat keeps the alerts it was sent.
The platforms keep the replies and private messages the desk posted to them
(mentiondesk.erasure_replies). Deleting our rows leaves those, so `authors forget` names each
one for the operator to delete in that tool: without the list, "erased" would read as "gone
everywhere".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.case_tickets import LOCAL, delivered
from mentiondesk.erasure_audit import slack_said
from mentiondesk.erasure_payloads import Whose
from mentiondesk.erasure_replies import Reply, posted, reply_lines
from mentiondesk.tables import CASE, OUTBOX
from mentiondesk.wording import counted

# Sink kinds that file a ticket under a requester made from the author (name, platform:id).
_REQUESTERS = {"zendesk": "end user", "freshdesk": "contact"}


@dataclass(frozen=True, slots=True)
class Ticket:
    """A help-desk ticket one of their cases was escalated to."""

    sink: str  # the responder's name; "" when no delivered ticket action names it
    ref: str
    url: str


@dataclass(frozen=True, slots=True)
class Elsewhere:
    """Copies about them outside the store: tickets, alerts delivered per sink, and the
    replies and private messages posted to them."""

    tickets: tuple[Ticket, ...] = ()
    alerts: tuple[tuple[str, int], ...] = ()
    accounts: tuple[str, ...] = ()  # "platform:account id", as help desks file requesters
    replies: tuple[Reply, ...] = ()
    # Of `alerts`, the Slack cards queued to be rewritten in their erased form (erased_cards).
    rewritten: tuple[tuple[str, int], ...] = ()
    # Of `alerts`, the Slack cards the retention rewrote already: nothing of theirs left there.
    cleared: tuple[tuple[str, int], ...] = ()
    # Of `rewritten`, the cards whose rewrite is the retention's, still waiting in the outbox.
    waiting: tuple[tuple[str, int], ...] = ()
    # Alerts about others' posts, delivered, that showed the title of a story or post of
    # theirs (their words) or a link to one: the store no longer keeps it, the chat does.
    shown: tuple[tuple[str, int], ...] = ()
    # Such alerts that are Slack cards: the outbox shows them again without it (erased_cards).
    others: tuple[tuple[str, int], ...] = ()

    def __bool__(self) -> bool:
        copies = self.tickets or self.alerts or self.replies or self.shown
        return bool(copies or self.rewritten or self.cleared or self.others)

    def by_hand(self, kinds: Mapping[str, str]) -> bool:
        """Whether a copy is left for the operator to delete, as `described` lists them
        (`kinds`: responder name → kind): not the Slack cards, nor a reply a console only
        printed."""
        left = self.alerts_left() or self.shown
        return bool(self.tickets or posted(self.replies, kinds) or left)

    def slack(self) -> str:
        """The audit's words on their Slack cards (erasure_audit), "" where there were none."""
        counts = dict(self.slack_counts())
        return slack_said(**counts)

    def slack_counts(self) -> list[tuple[str, int]]:
        """Their Slack cards: rewrites queued now, left to the retention's, rewritten by it;
        and the rewrites queued of cards about others' posts that showed them."""
        waiting = sum(n for _, n in self.waiting)
        queued = sum(n for _, n in self.rewritten) - waiting
        return [
            ("queued", queued),
            ("waiting", waiting),
            ("cleared", sum(n for _, n in self.cleared)),
            ("others", sum(n for _, n in self.others)),
        ]

    def alerts_left(self) -> list[tuple[str, int]]:
        """The alerts per sink left as posted: not the Slack cards, which the outbox rewrites
        or the retention rewrote."""
        slack = Counter(dict(self.rewritten)) + Counter(dict(self.cleared))
        alerts = [(sink, n - slack[sink]) for sink, n in self.alerts]
        return [(sink, n) for sink, n in alerts if n > 0]


def tickets_of(conn: Connection, whose: Whose) -> tuple[Ticket, ...]:
    """The help-desk tickets of their cases (read before the cases go): each one a ticket or a
    follow-up was delivered to (a follow-up filed anew after a closed or archived ticket
    leaves their words in both), and the case's recorded one."""
    sent = sa.and_(OUTBOX.c.case_id == CASE.c.id, OUTBOX.c.kind == "ticket")
    recorded = (
        sa.select(OUTBOX.c.target, CASE.c.ticket_ref, CASE.c.ticket_url)
        .select_from(CASE.outerjoin(OUTBOX, sent))
        .where(CASE.c.id.in_(whose.cases), CASE.c.ticket_ref.is_not(None))
        .order_by(CASE.c.id)
    )
    rows = [row[1:] for row in delivered(conn, OUTBOX.c.case_id.in_(whose.cases))]
    found: dict[tuple[str, str], Ticket] = {}
    for target, ref, url in [*rows, *conn.execute(recorded)]:
        ticket = Ticket(target or "", ref, url or "")
        known = any(r == ref for _, r in found) and not ticket.sink  # named with its sink
        if not ref.startswith(LOCAL) and not known:
            found.setdefault((ticket.sink, ref), ticket)
    return tuple(found.values())


def described(elsewhere: Elsewhere, kinds: Mapping[str, str]) -> list[str]:
    """Plain lines for the operator (`kinds`: responder name → kind): what to delete where,
    and the Slack cards the outbox rewrites (the other chats cannot edit what they posted)."""
    replies = posted(elsewhere.replies, kinds)
    alerts = elsewhere.alerts_left()
    lines = [
        f"In Slack, the outbox rewrites {counted(n, 'card')} about them in {sink} to show an "
        "erased author: no link, no words of theirs."
        for sink, n in elsewhere.rewritten
        if n
    ]
    lines += [
        f"In Slack, the outbox rewrites {counted(n, 'card')} about others' posts in {sink} "
        "that showed the title of a story or post of theirs or a link to one: shown again "
        "without it."
        for sink, n in elsewhere.others
        if n
    ]
    lines += [
        f"In Slack, {counted(n, 'card')} about them in {sink} already "
        f"{'shows' if n == 1 else 'show'} no author, no link and no words of theirs (rewritten "
        "by the retention policy): not rewritten again."
        for sink, n in elsewhere.cleared
        if n
    ]
    if not (elsewhere.tickets or alerts or replies or elsewhere.shown):
        return lines or [
            "Nothing about them was sent outside this store: no help-desk ticket, no alert, "
            "no reply or private message."
        ]
    lines.append("Not erased by this: copies outside the store, to delete in those tools by hand:")
    for t in elsewhere.tickets:
        where = f" at {t.url}" if t.url else ""
        lines.append(f"  - help-desk ticket {t.ref} in {t.sink or 'a help desk'}{where}")
        requester = _REQUESTERS.get(kinds.get(t.sink, ""))
        if requester and elsewhere.accounts:
            ids = " or ".join(elsewhere.accounts)
            lines.append(f"    and the {requester} it was filed under (external id {ids})")
    for sink, n in alerts:
        lines.append(f"  - {counted(n, 'alert')} about them delivered to {sink}")
    for sink, n in elsewhere.shown:
        lines.append(
            f"  - {counted(n, 'alert')} about others' posts delivered to {sink}, showing "
            "the title of a story or post of theirs or a link to one"
        )
    lines += reply_lines(replies)
    where = "in each tool or platform" if replies else "in each tool"
    lines.append(f"Those copies stay there until someone deletes them {where}.")
    return lines
