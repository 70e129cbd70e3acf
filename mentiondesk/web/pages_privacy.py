"""The Privacy log (admins): every erasure of an author's data on request (`authors forget`)
and every retention run that erased something (`store purge`, the service's daily run), with
when, who and the counts in the reader's words; and the same as a CSV for a regulator. The
lines belong to no case, so no case page shows them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from aiohttp import web

from mentiondesk.audit_trail import AuditEntry
from mentiondesk.erasure import ACTION as ERASE
from mentiondesk.retention import SYSTEM
from mentiondesk.web.audit_erasures import counted
from mentiondesk.web.common import DESK, render, require
from mentiondesk.web.csv_export import sheet_csv
from mentiondesk.web.data_privacy import privacy_lines, privacy_totals
from mentiondesk.web.form_values import is_id
from mentiondesk.web.i18n import Locale, negotiate
from mentiondesk.web.users import Role

PATH = "/privacy"
PAGE = 50  # lines a page: a year of daily runs is seven pages, the CSV holds them all


@dataclass(frozen=True, slots=True)
class Logged:
    """One line as the page and the CSV show it."""

    id: int
    at: datetime
    who: str  # a person ("dpo (terminal)"), or the service's daily run
    what: str  # "Erasure on request", "Retention run (older than 365 days)"
    counts: str  # worded; the detail as stored where it cannot be read (an older release's)
    detail: str  # as stored: English, naming nobody


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get(PATH, privacy_log)
    router.add_get(f"{PATH}.csv", privacy_csv)


@require(Role.ADMIN)
async def privacy_log(request: web.Request) -> web.Response:
    """A page of lines, newest first; `?before=ID`: those older than that line."""
    desk, loc = request.app[DESK], negotiate(request)
    text = request.query.get("before", "")
    before = int(text) if is_id(text) else None
    lines = await desk.db(privacy_lines, desk.store, before=before, limit=PAGE + 1)
    totals = await desk.db(privacy_totals, desk.store)
    rows = [logged(loc, entry) for entry in lines[:PAGE]]
    return render(
        request,
        "privacy.html",
        rows=rows,
        older=rows[-1].id if len(lines) > PAGE else None,
        paged=before is not None,
        erasures=totals[ERASE],
        runs=sum(totals.values()) - totals[ERASE],
        retain_days=desk.config.settings.store.retain_days,
    )


@require(Role.ADMIN)
async def privacy_csv(request: web.Request) -> web.Response:
    """Every line, newest first, for a spreadsheet in the page's language: a regulator's
    copy. The time also in UTC (ISO 8601), and the detail as stored beside its words."""
    desk, loc = request.app[DESK], negotiate(request)
    rows = [logged(loc, entry) for entry in await desk.db(privacy_lines, desk.store)]
    header = [
        loc.t("When"),
        loc.t("When (UTC, ISO 8601)"),
        loc.t("Who"),
        loc.t("What"),
        loc.t("Counts"),
        loc.t("Recorded detail (as stored, in English)"),
    ]
    body = [[loc.when(r.at), _iso(r.at), r.who, r.what, r.counts, r.detail] for r in rows]
    day = desk.clock().astimezone(loc.zone).date().isoformat()
    return web.Response(
        text=sheet_csv([header, *body], loc),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="privacy-log-{day}.csv"'},
    )


def logged(loc: Locale, entry: AuditEntry) -> Logged:
    """An "erase" or "purge" line in the reader's words."""
    detail = entry.detail or ""
    said = counted(loc, entry.action, detail)
    if entry.action == ERASE:
        what = loc.t("Erasure on request")
    elif said is not None and said.days is not None:
        what = loc.t("Retention run (older than {days} days)", days=said.days)
    else:
        what = loc.t("Retention run")
    return Logged(
        id=entry.id,
        at=entry.at,
        who=loc.t("the service's daily run") if entry.actor == SYSTEM else loc.person(entry.actor),
        what=what,
        counts=said.parts if said is not None else detail,
        detail=detail,
    )


def _iso(at: datetime) -> str:
    """2026-12-06T21:11:51Z: one instant, whatever the reader's zone."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
