"""The case page's audit trail in the reader's words: each entry a sentence, not a code.

The audit table keeps actions as codes ("allow-contact") with a raw detail ("x pri_moura"),
the same for the desk and the CLI; only what people read is worded, here, in their language.
Whatever a line takes from the row (a name, a handle, a reason someone typed) goes in
isolated (i18n_bidi): a right-to-left override in it would turn the rest of the sentence
around, and the trail is what settles a dispute.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

from mentiondesk.audit_trail import NO_TICKET, OUTBOX_WORKER, AuditEntry
from mentiondesk.erasure import ACTION as ERASE
from mentiondesk.held_replies import held_reason, person_hold
from mentiondesk.models import handle_shown
from mentiondesk.outbox_old_holds import read_no_ticket
from mentiondesk.outbox_ticket_wait import MOVED_HELD, STRANDED, WAIT, WAITED, read
from mentiondesk.retention import ACTION as PURGE
from mentiondesk.retention import SYSTEM as RETENTION
from mentiondesk.survey_answers import ACTION as SURVEY
from mentiondesk.web.audit_erasures import erasure_line
from mentiondesk.web.audit_ticket_waits import no_ticket_line, ticket_wait_line
from mentiondesk.web.i18n import Locale
from mentiondesk.web.i18n_bidi import isolated

_THROUGH = re.compile(r"^sent again through (\S+)")
_ANSWER = re.compile(
    r"(?P<kind>csat|nps) (?P<score>\d+)"
    r"(?:, replacing (?P<earlier>\d+) of (?P<day>\d{4}-\d\d-\d\d)|(?P<withdrawn> withdrawn))?"
)


def audit_line(loc: Locale, entry: AuditEntry, *, local: Collection[str] = ()) -> str:
    """One audit entry as a sentence: "demo allowed @pri_moura on X to be contacted again".
    `local`: the names of the desk's own case lists (responder kind `local`), which an
    escalation names as such, not by the responder's name."""
    who, action, detail = loc.person(entry.actor), entry.action, entry.detail or ""  # isolated
    if action == "approve" and detail == "edited":  # sent in other words than drafted
        return loc.t("{who} edited and approved a reply", who=who)
    if action == "posted" and detail == "edited":
        return loc.t("{who} edited a reply and marked it as posted by hand", who=who)
    simple = _simple(loc, action, who)
    if simple is not None:
        return simple
    if action == "assign":
        return _assigned(loc, who, entry.actor, detail)
    if action == "relabel":
        return _relabelled(loc, who, detail)
    if action == "post-edited":
        return _post_edited(loc, detail)
    if action == SURVEY and (answered := _survey(loc, detail)):
        return answered
    if action in ("do-not-contact", "allow-contact"):
        return _listed(loc, who, action == "do-not-contact", detail)
    if action == "retry":
        return _resent(loc, who, detail, reply=entry.draft_id is not None)
    if action in (WAIT, WAITED, STRANDED, MOVED_HELD) and (said := read(detail)) is not None:
        by_worker = entry.actor == OUTBOX_WORKER  # held at its claim (outbox_claim)
        return ticket_wait_line(loc, who, action, said, entry.case_id, by_worker=by_worker)
    if action == "hold" and entry.draft_id is None and (held := read_no_ticket(detail)):
        # A follow-up held for want of its ticket, in English words (an older release's).
        by_worker = entry.actor == OUTBOX_WORKER
        return no_ticket_line(loc, who, held, entry.case_id, by_worker=by_worker)
    if action == "hold" and entry.actor == OUTBOX_WORKER:  # held at its claim: detail, why
        return _worker_held(loc, detail, reply=entry.draft_id is not None)
    if action == "hold":  # detail: the reason a person gave (`outbox hold --reason`)
        return _held(loc, who, detail, reply=entry.draft_id is not None)
    if action == "drop":  # `outbox drop [--reason]`: never sent
        return _dropped(loc, who, detail, reply=entry.draft_id is not None)
    if action == "escalate":
        return _escalated(loc, who, detail, local=detail in local)
    if action.startswith("user-"):
        return _user(loc, who, action, detail)
    if action.startswith("saved-reply-"):
        return _saved(loc, who, action, detail)
    by = "" if entry.actor == RETENTION else who  # the service's daily run: nobody's
    if action in (ERASE, PURGE) and (counts := erasure_line(loc, by, action, detail)):
        return counts  # the proof of an erasure or a retention run, in the reader's words
    return " ".join(p for p in (who, isolated(loc.word("action", action)), isolated(detail)) if p)


