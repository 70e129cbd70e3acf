"""The case page's lines about a follow-up and its case's ticket (outbox_ticket_wait): it
waits for the ticket to be filed, waits on a ticket a person must release, went once the
ticket was filed, or was held as the ticket was dropped. Worded from the line's data (`Said`),
never from its detail's words, so each says what a person can do, in the reader's language.
The desks' names it takes from the row go in isolated, as audit_lines' values do."""

from __future__ import annotations

from mentiondesk.outbox_ticket_wait import MOVED_HELD, STRANDED, WAITED, NoTicket, Said
from mentiondesk.tables import case_number
from mentiondesk.web.i18n import Locale
from mentiondesk.web.i18n_bidi import isolated


def ticket_wait_line(
    loc: Locale, who: str, action: str, said: Said, case_id: int | None, *, by_worker: bool = False
) -> str:
    """`action`: WAIT, WAITED, STRANDED or MOVED_HELD; `who`: the actor as read (STRANDED's
    dropped the ticket, unless `by_worker`: the outbox worker held the follow-up at its claim,
    the ticket dropped before; MOVED_HELD's sent the ticket elsewhere)."""
    target = isolated(said.target)
    named = {"target": target, "action": said.follow_up, "ticket_action": said.ticket}
    if action == MOVED_HELD:  # `who` sent its ticket elsewhere: it went along, still held
        return loc.t(
            "{who} sent the case's ticket to the help desk ({target}; outbox action "
            "{ticket_action}) with the author's new message for it (outbox action {action}), "
            "which stays held, as a person held it: `mentiondesk outbox retry {action}` "
            "releases it",
            who=who,
            **named,
        )
    if action == WAITED:
        return loc.t(
            "The author's new message was added to the case's ticket at the help desk "
            "({target}) once the ticket was filed (outbox action {action})",
            target=target,
            action=said.follow_up,
        )
    if action == STRANDED and by_worker:
        number = case_number(case_id) if case_id is not None else "?"
        return loc.t(
            "The case's ticket for the help desk ({target}; outbox action {ticket_action}) was "
            "dropped, so the outbox held the author's new message for it (outbox action "
            "{action}): to send it, escalate {number} to {target} again, then `mentiondesk "
            "outbox retry {action}`; or drop it with `mentiondesk outbox drop {action}`",
            number=number,
            **named,
        )
    if action == STRANDED:
        number = case_number(case_id) if case_id is not None else "?"
        return loc.t(
            "{who} dropped the case's ticket for the help desk ({target}; outbox action "
            "{ticket_action}), so the author's new message for it is held (outbox action "
            "{action}): to send it, escalate {number} to {target} again, then `mentiondesk "
            "outbox retry {action}`; or drop it with `mentiondesk outbox drop {action}`",
            who=who,
            number=number,
            **named,
        )
    if said.state == "held":  # nothing files it by itself: say what releases it
        return loc.t(
            "The author's new message waits on the case's ticket for the help desk ({target}), "
            "which is held (outbox action {ticket_action}): nothing files it until someone "
            "releases it with `mentiondesk outbox retry {ticket_action}`; the message goes on "
            "it then (outbox action {action})",
            **named,
        )
    return loc.t(
        "The author's new message waits for the case's ticket to be filed at the help desk "
        "({target}), and goes on it then (outbox action {action}; the ticket's: "
        "{ticket_action})",
        **named,
    )


def no_ticket_line(
    loc: Locale, who: str, held: NoTicket, case_id: int | None, *, by_worker: bool
) -> str:
    """A "hold" line of a follow-up held with no ticket (outbox_old_holds.read_no_ticket): as
    the line of its dropped ticket (`who` dropped it, unless `by_worker`), or, the case never
    having had a ticket there, what to do to send it: to the desk its ticket went to without
    it, if it did."""
    if held.ticket is not None:
        said = Said(held.follow_up, held.ticket, held.target, "dropped")
        return ticket_wait_line(loc, who, STRANDED, said, case_id, by_worker=by_worker)
    if len(held.desks) > 1:  # a ticket at each (a desk per country): the reader picks one
        return _at_desks(loc, held)
    if held.elsewhere is not None:  # escalating to its desk again would file a second ticket
        return loc.t(
            "The outbox held the author's new message for the help desk ({target}; outbox "
            "action {action}): the case's ticket is at {elsewhere} now, sent there without it. "
            "To send it there too, `mentiondesk outbox retry {action} --to {elsewhere}`; or "
            "drop it with `mentiondesk outbox drop {action}`",
            target=isolated(held.target),
            action=held.follow_up,
            elsewhere=isolated(held.desks[0]),
        )
    return loc.t(
        "The outbox held the author's new message for the help desk ({target}; outbox action "
        "{action}): the case has no ticket there to add it to. To send it, escalate {number} "
        "to {target}, then `mentiondesk outbox retry {action}`; or drop it with `mentiondesk "
        "outbox drop {action}`",
        target=isolated(held.target),
        action=held.follow_up,
        number=case_number(case_id) if case_id is not None else "?",
    )


def _at_desks(loc: Locale, held: NoTicket) -> str:
    """A follow-up held with no ticket at its desk while the case has one at each of several
    others: every desk, each with the command that sends it there (naming one read as if
    the others' tickets did not exist)."""
    me = held.follow_up
    sends = [f"`mentiondesk outbox retry {me} --to {isolated(d)}`" for d in held.desks]
    return loc.t(
        "The outbox held the author's new message for the help desk ({target}; outbox action "
        "{action}): the case's tickets are at {desks} now, each sent there without it. To send "
        "it to the ticket it belongs on, {sends}; or drop it with `mentiondesk outbox drop "
        "{action}`",
        target=isolated(held.target),
        action=me,
        desks=_listed(loc, [isolated(d) for d in held.desks], "and"),
        sends=_listed(loc, sends, "or"),
    )


def _listed(loc: Locale, items: list[str], last: str) -> str:
    """ "a and b", "a, b and c" in the reader's language (`last`: "and" or "or")."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {loc.t(last)} {items[-1]}"
