"""The case page's saved-reply picker: the team's ready texts filled in for the case, those in
its language first, the file's before those made in the desk (read from the store on each
view, so a reply a manager just saved shows on every worker). Picking sends nothing: the
text goes into a box (desk-guards.js at once; without JavaScript, `?saved=ID&into=reply|DRAFT`
shows the page with it there)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiohttp import web

from mentiondesk.case_history import author_of, mention_of
from mentiondesk.models import Mention
from mentiondesk.saved_desk import stored_replies
from mentiondesk.saved_order import Filled, in_order
from mentiondesk.saved_replies import SavedReplies, with_desk
from mentiondesk.tables import case_number
from mentiondesk.web.common import DESK, session
from mentiondesk.web.data_case import CaseDetail
from mentiondesk.web.draft_langs import authors_langs, box_langs
from mentiondesk.web.i18n import ZONE
from playbooks import Playbook
from playbooks.placeholders import mention_values
from playbooks.variants import regional

# The file's replies, read at start-up; None: no file.
SAVED: web.AppKey[SavedReplies | None] = web.AppKey("saved_replies", SavedReplies)


@dataclass(frozen=True)
class Picked:
    """The saved reply chosen through the link: its text, and the box it goes into."""

    into: str  # "reply" (Reply now) or a pending draft's id
    text: str


async def picker_context(request: web.Request, detail: CaseDetail) -> dict[str, Any]:
    """What case.html's picker needs: `saved` (empty: no picker), `saved_lang`, `picked`, and
    `saved_for`: each pending draft's box (by its id) with its language and the replies in
    that language first (a draft may be written in another than the case's); and `box_langs`,
    each box's and draft's `lang` (draft_langs)."""
    desk = request.app[DESK]
    made = await desk.db(stored_replies, desk.store)
    mention = mention_of(detail.mention, author_of(detail.author))
    lang = _case_locale(desk.playbook, mention, detail)
    values = _values(request, mention, detail)
    now = desk.clock().astimezone(request.app[ZONE])  # `{{ time_greeting }}`: the desk's hour
    opened = detail.case.opened_at if detail.case else None  # `{{ case_opened }}`, as `case`
    # Checking the desk's replies and filling them in runs off the event loop, which the
    # pipeline, the outbox and Slack's 3-second acks share.
    filled = await asyncio.to_thread(
        _filled, request.app[SAVED], [r.values() for r in made], lang, values, now, opened
    )
    # Each box's and draft's language, for a screen reader's voice (with or without a picker).
    langs = box_langs(desk.playbook, mention, detail)
    # And the author's, by each draft written in another language (Italian answered in pt-PT).
    marks = {"box_langs": langs, "authors_langs": authors_langs(detail)}
    if filled is None:
        return {"saved": [], "saved_lang": "", "saved_for": {}, "picked": None, **marks}
    return {
        **marks,
        "saved": filled,
        "saved_lang": lang,
        "saved_for": _for_drafts(detail, filled, langs, marks["authors_langs"]),
        "picked": _picked(request, detail, filled),
    }


def _for_drafts(
    detail: CaseDetail, filled: list[Filled], langs: dict[str, str], theirs: dict[str, str]
) -> dict[str, tuple[str, list[Filled]]]:
    """Each pending draft's language (draft_langs: a rule's "pt" is Brazil's; one written by
    hand has only the region the case told, none guessed) and the replies in that order. A
    draft not in its author's language (`theirs`: Italian answered in pt-PT) is left to the
    case's order: the author's language first, which the page says to rewrite it in."""
    pending = [
        str(d.id)
        for d in detail.drafts
        if d.status == "pending" and d.lang and str(d.id) not in theirs
    ]
    return {into: (langs[into], in_order(filled, langs[into])) for into in pending}


def _filled(
    file: SavedReplies | None,
    made: list[dict[str, str]],
    lang: str,
    values: dict[str, str],
    now: datetime,
    opened: datetime | None,
) -> list[Filled] | None:
    """The replies filled in for the case at `now`, the case `opened` then (None: no case);
    None when there are none (no picker)."""
    replies = with_desk(file, made)
    return None if replies is None else replies.for_case(lang, values, now, opened)


def _values(request: web.Request, mention: Mention, detail: CaseDetail) -> dict[str, str]:
    """The placeholders' values. The author's are hostile: they stay plain text, which the
    page's autoescape escapes in the box (nothing here is marked safe)."""
    brand = request.app[DESK].config.brand.name
    return {
        **mention_values(mention, brand=brand),
        "agent": session(request).user.name,
        "case": case_number(detail.case.id) if detail.case else "",
    }


def _picked(request: web.Request, detail: CaseDetail, filled: list[Filled]) -> Picked | None:
    """The reply `?saved=` names, for a box the page shows and whose picker offers it (a
    draft's box: a reply of the draft's kind or for both); None for anything else."""
    chosen = next((f for f in filled if f.id == request.query.get("saved")), None)
    into = request.query.get("into", "reply")
    pending = {str(d.id): d.kind for d in detail.drafts if d.status == "pending"}
    if chosen is None or (into != "reply" and into not in pending):
        return None
    if into != "reply" and chosen.kind not in (None, pending[into]):
        return None
    return Picked(into, chosen.text)


def _case_locale(playbook: Playbook, mention: Mention, detail: CaseDetail) -> str:
    """The case's language as the playbook drafts in it ("pt-PT" for a post to @lumora_pt;
    "pt-BR" for the shipped "pt", Brazil's: Portugal's replies after Brazil's), from the
    reading; "und" when the mention is not read yet."""
    if detail.reading is None:
        return "und"
    return regional(playbook.locale(mention, detail.reading.lang))