def _simple(loc: Locale, action: str, who: str) -> str | None:
    """The actions whose detail says nothing more."""
    texts = {
        "approve": loc.t("{who} approved a reply", who=who),
        "reply": loc.t("{who} wrote and sent a reply", who=who),
        "posted": loc.t("{who} marked a reply as posted by hand", who=who),
        "posted-reply": loc.t("{who} wrote a reply posted by hand", who=who),
        "reject": loc.t("{who} rejected a draft", who=who),
        "edit": loc.t("{who} edited a draft", who=who),
        "restore": loc.t("{who} restored a draft", who=who),
        "resolved": loc.t("{who} resolved the case", who=who),
        "closed": loc.t("{who} closed the case", who=who),
        "note": loc.t("{who} added a note", who=who),
        # A correction's drafts (corrected_drafts): one line each, after its "relabel".
        "withdraw": loc.t(
            "{who} corrected the reading: a draft written for the old one was withdrawn",
            who=who,
        ),
        "redraft": loc.t(
            "{who} corrected the reading: the playbook wrote a draft for the new one", who=who
        ),
    }
    return texts.get(action)


def _held(loc: Locale, who: str, detail: str, *, reply: bool) -> str:
    # Without --reason the detail is what the row recorded ("held by cli:root"): no reason.
    reason = "" if person_hold(detail) else isolated(detail)
    if reason and reply:
        return loc.t("{who} held the reply back from sending: {reason}", who=who, reason=reason)
    if reason:
        return loc.t("{who} held an action back from sending: {reason}", who=who, reason=reason)
    if reply:
        return loc.t("{who} held the reply back from sending", who=who)
    return loc.t("{who} held an action back from sending", who=who)


def _worker_held(loc: Locale, reason: str, *, reply: bool) -> str:
    """The outbox worker held it by itself (outbox_claim): a follow-up whose case has no
    ticket at its desk; `reason` says what a person can do."""
    reason = isolated(reason)
    if reply:
        return loc.t("The outbox held the reply back from sending: {reason}", reason=reason)
    return loc.t("The outbox held an action back from sending: {reason}", reason=reason)


def _dropped(loc: Locale, who: str, reason: str, *, reply: bool) -> str:
    reason = isolated(reason)
    if reason and reply:
        return loc.t("{who} dropped the reply, not to be sent: {reason}", who=who, reason=reason)
    if reason:
        return loc.t("{who} dropped an action, not to be sent: {reason}", who=who, reason=reason)
    if reply:
        return loc.t("{who} dropped the reply: it will not be sent", who=who)
    return loc.t("{who} dropped an action: it will not be sent", who=who)


def _escalated(loc: Locale, who: str, target: str, *, local: bool) -> str:
    """Detail: the responder's name ("cases"), an internal name nobody reads as a place."""
    if local:
        return loc.t("{who} escalated the case to the desk's case list", who=who)
    named = {"who": who, "target": isolated(target)}
    return loc.t("{who} escalated the case to the help desk ({target})", **named)


def _user(loc: Locale, who: str, action: str, detail: str) -> str:
    """Desk logins: detail "NAME" ("NAME ROLE" when added; never a password)."""
    added, _, role = detail.rpartition(" ")
    name = isolated(detail)
    texts = {
        "user-add": loc.t(
            "{who} added {name} to the desk as {role}",
            who=who,
            name=isolated(added),
            role=isolated(loc.word("role", role)),
        ),
        "user-disable": loc.t("{who} disabled the login of {name}", who=who, name=name),
        "user-enable": loc.t("{who} let {name} log in again", who=who, name=name),
        "user-password": loc.t("{who} changed the password of {name}", who=who, name=name),
    }
    return texts.get(action) or " ".join(p for p in (who, action, name) if p)


def _saved(loc: Locale, who: str, action: str, detail: str) -> str:
    """Saved replies made in the desk: detail "ID TITLE" (the title as saved then)."""
    reply_id, _, title = detail.partition(" ")
    named = {"who": who, "title": isolated(title), "id": isolated(reply_id)}
    texts = {
        "saved-reply-add": loc.t("{who} added the saved reply “{title}” ({id})", **named),
        "saved-reply-edit": loc.t("{who} changed the saved reply “{title}” ({id})", **named),
        "saved-reply-delete": loc.t("{who} deleted the saved reply “{title}” ({id})", **named),
    }
    return texts.get(action) or " ".join(p for p in (who, action, isolated(detail)) if p)


def _assigned(loc: Locale, who: str, actor: str, assignee: str) -> str:
    if assignee in ("", "nobody"):
        return loc.t("{who} left the case with nobody", who=who)
    if assignee == actor:
        return loc.t("{who} took the case", who=who)
    named = loc.person(assignee)  # isolated name; a Slack user's member ID reads as who they are
    return loc.t("{who} assigned the case to {assignee}", who=who, assignee=named)


