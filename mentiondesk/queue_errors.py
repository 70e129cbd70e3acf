"""Why an action on a draft or a case is refused: the types the CLI, the desk and Slack catch
to say so (raised by `queue` and the case work beside it, which re-export them)."""

from __future__ import annotations

from mentiondesk.tables import case_number

# Why a private message is refused (DoNotContact's text, for the CLI and the logs).
NO_CONTACT = "the author asked not to be contacted; no private message is sent"


class NotFound(LookupError):
    """No such draft or case."""


class StaleAction(RuntimeError):
    """The draft or case changed since it was shown (someone else acted first)."""


class CaseEnded(StaleAction):
    """The case is resolved or closed already (`status`): a second Resolve, from the same
    page or a colleague's, changes nothing, and the desk says how the case stands rather
    than that someone else acted."""

    def __init__(self, case_id: int, status: str) -> None:
        super().__init__(f"case {case_number(case_id)} is already {status}")
        self.status = status


class DoNotContact(StaleAction):
    """The draft is private and its author asked not to be contacted: it was withdrawn, or
    may not be restored. Its own type, so the desk says so without reading the message."""


class DraftEdited(StaleAction):
    """The draft's text was edited since it was shown to the person approving it."""


class EmptyReply(ValueError):
    """The reply's text is empty or only blanks: nothing to send or save. Its own type, so
    that a refusal to say as "the text is empty" is told from any other ValueError (a bug, a
    malformed stored mention), which is no fault of the person's text."""


class ReplyTooLong(ValueError):
    """The reply is longer than its platform accepts: it would only fail in the outbox."""


class DmWaits(StaleAction):
    """A private draft may not be restored while another private message of its case waits
    (`waiting`): one waits per case, and which of the two goes is a person's choice, made by
    rejecting the other, never by withdrawing it unseen."""

    def __init__(self, draft_id: int, waiting: int) -> None:
        super().__init__(
            f"draft {waiting}, a private message to the author, waits in this case: reject it "
            f"first to restore draft {draft_id} (one private message per case)"
        )
        self.waiting = waiting
