"""Where a refused Approve, Save or Reject of the case page redirects (kept_texts): the page
again, the person's text kept in the draft's box so no edit is lost: a draft a colleague
edited after the page was loaded (their text shown too, so neither edit is sent unread), a
text too long or empty, or a private draft to an author on the do-not-contact list. Approve
or Save on a draft a colleague approved or rejected meanwhile shows it decided, the person's
text kept to copy."""

from __future__ import annotations

from aiohttp import web

from mentiondesk.web.common import DESK
from mentiondesk.web.data_lookup import draft_mention
from mentiondesk.web.kept_texts import mention_at, refused_page


async def draft_refused(
    request: web.Request, draft_id: int, *, typed: str, back: str, why: str
) -> web.HTTPSeeOther:
    """The redirect to the page at `back` (a case's or a mention's), which shows it as it is
    then, saying `why` (a notice key), `typed` kept in the draft's box; after an edit since,
    its form carries the fingerprint of the colleague's text, so approving again sends what
    the person chooses, knowing both."""
    mention_id = await _mention_of(request, back, draft_id)
    if mention_id is None:
        raise web.HTTPNotFound(text="There is no such mention.")
    return await refused_page(request, mention_id, back=back, why=why, kept={draft_id: typed})


async def _mention_of(request: web.Request, back: str, draft_id: int) -> int | None:
    """The mention whose page `back` is; else (the queue, say) the one the draft answers."""
    shown = await mention_at(request, back)
    if shown is not None:
        return shown
    desk = request.app[DESK]
    return await desk.db(draft_mention, desk.store, draft_id)