def _relabelled(loc: Locale, who: str, detail: str) -> str:
    """Detail "negative → positive" (the label before may be "None": never read)."""
    before, _, after = detail.partition(" → ")
    new = isolated(loc.word("label", after or before).lower())
    if not after or before in ("", "None"):
        return loc.t("{who} corrected the reading to {new}", who=who, new=new)
    old = isolated(loc.word("label", before).lower())
    return loc.t("{who} corrected the reading from {old} to {new}", who=who, old=old, new=new)


def _survey(loc: Locale, detail: str) -> str | None:
    """A score read from the author's own post (survey_answers): detail "csat 5", or "csat 5,
    replacing 2 of 2026-11-10"; None for a detail of another shape."""
    said = _ANSWER.fullmatch(detail)
    if said is None:
        return None
    kind, score = said["kind"].upper(), loc.number(int(said["score"]))
    if said["withdrawn"]:  # the post edited into more than a score (survey_edits)
        return loc.t(
            "The author edited the post: its survey answer {kind} {score} is withdrawn",
            kind=kind,
            score=score,
        )
    if said["earlier"] is None:
        return loc.t(
            "The author answered the survey in a post: {kind} {score}", kind=kind, score=score
        )
    return loc.t(
        "The author answered the survey in a post: {kind} {score}, replacing {earlier} of {day}",
        kind=kind,
        score=score,
        earlier=loc.number(int(said["earlier"])),
        day=loc.date(date.fromisoformat(said["day"])),
    )


def _post_edited(loc: Locale, detail: str) -> str:
    """The author edited the post (edited_posts): detail "answered" (a reply or DM had gone
    out: only the text changed; "answered; asked to stop": and the author went on the list),
    "rejected" (the desk had turned its draft down: nothing went out, and nothing is drafted
    again; "rejected; asked to stop" likewise), else "OLD → NEW; …" as it was read again."""
    if detail == "answered":
        return loc.t("The author edited the post after it was answered: the new text is kept")
    if detail == "rejected":  # no reply went out: "answered" would tell the desk one did
        return loc.t(
            "The author edited the post after its draft was rejected: the new text is kept, "
            "and no new draft is written"
        )
    if detail == "answered; asked to stop":
        return loc.t(
            "The author edited the post after it was answered, asking not to be contacted: "
            "the new text is kept, and they are on the do-not-contact list"
        )
    if detail == "rejected; asked to stop":
        return loc.t(
            "The author edited the post after its draft was rejected, asking not to be "
            "contacted: the new text is kept, and they are on the do-not-contact list"
        )
    labels = detail.partition(";")[0]
    before, _, after = labels.partition(" → ")
    old, new = (isolated(loc.word("label", x).lower()) for x in (before, after or before))
    if old == new:
        return loc.t("The author edited the post: read again, still as {new}", new=new)
    return loc.t("The author edited the post: read again as {new} (was {old})", old=old, new=new)


def _listed(loc: Locale, who: str, listed: bool, detail: str) -> str:
    """Detail "PLATFORM HANDLE", as the desk and the CLI record it; "PLATFORM" alone once the
    retention blanked the author."""
    platform, _, handle = detail.partition(" ")
    named = {
        "who": who,
        "handle": isolated(handle_shown(platform, handle)),  # the author's: hostile
        "platform": isolated(loc.word("platform", platform)),
    }
    if not handle:
        if listed:
            return loc.t("{who} put the person on {platform} on the do-not-contact list", **named)
        return loc.t("{who} allowed the person on {platform} to be contacted again", **named)
    if listed:
        return loc.t("{who} put {handle} on {platform} on the do-not-contact list", **named)
    return loc.t("{who} allowed {handle} on {platform} to be contacted again", **named)


def _resent(loc: Locale, who: str, detail: str, *, reply: bool) -> str:
    """Detail "sent again [through NAME] after being held: ERROR" (before, the row and its
    error: "outbox 153, held: ERROR"), or "sent again" for an action that was not held."""
    error = detail.partition("held: ")[2] if "held: " in detail else None
    reason = loc.word("held", held_reason(error)) if error is not None else None
    if error == NO_TICKET:  # not the platform's refusal: it never saw the follow-up
        reason = loc.t("the case had no ticket at the help desk to add it to")
    if reply:
        text = (
            loc.t("{who} sent the reply again after it was held: {reason}", who=who, reason=reason)
            if reason
            else loc.t("{who} sent the reply again", who=who)
        )
    elif reason:
        text = loc.t(
            "{who} sent a held action again (it was held: {reason})", who=who, reason=reason
        )
    else:
        text = loc.t("{who} sent an action again", who=who)
    through = _THROUGH.match(detail)
    if through is None:
        return text
    return loc.t("{text}, this time through {to}", text=text, to=isolated(through[1]))
