"""A help-desk sync sweep reads tickets a chunk at a time (Zendesk's show_many: 100 ids,
Request Tracker's search: 50). A refusal of one chunk (a 403, 404 or 422 over one ticket of
it) once failed the whole sweep, every sweep, so no case at that desk was synced again. Now
the chunk is read again in halves down to the ticket refused: that ticket's case alone is
left open, said once; the key's own refusal (401) still fails the sweep whole."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from aiohttp import web

from mentiondesk.models import FatalError, RateLimited, SinkRefused
from responders import _helpdesk as desk
from responders.zendesk import ZendeskResponder
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI

SHOW_MANY = "/api/v2/tickets/show_many.json"
REFS = [str(n) for n in range(1, 151)]  # two show_many chunks: 1-100, 101-150


def _zendesk(fake_api: FakeAPI, refused: str) -> ZendeskResponder:
    """Every ticket solved there; show_many answers 403 to any call that names `refused`."""
    fake = zd.ZendeskFake(fake_api)
    fake.tickets = {int(n): {"id": int(n), "status": "solved"} for n in REFS}

    async def show_many(request: web.Request) -> web.StreamResponse:
        if refused in request.query.get("ids", "").split(","):
            return web.json_response({"error": "Forbidden"}, status=403)
        return await fake._show_many(request)

    fake_api.route("GET", SHOW_MANY, show_many)
    return ZendeskResponder("zd", base_url=fake_api.base_url, email=zd.EMAIL, token=zd.TOKEN)


async def test_a_zendesk_chunk_refused_over_one_ticket_costs_that_ticket_alone(
    fake_api: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    responder = _zendesk(fake_api, refused="42")
    try:
        with caplog.at_level(logging.WARNING, logger="responders.zendesk"):
            assert await responder.solved(REFS) == set(REFS) - {"42"}  # before: FatalError
            assert await responder.solved(REFS) == set(REFS) - {"42"}  # every sweep alike
    finally:
        await responder.close()
    logged = [r.getMessage() for r in caplog.records if r.name == "responders.zendesk"]
    assert len(logged) == 1 and logged[0].startswith("zendesk ticket 42 cannot be read (")
    assert logged[0].endswith("; case left open") and "403" in logged[0]


async def test_zendesk_credentials_refused_still_fail_the_sweep_whole(fake_api: FakeAPI) -> None:
    zd.ZendeskFake(fake_api)
    fake_api.queue("GET", SHOW_MANY, 401, {"error": "Couldn't authenticate you"})
    responder = ZendeskResponder("zd", base_url=fake_api.base_url, email=zd.EMAIL, token=zd.TOKEN)
    try:
        with pytest.raises(SinkRefused):
            await responder.solved(REFS)
    finally:
        await responder.close()
    assert len(fake_api.calls(SHOW_MANY)) == 1  # not read again in halves


async def test_a_refused_chunk_is_read_in_halves_down_to_its_ticket() -> None:
    """As Request Tracker's sweep reads it: 50 ids a search."""
    sweep, asked = desk.SolvedSweep("request tracker"), []

    async def read(chunk: list[str]) -> set[str]:
        asked.append(len(chunk))
        if "7" in chunk:
            raise FatalError("request tracker answered 400; check the URL, token and permissions")
        return set(chunk)

    refs = [str(n) for n in range(1, 61)]
    assert await sweep.run(refs, 50, read) == set(refs) - {"7"}
    assert asked[0] == 50 and asked[-1] == 10  # the first chunk halved, the second read whole
    assert len(asked) <= 2 + 2 * 6  # each halving: a refused half and its sibling


async def test_a_rate_limit_inside_a_halved_chunk_still_stops_the_sweep_there() -> None:
    sweep, asked = desk.SolvedSweep("desk"), []

    async def read(chunk: list[str]) -> set[str]:
        asked.append(chunk[0])
        if chunk == ["7", "8"]:
            raise RateLimited(datetime.now(UTC), "desk answered 429")
        if "8" in chunk:
            raise FatalError("desk answered 404")
        return set(chunk)

    refs = [str(n) for n in range(1, 9)]
    # The half read before the limit (5, 6) is kept: those cases resolve, as a chunk's do.
    assert await sweep.run(refs, 4, read) == {"1", "2", "3", "4", "5", "6"}
    asked.clear()
    # The next sweep starts at the chunk it stopped in (what it read of it kept again).
    assert await sweep.run(refs, 4, read) == {"5", "6"}
    assert asked[0] == "5"


async def test_a_desk_refusing_every_ticket_fails_the_sweep_after_a_few_reads() -> None:
    """A wrong subdomain or an account-wide 403 refuses every ticket: halving each chunk down
    to every ticket would cost two calls a ticket every sweep (and the desk's rate limit)."""
    sweep, asked = desk.SolvedSweep("zendesk"), []

    async def read(chunk: list[str]) -> set[str]:
        asked.append(len(chunk))
        raise FatalError("zendesk answered 403; check the URL, token and permissions")

    refs = [str(n) for n in range(1, 1001)]
    with pytest.raises(FatalError):
        await sweep.run(refs, 100, read)
    assert len(asked) <= 25  # not 1,999
