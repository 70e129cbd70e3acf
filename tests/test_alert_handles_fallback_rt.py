"""Request Tracker (a real RT 5 server): a Reddit author's ticket subject and follow-up comment
subject say "u/ana", as the ticket's Author row does (both said "@ana"); a follow-up comment
added before with the "@" subject is found on a retry, not added twice."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from mentiondesk.models import OutboxAction
from responders.request_tracker import RequestTrackerResponder
from tests.responders._data import action, follow_up
from tests.responders.conftest import rt_server  # noqa: F401 (fixture)
from tests.responders.test_request_tracker import rt_call
from tests.rt_server import RTServer


@pytest.fixture
async def rt(rt_server: RTServer) -> AsyncIterator[RequestTrackerResponder]:  # noqa: F811
    responder = RequestTrackerResponder("rt", base_url=rt_server.base, token=rt_server.token)
    yield responder
    await responder.close()


def _reddit(a: OutboxAction, number: str) -> OutboxAction:
    m = a.context.mention
    m = replace(m, platform="reddit", author=replace(m.author, handle="ana"))
    return replace(a, context=replace(a.context, mention=m, case_number=number))


def _comments(rt_server: RTServer, ticket: str) -> list[str]:  # noqa: F811
    path = f"ticket/{ticket}/attachments?fields=Subject&per_page=100"
    items = rt_call(rt_server, "GET", path)["items"]
    return [a["Subject"] for a in items if "follow-up:" in (a["Subject"] or "")]


async def test_a_reddit_authors_ticket_and_follow_up_say_u_slash(
    rt: RequestTrackerResponder,
    rt_server: RTServer,  # noqa: F811
) -> None:
    opened = await rt.deliver(_reddit(action(kind="ticket", target="rt"), "MD-000916"))
    subject = rt_call(rt_server, "GET", f"ticket/{opened.ref}")["Subject"]
    assert subject == "[MD-000916] delivery — u/ana on reddit"
    comment = _reddit(follow_up("rt"), "MD-000916")
    await rt.deliver(comment)
    await rt.deliver(comment)  # a retry finds it by its subject
    assert _comments(rt_server, str(opened.ref)) == [
        "[MD-000916] follow-up: u/ana on reddit, post m2"
    ]


async def test_a_follow_up_added_before_with_an_at_is_not_added_again(
    rt: RequestTrackerResponder,
    rt_server: RTServer,  # noqa: F811
) -> None:
    opened = await rt.deliver(_reddit(action(kind="ticket", target="rt"), "MD-000917"))
    old = "[MD-000917] follow-up: @ana on reddit, post m2"  # as written before this release
    body = {"Subject": old, "Content": "Follow-up: @ana on reddit, post m2"}
    rt_call(rt_server, "POST", f"ticket/{opened.ref}/comment", body | {"ContentType": "text/plain"})
    await rt.deliver(_reddit(follow_up("rt"), "MD-000917"))
    assert _comments(rt_server, str(opened.ref)) == [old]
