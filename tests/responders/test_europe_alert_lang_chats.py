"""A Lisbon team's playbook answers an Italian post from its pt-PT templates; agents approve from
the chat alert on their phones. Every chat says, above the draft, that it is not in the author's
language (as the desk's case page and queue do), in `[routing] language`, escaped like the rest;
a draft in the author's language, or for a post too short to tell, says nothing."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from typing import Any

import pytest

from mentiondesk.alert_wording import wording_for
from mentiondesk.models import OutboxAction, Wording
from responders.console import ConsoleResponder
from responders.discord import DiscordResponder
from responders.mattermost import MattermostResponder
from responders.teams import TeamsResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import action, reading
from tests.responders.slack_helpers import slack_responder

SAYS = {
    "en": "Draft in European Portuguese — the author wrote in Italian",
    "pt-BR": "Rascunho em português europeu — a pessoa escreveu em italiano",
    "pt-PT": "Rascunho em português europeu — a pessoa escreveu em italiano",
}
HEADING = {"en": "Drafted reply", "pt-BR": "Rascunho de resposta", "pt-PT": "Rascunho de resposta"}


def italian(lang: str = "it", draft_lang: str | None = "pt-PT", target: str = "slack") -> Any:
    """An Italian complaint whose draft came from the team's pt-PT templates."""
    alert = action("il mio ordine non è arrivato", target=target)
    ctx = replace(alert.context, reading=replace(reading(), lang=lang), draft_lang=draft_lang)
    return replace(alert, context=replace(ctx, draft_text="Olá, lamentamos o atraso."))


async def _webhooks(hooks: FakeAPI, alert: OutboxAction, wording: Wording) -> dict[str, str]:
    """What Teams, Discord and Mattermost were sent for `alert`, as text."""
    base = hooks.base_url
    for sink in (
        TeamsResponder("teams", url=base + webhooks.TEAMS, wording=wording),
        DiscordResponder("discord", url=base + webhooks.DISCORD, wording=wording),
        MattermostResponder("mattermost", url=base + webhooks.MATTERMOST, wording=wording),
    ):
        await sink.deliver(replace(alert, target=sink.name))
        await sink.close()
    card = hooks.calls(webhooks.TEAMS)[-1].json()["attachments"][0]["content"]["body"]
    return {
        "teams": "\n".join("".join(run["text"] for run in b.get("inlines", [])) for b in card),
        "discord": hooks.calls(webhooks.DISCORD)[-1].json()["content"],
        "mattermost": hooks.calls(webhooks.MATTERMOST)[-1].json()["text"],
    }


async def _slack(fake_api: FakeAPI, alert: OutboxAction, wording: Wording) -> list[str]:
    """The Slack card's section texts, as posted through slack_sdk."""
    fake = SlackFake(fake_api)
    slack = slack_responder(fake, wording)
    await slack.deliver(alert)
    await slack.close()
    blocks = fake.posted()[-1]["blocks"]
    return [str(b["text"]["text"]) for b in blocks if b["type"] == "section"]


async def _console(alert: OutboxAction) -> str:
    """The line the console printed for `alert`."""
    out = io.StringIO()
    await ConsoleResponder(out=out, width=400).deliver(alert)
    return out.getvalue().rstrip("\n")


@pytest.mark.parametrize("language", list(SAYS))
async def test_each_chat_says_it_above_the_draft(
    fake_api: FakeAPI, hooks: FakeAPI, language: str
) -> None:
    wording, said = wording_for(language, "Europe/Lisbon"), SAYS[language]
    sections = await _slack(fake_api, italian(), wording)
    at = sections.index(f"*{said}*")
    assert sections[at + 1].startswith(f"*{HEADING[language]}:*\n")  # right above the draft
    sent = await _webhooks(hooks, italian(), wording)
    assert f"{said}\n{HEADING[language]}: Olá" in sent["teams"]  # a block a line
    assert f"\n**{said}**\n{'Draft' if language == 'en' else 'Rascunho'}: Olá" in sent["discord"]
    assert f"\n**{said}**\n{'Draft' if language == 'en' else 'Rascunho'}: Olá" in sent["mattermost"]


async def test_the_console_says_it_in_english() -> None:
    """The console writes English whatever `[routing] language` says (docs)."""
    assert (await _console(italian())).endswith(
        f"[it]: “il mio ordine non è arrivato” {SAYS['en']}"
    )


@pytest.mark.parametrize(
    ("lang", "draft_lang"),
    [("pt", "pt-PT"), ("pt", "pt"), ("und", "pt-PT"), ("en", "en"), ("it", None)],
)
async def test_nothing_is_said_of_a_draft_in_their_language(
    fake_api: FakeAPI, hooks: FakeAPI, lang: str, draft_lang: str | None
) -> None:
    """Brazil's and Portugal's Portuguese read each other; a post too short to tell (`und`) is
    most likely the team's own; an alert queued before drafts said their language knows none."""
    alert, pt = italian(lang, draft_lang), wording_for("pt-PT", "Europe/Lisbon")
    shown = [*await _slack(fake_api, alert, pt), *(await _webhooks(hooks, alert, pt)).values()]
    assert not any("a pessoa escreveu" in text for text in shown)
    assert "the author wrote" not in await _console(alert)


async def test_an_unnamed_tag_is_escaped_as_mention_text(fake_api: FakeAPI, hooks: FakeAPI) -> None:
    """A language no catalogue names is shown as it came (a platform's own tag, stored before
    tags were checked): it must ping no one."""
    alert = italian(lang="<!channel> @everyone")
    slack = await _slack(fake_api, alert, wording_for("pt-BR", "UTC"))
    assert "*Rascunho em português europeu — a pessoa escreveu em &lt;!channel&gt; @everyone*" in (
        slack
    )
    sent = await _webhooks(hooks, alert, wording_for("pt-BR", "UTC"))
    assert "\\<!channel\\> @\u200beveryone" in sent["discord"]
    assert "<!channel>" not in sent["mattermost"] and "@everyone" not in sent["mattermost"]
    assert "\x1b" not in await _console(italian(lang="it\x1b[31m"))
    assert json.dumps(sent, ensure_ascii=False).count("português europeu") == 3
