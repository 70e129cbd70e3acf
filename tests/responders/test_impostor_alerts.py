"""An alert about a possible fake support account (CaseContext.impostor_of, told at delivery)
says so in every chat, in the team's language: report it to the platform, and warn the
customer it replied to. The brand's name is escaped as mention text is."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

import pytest

from mentiondesk.alert_wording import wording_for
from mentiondesk.models import ENGLISH, OutboxAction, Wording
from responders import discord, mattermost, slack_blocks, teams
from responders.console import ConsoleResponder
from tests.docs_text import page
from tests.responders._data import action

Format = Callable[[OutboxAction, Wording], str]
FORMATS: dict[str, Format] = {
    "console": lambda a, w: ConsoleResponder(width=400).format(a),
    "slack": lambda a, w: json.dumps(slack_blocks.alert_blocks(a, w), ensure_ascii=False),
    "teams": lambda a, w: json.dumps(teams.card_body(a, w), ensure_ascii=False),
    # As the chat shows it: markdown's escaping backslashes ("\\(") read as nothing.
    "discord": lambda a, w: discord.content(a, w).replace("\\", ""),
    "mattermost": lambda a, w: mattermost.text(a, w).replace("\\", ""),
}
WARNED = "Possible fake support account (it resembles Lumora, not one of the brand's accounts)"


def _impostor(term: str = "Lumora", *, reply: bool = True) -> OutboxAction:
    alert = action("@ana_c glad to help, DM us on WhatsApp")
    mention = replace(alert.context.mention, parent_id="m0" if reply else None)
    return replace(alert, context=replace(alert.context, mention=mention, impostor_of=term))


@pytest.mark.parametrize("sink", list(FORMATS))
def test_every_chat_says_to_report_it_and_warn_the_customer(sink: str) -> None:
    said = FORMATS[sink](_impostor(), ENGLISH)
    assert WARNED in said and "report it to X and warn the customer it replied to." in said
    assert "warn the customer" not in FORMATS[sink](_impostor(reply=False), ENGLISH)
    assert "fake support" not in FORMATS[sink](action(), ENGLISH)  # anyone else: as before


@pytest.mark.parametrize("sink", [s for s in FORMATS if s != "console"])  # console: English
def test_in_the_team_s_language(sink: str) -> None:
    br = FORMATS[sink](_impostor(), wording_for("pt-BR", "UTC"))
    assert "Possível perfil falso de atendimento (lembra Lumora" in br
    assert "denuncie o perfil no X e avise a pessoa a quem ele respondeu." in br
    pt = FORMATS[sink](_impostor(), wording_for("pt-PT", "UTC"))
    assert "Possível perfil falso de apoio ao cliente (parece-se com Lumora" in pt
    assert "denuncie-o no X e avise a pessoa a quem respondeu." in pt


def test_the_readme_says_the_console_writes_english() -> None:
    """It said the warning is in the team's language, and listed the sinks that follow
    `[routing] language` without saying the console is not one."""
    playbooks = " ".join(page("docs/playbooks.md").split())
    chat = " ".join(page("docs/chat-and-helpdesks.md").split())
    assert WARNED in FORMATS["console"](_impostor(), wording_for("pt-BR", "UTC"))
    assert "in the team's language (the `console`, a stand-in for the team chat while" in playbooks
    follows = "(not the `console`, a stand-in for the team chat while trying things out: it "
    assert follows + "writes English whatever `language` says)" in chat


def test_the_brand_name_is_escaped_for_each_chat() -> None:
    hostile = _impostor("<!channel> *Lumora*")
    assert "<!channel>" not in FORMATS["slack"](hostile, ENGLISH)
    assert "@everyone" not in discord.content(_impostor("@everyone Lumora"), ENGLISH)
    assert "\x1b" not in FORMATS["console"](_impostor("Lumora\x1b[31m"), ENGLISH)
