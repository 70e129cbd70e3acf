"""A Brazilian coffee brand's Mastodon, through Mastodon.py against the fake server: what the
server refuses is said plainly. A reply over the character limit is held as too long however
the server's locale words the refusal (a pt-BR or pt-PT instance answers in Portuguese), and
the listener's failures name the status as the other sources do, not Mastodon.py's tuple."""

from __future__ import annotations

import logging
from http import HTTPStatus

import pytest

from listener.mastodon import MastodonSource
from mentiondesk.held_replies import held_reason
from mentiondesk.models import FatalError, TransientError
from mentiondesk.models.mastodon import build_mastodon
from responders.mastodon_post import MastodonPostResponder
from tests.fakes.mastodon import NOTIFICATIONS, STATUSES
from tests.fakes.mastodon_wire import TOO_LONG_PT_BR, TOO_LONG_PT_PT
from tests.platforms.helpers import once, started
from tests.platforms.test_mastodon_visibility import _answer, _read

TOKEN = "/api/v1/accounts/verify_credentials"


@pytest.mark.parametrize("refused", [TOO_LONG_PT_BR, TOO_LONG_PT_PT])
async def test_a_reply_refused_as_too_long_in_portuguese_is_held_as_too_long(
    mastodon_fake, clock, refused: dict[str, str]
) -> None:
    """Mastodon writes its refusal in the account's (or the instance's default) locale: on
    a Brazilian instance "A validação falhou: Texto limite de caracteres de 500 excedido".
    The desk must still say "too long, shorten it", not an unexplained 422."""
    mastodon_fake.too_long = refused
    _, mention = await _read(mastodon_fake, clock)
    api = build_mastodon(mastodon_fake.base_url, "tok")
    responder = MastodonPostResponder("mastodon-post", api=api)
    with pytest.raises(FatalError) as held:
        await responder.deliver(_answer(mention, text="é" * 600))
    await responder.close()
    assert str(held.value) == (
        f"mastodon refused the post (422 {HTTPStatus(422).phrase}): the text is over the "
        "server's character limit; shorten it and approve it again"
    )
    assert held_reason(str(held.value)) == "too-long"
    assert "validação" not in str(held.value)  # the server's words pick the hint, unshown
    assert mastodon_fake.posted == []


def _source(fake, clock) -> MastodonSource:
    api = build_mastodon(fake.base_url, "tok")
    return MastodonSource(name="mastodon", api=api, query="", clock=clock)


@pytest.mark.parametrize(
    ("status", "body", "said", "level"),
    [
        (
            401,
            {"error": "The access token was revoked"},
            "mastodon mentions: 401 Unauthorized; check the token",
            logging.ERROR,
        ),
        (
            403,
            {"error": "Your login is currently disabled"},
            "mastodon mentions: 403 Forbidden; check the token's scopes (read) and that the "
            "account is not disabled or suspended on its server",
            logging.ERROR,
        ),
        (
            503,
            {"error": "Mastodon is down for maintenance"},
            "mastodon mentions: 503 Service Unavailable",
            logging.WARNING,
        ),
    ],
)
async def test_a_refused_read_is_logged_by_its_status(
    mastodon_fake, clock, caplog, status: int, body: dict[str, str], said: str, level: int
) -> None:
    source = _source(mastodon_fake, clock)
    cursor = await started(source, clock)
    mastodon_fake.mention("@lumora o café chegou frio")
    mastodon_fake.fail(NOTIFICATIONS, status, body)
    with caplog.at_level(logging.WARNING, logger="listener"):
        await once(source, cursor, clock=clock)
    await source.close()
    first = next(r for r in caplog.records if r.levelno >= logging.WARNING)
    assert first.levelno == level
    assert said in first.getMessage()
    assert "Mastodon API returned error" not in caplog.text
    assert "Mastodon" not in first.getMessage().replace("mastodon", "")  # no class name


async def test_sources_check_says_a_disabled_account_plainly(mastodon_fake, clock) -> None:
    mastodon_fake.fail(TOKEN, 403, {"error": "Your login is currently disabled"})
    source = _source(mastodon_fake, clock)
    status = await source.check()
    await source.close()
    assert not status.ok
    assert "403 Forbidden" in status.detail and "suspended" in status.detail
    assert "(" not in status.detail.split(";")[0]  # no Python tuple


async def test_a_post_refused_for_the_account_or_token_is_held_as_set_up(
    mastodon_fake, clock
) -> None:
    """A 403 on posting is the token's scopes or the brand's account (disabled, suspended,
    unconfirmed): the desk shows it as a set-up problem, not an unexplained refusal."""
    _, mention = await _read(mastodon_fake, clock)
    mastodon_fake.fail(STATUSES, 403, {"error": "Your login is currently disabled"}, method="POST")
    responder = MastodonPostResponder(
        "mastodon-post", api=build_mastodon(mastodon_fake.base_url, "tok")
    )
    with pytest.raises(FatalError) as held:
        await responder.deliver(_answer(mention))
    await responder.close()
    assert str(held.value) == (
        "mastodon refused the post (403 Forbidden): check the token's scopes (write:statuses) "
        "and that the brand's account is not disabled or suspended on its server"
    )
    assert held_reason(str(held.value)) == "setup"


async def test_a_server_failure_on_posting_is_said_by_its_status(mastodon_fake, clock) -> None:
    _, mention = await _read(mastodon_fake, clock)
    mastodon_fake.fail(STATUSES, 503, {"error": "Mastodon is down"}, method="POST")
    responder = MastodonPostResponder(
        "mastodon-post", api=build_mastodon(mastodon_fake.base_url, "tok")
    )
    with pytest.raises(TransientError) as failed:
        await responder.deliver(_answer(mention))
    await responder.close()
    assert str(failed.value) == "mastodon posting: 503 Service Unavailable"


async def test_responders_check_says_a_disabled_account_plainly(mastodon_fake) -> None:
    mastodon_fake.fail(TOKEN, 403, {"error": "Your login is currently disabled"})
    responder = MastodonPostResponder(
        "mastodon-post", api=build_mastodon(mastodon_fake.base_url, "tok")
    )
    with pytest.raises(FatalError) as refused:
        await responder.check()
    await responder.close()
    assert str(refused.value) == (
        "mastodon: 403 Forbidden; check the token's scopes (profile or read:accounts) and that "
        "the brand's account is not disabled or suspended on its server"
    )
