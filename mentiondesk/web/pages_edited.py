"""The case page shown again when its Approve, Save or Reject met a draft that a colleague
edited after the page was loaded: nothing changes, their text is shown and the person's own
stays in the box, so neither edit is lost or sent unread. Approve or Save on a draft a
colleague approved or rejected meanwhile shows it decided, the person's text kept to copy."""

from __future__ import annotations

import re

from aiohttp import web

from mentiondesk.web.common import DESK
from mentiondesk.web.data_case import case_mention, draft_mention
from mentiondesk.web.pages_case import render_case

_PAGE = re.compile(r"/(cases|mentions)/(\d{1,12})")


async def edited_since(
    request: web.Request, draft_id: int, *, typed: str, back: str, why: str = "edited-kept"
) -> web.Response:
    """409: the page at `back` (a case's or a mention's) as it is now, `typed` kept in the
    draft's box; its form now carries the fingerprint of the colleague's text, so approving
    again sends what the person chooses, knowing both."""
    mention_id = await _mention_of(request, back, draft_id)
    if mention_id is None:
        raise web.HTTPNotFound(text="There is no such mention.")
    return await render_case(
        request, mention_id, status=409, here=back, kept={draft_id: typed}, why=why
    )


async def _mention_of(request: web.Request, back: str, draft_id: int) -> int | None:
    """The mention whose page `back` is; else (the queue, say) the one the draft answers."""
    desk = request.app[DESK]
    found = _PAGE.fullmatch(back.split("?", 1)[0])
    if found and found.group(1) == "mentions":
        return int(found.group(2))
    shown = await desk.db(case_mention, desk.store, int(found.group(2))) if found else None
    return shown or await desk.db(draft_mention, desk.store, draft_id)
