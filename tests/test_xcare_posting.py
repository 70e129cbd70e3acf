"""An airline's X care desk posting replies and DMs, through tweepy against the fake X.

What would hurt her team: a DM to a customer whose settings refuse it held with no reason a
person can act on; a reply X will refuse as too long sent anyway (spending the day's post
cap) instead of held with its length as X counts it; a retry that posts a pt-BR reply twice
because X's copy writes "ã" composed where the draft had it decomposed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import AsyncIterator

import pytest

from mentiondesk.held_reasons import held_reason
from mentiondesk.models import FatalError
from tests.fakes._base import FakeAPI
from tests.fakes.x import POST, XFake
from tests.platforms.helpers import FakeClock
from tests.platforms.posting import post_action, poster


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def fake(clock: FakeClock) -> AsyncIterator[XFake]:
    async with FakeAPI() as api:
        yield XFake(api, clock=clock)
    assert not api.unexpected, f"unexpected requests: {api.unexpected}"


@pytest.mark.parametrize("setting", ["followers", "closed", "verified"])
async def test_a_dm_the_author_does_not_take_is_held_saying_reply_publicly(
    fake: XFake, setting: str
) -> None:
    tweet = fake.publish("@lumora perdi a conexão em GRU, me ajudem", author="marina")
    fake.close_dms(tweet["author_id"], setting)
    responder = poster("x", fake.base_url)
    action = post_action(
        "x",
        tweet["id"],
        author_id=tweet["author_id"],
        handle="marina",
        private=True,
        text="Olá, Marina! Pode nos enviar o localizador por aqui? 💙",
    )
    with pytest.raises(FatalError) as held:
        await responder.deliver(action)
    await responder.close()
    assert fake.dms == []
    assert "reply publicly instead" in str(held.value)
    assert held_reason(str(held.value)) == "dms-closed"


# 141 pt-BR characters and 70 emoji: 141 + 70 * 2 = 281 as X counts (twitter-text v3).
_ACCENTED = ("Sentimos muito pelo atraso do voo, João. " * 4)[:141]
_LONG = [
    _ACCENTED + "✈" * 70,
    # A link is 23 whatever its length: 258 letters and one 23 is 281.
    "a" * 257 + " https://lumora.example/ajuda",
    # CJK weighs 2 a character: 141 of them are 282.
    "東" * 141,
]


@pytest.mark.parametrize("text", _LONG)
async def test_a_reply_too_long_as_x_counts_is_held_before_posting(fake: XFake, text: str) -> None:
    tweet = fake.publish("@lumora cadê minha mala?", author="joao")
    responder = poster("x", fake.base_url)
    with pytest.raises(FatalError) as held:
        await responder.deliver(post_action("x", tweet["id"], text=text))
    await responder.close()
    assert fake.api.calls(POST) == []  # not sent: X would refuse it, and it spends the cap
    said = str(held.value)
    assert "as X counts it" in said and "X allows 280" in said
    assert held_reason(said) == "too-long"


@pytest.mark.parametrize(
    "text",
    [
        "Olá! " + "😀" * 137,  # 5 + 137 * 2 = 279
        "Oi! " + "👍🏽" * 138,  # an emoji with its skin tone is one emoji to X: 4 + 276
        "👨‍👩‍👧" * 140,  # a family (joined by ZWJ) too: 280
        "a" * 256 + " https://lumora.example/" + "x" * 60,  # 257 + 23
        "Ação " * 56,  # 280, pt-BR accents weigh 1
        "a" * 256 + " lumora.com.br/ajuda/voos-cancelados-dezembro-2026",  # a bare link: 257 + 23
    ],
)
async def test_a_reply_that_fits_as_x_counts_is_posted(fake: XFake, text: str) -> None:
    tweet = fake.publish("@lumora cadê minha mala?", author="joao")
    responder = poster("x", fake.base_url)
    receipt = await responder.deliver(post_action("x", tweet["id"], text=text))
    await responder.close()
    assert receipt.ref == fake.posted[0]["id"]


async def test_a_retry_finds_the_reply_x_keeps_composed(fake: XFake, clock: FakeClock) -> None:
    tweet = fake.publish("@lumora voo atrasado de novo", author="ana")
    draft = unicodedata.normalize(
        "NFD", "Olá, Ana! Já remarcamos sua conexão. Confirmação no e-mail 💙"
    )
    # An earlier attempt reached X, which keeps text composed (NFC), then the worker died.
    fake.tweeted(unicodedata.normalize("NFC", draft), reply_to=tweet["id"])
    responder = poster("x", fake.base_url)
    again = post_action("x", tweet["id"], text=draft, attempt=2)
    receipt = await responder.deliver(again)
    await responder.close()
    assert len(fake.posted) == 1
    assert receipt.ref == fake.posted[0]["id"]
