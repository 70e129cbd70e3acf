"""A link in a hostile mention must not become one in the team's Mattermost: Mattermost links
every bare URL it sees, fetches the first from its (on-prem) server for a preview card, and
shows an image's inline on every screen. Only the desk's own link may be one."""

from __future__ import annotations

from dataclasses import replace

from responders.mattermost import MattermostResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.responders._data import action

PAGE = "https://desk.example.com/cases/7"
PHISH = (
    "Reembolso aprovado ✅ [clique aqui](http://phish.example) ![x](http://t.example/p.png) "
    "confirme em https://suporte-marca.example/login?id=1 ou www.suporte-marca.example hoje "
    "<https://evil.example|click> javascript:alert(1) HTTPS://GRITO.example"
)


async def _posted(hooks: FakeAPI, text: str) -> str:
    alert = action(text)
    alert = replace(alert, context=replace(alert.context, case_url=PAGE))
    sink = MattermostResponder("mm", url=hooks.base_url + webhooks.MATTERMOST)
    try:
        await sink.deliver(alert)
    finally:
        await sink.close()
    return str(hooks.calls(webhooks.MATTERMOST)[-1].json()["text"])


async def test_only_the_desk_link_is_a_link(hooks: FakeAPI) -> None:
    posted = await _posted(hooks, PHISH)
    assert webhooks.mattermost_links(posted) == [PAGE]


async def test_the_urls_are_still_there_to_read(hooks: FakeAPI) -> None:
    quote = (await _posted(hooks, PHISH)).split("\n")[1].replace("\u200b", "")
    assert r"confirme em https://suporte\-marca.example/login?id=1 ou www.suporte\-" in quote


async def test_a_digest_links_nothing_either(hooks: FakeAPI) -> None:
    digest = replace(action(kind="alert"), text=f"support: 1 mention\n• @ana: {PHISH}")
    digest = replace(digest, extra={"digest": 1})
    sink = MattermostResponder("mm", url=hooks.base_url + webhooks.MATTERMOST)
    try:
        await sink.deliver(digest)
    finally:
        await sink.close()
    assert webhooks.mattermost_links(hooks.calls(webhooks.MATTERMOST)[-1].json()["text"]) == []


def test_the_fake_links_bare_urls_as_mattermost_does() -> None:
    said = "a https://a.example/x b www.b.example [c](http://c.example) ![d](http://d.example)"
    assert sorted(webhooks.mattermost_links(said)) == [
        "http://c.example",
        "http://d.example",
        "https://a.example/x",
        "www.b.example",
    ]
