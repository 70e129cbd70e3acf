"""Rows of a help-desk ticket's first comment that take more than a field (`_helpdesk.lines`):
the author, the rule that asked for it, the drafted reply and the case's earlier posts. Each
is (English label, untrusted value); the desk escapes values its own way."""

from __future__ import annotations

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


def draft(ctx: CaseContext, wording: Wording) -> list[tuple[str, str]]:
    """The drafted reply, if any; right above it, as the chats say it, a warning where it is
    not in the author's language: an agent who copies it into the help desk's reply must not
    send English (or Italian) to a Portuguese customer unawares."""
    if not ctx.draft_text:
        return []
    note = other_language_note(ctx, wording)
    return [*([("Warning", "⚠ " + note)] if note else []), ("Drafted reply", ctx.draft_text)]


def earlier(m: Mention, wording: Wording) -> str:
    """An earlier post of the case: "2026-11-09 12:00 UTC, x post m0: its text"."""
    w = wording
    where = w.t("{platform} post {id}", platform=w.word("platform", m.platform), id=m.external_id)
    return f"{w.when(m.created_at)}, {where}: {m.text}"
