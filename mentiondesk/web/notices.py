"""What the desk says back after an action (a redirect's notice, flash.py), by code, in English;
the translations are the i18n catalogues'."""

from __future__ import annotations

from mentiondesk.web.notices_corrected import CORRECTED_NOTICES
from mentiondesk.web.notices_people import PEOPLE_NOTICES

# The notice keys a refused action's page is shown with (pages_case, pages_drafts); case.html
# compares the same strings to choose what it says beside the kept text.
EDITED_KEPT = "edited-kept"
DECIDED_KEPT = "decided-kept"
REPLY_KEPT = "reply-kept"
DNC = "dnc"
DNC_HELD = "dnc-held"  # Try sending again: a public reply to a private post reaches them alone

# What a queue row's Approve or Reject says back on the queue, where the row is gone: the
# case it was (`case=N` beside the notice, digits only), as "MD-000086: reply approved…".
CASE_NOTICES = {
    "approved": ("ok", "{case}: reply approved: it is on its way."),
    "rejected": ("ok", "{case}: draft rejected: nothing will be sent."),
}

# Fixed notice codes, kept for the redirect's page (flash.py): a typed case number is the
# only free text a notice quotes, and only to the session that typed it.
NOTICES = {
    "logged-out-everywhere": (
        "ok",
        "You are logged out everywhere: every desk session of yours has ended.",
    ),
    "approved": ("ok", "Reply approved: it is on its way."),
    "rejected": ("ok", "Draft rejected: nothing will be sent."),
    "saved": ("ok", "Draft saved."),
    "restored": ("ok", "Draft restored: it waits for approval again."),
    "retried": (
        "ok",
        "Trying again: the reply is back in the outbox. If it is held again, the page says why.",
    ),
    "not-held": (
        "warn",
        "That reply is no longer held (it was sent, or someone already tried again): here is "
        "how it stands now.",
    ),
    "closed": ("ok", "Case closed."),  # with drafts withdrawn, case_notices.ended_notice
    "resolved": ("ok", "Case resolved."),
    # A second Resolve or Close (a double click, a stale tab, a colleague first): no blame.
    "already-resolved": ("warn", "This case is already resolved: nothing changed."),
    "already-closed": ("warn", "This case is already closed: nothing changed."),
    "assigned": ("ok", "Case assigned."),
    "unassigned": ("ok", "Case unassigned: it is nobody's now."),
    "bad-assignee": ("error", "There is no active desk user by that name: nothing changed."),
    "escalated": ("ok", "Escalated: a help-desk ticket is being opened."),
    "already-escalated": (
        "warn",
        "This case was already escalated: nothing new was sent to the help desk.",
    ),
    "noted": ("ok", "Note added."),
    "note-too-long": ("error", "The note is longer than 5,000 characters: nothing was added."),
    **CORRECTED_NOTICES,  # what a reading correction did to the drafts
    "stale": (
        "warn",
        "Someone else already acted on this (approved, rejected or closed it), or a newer "
        "draft replaced it. Nothing was sent twice; here is how it stands now.",
    ),
    "edited": (
        "warn",
        "Someone edited this draft after the page was shown: nothing was sent or rejected. "
        "Read it again before deciding.",
    ),
    # Not a redirect's: the case page shown again as it refused (pages_edited), with both texts.
    EDITED_KEPT: (
        "warn",
        "Someone edited a draft after you opened this page: nothing was changed. Their text "
        "and yours are both below.",
    ),
    # Also the case page shown again: a draft decided meanwhile, or a Reply now refused.
    DECIDED_KEPT: (
        "warn",
        "Someone decided this draft after you opened this page: nothing was sent or saved. "
        "Your text is below, to copy.",
    ),
    REPLY_KEPT: (
        "warn",
        "Your reply was not sent: the case changed after you opened this page. Your text is below.",
    ),
    DNC: ("error", "This author asked not to be contacted: no private message is sent."),
    DNC_HELD: (
        "error",
        "This author asked not to be contacted: the reply stays held. A manager can allow "
        "contact again on the case page.",
    ),
    # Restore draft, while another private message of the case waits (queue.DmWaits).
    "dm-waits": (
        "warn",
        "Draft not restored: another private message to this author already waits in this "
        "case, and only one can wait at a time. Reject that one first if this one should go "
        "instead.",
    ),
    # The list goes by platform (one author row per platform account), so say so: the case
    # page names the account (handle and platform) beside the button.
    "dnc-listed": (
        "ok",
        "The author's account on this platform is on the do-not-contact list: its pending "
        "private drafts are withdrawn.",
    ),
    "dnc-unlisted": (
        "ok",
        "The author's account on this platform may be contacted again; withdrawn drafts stay "
        "withdrawn.",
    ),
    "replied": ("ok", "Your reply is being sent."),
    "no-private": ("error", "This platform has no private messages: send a public reply."),
    "posted": ("ok", "Marked as posted: the case counts as answered, and nothing is sent."),
    "by-hand": (
        "error",
        "Replies to this platform cannot be sent from here: post it there yourself, then press "
        "Mark as posted. Nothing was sent.",
    ),
    "postable": ("error", "Replies to this platform are sent from here: use Approve instead."),
    "empty": ("error", "The text is empty: nothing was changed."),
    "too-long": ("error", "The reply is longer than the platform allows: shorten it first."),
    **PEOPLE_NOTICES,  # what the People and Saved replies pages say
    "no-such-case": (
        "error",
        "There is no case with that number. Case numbers look like MD-000019.",
    ),
    # The box sent empty: nothing to look for, so no "no such case" either.
    "no-case-number": ("error", "Type a case number (e.g. MD-000019)."),
}
# The same, quoting the number typed: a typo (MD-0019O) is seen without retyping it.
NO_SUCH_NUMBER = ("error", "No case “{number}”: case numbers look like MD-000019 or 19.")
