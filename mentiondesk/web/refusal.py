"""A refused POST's case page: why it is shown again, and the text the person typed kept in
its box (kept_texts stores it for the page the refusal redirects to; pages_case shows it)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import NotRequired, TypedDict

from mentiondesk.reply_limits import TooLong, content_warning, length_problem
from mentiondesk.web.common import NOTICES
from mentiondesk.web.data_case import CaseDetail
from mentiondesk.web.data_case_rows import AuditEntry, DraftData
from mentiondesk.web.i18n import Locale
from mentiondesk.web.refusal_words import too_long_words


class Refused(TypedDict):
    """What case.html reads of a refusal (NOT_REFUSED: none): the notice, the kept text, and
    what a colleague did since the page was loaded."""

    notice: NotRequired[tuple[str, str]]  # (kind, text); a GET's is the redirect's, if any
    refused: str | None  # the NOTICES key
    kept: dict[int, str]
    edits: dict[int, AuditEntry | None]  # a kept draft's latest edit
    reply: tuple[str, str] | None
    since: tuple[DraftData | None, AuditEntry | None]  # the latest reply, the case's end


@dataclass(frozen=True)
class Refusal:
    """A refused POST's case page: `why` (a NOTICES key) it is shown again, the page `here`
    its forms return to, and what the person typed, kept in its box: by draft id (`kept`),
    or a Reply now's (kind, text) (`reply`)."""

    why: str
    here: str
    kept: dict[int, str] = field(default_factory=dict)
    reply: tuple[str, str] | None = None

    def context(self, detail: CaseDetail, loc: Locale) -> Refused:
        """What case.html needs to say why and show the kept text beside what changed."""
        return {
            "notice": self.notice(detail, loc),
            "refused": self.why,
            "kept": self.kept,
            "edits": {draft: last_edit(detail.audit, draft) for draft in self.kept},
            "reply": self.reply,
            # Who answered or ended the case since a refused Reply now's page was loaded.
            "since": (last_reply(detail.drafts), last_end(detail.audit))
            if self.reply
            else (None, None),
        }

    def notice(self, detail: CaseDetail, loc: Locale) -> tuple[str, str]:
        """The notice saying why; a too-long reply's followed by its numbers, in `loc`'s words
        (the template's _() leaves a text it has no entry for as it is)."""
        kind, words = NOTICES[self.why]
        if self.why != "too-long":
            return kind, words
        if (problem := self._too_long(detail)) is None:
            return kind, words
        return kind, f"{loc.t(words)} {too_long_words(loc, problem)}"

    def _too_long(self, detail: CaseDetail) -> TooLong | None:
        """The kept text's length problem, counted as approval counted it (as the page's
        counter does: its mention's platform, author and content warning)."""
        kinds = {d.id: d.kind for d in detail.drafts}
        refused = [(kinds.get(draft, "public"), text) for draft, text in self.kept.items()]
        refused += [self.reply] if self.reply else []
        platform = detail.mention.platform
        warning = content_warning(platform, detail.mention.text)
        for kind, text in refused:
            private, handle = kind == "private", detail.author.handle
            found = length_problem(platform, text, private=private, handle=handle, warning=warning)
            if found:
                return found
        return None  # it fits as counted now (a stored text changed): the plain notice

    def to_json(self) -> str:
        return json.dumps(
            {"why": self.why, "here": self.here, "kept": self.kept, "reply": self.reply}
        )

    @classmethod
    def from_json(cls, text: str) -> Refusal | None:
        """The refusal kept as `to_json` wrote it; None for what no desk wrote (a newer
        release's notice, say): the page is then shown as a GET shows it."""
        values = json.loads(text)
        if values.get("why") not in NOTICES:
            return None
        reply = values.get("reply")
        return cls(
            why=values["why"],
            here=str(values["here"]),
            kept={int(draft): str(typed) for draft, typed in values["kept"].items()},
            reply=(str(reply[0]), str(reply[1])) if reply else None,
        )


# The page as a GET shows it (render_case without a Refusal): nothing refused or kept.
NOT_REFUSED: Refused = {
    "refused": None,
    "kept": {},
    "edits": {},
    "reply": None,
    "since": (None, None),
}


def last_edit(audit: list[AuditEntry], draft_id: int) -> AuditEntry | None:
    """The latest saved edit of a draft in a page's audit trail (who and when), if any."""
    edits = (a for a in reversed(audit) if a.action == "edit" and a.draft_id == draft_id)
    return next(edits, None)


def last_end(audit: list[AuditEntry]) -> AuditEntry | None:
    """Who closed or resolved the case, and when, from a page's audit trail, if it says."""
    ends = (a for a in reversed(audit) if a.action in ("closed", "resolved"))
    return next(ends, None)


def last_reply(drafts: list[DraftData]) -> DraftData | None:
    """The case's latest approved reply (drafted or by hand): who sent it and when."""
    sent = [(d.decided_at, d) for d in drafts if d.status == "approved" and d.decided_at]
    latest = max(sent, key=lambda at_draft: at_draft[0], default=None)
    return latest[1] if latest is not None else None
