"""A refused POST's case page: why it is shown again, with what status, and the text the
person typed kept in its box (pages_case.refused_page)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mentiondesk.web.common import DECIDED_KEPT, DNC, EDITED_KEPT, NOTICES, REPLY_KEPT
from mentiondesk.web.data_case import CaseDetail, last_edit, last_end, last_reply


@dataclass(frozen=True)
class Refusal:
    """A refused POST's case page: `why` (a NOTICES key) it is shown again, the page `here`
    it stands for (the language switch returns there), and what the person typed, kept in
    its box: by draft id (`kept`), or a Reply now's (kind, text) (`reply`)."""

    why: str
    here: str
    kept: dict[int, str] = field(default_factory=dict)
    reply: tuple[str, str] | None = None

    @property
    def status(self) -> int:
        return _REFUSED_STATUS.get(self.why, 422)

    def context(self, detail: CaseDetail) -> dict[str, Any]:
        """What case.html needs to say why and show the kept text beside what changed."""
        return {
            "path": self.here,
            "path_qs": self.here,
            "notice": NOTICES[self.why],
            "refused": self.why,
            "kept": self.kept,
            "edits": {draft: last_edit(detail.audit, draft) for draft in self.kept},
            "reply": self.reply,
            # Who answered or ended the case since a refused Reply now's page was loaded.
            "since": (last_reply(detail.drafts), last_end(detail.audit))
            if self.reply
            else (None, None),
        }


# A refusal the page's state explains (answered, closed, a draft edited or decided, the
# author listed since it was loaded) conflicts with it: 409; one the text or choice itself
# explains: 422.
_REFUSED_STATUS = {REPLY_KEPT: 409, DNC: 409, EDITED_KEPT: 409, DECIDED_KEPT: 409}
# The page as a GET shows it (render_case without a Refusal): nothing refused or kept.
NOT_REFUSED: dict[str, Any] = {
    "refused": None,
    "kept": {},
    "edits": {},
    "reply": None,
    "since": (None, None),
}
