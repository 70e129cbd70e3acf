"""What every help-desk ticket says: subject, the thread and reading, priority from frustration."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any

from mentiondesk.models import (
    BESIDE,
    ENGLISH,
    REUSED,
    FatalError,
    OutboxAction,
    TransientError,
    Wording,
    handle_shown,
)
from responders import _ticket_rows as rows_of
from responders._escape import html_text
from responders._solved_sweep import SolvedSweep as SolvedSweep  # each desk's sync sweeps
from responders._text import impostor_warning, plain

# frustration 0-3 → each desk's own scale
PRIORITY_WORDS = ("low", "normal", "high", "urgent")


def account_url(url: str) -> str:
    """A Zendesk or Freshdesk account's address as `base_url` names it. Their API docs write
    it with the API's path ("https://x.zendesk.com/api/v2/"), which the responder adds
    itself: copied in, every call went to /api/v2/api/v2/ and failed, so it is taken off."""
    root = url.strip().rstrip("/")
    return root[: -len(_API)] if root.lower().endswith(_API) else root


_API = "/api/v2"


def case_of(action: OutboxAction) -> str:
    """The case number a ticket (or a follow-up's comment on it) is filed under; tickets
    without a case are a routing mistake."""
    if action.kind not in ("ticket", "comment"):
        raise FatalError(f"a help desk takes tickets, not {action.kind}; fix the routing")
    number = action.context.case_number
    if not number:
        raise FatalError("a ticket needs a case; add open_case before escalate in the rule")
    return number


def follow_up_mark(action: OutboxAction, wording: Wording = ENGLISH, *, at: bool = False) -> str:
    """What a follow-up's comment says first ("u/ana on reddit, post 1x2", the handle as its
    platform writes it), and how a desk finds it again on a retry. `at`: as comments written
    before said it on every platform ("@ana on reddit, …"), for a retry to find those."""
    m, w = action.context.mention, wording
    handle = "@" + m.author.handle if at else handle_shown(m.platform, m.author.handle)
    return plain(
        w.t(
            "{handle} on {platform}, post {id}",
            handle=handle,
            platform=w.word("platform", m.platform),
            id=m.external_id,
        ),
        250,
    )


def follow_up_forms(action: OutboxAction, wording: Wording = ENGLISH) -> list[str]:
    """The marks a follow-up's comment may carry in `wording`'s language: the one written now
    first, then the "@handle" one written before (the same on X, Bluesky and Mastodon)."""
    now, before = follow_up_mark(action, wording), follow_up_mark(action, wording, at=True)
    return list(dict.fromkeys([now, before]))


def follow_up_marks(action: OutboxAction, wording: Wording = ENGLISH) -> list[str]:
    """The marks a retry looks for: this language's and English's, so a comment written
    before `[routing] language` changed is found, not added twice; each as written now and
    as written before handles were shown as their platform writes them (follow_up_forms)."""
    return list(dict.fromkeys([*follow_up_forms(action, wording), *follow_up_forms(action)]))


def has_mark(text: str, mark: str) -> bool:
    """Whether `text` carries `mark` whole: "post 123" is not found in "post 1234"."""
    return re.search(re.escape(mark) + r"(?!\w)", text) is not None


MAX_PAGES = 50  # of a ticket's comments read to find a follow-up: 5,000 comments


def thread_too_long(ticket_id: int) -> FatalError:
    """Past MAX_PAGES we cannot rule out an earlier comment: held for a person, not doubled."""
    return FatalError(f"ticket {ticket_id} has too many comments to check for this follow-up")


def no_ticket_yet(number: str) -> TransientError:
    """A follow-up came before its case's ticket was filed: it waits and tries again."""
    return TransientError(f"no ticket for {number} yet; the follow-up waits for it")


OWNER = "mdauthor-"  # the tag that says whose case a ticket is: `owner_tag`


