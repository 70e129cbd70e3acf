"""An airline's X care desk: a quote post or a reply read with what it quotes or answers.

"Que piada 🤬" quoting the airline's "Voo LA3040 cancelado" says nothing on its own: the desk
needs the quoted post (and its author) beside it, as Reddit's comments carry their post's
title. X gives the quoted or answered post only with `expansions=referenced_tweets.id`; one
that was deleted or whose author is suspended comes back as an error object in a 200 answer,
which must not cost the page.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from listener.x import XSource
from tests.fakes._base import FakeAPI
from tests.fakes.x import MENTIONS, SEARCH, XFake
from tests.platforms.helpers import FakeClock, once, started


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def fake(clock: FakeClock) -> AsyncIterator[XFake]:
    async with FakeAPI() as api:
        yield XFake(api, clock=clock)
    assert not api.unexpected, f"unexpected requests: {api.unexpected}"


def _source(fake: XFake, clock: FakeClock) -> XSource:
    return XSource(
        name="x",
        bearer_token="tok",
        query="lumora",
        username="lumora",
        base_url=fake.base_url,
        page_size=10,
        clock=clock,
    )


async def test_a_quote_keeps_the_quoted_post_as_context(fake: XFake, clock: FakeClock) -> None:
    source = _source(fake, clock)
    cursor = await started(source, clock)
    notice = fake.publish(
        "Voo LA3040 São Paulo–Lisboa cancelado por manutenção. Remarcação sem custo ✈️",
        author="lumora",
        search=False,
        mention=False,
    )
    quote = fake.publish(
        "@lumora Que piada 🤬 terceira vez este mês", author="joana", quote_of=notice
    )
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [quote["id"]]
    mention = run.mentions[0]
    assert mention.on_title == (
        "@lumora: Voo LA3040 São Paulo–Lisboa cancelado por manutenção. Remarcação sem custo ✈️"
    )
    assert mention.text.startswith("@lumora Que piada 🤬 terceira vez este mês")
    assert mention.text.endswith(f"↪️ https://x.com/lumora/status/{notice['id']}")
    asked = fake.api.calls(MENTIONS)[-1].query["expansions"].split(",")
    assert "referenced_tweets.id" in asked


async def test_a_reply_is_read_with_the_post_it_answers(fake: XFake, clock: FakeClock) -> None:
    source = _source(fake, clock)
    cursor = await started(source, clock)
    ours = fake.publish("Lumora: atrasos em GRU hoje, veja seu voo no app", author="lumora")
    fake.in_search.discard(ours["id"])
    fake.in_mentions.discard(ours["id"])
    first = fake.publish("@lumora minha mala sumiu", author="rui", reply_to=ours)
    second = fake.publish("@lumora @rui a minha também!", author="bea", reply_to=first)
    run = await once(source, cursor, clock=clock)
    await source.close()
    by_id = {m.external_id: m for m in run.mentions}
    assert set(by_id) == {first["id"], second["id"]}
    assert by_id[first["id"]].parent_id == ours["id"]
    assert by_id[second["id"]].parent_id == first["id"]
    assert {m.thread_id for m in run.mentions} == {ours["id"]}  # one conversation
    assert by_id[second["id"]].on_title == "@rui: @lumora minha mala sumiu"
    assert by_id[first["id"]].text == "@lumora minha mala sumiu"  # a reply adds no line


async def test_a_deleted_quoted_post_does_not_cost_the_page(fake: XFake, clock: FakeClock) -> None:
    source = _source(fake, clock)
    cursor = await started(source, clock)
    gone = fake.publish("lumora promo", author="spam", search=False, mention=False)
    quote = fake.publish("@lumora isso é golpe?", author="caio", quote_of=gone)
    other = fake.publish("@lumora obrigado pelo atendimento 💙", author="lia")
    fake.delete(gone["id"])  # the answer now carries a resource-not-found error object
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert sorted(run.ids) == sorted([quote["id"], other["id"]])
    quoting = next(m for m in run.mentions if m.external_id == quote["id"])
    assert quoting.on_title is None
    assert quoting.text == f"@lumora isso é golpe?\n↪️ https://x.com/i/status/{gone['id']}"
    assert fake.api.calls(SEARCH), "search was read"


async def test_a_long_quoted_post_is_read_whole(fake: XFake, clock: FakeClock) -> None:
    source = _source(fake, clock)
    cursor = await started(source, clock)
    long = "Comunicado: " + "remarcações gratuitas para voos de dezembro. " * 8 + "FIM"
    notice = fake.publish(long, author="lumora", search=False, mention=False)
    fake.publish("@lumora e o reembolso?", author="edu", quote_of=notice, search=False)
    run = await once(source, cursor, clock=clock)
    await source.close()
    title = run.mentions[0].on_title or ""
    # From note_tweet's whole text (cut to a title's 300), not X's `text` cut at 270.
    assert title.startswith("@lumora: Comunicado: remarcações gratuitas")
    assert len(title) > 280
