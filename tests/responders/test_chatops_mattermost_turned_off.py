"""The sister team's Mattermost admin turns incoming webhooks off: the server answers 501 to
every post. That refuses the sink as a whole (held together, one error line, what comes
later held untried), saying it is the server's setting, not the URL's nor the channel's.
Through aiohttp to a fake answering as Mattermost's server does (HandleIncomingWebhook)."""

from __future__ import annotations

from mentiondesk.models import SinkRefused
from responders.mattermost import MattermostResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.responders._data import action


async def test_webhooks_turned_off_refuse_the_sink_naming_the_servers_setting(
    fake_api: FakeAPI,
) -> None:
    hook = webhooks.MattermostHook(turned_off=True)
    webhooks.install(fake_api, hook)
    url = fake_api.base_url + webhooks.MATTERMOST
    sink = MattermostResponder("mm", url=url, channel="support", url_env="MM_HOOK")
    try:
        refused: Exception | None = None
        try:
            await sink.deliver(action())
        except Exception as exc:  # what it raised is what is checked
            refused = exc
    finally:
        await sink.close()
    assert isinstance(refused, SinkRefused)
    said = str(refused)
    assert said.startswith("mattermost answered 501: incoming webhooks are turned off")
    assert "turn on Enable Incoming Webhooks" in said
    assert "MM_HOOK" not in said and "channel =" not in said  # neither is at fault
    assert hook.posted_to == []
