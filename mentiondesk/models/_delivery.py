"""What waits in the outbox and the responder contract."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from mentiondesk.models._langs import other_language
from mentiondesk.models._mentions import Author, Mention
from mentiondesk.models._readings import Label, Reading

# `extra` keys of an alert whose `text` is the whole message (plain lines, worded by the glue,
# escaped by each chat as it writes it): a digest, or a notice about mentiondesk itself.
DIGEST = "digest"
NOTICE = "notice"
# What a notice's context names as its "platform": no post, no author, no case.
SYSTEM = "mentiondesk"
# Help-desk tickets held because the case numbers were reused (a database restored from a
# backup): every such hold's error says REUSED, by which `outbox retry --reused-numbers` finds
# them, and an action it releases carries BESIDE in its `extra`, so the help-desk responder
# files its ticket beside the other customer's under the same number.
REUSED = "case numbers were reused"
BESIDE = "beside_reused"


@dataclass(frozen=True, slots=True)
class CaseContext:
    """Everything a responder may show about a case, snapshotted when the action was made."""

    mention: Mention
    reading: Reading
    case_number: str | None = None
    draft_id: int | None = None
    draft_text: str | None = None
    rule: str = ""
    follow_up: bool = False  # the author wrote again on an open case
    # What the author said before in this case, oldest first: a ticket that a follow-up
    # opens carries them, so the help desk's agent sees the whole story.
    earlier: tuple[Mention, ...] = ()
    # The case's page on the desk (`[desk] public_url`), set when the action is delivered:
    # the chats and help desks link to it. None without a public_url or a case.
    case_url: str | None = None
    # The case's recorded ticket (case.ticket_ref), set when the action is delivered and not
    # stored: a help desk whose search no longer lists an archived ticket still finds it.
    ticket_ref: str | None = None
    # The brand's name or handle the author resembles (a possible fake support account), set
    # when an alert is delivered (outbox_claim): the chat says to report it. Only a digest's
    # item stores it, so that the digest, written later, says so too.
    impostor_of: str | None = None
    # The language `draft_text` is written in (its template folder: "pt-PT", "en"); None in
    # an action stored before alerts said it, or with no draft. See authors_lang.
    draft_lang: str | None = None

    @property
    def authors_lang(self) -> str | None:
        """The language the author wrote in ("it") where the draft is in another (a Lisbon
        team's pt-PT template answering an Italian), as the desk marks it; None otherwise."""
        theirs = self.reading.lang
        return theirs if other_language(self.draft_lang, theirs) else None

    def to_dict(self) -> dict[str, Any]:
        return {
            **({"impostor_of": self.impostor_of} if self.impostor_of else {}),
            **({"draft_lang": self.draft_lang} if self.draft_lang else {}),
            "mention": self.mention.to_dict(),
            "reading": self.reading.to_dict(),
            "case_number": self.case_number,
            "draft_id": self.draft_id,
            "draft_text": self.draft_text,
            "rule": self.rule,
            "follow_up": self.follow_up,
            "earlier": [m.to_dict() for m in self.earlier],
            "case_url": self.case_url,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CaseContext:
        return cls(
            mention=Mention.from_dict(data["mention"]),
            reading=Reading.from_dict(data["reading"]),
            case_number=data.get("case_number"),
            draft_id=data.get("draft_id"),
            draft_text=data.get("draft_text"),
            rule=data.get("rule", ""),
            follow_up=bool(data.get("follow_up", False)),
            earlier=tuple(Mention.from_dict(m) for m in data.get("earlier") or ()),
            case_url=data.get("case_url"),
            impostor_of=data.get("impostor_of"),
            draft_lang=data.get("draft_lang"),
        )


def notice_context(at: datetime) -> CaseContext:
    """The context of a notice (a source stopped for good), which is about no mention: it
    names mentiondesk itself as the platform (no post is stored under it) and no author, so
    what reads every action's context (listings, erasure, retention) finds no one in it."""
    nobody = Author(id="", handle=SYSTEM)
    mention = Mention(platform=SYSTEM, external_id=NOTICE, author=nobody, text="", created_at=at)
    return CaseContext(mention=mention, reading=Reading(label=Label.NEUTRAL, score=0.0))


def text_digest(text: str) -> str:
    """A fingerprint of a draft's text as someone was shown it (a desk page, a Slack card):
    approving with it is refused when the text has been edited since, so no edit goes out
    unseen by the person who approved it."""
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class OutboxAction:
    """An external effect waiting in the outbox; `key` makes delivering it idempotent.

    `kind` is "alert" (team chat), "ticket" (help desk), "comment" (a follow-up added to
    the case's ticket) or "post" (reply or private message on the platform, only after
    approval or an explicit `auto` rule). An alert is about a mention, unless `text_only`.
    """

    key: str
    kind: str
    target: str
    context: CaseContext
    text: str | None = None
    private: bool = False
    attempt: int = 1
    extra: dict[str, Any] = field(default_factory=dict)
    # When the outbox row was written (set when it is read back for delivery): nothing for
    # this action can have been sent before it, so a look-up for an earlier attempt's post
    # need not search further back.
    created_at: datetime | None = None

    @property
    def notice(self) -> bool:
        """An alert about mentiondesk itself (`extra["notice"]`: "source_stopped"), not about
        a mention: its context is notice_context()'s, its `text` the message."""
        return bool(self.extra.get(NOTICE))

    @property
    def text_only(self) -> bool:
        """A digest or a notice: `text` is the whole message, one line a line."""
        return self.notice or bool(self.extra.get(DIGEST))


@dataclass(frozen=True, slots=True)
class Receipt:
    """Proof of a delivery: the remote reference (message ts, ticket id, post id)."""

    ref: str | None = None
    url: str | None = None
    detail: str = ""
    # A follow-up filed as a new ticket (its case's ticket was closed): `ref` is the case's
    # ticket from now on, as a first ticket's is.
    case_ticket: bool = False


@runtime_checkable
class Responder(Protocol):
    """Delivers outbox actions; must be idempotent by `action.key`.

    A responder class may declare `takes` (the action kinds it delivers) and, for a poster,
    `platform`: start-up then refuses a route that sends it anything else; and
    `finds_earlier_send = True` when, on an attempt after the first (`action.attempt > 1`),
    it looks for what an earlier attempt sent before sending again (`outbox look-first`).
    A paced one (`pace`) may define `pace_key() -> str`, the destination its platform limits
    (a channel, a webhook): responders with the same key share their turns."""

    name: str

    async def deliver(self, action: OutboxAction) -> Receipt: ...

    async def close(self) -> None: ...
