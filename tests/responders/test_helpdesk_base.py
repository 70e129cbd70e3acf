"""What every help desk shares (`_helpdesk_base`): a new desk is its API's calls and little
else; a thread is read page by page, and no further than MAX_PAGES; Request Tracker's answers
are read as JSON whatever content type they say."""

from __future__ import annotations

import logging

import pytest

from mentiondesk.models import ENGLISH, FatalError, OutboxAction, Receipt, TransientError
from responders import _helpdesk as desk
from responders._helpdesk_base import HelpDeskResponder, thread_has
from responders._rest import RestClient
from tests.fakes._base import FakeAPI
from tests.responders._data import action

_LOGGER = logging.getLogger("tests.newdesk")


class NewDesk(HelpDeskResponder):
    """A desk as small as one can be: its name, its chunk, its pages and its reads."""

    service, chunk = "newdesk", 2

    def __init__(self, http: RestClient) -> None:
        super().__init__("nd", base="https://nd.test", http=http, wording=ENGLISH, log=_LOGGER)
        self.asked: list[list[str]] = []

    async def deliver(self, action: OutboxAction) -> Receipt:
        return self._receipt(7)

    def ticket_url(self, ref: str) -> str:
        return f"{self.base}/t/{ref}"

    async def _solved_chunk(self, chunk: list[str]) -> set[str]:
        self.asked.append(chunk)
        return {ref for ref in chunk if int(ref) % 2}

    async def check(self) -> str:
        return "ok"


async def test_a_new_desk_is_its_own_calls_and_the_rest_is_shared() -> None:
    new = NewDesk(RestClient("http://127.0.0.1:9/", "newdesk"))
    assert new.takes == frozenset({"ticket", "comment"}) and new.finds_earlier_send
    assert await new.solved(["3", "1", "2", "x"]) == {"1", "3"}
    assert new.asked == [["1", "2"], ["3"]]  # `chunk` ids a read, in number order
    receipt = await new.deliver(action(kind="ticket", target="nd"))
    assert (receipt.ref, receipt.url, receipt.case_ticket) == ("7", "https://nd.test/t/7", False)
    await new.close()


def test_a_desk_without_its_reads_is_refused_when_built() -> None:
    class Half(HelpDeskResponder):
        service, chunk = "half", 1

    with pytest.raises(TypeError, match="ticket_url"):
        Half("h", base="", http=RestClient("", "half"), wording=ENGLISH, log=_LOGGER)  # type: ignore[abstract]


async def test_a_thread_is_read_to_its_last_page_and_no_further() -> None:
    read: list[int] = []

    async def pages(at: int) -> tuple[list[str], int | None]:
        read.append(at)
        return [f"comment {at}"], at + 1 if at < 3 else None

    assert await thread_has(5, pages, 1, lambda text: text == "comment 3")
    assert not await thread_has(5, pages, 1, lambda text: text == "comment 4")
    assert read == [1, 2, 3, 1, 2, 3]


async def test_a_thread_longer_than_max_pages_holds_the_follow_up() -> None:
    read: list[int] = []

    async def endless(at: int) -> tuple[list[str], int | None]:
        read.append(at)
        return ["someone else's"], at + 1

    with pytest.raises(FatalError, match="ticket 5 has too many comments"):
        await thread_has(5, endless, 1, lambda text: False)
    assert read == list(range(1, desk.MAX_PAGES + 1))


async def test_rt_answers_are_json_whatever_their_content_type(fake_api: FakeAPI) -> None:
    for _ in range(2):
        fake_api.queue("GET", "/ticket/1", body='{"id": 1}', content_type="text/plain")
    fake_api.queue("GET", "/ticket/2", body="<html>oops</html>", content_type="text/html")
    rt = RestClient(fake_api.base_url + "/", "request tracker", json_only=False)
    plain = RestClient(fake_api.base_url + "/", "zendesk")
    try:
        assert await rt.call("GET", "ticket/1") == {"id": 1}
        assert await plain.call("GET", "ticket/1") is None  # other desks: JSON said, or none
        with pytest.raises(TransientError, match="request tracker sent a body that is not JSON"):
            await rt.call("GET", "ticket/2")
    finally:
        await rt.close()
        await plain.close()
