"""The Mattermost alert as Markdown renders it: the quoted mention ends where the mention does.
Markdown carries a `> ` quote on over the lines after it (lazy continuation), so the draft
and the "Open in desk" link rendered inside the customer's quote, as if they had written
them. Rendered with markdown-it-py (CommonMark, as Mattermost's renderer follows it) after
the rewrite Mattermost's server applies to every webhook text (`<url|text>` to `[text](url)`,
server/channels/app/webhook.go), so hostile text must stay inert through both."""

from __future__ import annotations

import re
from dataclasses import replace

from markdown_it import MarkdownIt

from mentiondesk.alert_wording import wording_for
from mentiondesk.models import ENGLISH, OutboxAction, Wording
from responders.mattermost import MattermostResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.responders._data import action

PAGE = "https://desk.example.com/cases/7"
HOSTILE = "see <https://evil.example|click> [x](http://e) **b** <http://a|b> > not a quote"
# What Mattermost does to a webhook's text before posting it (linkWithTextRegex).
_SLACK_LINK = re.compile(r"<([^\n<|>]+)\|([^|\n>]+)>")


def _alert(text: str = HOSTILE, page: str | None = PAGE) -> OutboxAction:
    alert = action(text)
    return replace(alert, context=replace(alert.context, case_url=page))


async def _rendered(hooks: FakeAPI, alert: OutboxAction, wording: Wording = ENGLISH) -> str:
    sink = MattermostResponder("mm", url=hooks.base_url + webhooks.MATTERMOST, wording=wording)
    await sink.deliver(alert)
    await sink.close()
    posted = hooks.calls(webhooks.MATTERMOST)[-1].json()["text"]
    return MarkdownIt("commonmark").render(_SLACK_LINK.sub(r"[\2](\1)", posted))


def _quote(html: str) -> str:
    found = re.findall(r"<blockquote>(.*?)</blockquote>", html, re.DOTALL)
    assert len(found) == 1, html
    return str(found[0])


async def test_the_draft_and_the_desk_link_are_not_inside_the_quote(hooks: FakeAPI) -> None:
    html = await _rendered(hooks, _alert())
    quote = _quote(html)
    assert "not a quote" in quote
    assert "Draft:" not in quote and "Open in desk" not in quote
    after = html.split("</blockquote>")[1]
    assert "Draft: Sorry" in after and f'<a href="{PAGE}">Open in desk</a>' in after


async def test_in_portuguese_too(hooks: FakeAPI) -> None:
    for language in ("pt-BR", "pt-PT"):
        html = await _rendered(hooks, _alert(), wording_for(language, "UTC"))
        quote = _quote(html)
        assert "Rascunho:" not in quote and "Abrir no atendimento" not in quote
        assert f'<a href="{PAGE}">Abrir no atendimento</a>' in html.split("</blockquote>")[1]


async def test_hostile_text_stays_inert_through_mattermosts_rewrite(hooks: FakeAPI) -> None:
    html = await _rendered(hooks, _alert())
    assert re.findall(r'<a href="([^"]*)"', html) == [PAGE]  # the desk's link, no other
    assert re.findall(r"<strong>(.*?)</strong>", html) == ["MD-000007"]
    assert "<em>" not in html and "<code>" not in html


async def test_an_alert_with_nothing_after_the_quote_ends_with_it(hooks: FakeAPI) -> None:
    alert = _alert(page=None)
    alert = replace(alert, context=replace(alert.context, draft_text=None))
    html = await _rendered(hooks, alert)
    assert html.rstrip().endswith("</blockquote>")
    assert not hooks.calls(webhooks.MATTERMOST)[-1].json()["text"].endswith("\n")
