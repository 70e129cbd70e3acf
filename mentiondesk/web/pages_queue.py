"""The queue page: what waits for a person, filtered and shown a page at a time, with the
filter menus and the queue's figures. Its rows' draft actions are in pages_drafts."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from aiohttp import web

from mentiondesk.web.common import DESK, render, require, said
from mentiondesk.web.data_queue import PAGE, Filters, load_queue
from mentiondesk.web.data_queue_stats import facets, load_stats
from mentiondesk.web.facet_order import ordered
from mentiondesk.web.form_values import is_number
from mentiondesk.web.i18n import negotiate
from mentiondesk.web.pages_find import MISSED, TYPED_MAX
from mentiondesk.web.users import Role

_FACETS_TTL = 30.0  # seconds: the filter menus need not be live to the second
MAX_SHOWN = 1000  # a longer queue is worked through filters, not by scrolling


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/queue", queue_page)


@require(Role.AGENT)
async def queue_page(request: web.Request) -> web.Response:
    desk = request.app[DESK]
    filters = Filters.from_query(request.query)
    shown = _shown(request.query.get("show", ""))
    items, waiting = await desk.db(load_queue, desk.store, filters, limit=shown)
    hours = desk.config.business_hours
    stats = await desk.db(load_stats, desk.store, now=desk.clock(), hours=hours)
    more = urlencode({**filters.active(), "show": shown + PAGE})
    # At the cap "Show more" would load the same page: the page says to filter instead.
    more_href = f"/queue?{more}" if shown < MAX_SHOWN else None
    told = said(request)
    missed = told.get("notice") in MISSED  # the case-number box's (pages_find)
    return render(
        request,
        "queue.html",
        items=items,
        waiting=waiting,
        more_href=more_href,
        cap=MAX_SHOWN,
        back=_here(filters, shown),
        size=_size(shown),
        stats=stats,
        filters=filters,
        facets=ordered(_with_chosen(await _facets(request), filters), negotiate(request)),
        missed=missed,
        # The filter form's own load (its hidden `filtered`): how many match takes focus.
        filtered=request.query.get("filtered") == "1" and not missed,
        typed=str(told.get("number", ""))[:TYPED_MAX] if missed else "",
    )


def _here(filters: Filters, shown: int) -> str:
    """This queue as filtered: where approving or rejecting a row comes back to, so working
    through one platform's or one reason's items does not start over from the whole queue."""
    kept = {**filters.active(), **_size(shown)}
    return f"/queue?{urlencode(kept)}" if kept else "/queue"


def _size(shown: int) -> dict[str, str]:
    """The page size "Show more" chose: filtering, Clear or a missed case number keep it."""
    return {"show": str(shown)} if shown > PAGE else {}


def _shown(text: str) -> int:
    """How many items to show: a page at first, more on request, never unbounded."""
    wanted = int(text) if is_number(text, 5) else PAGE
    return min(max(wanted, PAGE), MAX_SHOWN)


async def _facets(request: web.Request) -> dict[str, list[str]]:
    desk = request.app[DESK]
    if desk.facets and time.monotonic() - desk.facets[0] < _FACETS_TTL:
        return desk.facets[1]
    values = await desk.db(facets, desk.store)
    desk.facets = (time.monotonic(), values)
    return values


def _with_chosen(values: dict[str, list[str]], filters: Filters) -> dict[str, list[str]]:
    """The menus' values with each filter in force among them: one nothing waiting matches any
    more (its last case answered) still shows as chosen, not as "all" while it empties the
    queue, and filtering again keeps it. A copy: `values` is the cached one."""
    chosen = {k: v for k, v in filters.active().items() if k in values and v != "-"}
    return {k: sorted({*v, chosen[k]}) if k in chosen else v for k, v in values.items()}
