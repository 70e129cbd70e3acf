"""Rows of a help-desk ticket's first comment that take more than a field (`_helpdesk.lines`):
the author, the rule that asked for it, the drafted reply and the case's earlier posts. Each
is (English label, untrusted value); the desk escapes values its own way."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from mentiondesk.models import CaseContext, Mention, Wording, handle_shown
from responders._text import author_followers, other_language_note, visible

# The rules mentiondesk names itself (casework.escalate_case, decisions): said in the ticket's
# language; a playbook rule's name is the team's own, shown as written.
_ESCALATED, _FOLLOW_UP = "escalated by ", "follow-up"


def author(m: Mention, wording: Wording) -> str:
    """ "Ann (@ann, 12.3k followers)", "Ann (u/ann)": no count where the platform gives none
    (Reddit, HN)."""
    count = author_followers(m, wording)
    shown = handle_shown(m.platform, m.author.handle)
    if not visible(m.author.name or ""):  # a name that draws nothing: "(@ann, …)" reads as none
        return f"{shown} ({count})" if count else shown
    return f"{m.author.name} ({shown}{f', {count}' if count else ''})"


def rule(name: str, wording: Wording) -> str:
    """ "encaminhado por ana" in a pt-BR ticket, not "escalated by ana"; "complaint" as is."""
    if name.startswith(_ESCALATED):
        return wording.t("escalated by {who}", who=name.removeprefix(_ESCALATED))
    return wording.t(name) if name == _FOLLOW_UP else name


# OutboxAction.extra key: where the ticket's draft stands as it is delivered ("pending",
# "approved", "sent", "rejected", "withdrawn"; draft_state), set by outbox_claim and by
# escalate_case. Absent (an action queued before) reads as a draft still waiting.
DRAFT_STATE = "draft_state"
# The draft's label by its state: an agent must not take a reply already approved or sent
# for one still to write and send.
_LABELS = {"approved": "Reply approved, not sent yet", "sent": "Reply sent"}
# A rejected draft is said, not shown: its text is no reply to copy into the help desk, but
# an agent who saw it in a chat or an earlier ticket learns the team turned it down.
_REJECTED = "Rejected on mentiondesk: not to be sent"


def draft_state(status: str | None, post: str | None, posted: bool) -> str | None:
    """A draft's state for its ticket from its `status` and its post's outbox row status
    (`post`; `posted`: the row exists). Approved with no post row: posted by hand (Mark as
    posted), or delivered and since pruned by retention; a held or dropped one: not sent."""
    if status != "approved":
        return status
    if not posted or post == "done":
        return "sent"
    return "approved"


def draft(ctx: CaseContext, wording: Wording, state: str | None = None) -> list[tuple[str, str]]:
    """The drafted reply, if any, labelled by its `state` (DRAFT_STATE; one withdrawn for a
    newer draft or an opt-out is left off, a rejected one said without its text); right
    above it, as the chats say it, a warning where it is not in the author's language: an
    agent who copies it into the help desk's reply must not send English (or Italian) to a
    Portuguese customer unawares."""
    if not ctx.draft_text or state == "withdrawn":
        return []
    if state == "rejected":
        return [("Drafted reply", wording.t(_REJECTED))]
    note = other_language_note(ctx, wording)
    label = _LABELS.get(state or "", "Drafted reply")
    return [*([("Warning", "⚠ " + note)] if note else []), (label, ctx.draft_text)]


def earlier(m: Mention, wording: Wording) -> str:
    """An earlier post of the case: "2026-11-09 12:00 UTC, x post m0: its text"."""
    w = wording
    where = w.t("{platform} post {id}", platform=w.word("platform", m.platform), id=m.external_id)
    return f"{w.when(m.created_at)}, {where}: {m.text}"


# OutboxAction.extra key of a ticket: its author's earlier resolved cases, {"cases": [[case
# number, when it was resolved (ISO 8601)], …] newest first, "total": how many there are},
# set at delivery (outbox_ticket_past).
PAST_CASES = "past_cases"


def past(found: Any, wording: Wording) -> list[tuple[str, str]]:
    """ "Earlier cases: MD-000012 (resolved 02/10/2026 14:00 UTC−3), …": a returning
    customer, whose earlier tickets the agent finds by their number; none where none."""
    if not isinstance(found, dict) or not found.get("cases"):
        return []
    w, cases = wording, list(found["cases"])
    shown = [
        w.t("{number} (resolved {when})", number=str(n), when=w.when(_moment(str(at))))
        if at
        else str(n)
        for n, at in cases
    ]
    more = int(found.get("total") or 0) - len(cases)
    if more > 0:
        shown.append(w.t("… and {n} more", n=more))
    return [("Earlier cases", ", ".join(shown))]


def _moment(text: str) -> datetime:
    at = datetime.fromisoformat(text)
    return at if at.tzinfo else at.replace(tzinfo=UTC)  # SQLite gives it without a zone
