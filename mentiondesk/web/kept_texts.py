"""A refused Approve, Save or Reply now answers Post/Redirect/Get: the text the person typed is
kept in the store (the `kept_text` table), tied to their session, and the refusal redirects
(303) to the case page with `?kept=` naming it; that page shows the notice and the text in its
box, as often as it is reloaded, and reloading it resends nothing. The text never goes in the
URL (it may be long, and it is private). It goes once an Approve, Save, Reject or Reply now
on that page succeeds (it has served: Back to the refusal's address then shows the page as
it is, not an old refusal over a draft since approved; another action, an assignment or a
note, leaves it, the text still unsent), with the session (logout, expiry) or with the
mention (erasure, retention)."""

from __future__ import annotations

import re
import secrets

import sqlalchemy as sa
from aiohttp import web

from mentiondesk.store import Store
from mentiondesk.tables import KEPT_TEXT
from mentiondesk.web.common import DESK, session
from mentiondesk.web.data_lookup import case_mention
from mentiondesk.web.form_values import is_id
from mentiondesk.web.refusal import Refusal

PARAM = "kept"
_PAGE = re.compile(r"/(cases|mentions)/(\d{1,12})")
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,32}")


async def refused_page(
    request: web.Request,
    mention_id: int,
    *,
    back: str,
    why: str,
    reply: tuple[str, str] | None = None,
    kept: dict[int, str] | None = None,
) -> web.HTTPSeeOther:
    """A refused Reply now (`reply`) or draft action (`kept`): the redirect to the page of
    `mention_id`, which says why with the typed text kept in its box."""
    desk, key = request.app[DESK], session(request).id
    refusal = Refusal(why=why, here=back, kept=kept or {}, reply=reply)
    token = await desk.db(keep, desk.store, key, mention_id, refusal)
    return web.HTTPSeeOther(f"{await _page(request, back, mention_id)}?{PARAM}={token}")


async def kept_refusal(request: web.Request, mention_id: int) -> Refusal | None:
    """The refusal the page's `?kept=` names, kept for this session and this mention."""
    token = request.query.get(PARAM, "")
    if not _TOKEN.fullmatch(token):
        return None
    desk = request.app[DESK]
    return await desk.db(kept, desk.store, session(request).id, token, mention_id)


async def forget_kept(request: web.Request, back: str) -> None:
    """An action on the page at `back` succeeded: what this session kept for it has served."""
    mention_id = await mention_at(request, back)
    if mention_id is not None:  # None: the queue's one click, nothing kept there
        desk = request.app[DESK]
        await desk.db(forget, desk.store, session(request).id, mention_id)


def keep(store: Store, session_id: str, mention_id: int, refusal: Refusal) -> str:
    """Keep `refusal` for the session; the token its page's URL names it by."""
    token = secrets.token_urlsafe(16)
    values = {"id": token, "session_id": session_id, "mention_id": mention_id}
    with store.engine.begin() as conn:
        conn.execute(sa.insert(KEPT_TEXT).values(refusal=refusal.to_json(), **values))
    return token


def kept(store: Store, session_id: str, token: str, mention_id: int) -> Refusal | None:
    """The refusal kept as `token`, if this session kept it for this mention's page (another
    person's, or a link from an ended session, shows the page as a GET does)."""
    mine = sa.and_(
        KEPT_TEXT.c.id == token,
        KEPT_TEXT.c.session_id == session_id,
        KEPT_TEXT.c.mention_id == mention_id,
    )
    with store.engine.connect() as conn:
        text = conn.scalar(sa.select(KEPT_TEXT.c.refusal).where(mine))
    return Refusal.from_json(text) if text is not None else None


def forget(store: Store, session_id: str, mention_id: int) -> None:
    mine = sa.and_(KEPT_TEXT.c.session_id == session_id, KEPT_TEXT.c.mention_id == mention_id)
    with store.engine.begin() as conn:
        conn.execute(sa.delete(KEPT_TEXT).where(mine))


async def _page(request: web.Request, back: str, mention_id: int) -> str:
    """The page the form was on (`back`: a case's or the mention's) where it shows
    `mention_id`; else the mention's own page, so the kept text is always shown."""
    path = back.split("?", 1)[0]
    return path if await mention_at(request, path) == mention_id else f"/mentions/{mention_id}"


async def mention_at(request: web.Request, back: str) -> int | None:
    """The mention the page at `back` shows (a case's, a mention's); None for another page."""
    found = _PAGE.fullmatch(back.split("?", 1)[0])
    if found is not None and not is_id(found.group(2)):  # larger than any id: no page's
        return None
    if found is None or found.group(1) == "mentions":
        return int(found.group(2)) if found else None
    desk = request.app[DESK]
    return await desk.db(case_mention, desk.store, int(found.group(2)))