def owner_tag(action: OutboxAction) -> str:
    """The tag naming the case's author ("mdauthor-" and 12 hex digits of a hash of the
    platform and account id): an author has one open case at a time, so every ticket and
    follow-up of a case carries the same one, and a reused case number another's."""
    m = action.context.mention
    digest = hashlib.sha256(f"{m.platform}:{m.author.id}".encode()).hexdigest()
    return OWNER + digest[:12]


def owns(action: OutboxAction, ref: str, subject: str, tags: Sequence[str] | None) -> bool:
    """Whether ticket `ref`, found by the case number, is this case's: the case's recorded
    ticket; else one tagged with its author's `owner_tag`; one filed before those tags by
    the author named in its subject ("— @ann on X": those subjects said "@" on every
    platform; ones filed since are tagged). A case number reused (a database
    restored from a backup, or a new one) finds another customer's ticket: not this case's."""
    if ref == action.context.ticket_ref:
        return True
    owners = [t for t in tags or () if t.startswith(OWNER)]
    if owners:
        return owner_tag(action) in owners
    handle = re.escape("@" + action.context.mention.author.handle)
    return re.search(rf"(?<!\S){handle}(?!\S)", subject) is not None


def own_tickets(
    desk: str, action: OutboxAction, number: str, tickets: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Those of `tickets` (found by case `number`: "id", "subject", "tags") that are this
    case's; where there are some and none is, the action is held (`not_this_case`), unless
    a person released it from that hold (`beside`): this case's ticket is then filed anew."""
    mine = [
        t for t in tickets if owns(action, str(t["id"]), str(t.get("subject") or ""), t.get("tags"))
    ]
    if tickets and not mine and not beside(action):
        raise not_this_case(desk, str(tickets[0]["id"]), number)
    return mine


def owned(desk: str, action: OutboxAction, number: str, created: dict[str, Any]) -> None:
    """A ticket a create answered with is this case's: an idempotency key replayed (Zendesk's,
    for 2 hours) may answer with another customer's ticket, which is never taken."""
    if not owns(action, str(created["id"]), str(created.get("subject") or ""), created.get("tags")):
        raise not_this_case(desk, str(created["id"]), number)


def beside(action: OutboxAction) -> bool:
    """Whether a person's `outbox retry` released this action from a reused number's hold:
    the tickets under its number that are not its author's are another customer's, so its
    ticket is filed beside them, and a follow-up with none of its own yet waits for it."""
    return bool(action.extra.get(BESIDE))


def idempotency_key(action: OutboxAction) -> str:
    """The key a create is sent with: one of its own once filed beside a clash, as the
    action's key is the case number's, which another customer's ticket was made under."""
    return f"{action.key}:beside" if beside(action) else action.key


def not_this_case(desk: str, ref: str, number: str) -> FatalError:
    """Held, not written into another customer's ticket: the case numbers were reused."""
    return FatalError(
        f"{desk} ticket {ref} under {number} is another customer's: {REUSED} (a database "
        "restored from a backup, or a new one). Not written into it. Run `mentiondesk cases "
        "number-from N` with N past the highest MD- number the help desk has, so that new "
        "cases do not clash again; then `mentiondesk outbox retry --reused-numbers` files "
        "this case's own ticket beside it, under the same number and tagged as its author's "
        "(or, filed by hand, `mentiondesk outbox drop` this action and its follow-ups)"
    )


def subject(action: OutboxAction, wording: Wording = ENGLISH) -> str:
    """ "[MD-000123] …": Request Tracker finds a case's ticket by that prefix, in any language."""
    ctx, w = action.context, wording
    m, r = ctx.mention, ctx.reading
    what = w.word("reason", r.reason) if r.reason else w.word("label", r.label.value)
    about = w.t(
        "{what} — {handle} on {platform}",
        what=what,
        handle=handle_shown(m.platform, m.author.handle),  # "u/ana", as the ticket's Author
        platform=w.word("platform", m.platform),
    )
    return plain(f"[{ctx.case_number}] {about}", 250)


def lines(action: OutboxAction, wording: Wording = ENGLISH) -> list[tuple[str, str]]:
    """The first comment as (label, untrusted value) pairs; each desk escapes them its own way
    (the labels are ours, in `wording`'s language)."""
    ctx, w = action.context, wording
    m, r = ctx.mention, ctx.reading
    first = ("Follow-up", follow_up_mark(action, w)) if action.kind == "comment" else None
    # The score is the classifier's probability for its label: "negative, 80% sure".
    reading = w.t(
        "{label}, {certainty} sure, language {lang}",
        label=w.word("label", r.label.value),
        certainty=w.certainty(r.score),
        lang=w.word("lang", r.lang),
    )
    topics = ", ".join(w.word("reason", t) for t in r.topics)
    warning = impostor_warning(ctx, w)  # a possible fake support account: said first
    rows = [
        *([("Warning", warning)] if warning else []),
        first or ("Case", ctx.case_number or ""),
        *([("Case page", ctx.case_url)] if ctx.case_url else []),
        ("Author", rows_of.author(m, w)),
        ("Platform", w.word("platform", m.platform)),
        ("Link", m.url),
        ("Posted", w.posted(m.created_at)),
        ("Mention", m.text),
        ("Reading", reading),
        ("Reason", w.word("reason", r.reason) if r.reason else "-"),
        ("Topics", topics or "-"),
        ("Frustration", f"{r.frustration}/3"),
        ("Rule", rows_of.rule(ctx.rule, w)),
    ]
    rows += rows_of.draft(ctx, w, action.extra.get(rows_of.DRAFT_STATE))
    rows += rows_of.past(action.extra.get(rows_of.PAST_CASES), w)
    # Oldest first, after the mention that asked for the ticket: the story so far.
    rows += [("Earlier in the case", rows_of.earlier(e, w)) for e in ctx.earlier]
    return [(w.t(label), value) for label, value in rows]


def text_body(action: OutboxAction, wording: Wording = ENGLISH) -> str:
    """Plain text: control characters removed, one field per line."""
    rows = lines(action, wording)
    return "\n".join(f"{label}: {plain(value, 8000)}" for label, value in rows)


def html_body(action: OutboxAction, wording: Wording = ENGLISH) -> str:
    """HTML: every value escaped, so markup in a mention is shown, never rendered; the
    case's page (our own URL, from the config) a link to click."""
    # Told by its label, not its value: a mention whose text is the URL stays text. The post's
    # own address is a link too (one click to the thread), where it is a web address at all.
    linked = {wording.t("Case page"), wording.t("Link")}
    return "".join(
        f"<p><b>{html_text(label)}:</b> {_shown(value, label in linked)}</p>"
        for label, value in lines(action, wording)
    )


def _shown(value: str, link: bool) -> str:
    """`value` escaped; a link where `link` and it is an http(s) address (never javascript:)."""
    if link and re.match(r"(?i)https?://[^\s]+\Z", value):
        return f'<a href="{html_text(value)}">{html_text(value)}</a>'
    return html_text(value)


def tags(action: OutboxAction, longest: int = 40) -> list[str]:
    """The ticket's tags, each cut to `longest` characters (a desk refuses longer ones)."""
    ctx = action.context
    raw = ["mentiondesk", ctx.mention.platform, ctx.reading.label.value, *ctx.reading.topics]
    if ctx.reading.reason:
        raw.append(ctx.reading.reason)
    if ctx.reading.lang and ctx.reading.lang != "und":  # a trigger routes "lang-pt" to its group
        raw.append(f"lang-{ctx.reading.lang}")
    raw.append(owner_tag(action))  # last: whose case it is (`owns`)
    return list(dict.fromkeys(_tag(t, longest) for t in raw if _tag(t, longest)))


def _tag(text: str, longest: int) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text.lower())[:longest]


def frustration(action: OutboxAction) -> int:
    return max(0, min(3, action.context.reading.frustration))


def raised(action: OutboxAction, current: int) -> int | None:
    """The follow-up's frustration (0-3) where it is above the ticket's `current` level, else
    None: a ticket's priority rises with what the author writes next, and never falls."""
    wanted = frustration(action)
    return wanted if wanted > current else None
