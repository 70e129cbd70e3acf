"""Reject in bulk: the desk's `mentiondesk drafts reject --rule … --yes` for a lead on a crisis
day, when one playbook rule has left hundreds of drafts waiting (auto replies past the daily
cap, apologies to retweets of one news story).

The form (GET) previews what a rule and its filters match, changing nothing; the confirm
(POST) rejects exactly the drafts previewed, each as `drafts reject ID` does (drafts_bulk): a
draft someone edited or decided since the preview is skipped and counted, never overwritten.

There is no bulk approve, as in the CLI: hundreds of one text posted at once is what the
platforms' spam rules suspend accounts for.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from aiohttp import web
from multidict import MultiMapping

from mentiondesk import drafts_bulk
from mentiondesk.drafts_bulk import Filters, Match
from mentiondesk.web.common import DESK, redirect, render, require, said, session
from mentiondesk.web.i18n import negotiate
from mentiondesk.web.users import Role

_LOGGER = logging.getLogger(__name__)
PATH = "/drafts/bulk-reject"
SHOWN = 10  # drafts listed in the preview: enough to see what the filters caught
PREVIEW = 80  # characters of a draft's text in that list: a glance, never the post
MOST = 2000  # drafts one confirm carries (the form's size); a larger set is done in rounds
_LISTED = re.compile(r"(\d{1,18}):([0-9a-f]{16,128})")  # "id:digest", as the preview wrote it
_NOTICE = "bulk-rejected"


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get(PATH, bulk_page)
    router.add_post(PATH, bulk_reject)


@dataclass(frozen=True, slots=True)
class Chosen:
    """The form's values as typed (shown back), and the filters they make (None: invalid)."""

    rule: str
    platform: str
    lang: str
    kind: str
    older: str
    filters: Filters | None

    @classmethod
    def from_query(cls, query: MultiMapping[str]) -> Chosen:
        rule, platform, lang, kind, older = (
            query.get(name, "").strip()[:200]
            for name in ("rule", "platform", "lang", "kind", "older")
        )
        kind = kind if kind in ("public", "private") else ""
        age: timedelta | None = None
        valid = bool(rule)
        if older:
            try:
                age = drafts_bulk.parse_age(older)
            except ValueError:
                valid = False
        wanted = Filters(
            rule=rule or None,
            platform=platform or None,
            lang=lang or None,
            kind=kind or None,
            older_than=age,
        )
        return cls(rule, platform, lang, kind, older, wanted if valid else None)


@require(Role.MANAGER)
async def bulk_page(request: web.Request) -> web.Response:
    desk = request.app[DESK]
    rules = await desk.db(drafts_bulk.pending_rules, desk.store)
    platforms, langs = await desk.db(drafts_bulk.pending_values, desk.store)
    chosen = Chosen.from_query(request.query)
    found: list[Match] | None = None
    if chosen.filters is not None:  # previewing: what the confirm would reject
        found = await desk.db(drafts_bulk.matching, desk.store, chosen.filters, desk.clock())
    bad_age = bool(chosen.older) and chosen.filters is None and bool(chosen.rule)
    return render(
        request,
        "bulk_reject.html",
        rules=rules,
        platforms=platforms,
        draft_langs=langs,
        chosen=chosen,
        found=found[:MOST] if found is not None else None,
        total=len(found) if found is not None else 0,
        shown=SHOWN,
        cap=MOST,
        bad_age=bad_age,
        glance=_glance,
        **_said_counts(request),
    )


def _glance(text: str) -> str:
    """The start of a draft's text (escaped by the template, as any text)."""
    return text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "…"


def _said_counts(request: web.Request) -> dict[str, Any]:
    """After a confirm: "N drafts rejected; M skipped …", in the page's language, said in the
    page's notice (base.html's live region) as every other notice."""
    told = said(request)
    done, skipped = str(told.get("done", "")), str(told.get("skipped", ""))
    if told.get("notice") != _NOTICE or not (done.isdigit() and skipped.isdigit()):
        return {}
    loc = negotiate(request)
    text = loc.tn("{n} draft rejected", "{n} drafts rejected", int(done))
    if int(skipped):
        also = loc.tn(
            "{n} draft skipped (changed by someone since the preview)",
            "{n} drafts skipped (changed by someone since the preview)",
            int(skipped),
        )
        return {"notice": ("warn", f"{text}; {also}.")}
    return {"notice": ("ok", f"{text}.")}


@require(Role.MANAGER)
async def bulk_reject(request: web.Request) -> web.StreamResponse:
    """Reject the drafts the preview listed (id and text digest each); redirect to the form,
    which says how many were rejected and how many skipped (a reload sends nothing)."""
    desk = request.app[DESK]
    form = await request.post()
    listed: dict[int, str] = {}
    for value in form.getall("draft", [])[:MOST]:
        found = _LISTED.fullmatch(value) if isinstance(value, str) else None
        if found:
            listed.setdefault(int(found.group(1)), found.group(2))
    who = session(request).user.name
    outcome = await desk.db(drafts_bulk.reject_listed, desk.store, list(listed.items()), by=who)
    skipped = sum(len(ids) for ids in outcome.skipped.values())
    done = len(outcome.done)
    _LOGGER.info("drafts reject in the desk by %s: %d rejected, %d skipped", who, done, skipped)
    raise redirect(PATH, _NOTICE, done=done, skipped=skipped)
