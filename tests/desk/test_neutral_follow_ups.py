"""A question from an author whose case is open shows in the case, in the desk."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT = {"Accept-Language": "pt-BR"}
NEWS = "<b>alguma novidade sobre meu pedido?</b>"  # mention text is hostile: escaped


def _news(store: Store, handle: str) -> tuple[int, int | None, int | None]:
    """A neutral question no rule matched: no case of its own, no draft."""
    return add(store, NEWS, handle=handle, label="neutral", reason=None, case=False, draft=None)


async def test_a_question_joins_the_case_and_brings_it_back(as_role: Login, store: Store) -> None:
    _, case, apology = add(store, "Where is my parcel?", handle="lia")
    desk = await as_role("agent")
    await desk.post(f"/drafts/{apology}/approve", back="/queue")
    assert "Where is my parcel?" not in await (await desk.client.get("/queue")).text()

    question, joined, draft = _news(store, "lia")
    assert (joined, draft) == (case, None)
    # Answered, but the author is waiting again: the case needs a reply again.
    queue = await (await desk.client.get("/queue")).text()
    assert "+1 follow-up" in queue and "Where is my parcel?" not in queue
    # The author's latest word, escaped (mention text is hostile), is what the queue shows.
    assert "&lt;b&gt;alguma novidade sobre meu pedido?&lt;/b&gt;" in queue and NEWS not in queue
    assert "+1 nova menção" in await (await desk.client.get("/queue", headers=PT)).text()
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "2 mentions by the author" in page
    assert "&lt;b&gt;alguma novidade sobre meu pedido?&lt;/b&gt;" in page and NEWS not in page
    assert "Withdrawn" not in page  # only praise withdraws what the case waits to send
    # The question's own page is the case's.
    assert (
        "another mention in this case"
        in await (await desk.client.get(f"/mentions/{question}")).text()
    )


async def test_a_question_without_an_open_case_stands_alone(as_role: Login, store: Store) -> None:
    question, case, draft = _news(store, "rui")
    assert (case, draft) == (None, None)
    desk = await as_role("agent")
    assert "alguma novidade" not in await (await desk.client.get("/queue?view=all")).text()
    page = await (await desk.client.get(f"/mentions/{question}")).text()
    assert "mentions by the author" not in page
