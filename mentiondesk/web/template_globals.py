"""The functions and values every desk template may call, besides the page's own context."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from mentiondesk.cases import replaced_by, withdrawn_for_complaint, withdrawn_for_praise
from mentiondesk.casework import NOTE_MAX
from mentiondesk.corrections import withdrawn_for_correction
from mentiondesk.edited_posts import withdrawn_for_edit
from mentiondesk.models import Brand, can_post, has_followers, other_language, text_digest
from mentiondesk.opt_outs import withdrawn_for_opt_out
from mentiondesk.reply_limits import BLUESKY_BYTES
from mentiondesk.tables import case_number
from mentiondesk.wording import signed
from playbooks.impostors import resemblance


def template_globals(clock: Callable[[], datetime], brand: Brand) -> dict[str, Any]:
    return {
        # Seconds: the page writes them with its language's `duration`.
        "waited": lambda since: (clock() - since).total_seconds(),
        "case_number": case_number,
        "withdrawn_for_praise": withdrawn_for_praise,
        "withdrawn_for_complaint": withdrawn_for_complaint,
        "withdrawn_for_correction": withdrawn_for_correction,
        "replaced_by": replaced_by,
        "withdrawn_for_opt_out": withdrawn_for_opt_out,
        "withdrawn_for_edit": withdrawn_for_edit,
        # A draft's text as the page shows it: its form carries this, so no later edit is
        # overwritten or decided unread (queue.approve_draft's `seen`).
        "fingerprint": text_digest,
        "can_post": can_post,  # Hacker News: the queue offers no one-click Approve
        "has_followers": has_followers,  # not Hacker News: no follower count shown there
        "other_language": other_language,  # a draft not in its author's language: marked
        "safe_url": safe_url,
        "signed": signed,  # NPS: "+13", "-5", "0"; rounded as every figure is
        # impostor(platform=…, handle=…, name=…): how an author resembles the brand, or None
        "impostor": partial(resemblance, brand=brand),
        "note_max": NOTE_MAX,  # the note box's maxlength: the server refuses longer
        "bluesky_bytes": BLUESKY_BYTES,  # the live counter holds a Bluesky reply to it too
    }


def safe_url(url: object, *, http: bool = False) -> str:
    """A stored URL (a post's, a ticket's) as a link's href: https only, "" for anything else
    (`javascript:`, `data:`, plain http, a URL with spaces or controls), and then no link.
    Posts' URLs come from the platforms, some from servers anyone runs (Mastodon); a ticket's
    is built on the help desk's configured base URL, which may be an intranet's plain http
    (`http=True`)."""
    schemes = ("https://", "http://") if http else ("https://",)
    if not isinstance(url, str) or not url.lower().startswith(schemes):
        return ""
    return "" if any(ch.isspace() or not ch.isprintable() for ch in url) else url
